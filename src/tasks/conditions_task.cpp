#include "tasks/conditions_task.h"

#include "tasks/task_params_checks.h"
#include "util/strings.h"

namespace porpoise::tasks {
namespace {

constexpr const char* kType = "CONDITIONS";

DependRelation relationOf(const Json& object, const std::string& path) {
  std::string text = optionalText(kType, object, "relation", "", path);
  if (util::trim(text).empty()) return DependRelation::AND;
  auto relation = parseDependRelation(text);
  if (!relation) failParams(kType, path + ".relation must be AND or OR, got \"" + text + "\"");
  return *relation;
}

const Json& arrayMember(const Json& object, const char* key, const std::string& path, const Json& empty) {
  const Json* list = member(object, key);
  if (!list) return empty;
  if (!list->is_array()) failParams(kType, path + "." + key + " must be an array");
  return *list;
}

class ConditionsPlugin : public TaskPlugin {
 public:
  std::string type() const override { return kType; }
  bool runsOnWorker() const override { return false; }
  void validate(const nlohmann::json& taskParams) const override { parseConditionsParams(taskParams); }
};

}  // namespace

ConditionsParams parseConditionsParams(const nlohmann::json& taskParams) {
  Json params = taskParamsObject(kType, taskParams);
  ConditionsParams out;
  const Json* dependence = member(params, "dependence");
  if (!dependence) failParams(kType, "dependence is required");
  if (!dependence->is_object()) failParams(kType, "dependence must be an object");
  out.relation = relationOf(*dependence, "dependence");
  const Json empty = Json::array();
  const Json& groups = arrayMember(*dependence, "dependTaskList", "dependence", empty);
  for (size_t g = 0; g < groups.size(); ++g) {
    std::string groupPath = "dependence.dependTaskList[" + std::to_string(g) + "]";
    const Json& groupJson = groups[g];
    if (!groupJson.is_object()) failParams(kType, groupPath + " must be an object");
    ConditionGroup group;
    group.relation = relationOf(groupJson, groupPath);
    const Json& items = arrayMember(groupJson, "dependItemList", groupPath, empty);
    for (size_t i = 0; i < items.size(); ++i) {
      std::string itemPath = groupPath + ".dependItemList[" + std::to_string(i) + "]";
      if (!items[i].is_object()) failParams(kType, itemPath + " must be an object {depTaskCode, status}");
      ConditionItem item;
      item.depTaskCode = requireCode(kType, items[i], "depTaskCode", itemPath);
      std::string status = util::toUpper(util::trim(requireText(kType, items[i], "status", itemPath)));
      auto state = model::enumFromName<model::TaskState>(status);
      if (!state)
        failParams(kType, itemPath + ".status must be a task state such as SUCCESS or FAILURE, got \"" + status + "\"");
      item.status = *state;
      group.items.push_back(item);
    }
    out.groups.push_back(std::move(group));
  }
  if (const Json* result = member(params, "conditionResult")) {
    if (!result->is_object()) failParams(kType, "conditionResult must be an object {successNode, failedNode}");
    out.successNodes = codeList(kType, *result, "successNode", "conditionResult");
    out.failedNodes = codeList(kType, *result, "failedNode", "conditionResult");
  }
  checkLocalParams(kType, params);
  return out;
}

std::unique_ptr<TaskPlugin> makeConditionsPlugin() { return std::make_unique<ConditionsPlugin>(); }

}  // namespace porpoise::tasks
