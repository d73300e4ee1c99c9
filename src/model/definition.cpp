#include "model/definition.h"

#include <stdexcept>

namespace porpoise::model {

bool TaskDefinition::sameContent(const TaskDefinition& o) const {
  return name == o.name && description == o.description && taskType == o.taskType && taskParams == o.taskParams &&
         flag == o.flag && taskPriority == o.taskPriority && workerGroup == o.workerGroup &&
         environmentCode == o.environmentCode && failRetryTimes == o.failRetryTimes &&
         failRetryInterval == o.failRetryInterval && timeoutFlag == o.timeoutFlag &&
         timeoutNotifyStrategy == o.timeoutNotifyStrategy && timeout == o.timeout && delayTime == o.delayTime &&
         resourceIds == o.resourceIds && taskGroupId == o.taskGroupId && taskGroupPriority == o.taskGroupPriority &&
         cpuQuota == o.cpuQuota && memoryMax == o.memoryMax && taskExecuteType == o.taskExecuteType;
}

std::vector<Property> TaskDefinition::localParams() const {
  if (!taskParams.is_object() || !taskParams.contains("localParams")) return {};
  try {
    return parseProperties(taskParams["localParams"]);
  } catch (...) {
    return {};
  }
}

std::vector<Property> WorkflowDefinition::globalParamList() const {
  if (globalParams.empty()) return {};
  try {
    return parseProperties(Json::parse(globalParams));
  } catch (...) {
    return {};
  }
}

static std::string textOf(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

std::vector<Property> parseProperties(const Json& array) {
  std::vector<Property> out;
  if (array.is_null()) return out;
  if (!array.is_array()) throw std::invalid_argument("parameters must be a JSON array");
  for (const auto& item : array) {
    if (!item.is_object()) throw std::invalid_argument("each parameter must be an object");
    Property p;
    p.prop = textOf(item.value("prop", Json()));
    if (item.contains("direct") && !item["direct"].is_null()) p.direct = textOf(item["direct"]);
    if (item.contains("type") && !item["type"].is_null()) p.type = textOf(item["type"]);
    p.value = textOf(item.value("value", Json()));
    out.push_back(std::move(p));
  }
  return out;
}

Json propertiesToJson(const std::vector<Property>& props) {
  Json arr = Json::array();
  for (const auto& p : props) arr.push_back({{"prop", p.prop}, {"direct", p.direct}, {"type", p.type}, {"value", p.value}});
  return arr;
}

}  // namespace porpoise::model
