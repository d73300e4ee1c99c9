#include "engine/instance_factory.h"

#include "engine/command_param.h"
#include "engine/engine_error.h"
#include "engine/state_history.h"
#include "params/param_error.h"
#include "params/param_resolver.h"

namespace porpoise::engine {

namespace {

std::vector<model::Property> definitionGlobals(const model::DagData& definition) {
  try {
    const std::string& text = definition.workflow.globalParams;
    return model::parseProperties(nlohmann::json::parse(text.empty() ? std::string("[]") : text));
  } catch (const std::exception& e) {
    throw EngineError(
        EngineError::kRequestParamsNotValid,
        "the global parameters of workflow '" + definition.workflow.name + "' are not valid: " + e.what());
  }
}

std::string curedGlobals(const model::DagData& definition, std::vector<model::Property> globals,
                         const params::ParamMap& startParams, std::optional<util::TimePoint> scheduleTime,
                         util::TimePoint now, const std::string& zone, const std::vector<model::Property>* inherited) {
  if (inherited)
    for (const auto& p : *inherited) {
      bool replaced = false;
      for (auto& g : globals)
        if (g.prop == p.prop) {
          g.value = p.value;
          replaced = true;
        }
      if (!replaced) globals.push_back(p);
    }
  globals = params::applyStartParams(std::move(globals), startParams);
  params::BuiltinContext context;
  context.scheduleTime = scheduleTime;
  context.startTime = now;
  context.timezone = zone;
  context.workflowDefinitionName = definition.workflow.name;
  context.workflowDefinitionCode = definition.workflow.code;
  context.projectCode = definition.workflow.projectCode;
  try {
    return model::propertiesToJson(params::cureGlobalParams(std::move(globals), context)).dump();
  } catch (const params::ParamError& e) {
    throw EngineError(EngineError::kRequestParamsNotValid, e.what());
  }
}

}  // namespace

model::WorkflowInstance makeWorkflowInstance(const model::DagData& definition, const StartRequest& request,
                                             util::TimePoint now, const std::string& defaultZone,
                                             const std::vector<model::Property>* inherited) {
  const model::WorkflowDefinition& wf = definition.workflow;
  model::WorkflowInstance pi;
  pi.name = wf.name + "-" + std::to_string(wf.version) + "-" + util::formatStamp17(now);
  pi.projectCode = wf.projectCode;
  pi.processDefinitionCode = wf.code;
  pi.processDefinitionVersion = wf.version;
  pi.state = model::WorkflowState::SUBMITTED_SUCCESS;
  pi.stateHistory = appendStateHistory("[]", now, pi.state, "submitted");
  pi.recovery = model::Flag::NO;
  pi.runTimes = 1;
  pi.commandType = request.commandType;
  CommandParams command;
  command.startNodes = request.startNodes;
  command.startParams = request.startParams;
  if (request.complementDates.size() > 1)
    command.complementDates.assign(request.complementDates.begin() + 1, request.complementDates.end());
  command.timezone = request.timezone;
  pi.commandParam = writeCommandParam(command);
  pi.taskDependType = request.taskDependType;
  pi.failureStrategy = request.failureStrategy;
  pi.warningType = request.warningType;
  pi.warningGroupId = request.warningGroupId;
  pi.scheduleTime = request.complementDates.empty() ? request.scheduleTime
                                                    : std::optional<util::TimePoint>(request.complementDates.front());
  pi.commandStartTime = now;
  pi.executorId = request.executorId;
  pi.processInstancePriority = request.priority;
  pi.workerGroup = request.workerGroup.empty() ? "default" : request.workerGroup;
  pi.environmentCode = request.environmentCode;
  pi.timeout = wf.timeout;
  pi.tenantId = request.tenantId >= 0 ? request.tenantId : wf.tenantId;
  pi.tenantCode = request.tenantCode;
  pi.dryRun = request.dryRun;
  std::string zone = request.timezone.empty() ? defaultZone : request.timezone;
  pi.globalParams = curedGlobals(definition, definitionGlobals(definition), request.startParams, pi.scheduleTime, now,
                                 zone, inherited);
  return pi;
}

std::string recureGlobalParams(const model::DagData& definition, const model::WorkflowInstance& instance,
                               util::TimePoint now, const std::string& defaultZone) {
  CommandParams command = readCommandParam(instance.commandParam);
  std::string zone = command.timezone.empty() ? defaultZone : command.timezone;
  return curedGlobals(definition, definitionGlobals(definition), command.startParams, instance.scheduleTime, now, zone,
                      nullptr);
}

}  // namespace porpoise::engine
