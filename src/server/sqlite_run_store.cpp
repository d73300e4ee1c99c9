#include "server/sqlite_run_store.h"

#include "store/definition_repository.h"
#include "store/instance_repository.h"

namespace porpoise::server {

void SqliteRunStore::transaction(const std::function<void()>& body) {
  if (current_) {
    body();
    return;
  }
  store_.write([&](store::Database& db) {
    current_ = &db;
    try {
      body();
    } catch (...) {
      current_ = nullptr;
      throw;
    }
    current_ = nullptr;
  });
}

std::optional<model::DagData> SqliteRunStore::loadWorkflow(int64_t workflowCode, int version) {
  return withDb([&](store::Database& db) {
    return version == 0 ? store::definitions::loadDag(db, workflowCode)
                        : store::definitions::loadDagVersion(db, workflowCode, version);
  });
}

void SqliteRunStore::insertWorkflowInstance(model::WorkflowInstance& instance) {
  withDb([&](store::Database& db) {
    store::instances::insertWorkflow(db, instance);
    return 0;
  });
}

void SqliteRunStore::updateWorkflowInstance(const model::WorkflowInstance& instance) {
  withDb([&](store::Database& db) {
    store::instances::updateWorkflow(db, instance);
    return 0;
  });
}

std::optional<model::WorkflowInstance> SqliteRunStore::findWorkflowInstance(int64_t id) {
  return withDb([&](store::Database& db) { return store::instances::findWorkflow(db, id); });
}

std::vector<model::WorkflowInstance> SqliteRunStore::unfinishedWorkflowInstances() {
  return withDb([&](store::Database& db) { return store::instances::unfinishedWorkflows(db); });
}

std::optional<model::WorkflowInstance> SqliteRunStore::findSubWorkflowInstance(int64_t parentTaskInstanceId) {
  return withDb([&](store::Database& db) { return store::instances::findSubWorkflow(db, parentTaskInstanceId); });
}

std::optional<model::WorkflowInstance> SqliteRunStore::latestWorkflowInstanceInWindow(int64_t workflowCode,
                                                                                      util::TimePoint from,
                                                                                      util::TimePoint to) {
  return withDb([&](store::Database& db) { return store::instances::latestInWindow(db, workflowCode, from, to); });
}

void SqliteRunStore::insertTaskInstance(model::TaskInstance& task) {
  withDb([&](store::Database& db) {
    store::instances::insertTask(db, task);
    return 0;
  });
}

void SqliteRunStore::updateTaskInstance(const model::TaskInstance& task) {
  withDb([&](store::Database& db) {
    store::instances::updateTask(db, task);
    return 0;
  });
}

std::optional<model::TaskInstance> SqliteRunStore::findTaskInstance(int64_t id) {
  return withDb([&](store::Database& db) { return store::instances::findTask(db, id); });
}

std::vector<model::TaskInstance> SqliteRunStore::taskInstancesOf(int64_t workflowInstanceId) {
  return withDb([&](store::Database& db) { return store::instances::tasksOf(db, workflowInstanceId); });
}

}  // namespace porpoise::server
