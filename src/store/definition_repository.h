// Workflow definitions with versions: t_process_definition(+_log), t_task_definition(+_log),
// t_process_task_relation(+_log) (spec ds-api.md §6.2).
//
// Contract:
//  - A workflow version is its log row plus the relation-log rows of (code, version) and the
//    task-log rows those relations reference. The main tables mirror the current version.
//  - saveDag() writes one new version when anything changed (workflow fields, a task's content,
//    the relation set) and nothing otherwise. Tasks keep their code; a task's version bumps only
//    when its content changed. Must run inside a Store::write transaction.
//  - Loaders return the current version or a given one; nullopt when absent.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/definition.h"
#include "store/page.h"
#include "store/sqlite.h"

namespace porpoise::store::definitions {

struct WorkflowRow {
  model::WorkflowDefinition workflow;
  std::string userName;    // creator
  std::string modifyBy;    // operator of the current version
  std::string tenantCode;  // empty when tenantId is -1 ("default")
  std::optional<model::ReleaseState> scheduleReleaseState;
};

std::optional<model::WorkflowDefinition> findWorkflow(Database& db, int64_t code);
std::optional<WorkflowRow> findWorkflowRow(Database& db, int64_t code);
std::optional<model::WorkflowDefinition> findWorkflowByName(Database& db, int64_t projectCode, const std::string& name);
bool nameExists(Database& db, int64_t projectCode, const std::string& name, int64_t exceptCode);

std::optional<model::DagData> loadDag(Database& db, int64_t code);
std::optional<model::DagData> loadDagVersion(Database& db, int64_t code, int version);

struct SaveOutcome {
  model::DagData dag;  // as stored (the current version)
  bool newVersion = false;
};
// `input.workflow.code` must be set (new code for a new workflow). Tasks with code 0 get new codes.
SaveOutcome saveDag(Database& db, model::DagData input, int operatorId, util::TimePoint now);

void setReleaseState(Database& db, int64_t code, model::ReleaseState state, util::TimePoint now);
// Deletes the main rows of the workflow, its tasks and relations (history is kept).
void deleteWorkflow(Database& db, int64_t code);
// Moves the workflow and its tasks to another project (same codes).
void moveWorkflow(Database& db, int64_t code, int64_t targetProject, util::TimePoint now);

Page<WorkflowRow> page(Database& db, int64_t projectCode, const std::string& search, int userId,
                       const PageRequest& req);
std::vector<model::WorkflowDefinition> listByProject(Database& db, int64_t projectCode);
Page<WorkflowRow> versions(Database& db, int64_t code, const PageRequest& req);
int maxVersion(Database& db, int64_t code);
// Makes `version` current (copies it back to the main tables). Returns false if it does not exist.
bool switchVersion(Database& db, int64_t code, int version, util::TimePoint now);
void deleteVersion(Database& db, int64_t code, int version);

// Task definitions.
std::optional<model::TaskDefinition> findTask(Database& db, int64_t code);
std::optional<int64_t> workflowOfTask(Database& db, int64_t taskCode);
struct TaskRow {
  model::TaskDefinition task;
  int64_t workflowCode = 0;
  std::string workflowName;
  std::vector<int64_t> upstreamCodes;
};
// Tasks of the project's workflows, newest first, filtered by workflow name and task name (LIKE),
// task type and execute type (when given). A constant number of statements per page.
Page<TaskRow> taskPage(Database& db, int64_t projectCode, const std::string& workflowName, const std::string& taskName,
                       const std::string& taskType, std::optional<model::TaskExecuteType> executeType,
                       const PageRequest& req);
// Every stored version of a task (its log rows), newest first.
Page<model::TaskDefinition> taskVersions(Database& db, int64_t taskCode, const PageRequest& req);
// Tasks in other workflows (SUB_PROCESS / DEPENDENT) that reference `workflowCode`, as "workflow.task" names.
std::vector<std::string> referencesTo(Database& db, int64_t workflowCode);

}  // namespace porpoise::store::definitions

namespace porpoise::store::definitions {
// Number of instances of the workflow that are not finished.
int countUnfinishedInstances(Database& db, int64_t workflowCode);
// Sets the workflow's schedule OFFLINE; returns its id when one was ONLINE.
std::optional<int> offlineScheduleOf(Database& db, int64_t workflowCode);
// Release state of the workflow's schedule, if it has one.
std::optional<model::ReleaseState> scheduleStateOf(Database& db, int64_t workflowCode);
void deleteScheduleOf(Database& db, int64_t workflowCode);
}  // namespace porpoise::store::definitions
