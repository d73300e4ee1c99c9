#include "tasks/dependent_task.h"

#include "tasks/dependent_window.h"
#include "tasks/task_params_checks.h"
#include "util/strings.h"

namespace porpoise::tasks {
namespace {

constexpr const char* kType = "DEPENDENT";

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

DependentItem parseItem(const Json& json, const std::string& path) {
  if (!json.is_object())
    failParams(kType, path + " must be an object {projectCode, definitionCode, depTaskCode, cycle, dateValue}");
  DependentItem item;
  item.projectCode = requireCode(kType, json, "projectCode", path);
  item.definitionCode = requireCode(kType, json, "definitionCode", path);
  auto task = optionalInteger(kType, json, "depTaskCode", path);
  if (task && *task < 0) failParams(kType, path + ".depTaskCode must be a task code or 0 (the whole workflow)");
  item.depTaskCode = task.value_or(0);

  std::string cycleText = requireText(kType, json, "cycle", path);
  auto cycle = parseDependentCycle(cycleText);
  if (!cycle) failParams(kType, path + ".cycle must be one of hour, day, week, month, got \"" + cycleText + "\"");
  item.cycle = dependentCycleName(*cycle);

  std::string valueText = requireText(kType, json, "dateValue", path);
  auto value = findDependentDateValue(valueText);
  if (!value)
    failParams(kType, path + ".dateValue must be one of " + util::join(dependentDateValues(*cycle), ", ") + ", got \"" +
                          valueText + "\"");
  item.dateValue = value->name;
  return item;
}

class DependentPlugin : public TaskPlugin {
 public:
  std::string type() const override { return kType; }
  bool runsOnWorker() const override { return false; }
  void validate(const nlohmann::json& taskParams) const override { parseDependentParams(taskParams); }
};

}  // namespace

DependentParams parseDependentParams(const nlohmann::json& taskParams) {
  Json params = taskParamsObject(kType, taskParams);
  const Json* dependence = member(params, "dependence");
  if (!dependence) failParams(kType, "dependence is required");
  if (!dependence->is_object()) failParams(kType, "dependence must be an object");
  DependentParams out;
  out.relation = relationOf(*dependence, "dependence");
  const Json empty = Json::array();
  const Json& groups = arrayMember(*dependence, "dependTaskList", "dependence", empty);
  for (size_t g = 0; g < groups.size(); ++g) {
    std::string groupPath = "dependence.dependTaskList[" + std::to_string(g) + "]";
    if (!groups[g].is_object()) failParams(kType, groupPath + " must be an object {relation, dependItemList}");
    DependentGroup group;
    group.relation = relationOf(groups[g], groupPath);
    const Json& items = arrayMember(groups[g], "dependItemList", groupPath, empty);
    for (size_t i = 0; i < items.size(); ++i)
      group.items.push_back(parseItem(items[i], groupPath + ".dependItemList[" + std::to_string(i) + "]"));
    out.groups.push_back(std::move(group));
  }
  checkLocalParams(kType, params);
  return out;
}

std::unique_ptr<TaskPlugin> makeDependentPlugin() { return std::make_unique<DependentPlugin>(); }

}  // namespace porpoise::tasks
