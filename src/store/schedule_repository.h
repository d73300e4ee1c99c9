// Schedules (t_schedule) and the few workflow facts the schedule rules need.
//
// Contract:
// - Every query that returns model::Schedule joins the workflow name and description, the project
//   name and the owner's name in one statement (no N+1); a missing workflow/project/user gives "".
// - A workflow has at most one schedule (t_schedule.process_definition_code is UNIQUE): insert()
//   throws SqliteError (isConstraint()) for a second one; check findByWorkflowCode() first.
// - lastFireTime is the latest fire time already handled. setReleaseState(ONLINE) sets it to `now`,
//   so time spent OFFLINE is never caught up after a restart. recordFire() is the scheduler's
//   persist-then-act step: it stores the fire time only while the schedule AND its workflow are
//   ONLINE in the database and tells whether it did, so nothing fires for a schedule or workflow
//   that was taken offline, whether or not the scheduler was told.
// - The workflow queries read t_process_definition / t_process_task_relation / t_task_definition
//   directly with small statements, independent of the definitions repository.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/admin.h"
#include "store/page.h"
#include "store/sqlite.h"

namespace porpoise::store::schedules {

std::optional<model::Schedule> findById(Database& db, int id);
std::optional<model::Schedule> findByWorkflowCode(Database& db, int64_t workflowCode);
// Inserts every stored field of `s` (id, joined names ignored); returns the new id.
int insert(Database& db, const model::Schedule& s);
// Writes the editable fields: start/end time, zone, crontab, failure strategy, warning type and
// group, priority, worker group, environment, updateTime.
void update(Database& db, const model::Schedule& s);
void remove(Database& db, int id);
// Removes the schedule of a workflow (when the workflow is deleted); returns its id if it had one.
std::optional<int> removeOfWorkflow(Database& db, int64_t workflowCode);

// Schedules of a project, optionally of one workflow, whose workflow name contains `search`
// (LIKE, escaped), most recently updated first.
Page<model::Schedule> page(Database& db, int64_t projectCode, std::optional<int64_t> workflowCode,
                           const std::string& search, const PageRequest& req);
std::vector<model::Schedule> listByProject(Database& db, int64_t projectCode);
// ONLINE schedules whose workflow is ONLINE too, by id.
std::vector<model::Schedule> listOnline(Database& db);

// Sets the release state and updateTime; ONLINE also sets lastFireTime = now.
void setReleaseState(Database& db, int id, model::ReleaseState state, util::TimePoint now);
// Takes the workflow's schedule OFFLINE if it is ONLINE. Returns the id of the schedule that went
// offline (tell the scheduler: ScheduleListener::scheduleChanged(id) after the commit), else nullopt.
std::optional<int> offlineScheduleOfWorkflow(Database& db, int64_t workflowCode);
// Stores lastFireTime = fireTime when the schedule and its workflow are both ONLINE; false otherwise.
bool recordFire(Database& db, int id, util::TimePoint fireTime);
// Stores lastFireTime unconditionally.
void setLastFireTime(Database& db, int id, util::TimePoint fireTime);

// What the schedule rules need to know about a workflow definition.
struct ScheduledWorkflow {
  int64_t code = 0;
  int64_t projectCode = 0;
  std::string name;
  int version = 0;
  model::ReleaseState releaseState = model::ReleaseState::OFFLINE;
};
std::optional<ScheduledWorkflow> findWorkflow(Database& db, int64_t code);
// Number of task relations of the workflow (0 = empty DAG).
int countRelations(Database& db, int64_t workflowCode);
// Workflows reached through SUB_PROCESS tasks, recursively (cycles are followed once), that are not
// ONLINE or do not exist; names (or codes of missing ones) in discovery order.
std::vector<std::string> offlineSubWorkflows(Database& db, int64_t workflowCode);
// DolphinScheduler copies a schedule's warning group onto its workflow.
void setWorkflowWarningGroup(Database& db, int64_t workflowCode, int warningGroupId);

}  // namespace porpoise::store::schedules
