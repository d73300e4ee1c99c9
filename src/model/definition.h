// Workflow-definition side entities: what a user designs (spec ds-api.md §4.1–4.3).
//
// Contract: plain value types. Codes are 64-bit (< 2^53). taskParams and conditionParams are
// kept as JSON; globalParams and locations are kept as the JSON text DolphinScheduler stores.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/enums.h"
#include "util/time.h"

namespace porpoise::model {

using Json = nlohmann::json;
using util::TimePoint;

// A parameter: {"prop","direct":"IN|OUT","type":"VARCHAR|...","value"}.
struct Property {
  std::string prop;
  std::string direct = "IN";
  std::string type = "VARCHAR";
  std::string value;
  bool operator==(const Property&) const = default;
};

struct TaskDefinition {
  int64_t id = 0;
  int64_t code = 0;
  int version = 1;
  std::string name;
  std::string description;
  int64_t projectCode = 0;
  int userId = 0;
  std::string taskType;
  Json taskParams = Json::object();
  Flag flag = Flag::YES;
  Priority taskPriority = Priority::MEDIUM;
  std::string workerGroup = "default";
  int64_t environmentCode = -1;
  int failRetryTimes = 0;
  int failRetryInterval = 1;  // minutes
  TimeoutFlag timeoutFlag = TimeoutFlag::CLOSE;
  std::optional<TimeoutStrategy> timeoutNotifyStrategy;
  int timeout = 0;    // minutes
  int delayTime = 0;  // minutes
  std::string resourceIds;
  int taskGroupId = 0;
  int taskGroupPriority = 0;
  int cpuQuota = -1;
  int memoryMax = -1;
  TaskExecuteType taskExecuteType = TaskExecuteType::BATCH;
  TimePoint createTime{};
  TimePoint updateTime{};
  int operatorId = 0;
  TimePoint operateTime{};

  // Same content as far as versioning is concerned (DolphinScheduler's TaskDefinition.equals).
  bool sameContent(const TaskDefinition& o) const;
  std::vector<Property> localParams() const;
};

struct TaskRelation {
  int64_t id = 0;
  std::string name;
  int processDefinitionVersion = 0;
  int64_t projectCode = 0;
  int64_t processDefinitionCode = 0;
  int64_t preTaskCode = 0;  // 0 = root
  int preTaskVersion = 0;
  int64_t postTaskCode = 0;
  int postTaskVersion = 0;
  ConditionType conditionType = ConditionType::NONE;
  Json conditionParams = Json::object();
  TimePoint createTime{};
  TimePoint updateTime{};
  int operatorId = 0;
  TimePoint operateTime{};
};

struct WorkflowDefinition {
  int64_t id = 0;
  int64_t code = 0;
  std::string name;
  int version = 1;
  ReleaseState releaseState = ReleaseState::OFFLINE;
  int64_t projectCode = 0;
  std::string description;
  std::string globalParams = "[]";  // JSON array text of Property
  std::string locations;            // JSON array text [{taskCode,x,y}]
  TimePoint createTime{};
  TimePoint updateTime{};
  Flag flag = Flag::YES;
  int userId = 0;
  int timeout = 0;  // minutes
  int tenantId = -1;
  int warningGroupId = 0;
  ExecutionType executionType = ExecutionType::PARALLEL;
  int operatorId = 0;
  TimePoint operateTime{};

  std::vector<Property> globalParamList() const;
};

// One version of a workflow: the definition row, its relations and the task versions they reference.
struct DagData {
  WorkflowDefinition workflow;
  std::vector<TaskRelation> relations;
  std::vector<TaskDefinition> tasks;
};

// Parses a JSON array of Property (lenient: missing keys default). Throws std::invalid_argument.
std::vector<Property> parseProperties(const Json& array);
Json propertiesToJson(const std::vector<Property>& props);

}  // namespace porpoise::model
