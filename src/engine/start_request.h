// A request to start a new workflow instance (the executors API's start-process-instance, a schedule
// firing, or a backfill), already validated for permissions and release state by the caller.
//
// Contract: workflowVersion 0 means the definition's current version. startNodes + taskDependType
// select the tasks to run (start_nodes.h). startParams override and extend the workflow's global
// parameters. complementDates, when not empty, makes this a serial backfill: one instance per date,
// each started when the previous one ended in SUCCESS (scheduleTime is then ignored).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/enums.h"
#include "params/placeholder.h"
#include "util/time.h"

namespace porpoise::engine {

struct StartRequest {
  int64_t workflowCode = 0;
  int workflowVersion = 0;
  model::CommandType commandType = model::CommandType::START_PROCESS;  // START_PROCESS, SCHEDULER, COMPLEMENT_DATA
  std::vector<int64_t> startNodes;
  model::TaskDependType taskDependType = model::TaskDependType::TASK_POST;
  params::ParamMap startParams;
  model::FailureStrategy failureStrategy = model::FailureStrategy::CONTINUE;
  model::WarningType warningType = model::WarningType::NONE;
  int warningGroupId = 0;
  model::Priority priority = model::Priority::MEDIUM;
  std::string workerGroup = "default";
  int64_t environmentCode = -1;
  int dryRun = 0;
  std::optional<util::TimePoint> scheduleTime;
  std::vector<util::TimePoint> complementDates;
  int executorId = 0;
  int tenantId = -1;
  std::string tenantCode;
  std::string timezone;  // zone of the schedule, for built-in dates; empty = the engine's zone
};

}  // namespace porpoise::engine
