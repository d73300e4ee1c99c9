// What a WorkflowRunner needs from the engine around it: the shared services and the operations that
// cross workflow instances.
//
// Contract: everything here is used on the engine loop only. defer() runs an effect (dispatch, kill,
// notification) after the writes of the current event are committed. post() queues an event that is
// handled after the current one, in its own transaction; every operation that touches another workflow
// instance (sub-workflows, finishing) goes through post() so that no runner is re-entered while it works.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/engine_clock.h"
#include "engine/run_observer.h"
#include "engine/run_store.h"
#include "engine/task_dispatcher.h"
#include "model/definition.h"
#include "model/enums.h"

namespace porpoise::engine {

class WorkflowRunner;

struct EngineOptions {
  std::string host;      // written to workflow instances (DolphinScheduler: "<ip>:5678")
  std::string timezone;  // zone of built-in dates and DEPENDENT windows; empty = util::defaultTimeZone()
  // Interval between checks of a waiting DEPENDENT task (taskParams dependence.checkInterval, in seconds,
  // overrides it). Waiting tasks are also checked whenever a workflow instance finishes.
  std::chrono::milliseconds dependentCheckInterval{10000};
};

// How to bring in the child instance of a SUB_PROCESS task instance.
struct SubWorkflowStart {
  int64_t parentInstanceId = 0;
  int64_t parentTaskInstanceId = 0;
  int64_t childDefinitionCode = 0;
  int64_t existingChildId = 0;  // a child of an earlier attempt of the same task, to reuse (0 = none)
  model::CommandType existingChildAction = model::CommandType::START_PROCESS;  // what to do with it
  std::vector<model::Property> fatherParams;                                   // override the child's globals
  std::vector<model::Property> varPool;  // the SUB_PROCESS task's incoming var pool
  std::string workerGroup;
  int64_t environmentCode = -1;
};

struct RunnerServices {
  RunStore& store;
  TaskDispatcher& dispatcher;
  EngineClock& clock;
  RunObserver& observer;
  const EngineOptions& options;
};

class RunnerHost {
 public:
  virtual ~RunnerHost() = default;
  virtual RunnerServices& services() = 0;
  virtual void defer(std::function<void()> effect) = 0;
  virtual void post(std::function<void()> event) = 0;
  // Routes worker events for a task instance id to its workflow instance.
  virtual void trackTask(int64_t taskInstanceId, int64_t workflowInstanceId) = 0;
  virtual void untrackTask(int64_t taskInstanceId) = 0;
  // Calls fn with the runner of `workflowInstanceId` after `delay`, as an event of its own; nothing
  // happens if that runner is gone by then. Cancel with services().clock.cancel(id).
  virtual EngineClock::TimerId scheduleFor(int64_t workflowInstanceId, std::chrono::milliseconds delay,
                                           std::function<void(WorkflowRunner&)> fn) = 0;
  // Whether the runner has DEPENDENT tasks waiting (they are re-judged when any instance finishes).
  virtual void watchDependents(int64_t workflowInstanceId, bool waiting) = 0;
  // The runner's instance reached a final state (already persisted).
  virtual void runnerFinished(int64_t workflowInstanceId) = 0;
  // Creates or revives the child of a SUB_PROCESS task instance; the parent hears back through
  // WorkflowRunner::childFinished or childFailedToStart.
  virtual void startSubWorkflow(SubWorkflowStart request) = 0;
  // STOP or PAUSE the child of a SUB_PROCESS task instance (nothing if it has none or it is finished).
  virtual void controlSubWorkflow(int64_t parentTaskInstanceId, model::ExecuteType action) = 0;
};

}  // namespace porpoise::engine
