// Notifications from the engine to the rest of the server (alerts, logs of logic tasks, schedulers).
//
// Contract: every method is called on the engine loop, after the change it reports has been persisted,
// and must return quickly (queue real work elsewhere). The default implementations do nothing.
#pragma once

#include <cstdint>
#include <string>

#include "model/instance.h"

namespace porpoise::engine {

struct EngineWarning {
  enum class Kind { TaskTimeout, WorkflowTimeout };
  Kind kind = Kind::TaskTimeout;
  int64_t workflowInstanceId = 0;
  int64_t taskInstanceId = 0;  // 0 for workflow warnings
  std::string message;
};

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  // A line for the task's log (task.logPath): what the engine decided for a logic task, why a task
  // failed before reaching the worker, retries, skips. No trailing newline.
  virtual void taskLog(const model::TaskInstance& task, const std::string& line) {
    (void)task;
    (void)line;
  }
  // A timeout that only warns (DolphinScheduler sends an alert).
  virtual void warning(const EngineWarning& warning) { (void)warning; }
  // A workflow instance reached a finished state (SUCCESS, FAILURE, STOP, PAUSE).
  virtual void workflowFinished(const model::WorkflowInstance& instance) { (void)instance; }
};

}  // namespace porpoise::engine
