#include "params/out_params.h"

#include "util/strings.h"

namespace porpoise::params {
namespace {

constexpr std::string_view kMarkerBody = "{setValue(";
constexpr std::string_view kTerminator = ")}";

bool isOutput(const model::Property& p) { return util::toUpper(util::trim(p.direct)) == "OUT"; }

}  // namespace

std::vector<SetValue> parseSetValues(std::string_view text) {
  std::vector<SetValue> found;
  size_t pos = 0;
  for (;;) {
    size_t body = text.find(kMarkerBody, pos);
    if (body == std::string_view::npos) break;
    pos = body + 1;
    if (body == 0 || (text[body - 1] != '$' && text[body - 1] != '#')) continue;
    size_t start = body + kMarkerBody.size();
    size_t lineEnd = text.find('\n', start);
    size_t end = text.find(kTerminator, start);
    if (end == std::string_view::npos || (lineEnd != std::string_view::npos && end > lineEnd)) continue;
    // Another marker before the terminator: this one is unterminated, the next one may be fine.
    size_t nextMarker = text.find(kMarkerBody, start);
    if (nextMarker != std::string_view::npos && nextMarker < end) continue;
    std::string_view pair = text.substr(start, end - start);
    pos = end + kTerminator.size();
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key = util::trim(pair.substr(0, eq));
    if (key.empty()) continue;
    found.push_back(SetValue{key, std::string(pair.substr(eq + 1))});
  }
  return found;
}

std::vector<model::Property> collectOutParams(const std::vector<model::Property>& declaredLocalParams,
                                              const std::vector<SetValue>& captured) {
  std::vector<model::Property> out;
  for (const auto& declared : declaredLocalParams) {
    if (!isOutput(declared) || declared.prop.empty()) continue;
    model::Property result{declared.prop, "OUT", declared.type, declared.value};
    if (captured.empty()) {
      out.push_back(result);
      continue;
    }
    const SetValue* last = nullptr;
    for (const auto& c : captured) {
      if (c.key == declared.prop) last = &c;
    }
    if (last == nullptr || last->value.empty()) continue;
    result.value = last->value;
    out.push_back(result);
  }
  return out;
}

}  // namespace porpoise::params
