// WorkflowRunner: SUB_PROCESS / SUB_WORKFLOW tasks (spec ds-tasks.md §3.5, §8 #16).
//
// The task asks the engine for its child instance: a new one, or the child of an earlier attempt of
// the same task (after resume, recover-from-failure or rerun), which is continued (or rerun when the
// parent is rerun). IN local params pass down as the child's "father params" (the upstream var pool's
// value of that name, else the param's own resolved value); the child's var pool fills the task's OUT
// params. The task's state follows the child's: SUCCESS, FAILURE, STOP -> KILL, PAUSE.
#include "engine/task_instance_factory.h"
#include "engine/workflow_runner.h"
#include "params/param_error.h"
#include "params/var_pool.h"
#include "tasks/sub_process_task.h"

namespace porpoise::engine {

using model::TaskState;

void WorkflowRunner::runSubWorkflow(size_t i) {
  Node& n = nodes_[i];
  model::TaskInstance& t = *n.ti;
  const model::TaskDefinition& task = dag_.task(i);
  int64_t childCode = 0;
  try {
    childCode = tasks::parseSubProcessDefinitionCode(task.taskParams);
  } catch (const TaskParamsError& e) {
    finishAttempt(i, TaskState::FAILURE, std::string("invalid sub-workflow parameters: ") + e.what());
    return;
  }
  // Crash recovery: this very attempt may already have its child.
  if (auto own = svc().store.findSubWorkflowInstance(t.id)) {
    if (model::isFinished(own->state)) applyChildState(i, *own);
    return;  // still running: its runner reports when it ends
  }

  SubWorkflowStart request;
  request.parentInstanceId = instance_.id;
  request.parentTaskInstanceId = t.id;
  request.childDefinitionCode = childCode;
  request.workerGroup = t.workerGroup;
  request.environmentCode = t.environmentCode;
  request.varPool = n.input;
  for (auto it = n.earlierAttempts.rbegin(); it != n.earlierAttempts.rend(); ++it)
    if (auto child = svc().store.findSubWorkflowInstance(*it)) {
      request.existingChildId = child->id;
      break;
    }
  request.existingChildAction = instance_.commandType == model::CommandType::REPEAT_RUNNING
                                    ? model::CommandType::REPEAT_RUNNING
                                    : model::CommandType::RECOVER_SUSPENDED_PROCESS;

  std::map<std::string, std::string> resolved;
  try {
    resolved = resolveParams(i);
  } catch (const params::ParamError& e) {
    finishAttempt(i, TaskState::FAILURE, std::string("cannot resolve the task's parameters: ") + e.what());
    return;
  }
  for (const auto& p : task.localParams()) {
    if (p.direct == "OUT" || p.prop.empty()) continue;
    model::Property father = p;
    father.direct = "IN";
    father.value = resolved.count(p.prop) ? resolved[p.prop] : p.value;
    for (const auto& v : n.input)
      if (v.prop == p.prop && !v.value.empty()) father.value = v.value;
    request.fatherParams.push_back(father);
  }
  log(i, request.existingChildId ? "continuing sub-workflow instance " + std::to_string(request.existingChildId)
                                 : "starting sub-workflow " + std::to_string(childCode));
  host_.startSubWorkflow(std::move(request));
}

void WorkflowRunner::applyChildState(size_t i, const model::WorkflowInstance& child) {
  Node& n = nodes_[i];
  model::TaskInstance& t = *n.ti;
  TaskState state = TaskState::FAILURE;
  switch (child.state) {
    case model::WorkflowState::SUCCESS:
      state = TaskState::SUCCESS;
      break;
    case model::WorkflowState::STOP:
      state = TaskState::KILL;
      break;
    case model::WorkflowState::PAUSE:
      state = TaskState::PAUSE;
      break;
    default:
      state = TaskState::FAILURE;
      break;
  }
  std::string message = "sub-workflow instance " + std::to_string(child.id) + " ended " + model::enumName(child.state);
  if (n.timedOut && state != TaskState::SUCCESS) {
    state = TaskState::FAILURE;
    message += " after the task timed out";
  } else if (n.killRequested && state != TaskState::SUCCESS) {
    state = TaskState::KILL;
  }
  if (state == TaskState::SUCCESS) {
    std::vector<model::Property> childPool;
    try {
      childPool = params::varPoolFromJson(child.varPool);
    } catch (const params::ParamError&) {
    }
    std::vector<model::Property> outs;
    for (const auto& p : dag_.task(i).localParams()) {
      if (p.direct != "OUT" || p.prop.empty()) continue;
      for (const auto& v : childPool)
        if (v.prop == p.prop) {
          model::Property out = p;
          out.value = v.value;
          outs.push_back(out);
        }
    }
    t.varPool = params::varPoolToJson(params::mergeVarPool(n.input, outs));
  }
  n.timedOut = false;
  finishAttempt(i, state, message);
}

void WorkflowRunner::relinkParent(int64_t parentInstanceId, int64_t parentTaskInstanceId) {
  instance_.isSubProcess = model::Flag::YES;
  instance_.parentInstanceId = parentInstanceId;
  instance_.parentTaskInstanceId = parentTaskInstanceId;
  saveInstance();
}

void WorkflowRunner::childFinished(const model::WorkflowInstance& child) {
  auto i = nodeOfTask(child.parentTaskInstanceId);
  if (!i || nodes_[*i].phase != Phase::Active || !isSubWorkflowTaskType(dag_.task(*i).taskType)) return;
  applyChildState(*i, child);
  settle();
}

void WorkflowRunner::childFailedToStart(int64_t parentTaskInstanceId, const std::string& message) {
  auto i = nodeOfTask(parentTaskInstanceId);
  if (!i || nodes_[*i].phase != Phase::Active) return;
  finishAttempt(*i, TaskState::FAILURE, message);
  settle();
}

}  // namespace porpoise::engine
