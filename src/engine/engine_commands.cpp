// Engine: commands on existing workflow instances (executors/execute) and force success
// (spec ds-api.md §3.8, ds-tasks.md §6.1, §6.11–6.13).
#include <spdlog/spdlog.h>

#include "engine/engine.h"
#include "engine/instance_factory.h"
#include "engine/state_history.h"

namespace porpoise::engine {

using model::CommandType;
using model::ExecuteType;
using model::WorkflowState;

void Engine::doExecute(int64_t workflowInstanceId, ExecuteType action) {
  WorkflowRunner* runner = find(workflowInstanceId);
  std::optional<model::WorkflowInstance> stored;
  if (!runner) {
    stored = services_.store.findWorkflowInstance(workflowInstanceId);
    if (!stored)
      throw EngineError(EngineError::kWorkflowInstanceNotFound,
                        "process instance " + std::to_string(workflowInstanceId) + " does not exist");
  }
  WorkflowState state = runner ? runner->instance().state : stored->state;
  auto refuse = [&] {
    return EngineError(EngineError::kInstanceStateError,
                       "the status of process instance " + std::to_string(workflowInstanceId) + " is " +
                           model::enumName(state) + ",Cannot perform " + model::enumName(action) + " operation");
  };
  switch (action) {
    case ExecuteType::STOP:
      if (state == WorkflowState::READY_STOP)
        throw EngineError(EngineError::kInstanceAlreadyChanged,
                          "process instance " + std::to_string(workflowInstanceId) + " is already stopping");
      if (!runner || runner->finished()) throw refuse();
      runner->stop();
      return;
    case ExecuteType::PAUSE:
      if (state == WorkflowState::READY_PAUSE)
        throw EngineError(EngineError::kInstanceAlreadyChanged,
                          "process instance " + std::to_string(workflowInstanceId) + " is already pausing");
      if (!runner || state != WorkflowState::RUNNING_EXECUTION) throw refuse();
      runner->pause();
      return;
    case ExecuteType::RECOVER_SUSPENDED_PROCESS:
      if (runner || (state != WorkflowState::PAUSE && state != WorkflowState::STOP)) throw refuse();
      revive(*stored, CommandType::RECOVER_SUSPENDED_PROCESS);
      return;
    case ExecuteType::START_FAILURE_TASK_PROCESS:
      if (runner || state != WorkflowState::FAILURE) throw refuse();
      revive(*stored, CommandType::START_FAILURE_TASK_PROCESS);
      return;
    case ExecuteType::REPEAT_RUNNING:
      if (runner || !model::isFinished(state)) throw refuse();
      revive(*stored, CommandType::REPEAT_RUNNING);
      return;
    default:
      throw EngineError(EngineError::kRequestParamsNotValid,
                        "executeType " + model::enumName(action) + " is not a workflow-instance operation");
  }
}

void Engine::revive(model::WorkflowInstance instance, CommandType how) {
  auto data = services_.store.loadWorkflow(instance.processDefinitionCode, instance.processDefinitionVersion);
  if (!data)
    throw EngineError(EngineError::kWorkflowDefinitionNotFound,
                      "process definition " + std::to_string(instance.processDefinitionCode) + " version " +
                          std::to_string(instance.processDefinitionVersion) + " does not exist");
  Dag dag;
  try {
    dag = Dag::build(*data);
  } catch (const DagError& e) {
    throw EngineError(EngineError::kExecuteFailed, e.what());
  }
  auto now = services_.clock.now();
  std::string globals = instance.globalParams;
  if (how == CommandType::REPEAT_RUNNING && instance.isSubProcess == model::Flag::NO)
    globals = recureGlobalParams(*data, instance, now, options_.timezone);  // may throw before any write

  auto tasks = services_.store.taskInstancesOf(instance.id);
  std::vector<bool> rerun(dag.size(), false);
  if (how == CommandType::START_FAILURE_TASK_PROCESS) {
    std::vector<size_t> seeds;
    for (const auto& t : tasks)
      if (t.flag == model::Flag::YES && (model::isFailureLike(t.state) || t.state == model::TaskState::KILL))
        if (auto index = dag.indexOf(t.taskCode)) seeds.push_back(*index);
    rerun = dag.withDescendants(seeds);
  }
  for (auto& t : tasks) {
    if (t.flag != model::Flag::YES) continue;
    auto index = dag.indexOf(t.taskCode);
    bool invalidate = false;
    switch (how) {
      case CommandType::REPEAT_RUNNING:
        invalidate = true;
        break;
      case CommandType::RECOVER_SUSPENDED_PROCESS:
        invalidate = t.state == model::TaskState::KILL;  // PAUSE attempts are resumed by the runner
        break;
      default:
        invalidate = index && rerun[*index];
        break;
    }
    if (!invalidate) continue;
    t.flag = model::Flag::NO;
    services_.store.updateTaskInstance(t);
  }
  instance.runTimes += 1;
  instance.commandType = how;
  instance.endTime.reset();
  instance.restartTime = now;
  instance.state = WorkflowState::SUBMITTED_SUCCESS;
  instance.stateHistory =
      appendStateHistory(instance.stateHistory, now, instance.state, "revived by " + model::enumName(how));
  if (how == CommandType::REPEAT_RUNNING) {
    instance.varPool = "[]";
    instance.globalParams = globals;
    instance.startTime = now;
  }
  services_.store.updateWorkflowInstance(instance);
  auto& runner = adopt(std::make_unique<WorkflowRunner>(static_cast<RunnerHost&>(*this), instance, *data, false));
  startOrQueue(runner, false);
}

void Engine::doForceSuccess(int64_t taskInstanceId) {
  auto task = services_.store.findTaskInstance(taskInstanceId);
  if (!task)
    throw EngineError(EngineError::kTaskInstanceNotFound,
                      "task instance " + std::to_string(taskInstanceId) + " does not exist");
  if (auto* runner = find(task->processInstanceId)) {
    runner->forceSuccess(taskInstanceId);
    return;
  }
  if (task->state != model::TaskState::FAILURE && task->state != model::TaskState::KILL &&
      task->state != model::TaskState::NEED_FAULT_TOLERANCE)
    throw EngineError(EngineError::kTaskInstanceStateError,
                      "task instance " + std::to_string(taskInstanceId) + " is " + model::enumName(task->state) +
                          "; only FAILURE, KILL or NEED_FAULT_TOLERANCE can be forced to success");
  task->state = model::TaskState::FORCED_SUCCESS;
  services_.store.updateTaskInstance(*task);

  // A finished instance whose only trouble was this task becomes SUCCESS (spec ds-tasks.md §6.1).
  auto instance = services_.store.findWorkflowInstance(task->processInstanceId);
  if (!instance || (instance->state != WorkflowState::FAILURE && instance->state != WorkflowState::STOP)) return;
  auto data = services_.store.loadWorkflow(instance->processDefinitionCode, instance->processDefinitionVersion);
  if (!data) return;
  std::set<int64_t> covered;
  for (const auto& t : services_.store.taskInstancesOf(instance->id)) {
    if (t.flag != model::Flag::YES) continue;
    if (model::isFailureLike(t.state) || t.state == model::TaskState::KILL || t.state == model::TaskState::PAUSE)
      return;
    covered.insert(t.taskCode);
  }
  for (const auto& r : data->relations)
    for (const auto& t : data->tasks)
      if (t.code == r.postTaskCode && t.flag == model::Flag::YES && !covered.count(t.code)) return;
  instance->state = WorkflowState::SUCCESS;
  instance->stateHistory = appendStateHistory(instance->stateHistory, services_.clock.now(), instance->state,
                                              "task instance " + std::to_string(taskInstanceId) + " forced to success");
  services_.store.updateWorkflowInstance(*instance);
}

}  // namespace porpoise::engine
