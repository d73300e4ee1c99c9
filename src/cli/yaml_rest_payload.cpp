#include "cli/yaml_rest_payload.h"

#include <algorithm>
#include <map>

#include "model/enums.h"

namespace porpoise::cli {

namespace {

Json textValue(const Json& value) {
  if (value.is_string()) return value;
  if (value.is_null()) return "";
  return value.dump();
}

Json textValues(Json params) {
  if (!params.is_array()) return params;
  for (auto& param : params)
    if (param.is_object() && param.contains("value")) param["value"] = textValue(param["value"]);
  return params;
}

}  // namespace

Json restTaskDefinitions(const exchange::YamlWorkflowSubmission& submission) {
  Json tasks = submission.taskDefinitions;
  for (auto& task : tasks) {
    if (task["environmentCode"].is_null()) task["environmentCode"] = -1;
    if (task["description"].is_null()) task["description"] = "";
    if (task["timeoutNotifyStrategy"].is_null()) task.erase("timeoutNotifyStrategy");
    if (task.value("version", 0) == 0) task.erase("version");
    Json& params = task["taskParams"];
    if (params.is_object() && params.contains("localParams")) params["localParams"] = textValues(params["localParams"]);
  }
  return tasks;
}

Json restTaskRelations(const exchange::YamlWorkflowSubmission& submission) {
  std::map<int64_t, int> versions;
  for (const auto& task : submission.taskDefinitions) versions[task["code"].get<int64_t>()] = task.value("version", 0);
  Json relations = submission.taskRelations;
  for (auto& relation : relations) {
    relation["conditionType"] = "NONE";
    relation["preTaskVersion"] =
        versions.count(relation["preTaskCode"].get<int64_t>()) ? versions[relation["preTaskCode"].get<int64_t>()] : 0;
    relation["postTaskVersion"] = versions[relation["postTaskCode"].get<int64_t>()];
  }
  return relations;
}

Json restGlobalParams(const exchange::YamlWorkflowSubmission& submission) {
  return textValues(submission.workflow.globalParams);
}

Json layoutLocations(const exchange::YamlWorkflowSubmission& submission) {
  std::map<int64_t, std::vector<int64_t>> upstream;
  for (const auto& relation : submission.taskRelations) {
    const int64_t pre = relation["preTaskCode"].get<int64_t>();
    if (pre != 0) upstream[relation["postTaskCode"].get<int64_t>()].push_back(pre);
  }
  // Depth = longest path from a root; the loader guarantees the graph has no cycle.
  std::map<int64_t, int> depth;
  bool changed = true;
  for (const auto& task : submission.taskDefinitions) depth[task["code"].get<int64_t>()] = 0;
  for (size_t round = 0; changed && round <= depth.size(); ++round) {
    changed = false;
    for (const auto& [code, pres] : upstream)
      for (int64_t pre : pres)
        if (depth[code] < depth[pre] + 1) {
          depth[code] = depth[pre] + 1;
          changed = true;
        }
  }
  std::map<int, int> rows;
  Json locations = Json::array();
  for (const auto& task : submission.taskDefinitions) {
    const int64_t code = task["code"].get<int64_t>();
    const int column = depth[code];
    const int row = rows[column]++;
    locations.push_back({{"taskCode", code}, {"x", 80 + column * 260}, {"y", 80 + row * 110}});
  }
  return locations;
}

HttpFields workflowFormFields(const exchange::YamlWorkflowSubmission& submission, const std::string& tenantCode) {
  const auto& workflow = submission.workflow;
  return {{"name", workflow.name},
          {"description", workflow.description},
          {"tenantCode", tenantCode},
          {"executionType", model::enumName(workflow.executionType)},
          {"timeout", std::to_string(workflow.timeout)},
          {"globalParams", restGlobalParams(submission).dump()},
          {"locations", layoutLocations(submission).dump()},
          {"taskDefinitionJson", restTaskDefinitions(submission).dump()},
          {"taskRelationJson", restTaskRelations(submission).dump()}};
}

}  // namespace porpoise::cli
