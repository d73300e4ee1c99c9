#include "model/definition_json.h"

#include <stdexcept>
#include <unordered_map>

#include "model/lenient_json.h"
#include "util/time.h"

namespace porpoise::model {
namespace {

// Renders instants in one zone, each distinct instant once (a DAG's rows share a handful of times,
// and zone-aware formatting is the slow part of rendering a large DAG).
class TimeText {
 public:
  explicit TimeText(const std::string& zone) : zone_(zone) {}
  std::string orEmpty(TimePoint t) {
    if (t.time_since_epoch().count() == 0) return "";
    auto [it, fresh] = cache_.try_emplace(t.time_since_epoch().count());
    if (fresh) it->second = util::formatDateTime(t, zone_);
    return it->second;
  }
  Json orNull(TimePoint t) {
    if (t.time_since_epoch().count() == 0) return nullptr;
    return orEmpty(t);
  }

 private:
  std::string zone_;
  std::unordered_map<int64_t, std::string> cache_;
};

Json paramMap(const std::vector<Property>& props) {
  if (props.empty()) return nullptr;
  Json m = Json::object();
  for (const auto& p : props) m[p.prop] = p.value;
  return m;
}

}  // namespace

TaskDefinition taskDefinitionFromJson(const Json& j) {
  if (!j.is_object()) throw std::invalid_argument("each task definition must be a JSON object");
  TaskDefinition t;
  std::string label = lenientString(j, "name", "");
  try {
    t.code = lenientInt64(j, "code", 0);
    t.version = lenientInt(j, "version", 0);
    t.name = label;
    t.description = lenientString(j, "description");
    t.taskType = lenientString(j, "taskType");
    t.taskParams = lenientJson(j, "taskParams", Json::object());
    if (!t.taskParams.is_object()) throw std::invalid_argument("taskParams must be a JSON object");
    t.flag = lenientEnum(j, "flag", Flag::YES);
    t.taskPriority = lenientEnum(j, "taskPriority", Priority::MEDIUM);
    t.workerGroup = lenientString(j, "workerGroup", "default");
    if (t.workerGroup.empty()) t.workerGroup = "default";
    t.environmentCode = lenientInt64(j, "environmentCode", -1);
    t.failRetryTimes = lenientInt(j, "failRetryTimes", 0);
    t.failRetryInterval = lenientInt(j, "failRetryInterval", 1);
    t.timeoutFlag = lenientEnum(j, "timeoutFlag", TimeoutFlag::CLOSE);
    t.timeoutNotifyStrategy = lenientEnum<TimeoutStrategy>(j, "timeoutNotifyStrategy");
    t.timeout = lenientInt(j, "timeout", 0);
    t.delayTime = lenientInt(j, "delayTime", 0);
    t.resourceIds = lenientString(j, "resourceIds");
    t.taskGroupId = lenientInt(j, "taskGroupId", 0);
    t.taskGroupPriority = lenientInt(j, "taskGroupPriority", 0);
    t.cpuQuota = lenientInt(j, "cpuQuota", -1);
    t.memoryMax = lenientInt(j, "memoryMax", -1);
    t.taskExecuteType = lenientEnum(j, "taskExecuteType", TaskExecuteType::BATCH);
  } catch (const std::exception& e) {
    throw std::invalid_argument("task " + (label.empty() ? std::string("(unnamed)") : label) + ": " + e.what());
  }
  if (t.failRetryTimes < 0 || t.failRetryInterval < 0 || t.timeout < 0 || t.delayTime < 0)
    throw std::invalid_argument("task " + label + ": retry, timeout and delay values must not be negative");
  return t;
}

TaskRelation relationFromJson(const Json& j) {
  if (!j.is_object()) throw std::invalid_argument("each task relation must be a JSON object");
  TaskRelation r;
  try {
    r.name = lenientString(j, "name");
    r.preTaskCode = lenientInt64(j, "preTaskCode", 0);
    r.preTaskVersion = lenientInt(j, "preTaskVersion", 0);
    r.postTaskCode = lenientInt64(j, "postTaskCode", 0);
    r.postTaskVersion = lenientInt(j, "postTaskVersion", 0);
    r.conditionType = lenientEnum(j, "conditionType", ConditionType::NONE);
    r.conditionParams = lenientJson(j, "conditionParams", Json::object());
  } catch (const std::exception& e) {
    throw std::invalid_argument(std::string("task relation: ") + e.what());
  }
  return r;
}

WorkflowDefinition workflowFromJson(const Json& j) {
  if (!j.is_object()) throw std::invalid_argument("the workflow definition must be a JSON object");
  WorkflowDefinition w;
  w.code = lenientInt64(j, "code", 0);
  w.name = lenientString(j, "name");
  w.version = lenientInt(j, "version", 1);
  w.description = lenientString(j, "description");
  Json gp = lenientJson(j, "globalParams", Json::array());
  w.globalParams = gp.is_array() ? gp.dump() : "[]";
  if (!isUnset(j, "locations")) {
    Json loc = lenientJson(j, "locations", Json::array());
    w.locations = loc.is_array() ? loc.dump() : "";
  }
  w.timeout = lenientInt(j, "timeout", 0);
  w.tenantId = lenientInt(j, "tenantId", -1);
  w.warningGroupId = lenientInt(j, "warningGroupId", 0);
  w.executionType = lenientEnum(j, "executionType", ExecutionType::PARALLEL);
  w.releaseState = lenientEnum(j, "releaseState", ReleaseState::OFFLINE);
  w.flag = lenientEnum(j, "flag", Flag::YES);
  return w;
}

namespace {

Json taskJson(const TaskDefinition& t, TimeText& time) {
  auto locals = t.localParams();
  Json dependence = t.taskParams.is_object() && t.taskParams.contains("dependence")
                        ? Json(t.taskParams["dependence"].dump())
                        : Json("");
  return {{"id", t.id},
          {"code", t.code},
          {"name", t.name},
          {"version", t.version},
          {"description", t.description},
          {"projectCode", t.projectCode},
          {"userId", t.userId},
          {"taskType", t.taskType},
          {"taskParams", t.taskParams},
          {"taskParamList", propertiesToJson(locals)},
          {"taskParamMap", paramMap(locals)},
          {"flag", enumName(t.flag)},
          {"taskPriority", enumName(t.taskPriority)},
          {"userName", nullptr},
          {"projectName", nullptr},
          {"workerGroup", t.workerGroup},
          {"environmentCode", t.environmentCode},
          {"failRetryTimes", t.failRetryTimes},
          {"failRetryInterval", t.failRetryInterval},
          {"timeoutFlag", enumName(t.timeoutFlag)},
          {"timeoutNotifyStrategy", t.timeoutNotifyStrategy ? Json(enumName(*t.timeoutNotifyStrategy)) : Json(nullptr)},
          {"timeout", t.timeout},
          {"delayTime", t.delayTime},
          {"resourceIds", t.resourceIds},
          {"createTime", time.orNull(t.createTime)},
          {"updateTime", time.orNull(t.updateTime)},
          {"modifyBy", nullptr},
          {"taskGroupId", t.taskGroupId},
          {"taskGroupPriority", t.taskGroupPriority},
          {"cpuQuota", t.cpuQuota},
          {"memoryMax", t.memoryMax},
          {"taskExecuteType", enumName(t.taskExecuteType)},
          {"operator", t.operatorId},
          {"operateTime", time.orNull(t.operateTime)},
          {"dependence", dependence}};
}

Json relationJson(const TaskRelation& r, TimeText& time) {
  return {{"id", r.id},
          {"name", r.name},
          {"processDefinitionVersion", r.processDefinitionVersion},
          {"projectCode", r.projectCode},
          {"processDefinitionCode", r.processDefinitionCode},
          {"preTaskCode", r.preTaskCode},
          {"preTaskVersion", r.preTaskVersion},
          {"postTaskCode", r.postTaskCode},
          {"postTaskVersion", r.postTaskVersion},
          {"conditionType", enumName(r.conditionType)},
          {"conditionParams", r.conditionParams},
          {"createTime", time.orNull(r.createTime)},
          {"updateTime", time.orNull(r.updateTime)},
          {"operator", r.operatorId},
          {"operateTime", time.orNull(r.operateTime)}};
}

}  // namespace

Json taskDefinitionToJson(const TaskDefinition& t, const std::string& zone) {
  TimeText time(zone);
  return taskJson(t, time);
}

Json relationToJson(const TaskRelation& r, const std::string& zone) {
  TimeText time(zone);
  return relationJson(r, time);
}

Json workflowToJson(const WorkflowDefinition& w, const std::string& zone) {
  TimeText time(zone);
  auto globals = w.globalParamList();
  Json globalMap = Json::object();
  for (const auto& p : globals) globalMap[p.prop] = p.value;
  return {{"id", w.id},
          {"code", w.code},
          {"name", w.name},
          {"version", w.version},
          {"releaseState", enumName(w.releaseState)},
          {"projectCode", w.projectCode},
          {"description", w.description},
          {"globalParams", w.globalParams},
          {"globalParamList", propertiesToJson(globals)},
          {"globalParamMap", globalMap},
          {"createTime", time.orEmpty(w.createTime)},
          {"updateTime", time.orEmpty(w.updateTime)},
          {"flag", enumName(w.flag)},
          {"userId", w.userId},
          {"userName", nullptr},
          {"projectName", nullptr},
          {"locations", w.locations.empty() ? Json(nullptr) : Json(w.locations)},
          {"scheduleReleaseState", nullptr},
          {"timeout", w.timeout},
          {"tenantId", w.tenantId},
          {"tenantCode", nullptr},
          {"modifyBy", nullptr},
          {"warningGroupId", w.warningGroupId},
          {"executionType", enumName(w.executionType)}};
}

Json dagDataToJson(const DagData& d, const std::string& zone) {
  TimeText time(zone);
  Json relations = Json::array();
  for (const auto& r : d.relations) relations.push_back(relationJson(r, time));
  Json tasks = Json::array();
  for (const auto& t : d.tasks) tasks.push_back(taskJson(t, time));
  return {{"processDefinition", workflowToJson(d.workflow, zone)},
          {"processTaskRelationList", relations},
          {"taskDefinitionList", tasks}};
}

}  // namespace porpoise::model
