#include "engine/dependent_check.h"

#include <stdexcept>

#include "tasks/dependent_window.h"

namespace porpoise::engine {

namespace {

std::string describeWindow(const tasks::DateInterval& w, const std::string& zone) {
  return "[" + util::formatDateTime(w.start, zone) + ", " + util::formatDateTime(w.end, zone) + "]";
}

DependentItemResult judgeWindow(RunStore& store, const tasks::DependentItem& item, const tasks::DateInterval& window,
                                const std::string& zone) {
  using tasks::DependResult;
  std::string where = "workflow " + std::to_string(item.definitionCode) + " in " + describeWindow(window, zone);
  auto instance = store.latestWorkflowInstanceInWindow(item.definitionCode, window.start, window.end);
  if (!instance) return {DependResult::WAITING, "no run of " + where + " yet"};
  std::string run = "run " + std::to_string(instance->id) + " of " + where;
  if (item.depTaskCode == 0) {
    if (!model::isFinished(instance->state) || instance->state == model::WorkflowState::PAUSE)
      return {DependResult::WAITING, run + " is " + model::enumName(instance->state)};
    if (instance->state == model::WorkflowState::SUCCESS) return {DependResult::SUCCESS, run + " succeeded"};
    return {DependResult::FAILED, run + " ended " + model::enumName(instance->state)};
  }
  std::optional<model::TaskInstance> task;
  for (const auto& t : store.taskInstancesOf(instance->id))
    if (t.taskCode == item.depTaskCode && t.flag == model::Flag::YES) task = t;
  std::string what = "task " + std::to_string(item.depTaskCode) + " of " + run;
  if (!task) {
    if (model::isFinished(instance->state)) return {DependResult::FAILED, what + " did not run"};
    return {DependResult::WAITING, what + " has not started"};
  }
  if (!model::isFinished(task->state) || task->state == model::TaskState::PAUSE)
    return {DependResult::WAITING, what + " is " + model::enumName(task->state)};
  if (model::isSuccessLike(task->state)) return {DependResult::SUCCESS, what + " succeeded"};
  return {DependResult::FAILED, what + " ended " + model::enumName(task->state)};
}

}  // namespace

DependentItemResult checkDependentItem(RunStore& store, const tasks::DependentItem& item, util::TimePoint businessDate,
                                       const std::string& zone) {
  std::vector<tasks::DateInterval> windows;
  try {
    windows = tasks::dependentDateIntervals(item.cycle, item.dateValue, businessDate, zone);
  } catch (const std::invalid_argument& e) {
    return {tasks::DependResult::FAILED, std::string("bad dependency window: ") + e.what()};
  }
  DependentItemResult last{tasks::DependResult::SUCCESS, "no window to check"};
  for (const auto& window : windows) {
    last = judgeWindow(store, item, window, zone);
    if (last.result != tasks::DependResult::SUCCESS) return last;
  }
  return last;
}

}  // namespace porpoise::engine
