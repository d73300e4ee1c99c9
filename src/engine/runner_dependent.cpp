// WorkflowRunner: running logic tasks, DEPENDENT waiting (spec ds-tasks.md §3.6) and logic-task timeouts.
//
// A DEPENDENT task never takes a worker slot: it is judged now, and while it is WAITING again after
// its check interval (dependence.checkInterval seconds, else the engine's default) and whenever any
// workflow instance finishes. Final item results are kept; WAITING items are judged again. With
// dependence.failurePolicy DEPENDENT_FAILURE_WAITING a failed result is judged again until
// dependence.failureWaitingTime minutes have passed (DolphinScheduler 3.2+), else it fails the task.
#include <nlohmann/json.hpp>

#include "engine/dependent_check.h"
#include "engine/task_instance_factory.h"
#include "engine/workflow_runner.h"
#include "params/var_pool.h"

namespace porpoise::engine {

using model::TaskState;

void WorkflowRunner::runLogic(size_t i) {
  Node& n = nodes_[i];
  model::TaskInstance& t = *n.ti;
  const model::TaskDefinition& task = dag_.task(i);
  t.state = TaskState::RUNNING_EXECUTION;
  if (!t.startTime) t.startTime = svc().clock.now();
  t.host = svc().options.host;
  saveTask(i);
  bool waits = task.taskType == "DEPENDENT" || isSubWorkflowTaskType(task.taskType);
  if (waits && task.timeoutFlag == model::TimeoutFlag::OPEN && task.timeout > 0) {
    auto due = *t.startTime + std::chrono::minutes(task.timeout);
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(due - svc().clock.now());
    n.timeoutTimer = schedule(i, std::max(left, std::chrono::milliseconds(0)), kTimeoutTimer);
  }
  if (task.taskType == "CONDITIONS")
    runConditions(i);
  else if (task.taskType == "SWITCH")
    runSwitch(i);
  else if (isSubWorkflowTaskType(task.taskType))
    runSubWorkflow(i);
  else
    startDependent(i);
}

void WorkflowRunner::startDependent(size_t i) {
  Node& n = nodes_[i];
  const model::TaskDefinition& task = dag_.task(i);
  auto progress = std::make_unique<DependentProgress>();
  try {
    progress->params = tasks::parseDependentParams(task.taskParams);
  } catch (const TaskParamsError& e) {
    finishAttempt(i, TaskState::FAILURE, std::string("invalid DEPENDENT parameters: ") + e.what());
    return;
  }
  progress->businessDate = instance_.scheduleTime.value_or(*n.ti->startTime);
  progress->interval = svc().options.dependentCheckInterval;
  const auto& dependence = task.taskParams.value("dependence", nlohmann::json::object());
  if (dependence.is_object()) {
    auto interval = dependence.value("checkInterval", nlohmann::json());
    if (interval.is_number() && interval.get<double>() > 0)
      progress->interval = std::chrono::milliseconds(static_cast<int64_t>(interval.get<double>() * 1000));
    if (dependence.value("failurePolicy", nlohmann::json()) == "DEPENDENT_FAILURE_WAITING") {
      auto minutes = dependence.value("failureWaitingTime", nlohmann::json());
      int64_t wait = minutes.is_number() ? static_cast<int64_t>(minutes.get<double>()) : 0;
      progress->failureDeadline = *n.ti->startTime + std::chrono::minutes(wait);
    }
  }
  for (const auto& group : progress->params.groups) {
    for (const auto& item : group.items) {
      auto target = svc().store.loadWorkflow(item.definitionCode, 0);
      if (!target) {
        finishAttempt(i, TaskState::FAILURE,
                      "the workflow " + std::to_string(item.definitionCode) + " this task depends on does not exist");
        return;
      }
      if (item.depTaskCode != 0) {
        bool known = false;
        for (const auto& t : target->tasks) known = known || t.code == item.depTaskCode;
        if (!known) {
          finishAttempt(i, TaskState::FAILURE,
                        "task " + std::to_string(item.depTaskCode) + " of workflow '" + target->workflow.name +
                            "' this task depends on does not exist");
          return;
        }
      }
    }
    progress->final.emplace_back(group.items.size());
    progress->lastDetail.emplace_back(group.items.size());
  }
  n.dependent = std::move(progress);
  evaluateDependent(i);
}

void WorkflowRunner::evaluateDependent(size_t i) {
  Node& n = nodes_[i];
  DependentProgress& progress = *n.dependent;
  std::string zone = svc().options.timezone;
  std::vector<tasks::DependResult> groupResults;
  for (size_t g = 0; g < progress.params.groups.size(); ++g) {
    const auto& group = progress.params.groups[g];
    std::vector<tasks::DependResult> itemResults;
    for (size_t k = 0; k < group.items.size(); ++k) {
      if (progress.final[g][k]) {
        itemResults.push_back(*progress.final[g][k]);
        continue;
      }
      auto judged = checkDependentItem(svc().store, group.items[k], progress.businessDate, zone);
      if (judged.detail != progress.lastDetail[g][k]) {
        log(i, "dependency: " + judged.detail + " -> " + tasks::dependResultName(judged.result));
        progress.lastDetail[g][k] = judged.detail;
      }
      bool keepJudging = judged.result == tasks::DependResult::WAITING ||
                         (judged.result == tasks::DependResult::FAILED && progress.failureDeadline);
      if (!keepJudging) progress.final[g][k] = judged.result;
      itemResults.push_back(judged.result);
    }
    groupResults.push_back(tasks::combineDependResults(group.relation, itemResults));
  }
  auto overall = tasks::combineDependResults(progress.params.relation, groupResults);
  auto now = svc().clock.now();
  if (overall == tasks::DependResult::FAILED && progress.failureDeadline && now < *progress.failureDeadline)
    overall = tasks::DependResult::WAITING;
  if (overall == tasks::DependResult::SUCCESS) {
    n.ti->varPool = params::varPoolToJson(n.input);
    n.dependent.reset();
    finishAttempt(i, TaskState::SUCCESS, "all dependencies are satisfied");
  } else if (overall == tasks::DependResult::FAILED) {
    n.dependent.reset();
    finishAttempt(i, TaskState::FAILURE, "dependencies failed");
  } else {
    if (n.timer) svc().clock.cancel(n.timer);
    auto wait = progress.interval;
    if (progress.failureDeadline && *progress.failureDeadline > now)
      wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(*progress.failureDeadline - now));
    n.timer = schedule(i, wait, kDependentTimer);
  }
}

void WorkflowRunner::recheckDependents() {
  for (size_t i = 0; i < nodes_.size(); ++i)
    if (nodes_[i].phase == Phase::Active && nodes_[i].dependent) evaluateDependent(i);
  settle();
}

void WorkflowRunner::logicTimeout(size_t i) {
  Node& n = nodes_[i];
  const model::TaskDefinition& task = dag_.task(i);
  auto strategy = task.timeoutNotifyStrategy.value_or(model::TimeoutStrategy::WARN);
  std::string text =
      "task '" + task.name + "' has run longer than its timeout of " + std::to_string(task.timeout) + " minute(s)";
  if (strategy != model::TimeoutStrategy::FAILED) {
    log(i, text);
    auto& observer = svc().observer;
    host_.defer([&observer, warning = EngineWarning{EngineWarning::Kind::TaskTimeout, id(), n.ti->id, text}] {
      observer.warning(warning);
    });
  }
  if (strategy == model::TimeoutStrategy::WARN) return;
  if (isSubWorkflowTaskType(task.taskType)) {
    n.timedOut = true;
    log(i, text + ": stopping the sub-workflow");
    host_.controlSubWorkflow(n.ti->id, model::ExecuteType::STOP);
    return;
  }
  n.dependent.reset();
  finishAttempt(i, TaskState::FAILURE, text);
}

}  // namespace porpoise::engine
