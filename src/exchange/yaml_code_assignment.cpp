#include "exchange/yaml_code_assignment.h"

#include <map>
#include <set>
#include <stdexcept>

namespace porpoise::exchange {

namespace {

// Rewrites a code held as a number (or a numeric string, as DolphinScheduler also accepts).
void remapCode(Json& value, const std::map<int64_t, int64_t>& codes) {
  if (value.is_number_integer()) {
    if (auto it = codes.find(value.get<int64_t>()); it != codes.end()) value = it->second;
  } else if (value.is_string()) {
    try {
      size_t used = 0;
      const std::string text = value.get<std::string>();
      const int64_t code = std::stoll(text, &used);
      if (used != text.size()) return;
      if (auto it = codes.find(code); it != codes.end()) value = std::to_string(it->second);
    } catch (const std::exception&) {
    }
  } else if (value.is_array()) {
    for (auto& item : value) remapCode(item, codes);
  }
}

void remapTaskParams(const std::string& taskType, Json& params, const std::map<int64_t, int64_t>& codes) {
  if (taskType == "CONDITIONS") {
    if (params.contains("conditionResult")) {
      for (const char* branch : {"successNode", "failedNode"})
        if (params["conditionResult"].contains(branch)) remapCode(params["conditionResult"][branch], codes);
    }
    if (params.contains("dependence") && params["dependence"].contains("dependTaskList")) {
      for (auto& group : params["dependence"]["dependTaskList"])
        if (group.contains("dependItemList"))
          for (auto& item : group["dependItemList"])
            if (item.contains("depTaskCode")) remapCode(item["depTaskCode"], codes);
    }
  }
  if (taskType == "SWITCH" && params.contains("switchResult")) {
    Json& result = params["switchResult"];
    if (result.contains("nextNode")) remapCode(result["nextNode"], codes);
    if (result.contains("dependTaskList"))
      for (auto& branch : result["dependTaskList"])
        if (branch.contains("nextNode")) remapCode(branch["nextNode"], codes);
  }
}

}  // namespace

void assignYamlTaskCodes(YamlWorkflowSubmission& submission,
                         const std::function<YamlTaskIdentity(const std::string&, int64_t)>& identityOf) {
  std::map<int64_t, int64_t> codes;
  std::map<int64_t, int> versions;
  std::set<int64_t> used;
  for (auto& task : submission.taskDefinitions) {
    const int64_t current = task.at("code").get<int64_t>();
    const YamlTaskIdentity identity = identityOf(task.at("name").get<std::string>(), current);
    if (identity.code <= 0 || !used.insert(identity.code).second)
      throw std::invalid_argument("task codes must be positive and distinct");
    codes[current] = identity.code;
    versions[identity.code] = identity.version;
  }
  for (auto& task : submission.taskDefinitions) {
    const int64_t code = codes.at(task["code"].get<int64_t>());
    task["code"] = code;
    task["version"] = versions.at(code);
    if (task.contains("taskParams") && task["taskParams"].is_object())
      remapTaskParams(task.value("taskType", ""), task["taskParams"], codes);
  }
  for (auto& relation : submission.taskRelations) {
    for (const char* side : {"preTaskCode", "postTaskCode"}) {
      const int64_t code = relation.at(side).get<int64_t>();
      if (code == 0) continue;
      auto it = codes.find(code);
      if (it == codes.end()) throw std::invalid_argument("relation refers to a task outside the workflow");
      relation[side] = it->second;
    }
  }
}

}  // namespace porpoise::exchange
