// DEPENDENT task plugin (spec ds-tasks.md §3.6): validation and the parsed form the engine evaluates.
//
// taskParams: dependence: {relation AND|OR, dependTaskList: [{relation, dependItemList: [
//   {projectCode, definitionCode, depTaskCode (0 or absent = the whole workflow), cycle hour|day|week|month,
//    dateValue (see dependent_window.h)}]}]}
// Codes may be numbers or digit strings; relations default to AND and are accepted in any case; cycle and
// dateValue are stored in DolphinScheduler's spelling. Windows come from dependentDateIntervals().
// The plugin runs in the engine: render() is not available.
#pragma once

#include <porpoise/task_plugin.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tasks/depend_result.h"

namespace porpoise::tasks {

struct DependentItem {
  int64_t projectCode = 0;
  int64_t definitionCode = 0;
  int64_t depTaskCode = 0;  // 0 = the whole workflow (ALL)
  std::string cycle;        // hour, day, week, month
  std::string dateValue;    // e.g. today, last1Days, lastWeek
};

struct DependentGroup {
  DependRelation relation = DependRelation::AND;
  std::vector<DependentItem> items;
};

struct DependentParams {
  DependRelation relation = DependRelation::AND;
  std::vector<DependentGroup> groups;
};

// Throws TaskParamsError naming the field.
DependentParams parseDependentParams(const nlohmann::json& taskParams);

std::unique_ptr<TaskPlugin> makeDependentPlugin();

}  // namespace porpoise::tasks
