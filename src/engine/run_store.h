// What the engine persists and reads back: the persistence interface of the DAG master.
//
// Contract:
//  - The engine calls it only from its loop thread, and groups the writes caused by one event in
//    transaction(); an implementation that supports transactions commits them together (and rolls them
//    back if body throws, then rethrows). The engine acts on a change (dispatches, kills, notifies)
//    only after transaction() returned.
//  - insert*() assign a fresh positive id to the given object; update*() overwrite every column of the
//    row with that id. Methods throw (any std::exception) on storage failure.
//  - Sub-workflow links live on the child instance: parentInstanceId / parentTaskInstanceId (0 = none),
//    isSubProcess = YES. The API's query-sub-by-parent is findSubWorkflowInstance(taskInstanceId) and
//    query-parent-by-sub reads the child's parentInstanceId.
//  - A task instance with flag NO is history (an earlier attempt); at most one task instance per
//    (workflow instance, task code) has flag YES.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "model/definition.h"
#include "model/instance.h"

namespace porpoise::engine {

class RunStore {
 public:
  virtual ~RunStore() = default;

  // Runs body so that all writes it makes are committed together. Default: just runs it.
  virtual void transaction(const std::function<void()>& body) { body(); }

  // --- definitions (read only) ---
  // One version of a workflow definition with its relations and the task-definition versions they
  // reference (from the definition/relation/task logs). version 0 = the definition's current version.
  virtual std::optional<model::DagData> loadWorkflow(int64_t workflowCode, int version) = 0;

  // --- workflow instances ---
  virtual void insertWorkflowInstance(model::WorkflowInstance& instance) = 0;
  virtual void updateWorkflowInstance(const model::WorkflowInstance& instance) = 0;
  virtual std::optional<model::WorkflowInstance> findWorkflowInstance(int64_t id) = 0;
  // Every instance whose state is not finished (model::isFinished), in id order. Read at start-up.
  virtual std::vector<model::WorkflowInstance> unfinishedWorkflowInstances() = 0;
  // The child instance started by a SUB_PROCESS task instance (largest id if several), if any.
  virtual std::optional<model::WorkflowInstance> findSubWorkflowInstance(int64_t parentTaskInstanceId) = 0;
  // For DEPENDENT: the instance of `workflowCode` that represents the window [from, to] (inclusive):
  // among instances whose scheduleTime is in the window and instances without a scheduleTime whose
  // startTime is in the window, the one with the largest id.
  virtual std::optional<model::WorkflowInstance> latestWorkflowInstanceInWindow(int64_t workflowCode,
                                                                                util::TimePoint from,
                                                                                util::TimePoint to) = 0;

  // --- task instances ---
  virtual void insertTaskInstance(model::TaskInstance& task) = 0;
  virtual void updateTaskInstance(const model::TaskInstance& task) = 0;
  virtual std::optional<model::TaskInstance> findTaskInstance(int64_t id) = 0;
  // All task instances of a workflow instance, history (flag NO) included, in id order.
  virtual std::vector<model::TaskInstance> taskInstancesOf(int64_t workflowInstanceId) = 0;
};

}  // namespace porpoise::engine
