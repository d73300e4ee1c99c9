// Making a new workflow-instance row from a definition version and a start request
// (spec ds-tasks.md §5.2 for parameters, ds-api.md §3.9 for the name).
//
// Contract: makeWorkflowInstance fills every column DolphinScheduler fills when a command becomes an
// instance: name "<definition>-<version>-<yyyyMMddHHmmssSSS>", state SUBMITTED_SUCCESS, run settings from
// the request, the definition's timeout and tenant, commandParam (command_param.h) and the global
// parameters: the definition's globals, overridden by `inherited` (a parent instance's globals, for a
// sub-workflow; may be null), overridden and extended by the request's startParams, then cured against the
// built-ins of the business time (schedule time, else `now`). Throws EngineError 10001 when a parameter
// cannot be resolved or the definition's globalParams are not valid JSON.
#pragma once

#include <vector>

#include "engine/start_request.h"
#include "model/definition.h"
#include "model/instance.h"

namespace porpoise::engine {

model::WorkflowInstance makeWorkflowInstance(const model::DagData& definition, const StartRequest& request,
                                             util::TimePoint now, const std::string& defaultZone,
                                             const std::vector<model::Property>* inherited = nullptr);

// Re-cures the globals of an existing instance for REPEAT_RUNNING: the definition's globals with the
// original startParams applied again. Same errors as makeWorkflowInstance.
std::string recureGlobalParams(const model::DagData& definition, const model::WorkflowInstance& instance,
                               util::TimePoint now, const std::string& defaultZone);

}  // namespace porpoise::engine
