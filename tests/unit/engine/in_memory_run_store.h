// An in-memory RunStore for engine tests.
//
// Contract: behaves as RunStore says. transaction() is real: a body that throws leaves the store as it
// was before the body (all maps are restored). inTransaction() lets fakes check that the engine acts only
// after its writes were committed. addWorkflow() registers a definition version; the last one added for
// a code is its current version (version 0 in loadWorkflow). failNextCommit() makes the next
// transaction throw after its body ran (to test that nothing is acted on).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "engine/run_store.h"

namespace porpoise::engine::testing {

class InMemoryRunStore : public RunStore {
 public:
  void transaction(const std::function<void()>& body) override;
  bool inTransaction() const { return depth_ > 0; }
  void failNextCommit() { failNextCommit_ = true; }
  int transactions() const { return transactions_; }

  void addWorkflow(const model::DagData& data);

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

  // Test helpers.
  std::vector<model::WorkflowInstance> allWorkflowInstances() const;
  std::vector<model::TaskInstance> allTaskInstances() const;

 private:
  struct Data {
    std::map<std::pair<int64_t, int>, model::DagData> definitions;
    std::map<int64_t, int> currentVersion;
    std::map<int64_t, model::WorkflowInstance> workflows;
    std::map<int64_t, model::TaskInstance> tasks;
    int64_t nextWorkflowId = 1;
    int64_t nextTaskId = 1;
  };
  // Undo log of the open transaction: how to put back what it changed.
  void remember(std::function<void()> undo) {
    if (depth_ > 0) undo_.push_back(std::move(undo));
  }
  void rememberWorkflow(int64_t id);
  void rememberTask(int64_t id);

  Data data_;
  std::vector<std::function<void()>> undo_;
  int depth_ = 0;
  int transactions_ = 0;
  bool failNextCommit_ = false;
};

}  // namespace porpoise::engine::testing
