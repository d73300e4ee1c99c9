// Workflow-definition operations shared by several endpoints (create, update, release, delete).
//
// Contract: each function runs inside the caller's Store::write transaction, checks the
// DolphinScheduler rules named in spec ds-api.md §3.5 and throws ApiError on a violation, so a
// refused request changes nothing.
#pragma once

#include <optional>

#include "api/api_context.h"
#include "api/definition_validator.h"
#include "store/definition_repository.h"

namespace porpoise::api {

WorkflowForm readWorkflowForm(Call& call);
// Project check, validation, name uniqueness, save of version 1.
model::DagData createWorkflow(Call& call, store::Database& db, int64_t projectCode, const WorkflowForm& form);
model::DagData updateWorkflow(Call& call, store::Database& db, int64_t projectCode, int64_t code,
                              const WorkflowForm& form);
// Returns the id of a schedule that went offline as a consequence (taking a workflow OFFLINE).
std::optional<int> releaseWorkflow(Call& call, store::Database& db, int64_t projectCode, int64_t code,
                                   model::ReleaseState state);
void deleteWorkflow(Call& call, store::Database& db, int64_t projectCode, int64_t code);
// The workflow, checked to belong to the project (50003 otherwise).
model::WorkflowDefinition requireWorkflow(store::Database& db, int64_t projectCode, int64_t code);
// Its current version with relations and tasks (50003 when absent or not in the project).
model::DagData requireDag(store::Database& db, int64_t projectCode, int64_t code);
// Tenant (id, code) a run of `w` uses: the workflow's, else its creator's; nullopt when neither has one.
std::optional<std::pair<int, std::string>> resolveRunTenant(store::Database& db, const model::WorkflowDefinition& w);

}  // namespace porpoise::api
