#include "engine/command_param.h"

#include <nlohmann/json.hpp>

#include "params/param_error.h"
#include "params/param_resolver.h"
#include "util/strings.h"

namespace porpoise::engine {

using Json = nlohmann::json;

std::string writeCommandParam(const CommandParams& p) {
  Json j = Json::object();
  if (!p.startNodes.empty()) {
    std::vector<std::string> codes;
    for (int64_t c : p.startNodes) codes.push_back(std::to_string(c));
    j["StartNodeList"] = util::join(codes, ",");
  }
  if (!p.startParams.empty()) {
    Json sp = Json::object();
    for (const auto& [k, v] : p.startParams) sp[k] = v;
    j["StartParams"] = sp.dump();
  }
  if (!p.complementDates.empty()) {
    std::vector<std::string> dates;
    for (auto t : p.complementDates) dates.push_back(util::formatDateTime(t, "UTC"));
    j["complementScheduleDateList"] = util::join(dates, ",");
  }
  if (!p.timezone.empty()) j["schedule_timezone"] = p.timezone;
  return j.dump();
}

CommandParams readCommandParam(const std::string& text) {
  CommandParams p;
  Json j = Json::parse(text, nullptr, false);
  if (!j.is_object()) return p;
  if (auto it = j.find("StartNodeList"); it != j.end() && it->is_string())
    for (const auto& part : util::split(it->get<std::string>(), ','))
      if (auto code = util::parseInt64(util::trim(part))) p.startNodes.push_back(*code);
  if (auto it = j.find("StartParams"); it != j.end()) {
    try {
      p.startParams = params::parseStartParams(it->is_string() ? it->get<std::string>() : it->dump());
    } catch (const params::ParamError&) {
    }
  }
  if (auto it = j.find("complementScheduleDateList"); it != j.end() && it->is_string())
    for (const auto& part : util::split(it->get<std::string>(), ','))
      if (auto t = util::parseDateTime(util::trim(part), "UTC")) p.complementDates.push_back(*t);
  if (auto it = j.find("schedule_timezone"); it != j.end() && it->is_string()) p.timezone = it->get<std::string>();
  return p;
}

}  // namespace porpoise::engine
