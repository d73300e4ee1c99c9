// Column lists and row mappers shared by the definition repository's main and log tables.
#pragma once

#include <string>

#include "model/definition.h"
#include "store/sqlite.h"

namespace porpoise::store::rows {

// Columns of t_task_definition / t_task_definition_log after `id` (log adds operator, operate_time).
extern const char* kTaskColumns;
extern const char* kWorkflowColumns;
extern const char* kRelationColumns;

// Binds the task's columns starting at `first` in kTaskColumns order; returns the next index.
int bindTask(Statement& st, int first, const model::TaskDefinition& t);
// Reads a task whose columns start at `first` (preceded by id at first-1).
model::TaskDefinition readTask(const Statement& st, int first);

int bindWorkflow(Statement& st, int first, const model::WorkflowDefinition& w);
model::WorkflowDefinition readWorkflow(const Statement& st, int first);

int bindRelation(Statement& st, int first, const model::TaskRelation& r);
model::TaskRelation readRelation(const Statement& st, int first);

}  // namespace porpoise::store::rows
