// SWITCH task plugin (spec ds-tasks.md §3.4): validation and the parsed form the engine evaluates.
//
// taskParams: switchResult: {dependTaskList: [{condition, nextNode}], nextNode}; the top-level nextNode is
// the default branch. nextNode may be a number, a digit string or an array of them; "" / null / absent
// means no branch. Conditions are kept as written (they are evaluated with evaluateSwitchCondition() at
// run time, and are not rejected here, so workflows exported from DolphinScheduler still import).
// The plugin runs in the engine: render() is not available.
#pragma once

#include <porpoise/task_plugin.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace porpoise::tasks {

struct SwitchBranch {
  std::string condition;  // empty = always taken when reached (DolphinScheduler's behaviour)
  std::vector<int64_t> nextNodes;
};

struct SwitchParams {
  std::vector<SwitchBranch> branches;
  std::vector<int64_t> defaultNodes;
  // Every code any branch or the default names, in order of first appearance.
  std::vector<int64_t> allNodes() const;
};

// Throws TaskParamsError naming the field.
SwitchParams parseSwitchParams(const nlohmann::json& taskParams);

std::unique_ptr<TaskPlugin> makeSwitchPlugin();

}  // namespace porpoise::tasks
