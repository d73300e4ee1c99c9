// A TaskDispatcher for engine tests: records every call and lets the test decide how tasks end.
//
// Contract: dispatch/kill/adopt only record (tests finish tasks through the engine's onTaskFinished).
// When given the store, dispatch() checks the engine's "persist, then act" rule: it is called outside
// any transaction and the task instance is already stored in state DISPATCH; violations are counted in
// `violations`.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/task_dispatcher.h"
#include "in_memory_run_store.h"

namespace porpoise::engine::testing {

class FakeDispatcher : public TaskDispatcher {
 public:
  struct Dispatched {
    model::TaskInstance task;
    model::WorkflowInstance workflow;
    std::map<std::string, std::string> params;
    int queuePriority = 0;
  };

  explicit FakeDispatcher(InMemoryRunStore* store = nullptr) : store_(store) {}

  TaskPaths pathsFor(const model::WorkflowInstance& workflow, const model::TaskInstance& task) override {
    std::string id = std::to_string(workflow.id) + "_" + std::to_string(task.id);
    return {"/tmp/porpoise-test/exec/" + id, "/tmp/porpoise-test/logs/" + id + ".log"};
  }

  void dispatch(const DispatchRequest& request) override {
    if (store_) {
      auto stored = store_->findTaskInstance(request.task.id);
      if (store_->inTransaction() || !stored || stored->state != model::TaskState::DISPATCH) ++violations;
    }
    dispatched.push_back({request.task, request.workflow, request.params, request.queuePriority});
  }

  void kill(int64_t taskInstanceId) override { kills.push_back(taskInstanceId); }

  void adopt(const model::WorkflowInstance& workflow, const model::TaskInstance& task,
             const model::TaskDefinition& definition) override {
    (void)workflow;
    (void)definition;
    adopted.push_back(task);
  }

  // Names of dispatched tasks, in dispatch order.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& d : dispatched) out.push_back(d.task.name);
    return out;
  }
  // The latest dispatch of a task name (throws if none).
  const Dispatched& last(const std::string& name) const {
    for (auto it = dispatched.rbegin(); it != dispatched.rend(); ++it)
      if (it->task.name == name) return *it;
    throw std::out_of_range("task '" + name + "' was not dispatched");
  }
  int count(const std::string& name) const {
    int n = 0;
    for (const auto& d : dispatched) n += d.task.name == name;
    return n;
  }

  std::vector<Dispatched> dispatched;
  std::vector<int64_t> kills;
  std::vector<model::TaskInstance> adopted;
  int violations = 0;

 private:
  InMemoryRunStore* store_;
};

}  // namespace porpoise::engine::testing
