// Workflow instances and task instances (t_process_instance, t_task_instance).
//
// Contract: the engine's persistence (insert/update/find) and the API's queries (filtered pages,
// state counts) in one place. Pages are ordered as DolphinScheduler orders them and run in two
// statements (count + page) with joined names, no N+1.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/instance.h"
#include "store/page.h"
#include "store/sqlite.h"

namespace porpoise::store::instances {

void insertWorkflow(Database& db, model::WorkflowInstance& w);
void updateWorkflow(Database& db, const model::WorkflowInstance& w);
std::optional<model::WorkflowInstance> findWorkflow(Database& db, int64_t id);
std::vector<model::WorkflowInstance> unfinishedWorkflows(Database& db);
std::optional<model::WorkflowInstance> findSubWorkflow(Database& db, int64_t parentTaskInstanceId);
std::optional<model::WorkflowInstance> latestInWindow(Database& db, int64_t workflowCode, util::TimePoint from,
                                                      util::TimePoint to);
void deleteWorkflow(Database& db, int64_t id);  // with its task instances and sub-workflow instances

void insertTask(Database& db, model::TaskInstance& t);
void updateTask(Database& db, const model::TaskInstance& t);
std::optional<model::TaskInstance> findTask(Database& db, int64_t id);
std::vector<model::TaskInstance> tasksOf(Database& db, int64_t workflowInstanceId);

struct WorkflowFilter {
  int64_t projectCode = 0;
  int64_t workflowCode = 0;  // 0 = any
  std::string search;        // name LIKE
  std::string executorName;
  std::optional<model::WorkflowState> state;
  std::string host;
  std::optional<util::TimePoint> startFrom, startTo;
};
struct WorkflowRow {
  model::WorkflowInstance instance;
  std::string executorName;
  std::string workflowName;
};
Page<WorkflowRow> pageWorkflows(Database& db, const WorkflowFilter& f, const PageRequest& req);

struct TaskFilter {
  int64_t projectCode = 0;
  int64_t workflowInstanceId = 0;
  std::string workflowInstanceName;
  std::string search;  // task name LIKE
  std::string taskName;
  std::string executorName;
  std::optional<model::TaskState> state;
  std::string host;
  std::optional<util::TimePoint> startFrom, startTo;
};
struct TaskRow {
  model::TaskInstance task;
  std::string workflowInstanceName;
  std::string workflowName;
  int64_t workflowCode = 0;
  std::string executorName;
};
Page<TaskRow> pageTasks(Database& db, const TaskFilter& f, const PageRequest& req);

// State -> count of workflow instances / valid task instances started in [from, to] (projectCode 0 = all
// projects visible to user `visibleTo`, 0 = every project).
std::vector<std::pair<int, int64_t>> countWorkflowStates(Database& db, int64_t projectCode, int visibleTo,
                                                         std::optional<util::TimePoint> from,
                                                         std::optional<util::TimePoint> to);
std::vector<std::pair<int, int64_t>> countTaskStates(Database& db, int64_t projectCode, int visibleTo,
                                                     std::optional<util::TimePoint> from,
                                                     std::optional<util::TimePoint> to);

}  // namespace porpoise::store::instances
