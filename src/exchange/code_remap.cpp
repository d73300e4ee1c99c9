#include "exchange/code_remap.h"

#include <charconv>
#include <optional>

namespace porpoise::exchange {
namespace {

using Json = nlohmann::json;

std::optional<int64_t> asCode(const Json& v) {
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    int64_t out = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc() && p == s.data() + s.size() && !s.empty()) return out;
  }
  return std::nullopt;
}

// Replaces a scalar code (or each element of an array of codes), keeping the JSON type.
void remapValue(Json& v, const CodeMap& map) {
  if (v.is_array()) {
    for (auto& e : v) remapValue(e, map);
    return;
  }
  auto code = asCode(v);
  if (!code) return;
  auto it = map.find(*code);
  if (it == map.end()) return;
  if (v.is_string())
    v = std::to_string(it->second);
  else
    v = it->second;
}

void remapKey(Json& obj, const char* key, const CodeMap& map) {
  if (obj.is_object() && obj.contains(key)) remapValue(obj[key], map);
}

template <typename F>
void forEachDependItem(Json& params, F&& f) {
  auto dependence = params.find("dependence");
  if (dependence == params.end() || !dependence->is_object()) return;
  auto list = dependence->find("dependTaskList");
  if (list == dependence->end() || !list->is_array()) return;
  for (auto& group : *list) {
    if (!group.is_object() || !group.contains("dependItemList") || !group["dependItemList"].is_array()) continue;
    for (auto& item : group["dependItemList"])
      if (item.is_object()) f(item);
  }
}

}  // namespace

void remapTaskParams(const std::string& taskType, Json& params, const CodeMaps& maps) {
  if (!params.is_object()) return;
  if (taskType == "SWITCH" && params.contains("switchResult") && params["switchResult"].is_object()) {
    auto& sr = params["switchResult"];
    if (sr.contains("dependTaskList") && sr["dependTaskList"].is_array())
      for (auto& branch : sr["dependTaskList"]) remapKey(branch, "nextNode", maps.tasks);
    remapKey(sr, "nextNode", maps.tasks);
  } else if (taskType == "CONDITIONS") {
    if (params.contains("conditionResult") && params["conditionResult"].is_object()) {
      remapKey(params["conditionResult"], "successNode", maps.tasks);
      remapKey(params["conditionResult"], "failedNode", maps.tasks);
    }
    forEachDependItem(params, [&](Json& item) { remapKey(item, "depTaskCode", maps.tasks); });
  } else if (taskType == "SUB_PROCESS" || taskType == "SUB_WORKFLOW") {
    remapKey(params, "processDefinitionCode", maps.workflows);
    remapKey(params, "workflowDefinitionCode", maps.workflows);
  } else if (taskType == "DEPENDENT") {
    forEachDependItem(params, [&](Json& item) {
      auto def = item.contains("definitionCode") ? asCode(item["definitionCode"]) : std::nullopt;
      // Only references to workflows of the same file are rewritten; others point elsewhere.
      if (def && maps.workflows.count(*def)) {
        remapKey(item, "definitionCode", maps.workflows);
        remapKey(item, "depTaskCode", maps.tasks);
        remapKey(item, "projectCode", maps.projects);
      }
    });
  }
}

std::string remapLocations(const std::string& locations, const CodeMap& taskCodes) {
  if (locations.empty()) return locations;
  Json parsed = Json::parse(locations, nullptr, false);
  if (!parsed.is_array()) return "";
  Json out = Json::array();
  for (auto& loc : parsed) {
    if (!loc.is_object() || !loc.contains("taskCode")) continue;
    auto code = asCode(loc["taskCode"]);
    if (!code || !taskCodes.count(*code)) continue;
    loc["taskCode"] = taskCodes.at(*code);
    out.push_back(loc);
  }
  return out.dump();
}

}  // namespace porpoise::exchange
