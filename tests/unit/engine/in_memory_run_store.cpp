#include "in_memory_run_store.h"

#include <stdexcept>

namespace porpoise::engine::testing {

void InMemoryRunStore::transaction(const std::function<void()>& body) {
  if (depth_ > 0) {
    body();
    return;
  }
  undo_.clear();
  ++depth_;
  try {
    body();
    if (failNextCommit_) {
      failNextCommit_ = false;
      throw std::runtime_error("simulated commit failure");
    }
  } catch (...) {
    --depth_;
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) (*it)();
    undo_.clear();
    throw;
  }
  --depth_;
  undo_.clear();
  ++transactions_;
}

void InMemoryRunStore::rememberWorkflow(int64_t id) {
  auto it = data_.workflows.find(id);
  std::optional<model::WorkflowInstance> before;
  if (it != data_.workflows.end()) before = it->second;
  int64_t next = data_.nextWorkflowId;
  remember([this, id, before, next] {
    if (before)
      data_.workflows[id] = *before;
    else
      data_.workflows.erase(id);
    data_.nextWorkflowId = next;
  });
}

void InMemoryRunStore::rememberTask(int64_t id) {
  auto it = data_.tasks.find(id);
  std::optional<model::TaskInstance> before;
  if (it != data_.tasks.end()) before = it->second;
  int64_t next = data_.nextTaskId;
  remember([this, id, before, next] {
    if (before)
      data_.tasks[id] = *before;
    else
      data_.tasks.erase(id);
    data_.nextTaskId = next;
  });
}

void InMemoryRunStore::addWorkflow(const model::DagData& data) {
  data_.definitions[{data.workflow.code, data.workflow.version}] = data;
  data_.currentVersion[data.workflow.code] = data.workflow.version;
}

std::optional<model::DagData> InMemoryRunStore::loadWorkflow(int64_t workflowCode, int version) {
  if (version == 0) {
    auto current = data_.currentVersion.find(workflowCode);
    if (current == data_.currentVersion.end()) return std::nullopt;
    version = current->second;
  }
  auto it = data_.definitions.find({workflowCode, version});
  if (it == data_.definitions.end()) return std::nullopt;
  return it->second;
}

void InMemoryRunStore::insertWorkflowInstance(model::WorkflowInstance& instance) {
  rememberWorkflow(data_.nextWorkflowId);
  instance.id = data_.nextWorkflowId++;
  data_.workflows[instance.id] = instance;
}

void InMemoryRunStore::updateWorkflowInstance(const model::WorkflowInstance& instance) {
  if (!data_.workflows.count(instance.id))
    throw std::runtime_error("no workflow instance " + std::to_string(instance.id));
  rememberWorkflow(instance.id);
  data_.workflows[instance.id] = instance;
}

std::optional<model::WorkflowInstance> InMemoryRunStore::findWorkflowInstance(int64_t id) {
  auto it = data_.workflows.find(id);
  if (it == data_.workflows.end()) return std::nullopt;
  return it->second;
}

std::vector<model::WorkflowInstance> InMemoryRunStore::unfinishedWorkflowInstances() {
  std::vector<model::WorkflowInstance> out;
  for (const auto& [id, w] : data_.workflows)
    if (!model::isFinished(w.state)) out.push_back(w);
  return out;
}

std::optional<model::WorkflowInstance> InMemoryRunStore::findSubWorkflowInstance(int64_t parentTaskInstanceId) {
  std::optional<model::WorkflowInstance> found;
  for (const auto& [id, w] : data_.workflows)
    if (w.parentTaskInstanceId == parentTaskInstanceId) found = w;
  return found;
}

std::optional<model::WorkflowInstance> InMemoryRunStore::latestWorkflowInstanceInWindow(int64_t workflowCode,
                                                                                        util::TimePoint from,
                                                                                        util::TimePoint to) {
  std::optional<model::WorkflowInstance> found;
  for (const auto& [id, w] : data_.workflows) {
    if (w.processDefinitionCode != workflowCode) continue;
    std::optional<util::TimePoint> at = w.scheduleTime ? w.scheduleTime : w.startTime;
    if (at && *at >= from && *at <= to) found = w;
  }
  return found;
}

void InMemoryRunStore::insertTaskInstance(model::TaskInstance& task) {
  rememberTask(data_.nextTaskId);
  task.id = data_.nextTaskId++;
  data_.tasks[task.id] = task;
}

void InMemoryRunStore::updateTaskInstance(const model::TaskInstance& task) {
  if (!data_.tasks.count(task.id)) throw std::runtime_error("no task instance " + std::to_string(task.id));
  rememberTask(task.id);
  data_.tasks[task.id] = task;
}

std::optional<model::TaskInstance> InMemoryRunStore::findTaskInstance(int64_t id) {
  auto it = data_.tasks.find(id);
  if (it == data_.tasks.end()) return std::nullopt;
  return it->second;
}

std::vector<model::TaskInstance> InMemoryRunStore::taskInstancesOf(int64_t workflowInstanceId) {
  std::vector<model::TaskInstance> out;
  for (const auto& [id, t] : data_.tasks)
    if (t.processInstanceId == workflowInstanceId) out.push_back(t);
  return out;
}

std::vector<model::WorkflowInstance> InMemoryRunStore::allWorkflowInstances() const {
  std::vector<model::WorkflowInstance> out;
  for (const auto& [id, w] : data_.workflows) out.push_back(w);
  return out;
}

std::vector<model::TaskInstance> InMemoryRunStore::allTaskInstances() const {
  std::vector<model::TaskInstance> out;
  for (const auto& [id, t] : data_.tasks) out.push_back(t);
  return out;
}

}  // namespace porpoise::engine::testing
