// engine::RunStore on the SQLite store.
//
// Contract: transaction(body) runs body inside one Store::write transaction; every call made
// from inside it uses that transaction's connection (so the engine sees its own uncommitted
// writes). Calls outside a transaction use a write (for writes) or a read snapshot. Only the
// engine loop thread calls it.
#pragma once

#include "engine/run_store.h"
#include "store/store.h"

namespace porpoise::server {

class SqliteRunStore : public engine::RunStore {
 public:
  explicit SqliteRunStore(store::Store& store) : store_(store) {}

  void transaction(const std::function<void()>& body) override;
  std::optional<model::DagData> loadWorkflow(int64_t workflowCode, int version) override;
  void insertWorkflowInstance(model::WorkflowInstance& instance) override;
  void updateWorkflowInstance(const model::WorkflowInstance& instance) override;
  std::optional<model::WorkflowInstance> findWorkflowInstance(int64_t id) override;
  std::vector<model::WorkflowInstance> unfinishedWorkflowInstances() override;
  std::optional<model::WorkflowInstance> findSubWorkflowInstance(int64_t parentTaskInstanceId) override;
  std::optional<model::WorkflowInstance> latestWorkflowInstanceInWindow(int64_t workflowCode, util::TimePoint from,
                                                                        util::TimePoint to) override;
  void insertTaskInstance(model::TaskInstance& task) override;
  void updateTaskInstance(const model::TaskInstance& task) override;
  std::optional<model::TaskInstance> findTaskInstance(int64_t id) override;
  std::vector<model::TaskInstance> taskInstancesOf(int64_t workflowInstanceId) override;

 private:
  template <typename F>
  auto withDb(F&& f) {
    if (current_) return f(*current_);
    return store_.write([&](store::Database& db) { return f(db); });
  }
  store::Store& store_;
  store::Database* current_ = nullptr;
};

}  // namespace porpoise::server
