// WorkflowRunner: building the run state from the store and starting (or continuing) the run,
// including what crash recovery needs: adopting tasks in flight and resuming pending retries.
#include <algorithm>

#include "engine/command_param.h"
#include "engine/engine_error.h"
#include "engine/start_nodes.h"
#include "engine/task_instance_factory.h"
#include "engine/workflow_runner.h"
#include "params/param_error.h"
#include "params/var_pool.h"

namespace porpoise::engine {

using model::TaskState;
using model::WorkflowState;

void WorkflowRunner::build(const model::DagData& definition, bool crashRecovery) {
  (void)definition;
  CommandParams command = readCommandParam(instance_.commandParam);
  std::vector<bool> inRun;
  try {
    inRun = selectRunNodes(dag_, command.startNodes, instance_.taskDependType);
  } catch (const std::invalid_argument& e) {
    throw EngineError(EngineError::kRequestParamsNotValid, e.what());
  }
  nodes_.resize(dag_.size());
  for (size_t i = 0; i < dag_.size(); ++i) {
    nodes_[i].forbidden = dag_.task(i).flag == model::Flag::NO;
    nodes_[i].logic = isLogicTaskType(dag_.task(i).taskType);
    nodes_[i].phase = inRun[i] ? Phase::Waiting : Phase::Excluded;
  }

  bool brandNew = !crashRecovery && instance_.runTimes == 1 && instance_.state == WorkflowState::SUBMITTED_SUCCESS;
  std::vector<model::TaskInstance> stored;
  if (!brandNew) stored = svc().store.taskInstancesOf(instance_.id);  // a new instance has none yet
  for (auto& t : stored) {
    auto index = dag_.indexOf(t.taskCode);
    if (!index) continue;  // a task no longer in this definition version
    Node& n = nodes_[*index];
    if (t.flag == model::Flag::YES && !n.forbidden) {
      if (n.ti) {  // two valid attempts: keep the newer, the older is history
        n.earlierAttempts.push_back(n.ti->id);
        history_.push_back(*n.ti);
      }
      n.ti = std::move(t);
      taskIndex_[n.ti->id] = *index;
    } else {
      n.earlierAttempts.push_back(t.id);
      history_.push_back(std::move(t));
    }
  }

  // Finished attempts are resolved in the order they ended, so var pool merging sees the same order.
  std::vector<size_t> finishedOrder;
  for (size_t i = 0; i < nodes_.size(); ++i) {
    Node& n = nodes_[i];
    if (n.phase == Phase::Excluded || !n.ti) continue;
    const model::TaskInstance& t = *n.ti;
    try {
      n.input = params::varPoolFromJson(t.varPool);
    } catch (const params::ParamError&) {
      n.input.clear();
    }
    if (model::isSuccessLike(t.state)) {
      n.phase = Phase::Resolved;
      n.outcome = Outcome::Ran;
      n.output = n.input;
      if (dag_.task(i).taskType == "CONDITIONS" || dag_.task(i).taskType == "SWITCH") restoreChoice(i);
    } else if (t.state == TaskState::SKIPPED) {
      n.phase = Phase::Resolved;
      n.outcome = Outcome::Skipped;
      n.output = n.input;
    } else if (model::isFailureLike(t.state)) {
      if (crashRecovery && instance_.state == WorkflowState::RUNNING_EXECUTION && retryable(i, t.state)) {
        n.phase = Phase::RetryWait;
      } else {
        n.phase = Phase::Resolved;
        n.outcome = Outcome::Failed;
        n.output = n.input;
        n.failureHandled = handledByConditions(i);
        if (!n.failureHandled && instance_.failureStrategy == model::FailureStrategy::END) ending_ = true;
      }
    } else if (t.state == TaskState::KILL) {
      n.phase = Phase::Resolved;
      n.outcome = Outcome::Killed;
    } else if (t.state == TaskState::PAUSE) {
      n.phase = Phase::Paused;
    } else {
      n.phase = Phase::Active;  // in flight when the server stopped; followed by start()
    }
    if (n.phase == Phase::Resolved) finishedOrder.push_back(i);
  }
  std::sort(finishedOrder.begin(), finishedOrder.end(), [&](size_t a, size_t b) {
    auto ka = std::make_pair(nodes_[a].ti->endTime.value_or(util::TimePoint{}), nodes_[a].ti->id);
    auto kb = std::make_pair(nodes_[b].ti->endTime.value_or(util::TimePoint{}), nodes_[b].ti->id);
    return ka < kb;
  });
  for (size_t i : finishedOrder) nodes_[i].resolveSeq = ++resolveCounter_;
}

bool WorkflowRunner::handledByConditions(size_t i) const {
  bool any = false;
  for (size_t s : dag_.successors(i)) {
    if (nodes_[s].phase == Phase::Excluded) continue;
    if (dag_.task(s).taskType != "CONDITIONS" || nodes_[s].forbidden) return false;
    any = true;
  }
  return any;
}

bool WorkflowRunner::retryable(size_t i, TaskState state) const {
  const Node& n = nodes_[i];
  if (instance_.state == WorkflowState::READY_STOP || ending_ || n.killRequested) return false;
  if (isSubWorkflowTaskType(dag_.task(i).taskType)) return false;
  if (state == TaskState::NEED_FAULT_TOLERANCE) return true;
  return state == TaskState::FAILURE && n.ti && n.ti->retryTimes < n.ti->maxRetryTimes;
}

void WorkflowRunner::start() {
  started_ = true;
  auto now = svc().clock.now();
  if (!instance_.startTime) instance_.startTime = now;
  instance_.host = svc().options.host;
  if (instance_.state != WorkflowState::READY_STOP && instance_.state != WorkflowState::READY_PAUSE &&
      instance_.state != WorkflowState::RUNNING_EXECUTION)
    setWorkflowState(WorkflowState::RUNNING_EXECUTION, "start running");
  saveInstance();
  if (instance_.timeout > 0) {
    auto deadline = *instance_.startTime + std::chrono::minutes(instance_.timeout);
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
    workflowTimeoutTimer_ = host_.scheduleFor(id(), std::max(left, std::chrono::milliseconds(0)),
                                              [](WorkflowRunner& r) { r.timerFired(kWorkflowNode, 0, 0); });
  }
  for (size_t i = 0; i < nodes_.size(); ++i) {
    Node& n = nodes_[i];
    if (n.phase == Phase::Active) {
      resumeInFlight(i);
    } else if (n.phase == Phase::Paused && instance_.state != WorkflowState::READY_PAUSE) {
      newAttempt(i, false);  // resumed: a fresh attempt that keeps the retry count
    } else if (n.phase == Phase::RetryWait) {
      host_.trackTask(n.ti->id, id());
      auto interval = n.ti->state == TaskState::NEED_FAULT_TOLERANCE ? std::chrono::minutes(0)
                                                                     : std::chrono::minutes(n.ti->retryInterval);
      auto due = n.ti->endTime.value_or(now) + interval;
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(due - now);
      if (left.count() <= 0)
        startRetry(i);
      else
        n.timer = schedule(i, left, kRetryTimer);
    }
  }
  if (instance_.state == WorkflowState::READY_STOP || ending_) killAll();
  for (size_t i = 0; i < nodes_.size(); ++i) enqueueDecision(i);
  settle();
}

void WorkflowRunner::resumeInFlight(size_t i) {
  Node& n = nodes_[i];
  model::TaskInstance& t = *n.ti;
  host_.trackTask(t.id, id());
  if (n.logic) {
    runLogic(i);
    return;
  }
  if (t.state == TaskState::SUBMITTED_SUCCESS || t.state == TaskState::DELAY_EXECUTION) {
    launch(i);
    return;
  }
  // DISPATCH or RUNNING_EXECUTION: the worker follows the process (or reports it lost).
  auto& dispatcher = svc().dispatcher;
  host_.defer([&dispatcher, workflow = instance_, task = t, definition = dag_.task(i)] {
    dispatcher.adopt(workflow, task, definition);
  });
}

}  // namespace porpoise::engine
