// WorkflowRunner: worker events, timers and control commands (stop, pause, force success).
#include <spdlog/spdlog.h>

#include "engine/engine_error.h"
#include "engine/task_instance_factory.h"
#include "engine/workflow_runner.h"
#include "params/out_params.h"
#include "params/var_pool.h"

namespace porpoise::engine {

using model::TaskState;
using model::WorkflowState;

void WorkflowRunner::taskStarted(int64_t taskInstanceId, int pid, const std::string& host) {
  auto i = nodeOfTask(taskInstanceId);
  if (!i || nodes_[*i].phase != Phase::Active || nodes_[*i].logic) return;
  model::TaskInstance& t = *nodes_[*i].ti;
  if (t.state == TaskState::DISPATCH || t.state == TaskState::DELAY_EXECUTION ||
      t.state == TaskState::SUBMITTED_SUCCESS)
    t.state = TaskState::RUNNING_EXECUTION;
  if (!t.startTime) t.startTime = svc().clock.now();
  t.pid = pid;
  t.host = host;
  saveTask(*i);
  settle();
}

void WorkflowRunner::taskFinished(const TaskResult& result) {
  auto i = nodeOfTask(result.taskInstanceId);
  if (!i || nodes_[*i].phase != Phase::Active || nodes_[*i].logic) {
    spdlog::debug("workflow instance {}: ignoring a late result for task instance {}", id(), result.taskInstanceId);
    return;
  }
  Node& n = nodes_[*i];
  model::TaskInstance& t = *n.ti;
  TaskState state = result.state;
  if (state != TaskState::SUCCESS && state != TaskState::KILL && state != TaskState::NEED_FAULT_TOLERANCE)
    state = TaskState::FAILURE;
  if (result.timedOut) state = TaskState::FAILURE;
  if (n.killRequested && state != TaskState::SUCCESS) state = TaskState::KILL;
  std::string message = result.message;
  if (result.timedOut)
    message = "timed out after " + std::to_string(dag_.task(*i).timeout) + " minute(s)" +
              (message.empty() ? "" : ": " + message);
  if (state == TaskState::SUCCESS) {
    auto outs = params::collectOutParams(dag_.task(*i).localParams(), result.setValues);
    t.varPool = params::varPoolToJson(params::mergeVarPool(n.input, outs));
  }
  finishAttempt(*i, state, message);
  settle();
}

void WorkflowRunner::taskTimeoutWarning(int64_t taskInstanceId) {
  auto i = nodeOfTask(taskInstanceId);
  if (!i) return;
  std::string text = "task '" + dag_.task(*i).name + "' has run longer than its timeout of " +
                     std::to_string(dag_.task(*i).timeout) + " minute(s)";
  log(*i, text);
  if (dag_.task(*i).timeoutNotifyStrategy == model::TimeoutStrategy::FAILED) return;  // kill only, no alert
  auto& observer = svc().observer;
  host_.defer([&observer, warning = EngineWarning{EngineWarning::Kind::TaskTimeout, id(), taskInstanceId, text}] {
    observer.warning(warning);
  });
}

void WorkflowRunner::timerFired(size_t i, uint64_t generation, int kind) {
  if (i == kWorkflowNode) {
    workflowTimeoutTimer_ = 0;
    if (finished()) return;
    std::string text = "workflow instance '" + instance_.name + "' has run longer than its timeout of " +
                       std::to_string(instance_.timeout) + " minute(s)";
    spdlog::warn("{}", text);
    auto& observer = svc().observer;
    host_.defer([&observer, warning = EngineWarning{EngineWarning::Kind::WorkflowTimeout, id(), 0, text}] {
      observer.warning(warning);
    });
    return;
  }
  if (i >= nodes_.size()) return;
  Node& n = nodes_[i];
  if (generation != n.generation) return;
  switch (kind) {
    case kDelayTimer:
      n.timer = 0;
      if (n.phase == Phase::Active && n.ti->state == TaskState::DELAY_EXECUTION) dispatchNow(i);
      break;
    case kRetryTimer:
      n.timer = 0;
      if (n.phase == Phase::RetryWait) startRetry(i);
      break;
    case kTimeoutTimer:
      n.timeoutTimer = 0;
      if (n.phase == Phase::Active) logicTimeout(i);
      break;
    case kDependentTimer:
      n.timer = 0;
      if (n.phase == Phase::Active && n.dependent) evaluateDependent(i);
      break;
    default:
      break;
  }
  settle();
}

void WorkflowRunner::waitInSerialQueue() {
  if (instance_.state == WorkflowState::SERIAL_WAIT) return;
  setWorkflowState(WorkflowState::SERIAL_WAIT, "waiting for an earlier instance of the same workflow");
  saveInstance();
}

void WorkflowRunner::stop() {
  if (!started_) {
    instance_.endTime = svc().clock.now();
    setWorkflowState(WorkflowState::STOP, "stopped before it started");
    saveInstance();
    auto& observer = svc().observer;
    host_.defer([&observer, snapshot = instance_] { observer.workflowFinished(snapshot); });
    host_.runnerFinished(id());
    return;
  }
  setWorkflowState(WorkflowState::READY_STOP, "stop requested");
  saveInstance();
  killAll();
  settle();
}

void WorkflowRunner::pause() {
  setWorkflowState(WorkflowState::READY_PAUSE, "pause requested");
  saveInstance();
  for (size_t i = 0; i < nodes_.size(); ++i) {
    Node& n = nodes_[i];
    if (n.phase == Phase::Active) {
      pauseNode(i);
    } else if (n.phase == Phase::RetryWait) {
      cancelTimers(i);
      startRetry(i);  // becomes a PAUSE attempt
    }
  }
  settle();
}

void WorkflowRunner::killAll() {
  for (auto& [priority, i] : ready_) nodes_[i].phase = Phase::Waiting;
  ready_.clear();
  for (size_t i = 0; i < nodes_.size(); ++i) {
    Node& n = nodes_[i];
    if (n.phase == Phase::Active) {
      killNode(i);
    } else if (n.phase == Phase::RetryWait) {
      n.failureHandled = handledByConditions(i);
      n.output = n.input;
      resolve(i, Outcome::Failed);  // the failed attempt stays; no retry
    }
  }
}

void WorkflowRunner::killNode(size_t i) {
  Node& n = nodes_[i];
  model::TaskInstance& t = *n.ti;
  const std::string& type = dag_.task(i).taskType;
  if (isSubWorkflowTaskType(type)) {
    if (!n.killRequested) {
      n.killRequested = true;
      host_.controlSubWorkflow(t.id, model::ExecuteType::STOP);
    }
    return;
  }
  if (n.logic || t.state == TaskState::SUBMITTED_SUCCESS || t.state == TaskState::DELAY_EXECUTION) {
    finishAttempt(i, TaskState::KILL, "killed");
    return;
  }
  if (!n.killRequested) {
    n.killRequested = true;
    log(i, "kill requested");
    auto& dispatcher = svc().dispatcher;
    host_.defer([&dispatcher, id = t.id] { dispatcher.kill(id); });
  }
}

void WorkflowRunner::pauseNode(size_t i) {
  Node& n = nodes_[i];
  model::TaskInstance& t = *n.ti;
  const std::string& type = dag_.task(i).taskType;
  if (isSubWorkflowTaskType(type)) {
    host_.controlSubWorkflow(t.id, model::ExecuteType::PAUSE);
    return;
  }
  if (n.logic || t.state == TaskState::SUBMITTED_SUCCESS || t.state == TaskState::DELAY_EXECUTION) {
    n.dependent.reset();
    cancelTimers(i);
    t.state = TaskState::PAUSE;
    saveTask(i);
    host_.untrackTask(t.id);
    n.phase = Phase::Paused;
    log(i, "paused: the workflow instance is pausing");
  }
  // A task already on the worker runs to its end (DolphinScheduler does not interrupt it).
}

void WorkflowRunner::forceSuccess(int64_t taskInstanceId) {
  auto found = nodeOfTask(taskInstanceId);
  if (!found)
    throw EngineError(EngineError::kTaskInstanceStateError,
                      "task instance " + std::to_string(taskInstanceId) + " is not the latest attempt of its task");
  size_t i = *found;
  Node& n = nodes_[i];
  model::TaskInstance& t = *n.ti;
  if (t.state != TaskState::FAILURE && t.state != TaskState::KILL && t.state != TaskState::NEED_FAULT_TOLERANCE)
    throw EngineError(EngineError::kTaskInstanceStateError,
                      "task instance " + std::to_string(taskInstanceId) + " is " + model::enumName(t.state) +
                          "; only FAILURE, KILL or NEED_FAULT_TOLERANCE can be forced to success");
  bool wasResolved = n.phase == Phase::Resolved;
  cancelTimers(i);
  t.state = TaskState::FORCED_SUCCESS;
  saveTask(i);
  log(i, "forced to success by a user");
  if (wasResolved) reopenDownstream(i);
  n.failureHandled = false;
  n.output = n.input;
  const std::string& type = dag_.task(i).taskType;
  if (type == "CONDITIONS" || type == "SWITCH") restoreChoice(i);  // no branch was chosen: all are skipped
  resolve(i, Outcome::Ran);
  settle();
}

// Successors that were judged "not run" only because of node i become waiting again.
void WorkflowRunner::reopenDownstream(size_t i) {
  std::vector<size_t> stack(dag_.successors(i).begin(), dag_.successors(i).end());
  while (!stack.empty()) {
    size_t s = stack.back();
    stack.pop_back();
    Node& n = nodes_[s];
    if (n.phase != Phase::Resolved || !n.dependencyFailed) continue;
    n.phase = Phase::Waiting;
    n.outcome = Outcome::None;
    n.dependencyFailed = false;
    stack.insert(stack.end(), dag_.successors(s).begin(), dag_.successors(s).end());
  }
}

}  // namespace porpoise::engine
