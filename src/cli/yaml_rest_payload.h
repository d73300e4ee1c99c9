// Turns a loaded YAML workflow into the form fields of REST create/update
// (POST/PUT /projects/{pc}/process-definition), written the way the DolphinScheduler UI
// writes them.
//
// Contract: the loader keeps pydolphinscheduler's shapes; here they become UI shapes so any
// DolphinScheduler-compatible server takes them: environmentCode null -> -1, description
// null -> "", timeoutNotifyStrategy null and version 0 (new task) left out, parameter values
// as text, relation conditionType "NONE" with the tasks' versions. `locations` gets a layered
// layout (roots on the left, one column per depth). The submission itself is not changed.
#pragma once

#include <string>

#include "cli/http_client.h"
#include "exchange/yaml_submission.h"

namespace porpoise::cli {

using exchange::Json;

Json restTaskDefinitions(const exchange::YamlWorkflowSubmission& submission);
Json restTaskRelations(const exchange::YamlWorkflowSubmission& submission);
Json restGlobalParams(const exchange::YamlWorkflowSubmission& submission);
Json layoutLocations(const exchange::YamlWorkflowSubmission& submission);

// name, description, tenantCode, executionType, timeout, globalParams, locations,
// taskDefinitionJson, taskRelationJson.
HttpFields workflowFormFields(const exchange::YamlWorkflowSubmission& submission, const std::string& tenantCode);

}  // namespace porpoise::cli
