#include "params/placeholder.h"

#include <set>

#include "params/param_error.h"

namespace porpoise::params {
namespace {

constexpr int kMaxDepth = 100;
constexpr size_t kMaxResultBytes = size_t{64} << 20;
constexpr size_t kMaxPlaceholders = 1'000'000;

// Index of the "}" closing the placeholder whose name starts at `from`, or npos.
size_t findClosingBrace(std::string_view text, size_t from) {
  int open = 0;
  for (size_t i = from; i < text.size(); ++i) {
    if (text[i] == '{') {
      ++open;
    } else if (text[i] == '}') {
      if (open == 0) return i;
      --open;
    }
  }
  return std::string_view::npos;
}

class Expander {
 public:
  explicit Expander(const ParamMap& params) : params_(params) {}

  // Expands `text`; names in `expanding_` are kept verbatim.
  std::string expand(std::string_view text, int depth) {
    if (depth > kMaxDepth) throw ParamError("placeholders nested more than 100 levels deep");
    std::string out;
    size_t pos = 0;
    for (;;) {
      size_t start = text.find("${", pos);
      if (start == std::string_view::npos) break;
      size_t end = findClosingBrace(text, start + 2);
      if (end == std::string_view::npos) break;
      append(out, text.substr(pos, start - pos));
      if (++placeholders_ > kMaxPlaceholders) throw ParamError("more than a million placeholders to expand");
      std::string name = expand(text.substr(start + 2, end - start - 2), depth + 1);
      auto found = params_.find(name);
      if (found == params_.end() || expanding_.count(name) > 0) {
        append(out, text.substr(start, end - start + 1));
      } else {
        append(out, expandValueOf(name, found->second, depth + 1));
      }
      pos = end + 1;
    }
    append(out, text.substr(pos));
    return out;
  }

  std::string expandValueOf(const std::string& name, const std::string& value, int depth) {
    expanding_.insert(name);
    std::string result = expand(value, depth);
    expanding_.erase(name);
    return result;
  }

 private:
  void append(std::string& out, std::string_view piece) {
    produced_ += piece.size();
    if (produced_ > kMaxResultBytes || out.size() + piece.size() > kMaxResultBytes) {
      throw ParamError("placeholder expansion exceeds 64 MiB");
    }
    out.append(piece);
  }

  const ParamMap& params_;
  std::set<std::string> expanding_;
  // Work done at every level, to stop exponential blow-ups such as a=${b}${b}, b=${c}${c}, ...
  size_t produced_ = 0;
  size_t placeholders_ = 0;
};

}  // namespace

std::string replacePlaceholders(std::string_view text, const ParamMap& params) {
  return Expander(params).expand(text, 0);
}

std::string expandParam(const std::string& name, const ParamMap& params) {
  auto found = params.find(name);
  if (found == params.end()) throw ParamError("unknown parameter '" + name + "'");
  return Expander(params).expandValueOf(name, found->second, 0);
}

std::string substitute(std::string_view text, const ParamMap& params, const TimeBase& base,
                       const SubstituteOptions& options) {
  return replaceTimeExpressions(replacePlaceholders(text, params), base, options.onBadTimeExpression);
}

std::function<std::string(const std::string&)> makeSubstituter(ParamMap params, TimeBase base,
                                                                SubstituteOptions options) {
  return [params = std::move(params), base = std::move(base), options](const std::string& text) {
    return substitute(text, params, base, options);
  };
}

}  // namespace porpoise::params
