#include "api/instance_json.h"

#include "util/time.h"

namespace porpoise::api {
namespace {

using Json = nlohmann::json;

Json timeJson(const std::optional<util::TimePoint>& t, const std::string& zone) {
  return t ? Json(util::formatDateTime(*t, zone)) : Json(nullptr);
}

Json parsedOr(const std::string& text, Json fallback) {
  auto j = Json::parse(text, nullptr, false);
  return j.is_discarded() ? fallback : j;
}

}  // namespace

Json durationJson(const std::optional<util::TimePoint>& start, const std::optional<util::TimePoint>& end) {
  if (!start) return nullptr;
  auto stop = end.value_or(util::now());
  return util::formatDuration(std::chrono::duration_cast<std::chrono::milliseconds>(stop - *start));
}

Json workflowInstanceJson(const model::WorkflowInstance& w, const std::string& zone) {
  using model::enumName;
  bool complement = w.commandType == model::CommandType::COMPLEMENT_DATA;
  return {{"id", w.id},
          {"name", w.name},
          {"projectCode", w.projectCode},
          {"processDefinitionCode", w.processDefinitionCode},
          {"processDefinitionVersion", w.processDefinitionVersion},
          {"state", enumName(w.state)},
          {"stateHistory", w.stateHistory},
          {"stateDescList", parsedOr(w.stateHistory, Json::array())},
          {"recovery", enumName(w.recovery)},
          {"startTime", timeJson(w.startTime, zone)},
          {"endTime", timeJson(w.endTime, zone)},
          {"runTimes", w.runTimes},
          {"host", w.host},
          {"commandType", enumName(w.commandType)},
          {"commandParam", w.commandParam},
          {"taskDependType", enumName(w.taskDependType)},
          {"maxTryTimes", w.maxTryTimes},
          {"failureStrategy", enumName(w.failureStrategy)},
          {"warningType", enumName(w.warningType)},
          {"warningGroupId", w.warningGroupId},
          {"scheduleTime", timeJson(w.scheduleTime, zone)},
          {"commandStartTime", timeJson(w.commandStartTime, zone)},
          {"globalParams", w.globalParams},
          {"executorId", w.executorId},
          {"tenantCode", w.tenantCode.empty() ? Json(nullptr) : Json(w.tenantCode)},
          {"isSubProcess", enumName(w.isSubProcess)},
          {"historyCmd", w.historyCmd},
          {"processInstancePriority", enumName(w.processInstancePriority)},
          {"workerGroup", w.workerGroup},
          {"environmentCode", w.environmentCode},
          {"timeout", w.timeout},
          {"tenantId", w.tenantId},
          {"varPool", w.varPool},
          {"dryRun", w.dryRun},
          {"restartTime", timeJson(w.restartTime, zone)},
          {"duration", durationJson(w.startTime, w.endTime)},
          {"complementData", complement},
          {"cmdTypeIfComplement", enumName(complement ? model::CommandType::COMPLEMENT_DATA : w.commandType)},
          {"parentProcessInstanceId", w.parentInstanceId},
          {"parentTaskInstanceId", w.parentTaskInstanceId},
          {"blocked", false}};
}

Json taskInstanceJson(const model::TaskInstance& t, const std::string& zone) {
  using model::enumName;
  const std::string& type = t.taskType;
  return {{"id", t.id},
          {"name", t.name},
          {"taskType", t.taskType},
          {"processInstanceId", t.processInstanceId},
          {"taskCode", t.taskCode},
          {"taskDefinitionVersion", t.taskDefinitionVersion},
          {"state", enumName(t.state)},
          {"firstSubmitTime", timeJson(t.firstSubmitTime, zone)},
          {"submitTime", timeJson(t.submitTime, zone)},
          {"startTime", timeJson(t.startTime, zone)},
          {"endTime", timeJson(t.endTime, zone)},
          {"host", t.host},
          {"executePath", t.executePath},
          {"logPath", t.logPath},
          {"retryTimes", t.retryTimes},
          {"alertFlag", enumName(t.alertFlag)},
          {"pid", t.pid},
          {"appLink", t.appLink},
          {"flag", enumName(t.flag)},
          {"duration", durationJson(t.startTime, t.endTime)},
          {"maxRetryTimes", t.maxRetryTimes},
          {"retryInterval", t.retryInterval},
          {"taskInstancePriority", enumName(t.taskInstancePriority)},
          {"workerGroup", t.workerGroup},
          {"environmentCode", t.environmentCode},
          {"environmentConfig", t.environmentConfig},
          {"executorId", t.executorId},
          {"varPool", t.varPool},
          {"delayTime", t.delayTime},
          {"taskParams", t.taskParams},
          {"dryRun", t.dryRun},
          {"taskGroupId", t.taskGroupId},
          {"cpuQuota", t.cpuQuota},
          {"memoryMax", t.memoryMax},
          {"taskExecuteType", enumName(t.taskExecuteType)},
          {"skipReason", t.skipReason},
          {"taskComplete", model::isFinished(t.state)},
          {"subProcess", type == "SUB_PROCESS" || type == "SUB_WORKFLOW"},
          {"dependTask", type == "DEPENDENT"},
          {"conditionsTask", type == "CONDITIONS"},
          {"switchTask", type == "SWITCH"},
          {"blockingTask", type == "BLOCKING"},
          {"firstRun", t.retryTimes == 0}};
}

}  // namespace porpoise::api
