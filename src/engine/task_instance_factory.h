// Making task-instance rows: the first attempt of a task in a workflow instance, and later attempts.
//
// Contract:
//  - newTaskInstance copies what DolphinScheduler copies from the task definition (name, type, version,
//    priority, retry settings, delay, task group, resource limits, taskParams as JSON text) and from the
//    workflow instance (executor, dry run). Worker group: the task's own, unless it is "default" (or
//    empty) and the workflow instance names another one; environment: the task's, else the instance's (-1 = none).
//    State SUBMITTED_SUCCESS, flag YES, submit times = now, id 0 (the store assigns it).
//  - nextAttempt clones an attempt for a retry (retryTimes + 1) or a failover rerun (same retryTimes):
//    same first-submit time, incoming var pool and parameters; fresh state, times, host, pid and paths.
//  - isLogicTaskType: the types the engine runs itself (CONDITIONS, SWITCH, SUB_PROCESS, SUB_WORKFLOW,
//    DEPENDENT); every other type goes to the worker.
#pragma once

#include <string>

#include "model/definition.h"
#include "model/instance.h"

namespace porpoise::engine {

model::TaskInstance newTaskInstance(const model::WorkflowInstance& workflow, const model::TaskDefinition& task,
                                    util::TimePoint now);
model::TaskInstance nextAttempt(const model::TaskInstance& previous, bool countsAsRetry, util::TimePoint now);
bool isLogicTaskType(const std::string& taskType);
bool isSubWorkflowTaskType(const std::string& taskType);

}  // namespace porpoise::engine
