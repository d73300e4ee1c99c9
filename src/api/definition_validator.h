// Turns the form fields of a workflow save (create, update, import) into a validated DagData.
//
// Contract: parseAndValidateDag() either returns a DagData ready for store::definitions::saveDag
// or throws ApiError with DolphinScheduler's code and a message naming the task/field:
//   10001 malformed JSON / bad field value / relation to an unknown upstream task,
//   50017 empty task or relation list, 50020 unknown task type or params rejected by the plugin
//   (including SWITCH/CONDITIONS references to tasks outside the workflow),
//   50030 relation to an unknown task, 50036 relation with postTaskCode 0, 50019 cycle (names the
//   tasks), 50045 duplicate task names, 10017 unknown tenant.
//   10001 also for a task code that belongs to another workflow.
// A task that appears in no relation becomes a root (DolphinScheduler silently drops it); a task
// with code 0 gets a new code.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "model/definition.h"
#include "store/sqlite.h"

namespace porpoise::api {

struct WorkflowForm {
  std::string name;
  std::string description;
  nlohmann::json globalParams = nlohmann::json::array();
  std::string locations;
  int timeout = 0;
  std::string tenantCode = "default";
  model::ExecutionType executionType = model::ExecutionType::PARALLEL;
  nlohmann::json taskDefinitions;  // array
  nlohmann::json taskRelations;    // array
};

// Checks task definitions and relations only (no database).
model::DagData validateDagShape(const WorkflowForm& form);
// Full validation including the tenant lookup and sub-workflow cycles; `workflowCode` is the
// code the workflow has or will have.
model::DagData parseAndValidateDag(store::Database& db, const WorkflowForm& form, int64_t projectCode,
                                   int64_t workflowCode);
// Resolves "default" to -1, else the tenant id (throws ApiError 10017).
int resolveTenant(store::Database& db, const std::string& tenantCode);
// Throws ApiError 10001 when a task code of `dag` is a task of another workflow (saving it would
// rewrite that workflow's task).
void checkTaskOwnership(store::Database& db, const model::DagData& dag);
// Throws ApiError 50019 when following SUB_PROCESS references from `dag` leads back to its workflow.
void checkSubWorkflowCycles(store::Database& db, const model::DagData& dag);

}  // namespace porpoise::api
