// CONDITIONS task plugin (spec ds-tasks.md §3.3): validation and the parsed form the engine evaluates.
//
// taskParams:
//   dependence: {relation AND|OR, dependTaskList: [{relation, dependItemList: [{depTaskCode, status}]}]}
//   conditionResult: {successNode: [code], failedNode: [code]}   (scalar or array; "" and absent = none)
// Relations default to AND when absent and are accepted in any case; status is a task state name
// (SUCCESS/FAILURE from the UI, any TaskExecutionStatus name parses). Empty lists are allowed (an empty
// AND is true). The plugin runs in the engine: render() is not available.
#pragma once

#include <porpoise/task_plugin.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "model/enums.h"
#include "tasks/depend_result.h"

namespace porpoise::tasks {

struct ConditionItem {
  int64_t depTaskCode = 0;
  model::TaskState status = model::TaskState::SUCCESS;
};

struct ConditionGroup {
  DependRelation relation = DependRelation::AND;
  std::vector<ConditionItem> items;
};

struct ConditionsParams {
  DependRelation relation = DependRelation::AND;
  std::vector<ConditionGroup> groups;
  std::vector<int64_t> successNodes;
  std::vector<int64_t> failedNodes;
};

// Throws TaskParamsError naming the field.
ConditionsParams parseConditionsParams(const nlohmann::json& taskParams);

std::unique_ptr<TaskPlugin> makeConditionsPlugin();

}  // namespace porpoise::tasks
