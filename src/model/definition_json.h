// JSON mapping of workflow definitions, task definitions and relations (spec ds-api.md §3.5, §4.1–4.3, §5).
//
// Contract:
//  - *FromJson readers accept what real clients send (numbers as strings, enums by name or code,
//    taskParams as object or JSON text, unknown keys ignored, "" = unset) and throw
//    std::invalid_argument with a message naming the task and field on bad values.
//  - *ToJson writers produce DolphinScheduler 3.1's shapes; dates are "yyyy-MM-dd HH:mm:ss" in `zone`.
//    taskParams and conditionParams are emitted as JSON; globalParams and locations as strings.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/definition.h"

namespace porpoise::model {

TaskDefinition taskDefinitionFromJson(const Json& j);
TaskRelation relationFromJson(const Json& j);
// The workflow part of an export file (processDefinition / workflowDefinition object).
WorkflowDefinition workflowFromJson(const Json& j);

Json taskDefinitionToJson(const TaskDefinition& t, const std::string& zone);
Json relationToJson(const TaskRelation& r, const std::string& zone);
Json workflowToJson(const WorkflowDefinition& w, const std::string& zone);
// {processDefinition, processTaskRelationList, taskDefinitionList}
Json dagDataToJson(const DagData& d, const std::string& zone);

}  // namespace porpoise::model
