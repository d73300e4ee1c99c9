// Run-side entities: workflow (process) instances and task instances (spec ds-api.md §4.4–4.5).
//
// Contract: plain value types persisted by the store and owned at run time by the engine.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "model/enums.h"
#include "util/time.h"

namespace porpoise::model {

using util::TimePoint;

struct WorkflowInstance {
  int64_t id = 0;
  std::string name;
  int64_t projectCode = 0;
  int64_t processDefinitionCode = 0;
  int processDefinitionVersion = 0;
  WorkflowState state = WorkflowState::SUBMITTED_SUCCESS;
  std::string stateHistory = "[]";  // JSON array text
  Flag recovery = Flag::NO;
  std::optional<TimePoint> startTime;
  std::optional<TimePoint> endTime;
  int runTimes = 1;
  std::string host;
  CommandType commandType = CommandType::START_PROCESS;
  std::string commandParam = "{}";  // JSON text: StartNodeList, StartParams, ...
  TaskDependType taskDependType = TaskDependType::TASK_POST;
  int maxTryTimes = 0;
  FailureStrategy failureStrategy = FailureStrategy::CONTINUE;
  WarningType warningType = WarningType::NONE;
  int warningGroupId = 0;
  std::optional<TimePoint> scheduleTime;
  std::optional<TimePoint> commandStartTime;
  std::string globalParams = "[]";  // resolved global params, JSON text
  int executorId = 0;
  Flag isSubProcess = Flag::NO;
  std::string historyCmd;
  Priority processInstancePriority = Priority::MEDIUM;
  std::string workerGroup = "default";
  int64_t environmentCode = -1;
  int timeout = 0;
  int tenantId = -1;
  std::string tenantCode;
  std::string varPool = "[]";
  int dryRun = 0;
  std::optional<TimePoint> restartTime;
  int64_t parentInstanceId = 0;  // SUB_PROCESS parent (0 = none)
  int64_t parentTaskInstanceId = 0;
};

struct TaskInstance {
  int64_t id = 0;
  std::string name;
  std::string taskType;
  int64_t processInstanceId = 0;
  int64_t taskCode = 0;
  int taskDefinitionVersion = 0;
  TaskState state = TaskState::SUBMITTED_SUCCESS;
  std::optional<TimePoint> firstSubmitTime;
  std::optional<TimePoint> submitTime;
  std::optional<TimePoint> startTime;
  std::optional<TimePoint> endTime;
  std::string host;
  std::string executePath;
  std::string logPath;
  int retryTimes = 0;
  Flag alertFlag = Flag::NO;
  int pid = 0;
  std::string appLink;
  Flag flag = Flag::YES;  // NO = superseded by a retry (history)
  int maxRetryTimes = 0;
  int retryInterval = 0;
  Priority taskInstancePriority = Priority::MEDIUM;
  std::string workerGroup = "default";
  int64_t environmentCode = -1;
  std::string environmentConfig;
  int executorId = 0;
  std::string varPool = "[]";
  int delayTime = 0;
  std::string taskParams;  // JSON text as run
  int dryRun = 0;
  int taskGroupId = 0;
  int cpuQuota = -1;
  int memoryMax = -1;
  TaskExecuteType taskExecuteType = TaskExecuteType::BATCH;
  std::string skipReason;  // Porpoise: why a task was SKIPPED (branch not taken)
};

}  // namespace porpoise::model
