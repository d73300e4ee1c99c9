// The keys every YAML task shares, and the assembly of one task definition (spec
// pyds-yaml.md §4.1).
//
// Contract: buildYamlTaskDefinition() returns the task definition JSON in the shape
// pydolphinscheduler 3.1 sends (code, version 0, name, description, taskType, taskParams, flag,
// taskPriority, workerGroup, environmentCode, delayTime, failRetryTimes, failRetryInterval,
// timeoutFlag, timeoutNotifyStrategy, timeout; plus taskGroupId, taskGroupPriority, isCache,
// cpuQuota, memoryMax only when the file sets them). taskParams always has localParams,
// resourceList and waitStartTimeout, and, except for SWITCH, dependence and conditionResult.
// Keys nothing reads are returned as warnings.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "exchange/yaml_task_mapping.h"

namespace porpoise::exchange {

Json buildYamlTaskDefinition(YamlTaskSource& source, const YamlTaskType& type, YamlTaskContext& context, int64_t code,
                             std::vector<std::string>& warnings);

// `input_params` / `output_params` mapping -> localParams entries with the given direction.
// Values infer their type (text VARCHAR, whole number INTEGER, number FLOAT, boolean BOOLEAN,
// empty VARCHAR "") unless written as TYPE(value), e.g. FILE(out.txt) or LONG(3).
Json typedParameters(YamlTaskSource& source, const std::string& key, const std::string& direction);

}  // namespace porpoise::exchange
