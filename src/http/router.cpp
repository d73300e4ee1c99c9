#include "http/router.h"

#include "util/strings.h"

namespace porpoise::http {
namespace {

std::vector<std::string> segmentsOf(const std::string& path) { return util::split(path, '/', true); }

// Ranking key: literal segments are preferred position by position.
bool morePreciseThan(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    bool la = a[i].empty() || a[i][0] != '{';
    bool lb = b[i].empty() || b[i][0] != '{';
    if (la != lb) return la;
  }
  return false;
}

}  // namespace

void Router::add(const std::string& method, const std::string& pattern, Handler handler) {
  routes_.push_back({method, segmentsOf(pattern), std::move(handler)});
}

bool Router::matches(const Route& r, const std::vector<std::string>& segs, std::map<std::string, std::string>* out) {
  if (r.segments.size() != segs.size()) return false;
  for (size_t i = 0; i < segs.size(); ++i) {
    const auto& p = r.segments[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (out) (*out)[p.substr(1, p.size() - 2)] = segs[i];
    } else if (p != segs[i]) {
      return false;
    }
  }
  return true;
}

const Handler* Router::match(Request& req) const {
  auto segs = segmentsOf(req.path);
  const Route* best = nullptr;
  for (const auto& r : routes_) {
    if (r.method != req.method || !matches(r, segs, nullptr)) continue;
    if (!best || morePreciseThan(r.segments, best->segments)) best = &r;
  }
  if (!best) return nullptr;
  req.pathParams.clear();
  matches(*best, segs, &req.pathParams);
  return &best->handler;
}

bool Router::pathExists(const std::string& path) const {
  auto segs = segmentsOf(path);
  for (const auto& r : routes_)
    if (matches(r, segs, nullptr)) return true;
  return false;
}

}  // namespace porpoise::http
