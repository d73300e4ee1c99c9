// How the engine runs worker tasks (SHELL, PYTHON, ...), and what comes back.
//
// Contract for implementations (the worker pool wiring; tests use a fake):
//  - All methods are called on the engine loop and must not block: queue the work and return.
//  - pathsFor() names the execute directory and the log file of a task instance. It is called once per
//    task instance (worker and logic tasks alike), right after the row is created, and the result is
//    persisted before dispatch, so ${system.task.execute.path} is known when parameters are resolved.
//  - For every dispatch() and every adopt() the implementation reports exactly one
//    Engine::onTaskFinished(TaskResult) later (from any thread), and normally Engine::onTaskStarted()
//    before it once the process runs. kill() asks for an early end; the finish report still comes
//    (state KILL, or whatever the task ended with if it ended first). kill() of an unknown id is ignored.
//  - adopt() follows a task that was running when the server stopped (crash recovery). When its process
//    is gone and no exit code was recorded, report state NEED_FAULT_TOLERANCE: the engine then reruns it.
//  - Dry-run task instances (dryRun = 1) are never dispatched: the engine completes them itself.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "model/definition.h"
#include "model/instance.h"
#include "params/out_params.h"

namespace porpoise::engine {

struct TaskPaths {
  std::string executePath;
  std::string logPath;
};

// One attempt of a worker task, with everything needed to render and run it.
struct DispatchRequest {
  const model::WorkflowInstance& workflow;
  const model::TaskInstance& task;
  const model::TaskDefinition& definition;
  const std::map<std::string, std::string>& params;  // resolved parameters (params/param_resolver.h)
  // Suggested queue position, lower first: (workflow priority, task priority) and then the order
  // (task instance id), so older work goes first within one priority.
  int queuePriority = 0;
  int64_t queueOrder = 0;
};

// The end of one attempt of a worker task.
struct TaskResult {
  int64_t taskInstanceId = 0;
  // SUCCESS, FAILURE, KILL, or NEED_FAULT_TOLERANCE (adopted task whose process was lost).
  model::TaskState state = model::TaskState::FAILURE;
  bool timedOut = false;                    // killed by the worker because of its timeout
  std::vector<params::SetValue> setValues;  // ${setValue(k=v)} captured from the output, in order
  std::string message;                      // why it failed, for the task log
};

class TaskDispatcher {
 public:
  virtual ~TaskDispatcher() = default;
  virtual TaskPaths pathsFor(const model::WorkflowInstance& workflow, const model::TaskInstance& task) = 0;
  virtual void dispatch(const DispatchRequest& request) = 0;
  virtual void kill(int64_t taskInstanceId) = 0;
  virtual void adopt(const model::WorkflowInstance& workflow, const model::TaskInstance& task,
                     const model::TaskDefinition& definition) = 0;
};

}  // namespace porpoise::engine
