#include "engine/task_instance_factory.h"

namespace porpoise::engine {

model::TaskInstance newTaskInstance(const model::WorkflowInstance& workflow, const model::TaskDefinition& task,
                                    util::TimePoint now) {
  model::TaskInstance t;
  t.name = task.name;
  t.taskType = task.taskType;
  t.processInstanceId = workflow.id;
  t.taskCode = task.code;
  t.taskDefinitionVersion = task.version;
  t.state = model::TaskState::SUBMITTED_SUCCESS;
  t.firstSubmitTime = now;
  t.submitTime = now;
  t.flag = model::Flag::YES;
  t.maxRetryTimes = task.failRetryTimes;
  t.retryInterval = task.failRetryInterval;
  t.taskInstancePriority = task.taskPriority;
  bool taskSaysDefault = task.workerGroup.empty() || task.workerGroup == "default";
  t.workerGroup = taskSaysDefault && !workflow.workerGroup.empty() ? workflow.workerGroup : task.workerGroup;
  t.environmentCode = task.environmentCode >= 0 ? task.environmentCode : workflow.environmentCode;
  t.executorId = workflow.executorId;
  t.delayTime = task.delayTime;
  t.taskParams = task.taskParams.dump();
  t.dryRun = workflow.dryRun;
  t.taskGroupId = task.taskGroupId;
  t.cpuQuota = task.cpuQuota;
  t.memoryMax = task.memoryMax;
  t.taskExecuteType = task.taskExecuteType;
  return t;
}

model::TaskInstance nextAttempt(const model::TaskInstance& previous, bool countsAsRetry, util::TimePoint now) {
  model::TaskInstance t = previous;
  t.id = 0;
  t.state = model::TaskState::SUBMITTED_SUCCESS;
  t.flag = model::Flag::YES;
  t.submitTime = now;
  t.startTime.reset();
  t.endTime.reset();
  t.host.clear();
  t.pid = 0;
  t.appLink.clear();
  t.executePath.clear();
  t.logPath.clear();
  t.alertFlag = model::Flag::NO;
  t.skipReason.clear();
  if (countsAsRetry) ++t.retryTimes;
  return t;
}

bool isSubWorkflowTaskType(const std::string& taskType) {
  return taskType == "SUB_PROCESS" || taskType == "SUB_WORKFLOW";
}

bool isLogicTaskType(const std::string& taskType) {
  return taskType == "CONDITIONS" || taskType == "SWITCH" || taskType == "DEPENDENT" || isSubWorkflowTaskType(taskType);
}

}  // namespace porpoise::engine
