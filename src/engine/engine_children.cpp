// Engine: instances started by other instances: sub-workflow children and the next date of a serial
// backfill (spec ds-tasks.md §3.5, §6.14).
#include <spdlog/spdlog.h>

#include "engine/command_param.h"
#include "engine/engine.h"
#include "engine/instance_factory.h"
#include "params/var_pool.h"

namespace porpoise::engine {

using model::CommandType;
using model::WorkflowState;

void Engine::doStartSubWorkflow(const SubWorkflowStart& request) {
  WorkflowRunner* parent = find(request.parentInstanceId);
  if (!parent) return;
  auto fail = [&](const std::string& message) { parent->childFailedToStart(request.parentTaskInstanceId, message); };

  for (int64_t ancestor = request.parentInstanceId; ancestor;) {
    WorkflowRunner* r = find(ancestor);
    if (!r) break;
    if (r->instance().processDefinitionCode == request.childDefinitionCode)
      return fail("sub-workflow " + std::to_string(request.childDefinitionCode) +
                  " is already running above this task: sub-workflows must not call themselves");
    ancestor = r->instance().parentInstanceId;
  }
  try {
    if (request.existingChildId) {
      if (auto* running = find(request.existingChildId)) {
        running->relinkParent(request.parentInstanceId, request.parentTaskInstanceId);
        childByParentTask_[request.parentTaskInstanceId] = running->id();
        return;
      }
      if (auto child = services_.store.findWorkflowInstance(request.existingChildId)) {
        child->isSubProcess = model::Flag::YES;
        child->parentInstanceId = request.parentInstanceId;
        child->parentTaskInstanceId = request.parentTaskInstanceId;
        CommandType how = CommandType::REPEAT_RUNNING;
        if (request.existingChildAction != CommandType::REPEAT_RUNNING) {
          if (child->state == WorkflowState::SUCCESS) {
            services_.store.updateWorkflowInstance(*child);
            parent->childFinished(*child);
            return;
          }
          if (child->state == WorkflowState::FAILURE) how = CommandType::START_FAILURE_TASK_PROCESS;
          if (child->state == WorkflowState::STOP || child->state == WorkflowState::PAUSE)
            how = CommandType::RECOVER_SUSPENDED_PROCESS;
        }
        revive(*child, how);
        return;
      }
    }
    auto data = services_.store.loadWorkflow(request.childDefinitionCode, 0);
    if (!data)
      return fail("the sub-workflow definition " + std::to_string(request.childDefinitionCode) + " does not exist");
    const model::WorkflowInstance& p = parent->instance();
    StartRequest r;
    r.workflowCode = request.childDefinitionCode;
    r.commandType = p.commandType == CommandType::SCHEDULER || p.commandType == CommandType::COMPLEMENT_DATA
                        ? p.commandType
                        : CommandType::START_PROCESS;
    for (const auto& f : request.fatherParams) r.startParams[f.prop] = f.value;
    r.failureStrategy = p.failureStrategy;
    r.warningType = p.warningType;
    r.warningGroupId = p.warningGroupId;
    r.priority = p.processInstancePriority;
    r.workerGroup = request.workerGroup;
    r.environmentCode = request.environmentCode;
    r.dryRun = p.dryRun;
    r.scheduleTime = p.scheduleTime;
    r.executorId = p.executorId;
    r.tenantId = p.tenantId;
    r.tenantCode = p.tenantCode;
    r.timezone = readCommandParam(p.commandParam).timezone;
    std::vector<model::Property> parentGlobals;
    try {
      parentGlobals = model::parseProperties(nlohmann::json::parse(p.globalParams.empty() ? "[]" : p.globalParams));
    } catch (const std::exception&) {
    }
    try {
      Dag::build(*data);
    } catch (const DagError& e) {
      return fail("the sub-workflow cannot run: " + std::string(e.what()));
    }
    auto child = makeWorkflowInstance(*data, r, services_.clock.now(), options_.timezone, &parentGlobals);
    child.isSubProcess = model::Flag::YES;
    child.parentInstanceId = request.parentInstanceId;
    child.parentTaskInstanceId = request.parentTaskInstanceId;
    child.varPool = params::varPoolToJson(request.varPool);
    services_.store.insertWorkflowInstance(child);
    auto& runner = adopt(std::make_unique<WorkflowRunner>(static_cast<RunnerHost&>(*this), child, *data, false));
    startOrQueue(runner, true);
  } catch (const EngineError& e) {
    fail(std::string("the sub-workflow cannot start: ") + e.what());
  }
}

void Engine::startNextComplement(const model::WorkflowInstance& finished) {
  CommandParams command = readCommandParam(finished.commandParam);
  if (command.complementDates.empty()) return;
  StartRequest next;
  next.workflowCode = finished.processDefinitionCode;
  next.workflowVersion = finished.processDefinitionVersion;
  next.commandType = CommandType::COMPLEMENT_DATA;
  next.startNodes = command.startNodes;
  next.taskDependType = finished.taskDependType;
  next.startParams = command.startParams;
  next.failureStrategy = finished.failureStrategy;
  next.warningType = finished.warningType;
  next.warningGroupId = finished.warningGroupId;
  next.priority = finished.processInstancePriority;
  next.workerGroup = finished.workerGroup;
  next.environmentCode = finished.environmentCode;
  next.dryRun = finished.dryRun;
  next.executorId = finished.executorId;
  next.tenantId = finished.tenantId;
  next.tenantCode = finished.tenantCode;
  next.timezone = command.timezone;
  next.complementDates = command.complementDates;
  try {
    doStart(std::move(next));
  } catch (const EngineError& e) {
    spdlog::error("engine: the next backfill date of workflow {} cannot start: {}", finished.processDefinitionCode,
                  e.what());
  }
}

}  // namespace porpoise::engine
