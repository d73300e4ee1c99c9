// WorkflowRunner: the scheduling loop (decide, submit, finish, retry) and its helpers.
// Control commands, branches, sub-workflows and DEPENDENT live in runner_*.cpp.
#include "engine/workflow_runner.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "engine/command_param.h"
#include "engine/engine_error.h"
#include "engine/state_history.h"
#include "engine/task_instance_factory.h"
#include "params/param_error.h"
#include "params/param_resolver.h"
#include "params/var_pool.h"

namespace porpoise::engine {

using model::TaskState;
using model::WorkflowState;

WorkflowRunner::WorkflowRunner(RunnerHost& host, model::WorkflowInstance instance, const model::DagData& definition,
                               bool crashRecovery)
    : host_(host), instance_(std::move(instance)), definition_(definition.workflow) {
  try {
    dag_ = Dag::build(definition);
  } catch (const DagError& e) {
    throw EngineError(e.kind() == DagError::Kind::Cycle ? EngineError::kDagHasCycle : EngineError::kStartFailed,
                      e.what());
  }
  build(definition, crashRecovery);
}

WorkflowRunner::~WorkflowRunner() {
  for (size_t i = 0; i < nodes_.size(); ++i) cancelTimers(i);
  if (workflowTimeoutTimer_) host_.services().clock.cancel(workflowTimeoutTimer_);
}

bool WorkflowRunner::finished() const { return model::isFinished(instance_.state); }

// ---------------------------------------------------------------------------------------------------
// The scheduling loop.

void WorkflowRunner::settle() {
  if (settling_) return;
  settling_ = true;
  while (true) {
    if (!toDecide_.empty()) {
      size_t i = *toDecide_.begin();
      toDecide_.erase(toDecide_.begin());
      if (nodes_[i].phase == Phase::Waiting && predecessorsResolved(i)) decide(i);
      continue;
    }
    if (!ready_.empty()) {
      size_t i = ready_.begin()->second;
      ready_.erase(ready_.begin());
      if (nodes_[i].phase == Phase::Ready) submit(i);
      continue;
    }
    break;
  }
  settling_ = false;
  checkFinished();
  updateDependentWatch();
}

void WorkflowRunner::enqueueDecision(size_t i) {
  if (nodes_[i].phase == Phase::Waiting) toDecide_.insert(i);
}

bool WorkflowRunner::predecessorsResolved(size_t i) const {
  for (size_t p : dag_.predecessors(i))
    if (nodes_[p].phase != Phase::Excluded && nodes_[p].phase != Phase::Resolved) return false;
  return true;
}

WorkflowRunner::Outcome WorkflowRunner::edgeOutcome(size_t from, size_t to) const {
  const Node& n = nodes_[from];
  if (n.outcome == Outcome::Ran && n.hasChoice)
    return std::find(n.chosen.begin(), n.chosen.end(), dag_.code(to)) != n.chosen.end() ? Outcome::Ran
                                                                                        : Outcome::Skipped;
  return n.outcome;
}

void WorkflowRunner::decide(size_t i) {
  Node& n = nodes_[i];
  bool anyPredecessor = false, ran = false, failed = false, killed = false;
  for (size_t p : dag_.predecessors(i)) {
    if (nodes_[p].phase == Phase::Excluded) continue;
    anyPredecessor = true;
    switch (edgeOutcome(p, i)) {
      case Outcome::Ran:
        ran = true;
        break;
      case Outcome::Failed:
        failed = true;
        break;
      case Outcome::Killed:
        killed = true;
        break;
      default:
        break;
    }
  }
  if (anyPredecessor && killed) {
    n.dependencyFailed = true;
    resolve(i, Outcome::Killed);
  } else if (anyPredecessor && failed && dag_.task(i).taskType != "CONDITIONS") {
    n.dependencyFailed = true;
    resolve(i, Outcome::Failed);
  } else if (anyPredecessor && !ran && !failed) {
    skip(i);
  } else if (n.forbidden) {
    n.input = mergedInput(i);
    n.output = n.input;
    resolve(i, Outcome::Ran);
  } else {
    n.phase = Phase::Ready;
    ready_.insert({model::enumCode(dag_.task(i).taskPriority), i});
  }
}

void WorkflowRunner::resolve(size_t i, Outcome outcome) {
  Node& n = nodes_[i];
  n.phase = Phase::Resolved;
  n.outcome = outcome;
  n.resolveSeq = ++resolveCounter_;
  cancelTimers(i);
  if (n.ti) host_.untrackTask(n.ti->id);
  for (size_t s : dag_.successors(i)) enqueueDecision(s);
}

void WorkflowRunner::skip(size_t i) {
  Node& n = nodes_[i];
  n.input = mergedInput(i);
  n.output = n.input;
  if (n.forbidden) {
    resolve(i, Outcome::Skipped);
    return;
  }
  std::string reason;
  for (size_t p : dag_.predecessors(i)) {
    if (nodes_[p].phase == Phase::Excluded || edgeOutcome(p, i) != Outcome::Skipped) continue;
    reason = nodes_[p].hasChoice && nodes_[p].outcome == Outcome::Ran
                 ? "branch not taken by " + dag_.task(p).taskType + " task '" + dag_.task(p).name + "'"
                 : "upstream task '" + dag_.task(p).name + "' was skipped";
    break;
  }
  auto now = svc().clock.now();
  n.ti = newTaskInstance(instance_, dag_.task(i), now);
  n.ti->state = TaskState::SKIPPED;
  n.ti->skipReason = reason;
  n.ti->endTime = now;
  n.ti->varPool = params::varPoolToJson(n.input);
  insertTask(i);
  log(i, "skipped: " + reason);
  resolve(i, Outcome::Skipped);
}

bool WorkflowRunner::accepting() const {
  return !ending_ && instance_.state != WorkflowState::READY_STOP && !finished();
}

void WorkflowRunner::submit(size_t i) {
  Node& n = nodes_[i];
  if (!accepting()) {
    n.phase = Phase::Waiting;  // never submitted: the run is stopping or ending
    return;
  }
  n.input = mergedInput(i);
  n.ti = newTaskInstance(instance_, dag_.task(i), svc().clock.now());
  n.ti->varPool = params::varPoolToJson(n.input);
  if (instance_.state == WorkflowState::READY_PAUSE) {
    n.ti->state = TaskState::PAUSE;
    insertTask(i);
    n.phase = Phase::Paused;
    log(i, "paused before it started: the workflow instance is pausing");
    return;
  }
  insertTask(i);
  launch(i);
}

void WorkflowRunner::launch(size_t i) {
  Node& n = nodes_[i];
  model::TaskInstance& t = *n.ti;
  if (instance_.state == WorkflowState::READY_PAUSE) {
    pauseNode(i);
    return;
  }
  n.phase = Phase::Active;
  host_.trackTask(t.id, id());
  if (!accepting()) {
    finishAttempt(i, TaskState::KILL, "killed before it started: the workflow instance is stopping");
    return;
  }
  if (n.logic) {
    runLogic(i);
    return;
  }
  auto now = svc().clock.now();
  if (t.delayTime > 0) {
    auto due = t.firstSubmitTime.value_or(now) + std::chrono::minutes(t.delayTime);
    if (due > now) {
      if (t.state != TaskState::DELAY_EXECUTION) {
        t.state = TaskState::DELAY_EXECUTION;
        saveTask(i);
        log(i, "delayed until " + util::formatDateTime(due) + " (delayTime " + std::to_string(t.delayTime) +
                   " minute(s))");
      }
      n.timer = schedule(i, std::chrono::duration_cast<std::chrono::milliseconds>(due - now), kDelayTimer);
      return;
    }
  }
  dispatchNow(i);
}

void WorkflowRunner::dispatchNow(size_t i) {
  Node& n = nodes_[i];
  model::TaskInstance& t = *n.ti;
  if (t.dryRun) {
    t.startTime = svc().clock.now();
    t.varPool = params::varPoolToJson(n.input);
    finishAttempt(i, TaskState::SUCCESS, "dry run: the task was not executed");
    return;
  }
  std::map<std::string, std::string> resolved;
  try {
    resolved = resolveParams(i);
  } catch (const params::ParamError& e) {
    finishAttempt(i, TaskState::FAILURE, std::string("cannot resolve the task's parameters: ") + e.what());
    return;
  }
  t.state = TaskState::DISPATCH;
  saveTask(i);
  auto& dispatcher = svc().dispatcher;
  int queuePriority = model::enumCode(instance_.processInstancePriority) * 5 + model::enumCode(t.taskInstancePriority);
  host_.defer([&dispatcher, workflow = instance_, task = t, definition = dag_.task(i), resolved = std::move(resolved),
               queuePriority] {
    dispatcher.dispatch(DispatchRequest{workflow, task, definition, resolved, queuePriority, task.id});
  });
}

void WorkflowRunner::finishAttempt(size_t i, TaskState state, const std::string& message) {
  Node& n = nodes_[i];
  model::TaskInstance& t = *n.ti;
  t.state = state;
  t.endTime = svc().clock.now();
  n.killRequested = false;
  cancelTimers(i);
  if (!message.empty()) log(i, message);
  saveTask(i);
  if (model::isSuccessLike(state)) {
    try {
      n.output = params::varPoolFromJson(t.varPool);
    } catch (const params::ParamError&) {
      n.output = n.input;
    }
    if (!n.output.empty()) {
      std::vector<model::Property> pool;
      try {
        pool = params::varPoolFromJson(instance_.varPool);
      } catch (const params::ParamError&) {
      }
      std::string merged = params::varPoolToJson(params::mergeVarPool(pool, n.output));
      if (merged != instance_.varPool) {
        instance_.varPool = merged;
        saveInstance();
      }
    }
    resolve(i, Outcome::Ran);
  } else if (model::isFailureLike(state)) {
    afterFailure(i, state);
  } else if (state == TaskState::KILL) {
    resolve(i, Outcome::Killed);
  } else if (state == TaskState::PAUSE) {
    host_.untrackTask(t.id);
    n.phase = Phase::Paused;
  }
}

void WorkflowRunner::afterFailure(size_t i, TaskState state) {
  Node& n = nodes_[i];
  if (!retryable(i, state)) {
    failForGood(i);
    return;
  }
  n.phase = Phase::RetryWait;
  if (instance_.state == WorkflowState::READY_PAUSE) {
    startRetry(i);  // becomes a PAUSE attempt, run on resume
    return;
  }
  if (state == TaskState::NEED_FAULT_TOLERANCE) {
    log(i, "the task's process was lost; running it again");
    startRetry(i);
    return;
  }
  int interval = n.ti->retryInterval;
  log(i, "attempt failed; retry " + std::to_string(n.ti->retryTimes + 1) + " of " +
             std::to_string(n.ti->maxRetryTimes) + " in " + std::to_string(interval) + " minute(s)");
  if (interval <= 0)
    startRetry(i);
  else
    n.timer = schedule(i, std::chrono::minutes(interval), kRetryTimer);
}

void WorkflowRunner::failForGood(size_t i) {
  Node& n = nodes_[i];
  n.failureHandled = handledByConditions(i);
  n.output = n.input;
  bool endNow = !n.failureHandled && instance_.failureStrategy == model::FailureStrategy::END && !ending_;
  if (endNow) ending_ = true;
  resolve(i, Outcome::Failed);
  if (endNow) {
    log(i, "failure strategy END: stopping the other running tasks of the workflow instance");
    killAll();
  }
}

void WorkflowRunner::startRetry(size_t i) { newAttempt(i, nodes_[i].ti->state != TaskState::NEED_FAULT_TOLERANCE); }

void WorkflowRunner::newAttempt(size_t i, bool countsAsRetry) {
  Node& n = nodes_[i];
  auto now = svc().clock.now();
  model::TaskInstance old = *n.ti;
  old.flag = model::Flag::NO;
  svc().store.updateTaskInstance(old);
  host_.untrackTask(old.id);
  n.earlierAttempts.push_back(old.id);
  history_.push_back(old);
  n.ti = nextAttempt(old, countsAsRetry, now);
  n.ti->varPool = params::varPoolToJson(n.input);
  if (instance_.state == WorkflowState::READY_PAUSE) {
    n.ti->state = TaskState::PAUSE;
    insertTask(i);
    n.phase = Phase::Paused;
    log(i, "attempt paused: the workflow instance is pausing");
    return;
  }
  insertTask(i);
  launch(i);
}

void WorkflowRunner::checkFinished() {
  if (!started_ || finished()) return;
  bool unresolved = false, paused = false, failed = false, killed = false;
  for (const Node& n : nodes_) {
    switch (n.phase) {
      case Phase::Active:
      case Phase::RetryWait:
        return;  // still working
      case Phase::Waiting:
      case Phase::Ready:
        unresolved = true;
        break;
      case Phase::Paused:
        paused = true;
        break;
      case Phase::Resolved:
        if (n.outcome == Outcome::Failed && !n.failureHandled) failed = true;
        if (n.outcome == Outcome::Killed) killed = true;
        break;
      case Phase::Excluded:
        break;
    }
  }
  switch (instance_.state) {
    case WorkflowState::READY_PAUSE:
      if (paused || unresolved) return finishWorkflow(WorkflowState::PAUSE, "paused");
      break;
    case WorkflowState::READY_STOP:
      if (paused || unresolved || failed || killed) return finishWorkflow(WorkflowState::STOP, "stopped");
      break;
    default:
      break;
  }
  if (paused) return finishWorkflow(WorkflowState::PAUSE, "a task was paused");
  if (failed || killed) return finishWorkflow(WorkflowState::FAILURE, failed ? "a task failed" : "a task was killed");
  if (unresolved) {
    spdlog::error("workflow instance {}: nothing is running but tasks are still waiting; marking it failed", id());
    return finishWorkflow(WorkflowState::FAILURE, "tasks could not be scheduled");
  }
  finishWorkflow(WorkflowState::SUCCESS, "success");
}

void WorkflowRunner::finishWorkflow(WorkflowState state, const std::string& why) {
  if (workflowTimeoutTimer_) svc().clock.cancel(workflowTimeoutTimer_);
  workflowTimeoutTimer_ = 0;
  instance_.endTime = svc().clock.now();
  setWorkflowState(state, why);
  saveInstance();
  auto& observer = svc().observer;
  host_.defer([&observer, snapshot = instance_] { observer.workflowFinished(snapshot); });
  host_.runnerFinished(id());
}

// ---------------------------------------------------------------------------------------------------
// Helpers.

std::map<std::string, std::string> WorkflowRunner::resolveParams(size_t i) {
  const Node& n = nodes_[i];
  const model::TaskDefinition& task = dag_.task(i);
  params::ParamSources sources;
  try {
    sources.globalParams = model::parseProperties(
        nlohmann::json::parse(instance_.globalParams.empty() ? std::string("[]") : instance_.globalParams));
  } catch (const std::exception& e) {
    throw params::ParamError(std::string("the workflow instance's global parameters are not valid: ") + e.what());
  }
  sources.varPool = n.input;
  sources.localParams = task.localParams();
  params::BuiltinContext context;
  context.scheduleTime = instance_.scheduleTime;
  context.startTime = instance_.startTime.value_or(svc().clock.now());
  std::string zone = readCommandParam(instance_.commandParam).timezone;
  context.timezone = zone.empty() ? svc().options.timezone : zone;
  if (n.ti) {
    context.executePath = n.ti->executePath;
    context.taskInstanceId = n.ti->id;
  }
  context.taskDefinitionName = task.name;
  context.taskDefinitionCode = task.code;
  context.workflowInstanceId = instance_.id;
  context.workflowDefinitionName = definition_.name;
  context.workflowDefinitionCode = definition_.code;
  context.projectCode = instance_.projectCode;
  return params::resolveTaskParams(sources, context);
}

std::vector<model::Property> WorkflowRunner::mergedInput(size_t i) const {
  std::vector<size_t> predecessors;
  bool anyInRun = false;
  for (size_t p : dag_.predecessors(i)) {
    if (nodes_[p].phase == Phase::Excluded) continue;
    anyInRun = true;
    if (nodes_[p].phase == Phase::Resolved) predecessors.push_back(p);
  }
  if (!anyInRun) {
    try {
      return params::mergeUpstreamVarPools({params::varPoolFromJson(instance_.varPool)});
    } catch (const params::ParamError&) {
      return {};
    }
  }
  std::sort(predecessors.begin(), predecessors.end(),
            [&](size_t a, size_t b) { return nodes_[a].resolveSeq < nodes_[b].resolveSeq; });
  std::vector<std::vector<model::Property>> pools;
  for (size_t p : predecessors) pools.push_back(nodes_[p].output);
  return params::mergeUpstreamVarPools(pools);
}

void WorkflowRunner::setWorkflowState(WorkflowState state, const std::string& description) {
  instance_.state = state;
  instance_.stateHistory = appendStateHistory(instance_.stateHistory, svc().clock.now(), state, description);
}

void WorkflowRunner::saveInstance() { svc().store.updateWorkflowInstance(instance_); }

void WorkflowRunner::saveTask(size_t i) { svc().store.updateTaskInstance(*nodes_[i].ti); }

void WorkflowRunner::insertTask(size_t i) {
  model::TaskInstance& t = *nodes_[i].ti;
  svc().store.insertTaskInstance(t);
  taskIndex_[t.id] = i;
  TaskPaths paths = svc().dispatcher.pathsFor(instance_, t);
  t.executePath = paths.executePath;
  t.logPath = paths.logPath;
  svc().store.updateTaskInstance(t);
}

void WorkflowRunner::log(size_t i, const std::string& line) {
  if (!nodes_[i].ti) return;
  auto& observer = svc().observer;
  host_.defer([&observer, task = *nodes_[i].ti, line] { observer.taskLog(task, line); });
}

uint64_t WorkflowRunner::schedule(size_t i, std::chrono::milliseconds delay, TimerKind kind) {
  uint64_t generation = nodes_[i].generation;
  return host_.scheduleFor(id(), delay,
                           [i, generation, kind](WorkflowRunner& r) { r.timerFired(i, generation, kind); });
}

void WorkflowRunner::cancelTimers(size_t i) {
  Node& n = nodes_[i];
  ++n.generation;
  if (n.timer) svc().clock.cancel(n.timer);
  if (n.timeoutTimer) svc().clock.cancel(n.timeoutTimer);
  n.timer = 0;
  n.timeoutTimer = 0;
}

std::optional<size_t> WorkflowRunner::nodeOfTask(int64_t taskInstanceId) const {
  auto it = taskIndex_.find(taskInstanceId);
  if (it == taskIndex_.end()) return std::nullopt;
  const Node& n = nodes_[it->second];
  if (!n.ti || n.ti->id != taskInstanceId) return std::nullopt;
  return it->second;
}

void WorkflowRunner::updateDependentWatch() {
  bool waiting = false;
  for (const Node& n : nodes_)
    if (n.phase == Phase::Active && n.dependent) waiting = true;
  if (waiting != watchingDependents_) {
    watchingDependents_ = waiting;
    host_.watchDependents(id(), waiting);
  }
}

}  // namespace porpoise::engine
