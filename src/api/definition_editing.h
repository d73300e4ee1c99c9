// Edits of one part of a workflow (an edge, a task) made through the task-definition and
// process-task-relation endpoints (spec ds-api.md §3.6, §3.7).
//
// Contract: editWorkflow() loads the current version of the workflow, lets `edit` change its
// tasks and relations, and saves the result exactly like an update from the DAG editor: the same
// validation (ONLINE refusal 50008, cycles, unknown tasks, branch targets, plugin checks), a new
// version only when something changed, and nothing written when anything is refused. Root markers
// (preTaskCode 0) of tasks that have a real upstream and duplicate edges are dropped; layout
// entries of removed tasks are dropped too. Runs inside the caller's Store::write transaction.
#pragma once

#include <functional>
#include <vector>

#include "api/api_context.h"
#include "model/definition.h"
#include "store/sqlite.h"

namespace porpoise::api {

using DagEdit =
    std::function<void(std::vector<model::TaskDefinition>& tasks, std::vector<model::TaskRelation>& relations)>;

model::DagData editWorkflow(Call& call, store::Database& db, int64_t projectCode, int64_t workflowCode,
                            const DagEdit& edit);

// The workflow a task belongs to, checked to be in the project (50030 naming the task otherwise).
int64_t workflowOfTaskIn(store::Database& db, int64_t projectCode, int64_t taskCode);

// Comma-separated codes ("" = none); ParamError naming `name` on anything else.
std::vector<int64_t> parseCodeParam(const std::string& raw, const std::string& name);

}  // namespace porpoise::api
