// The `workflow:` mapping of a pydolphinscheduler YAML file (spec pyds-yaml.md §3).
//
// Contract: reads every workflow key the SDK knows, applies the SDK defaults from `config`
// (project, tenant, worker group, release state, time zone, warning and execution type),
// validates enum-like values and the schedule's start/end time formats (normalised to
// "yyyy-MM-dd HH:mm:ss"), and throws YamlLoadError naming the key on a bad value. Keys it does
// not know, and keys that cannot be used from YAML, are returned as warnings.
#pragma once

#include <string>
#include <vector>

#include "exchange/yaml_pyds_config.h"
#include "exchange/yaml_submission.h"
#include "exchange/yaml_task_source.h"
#include "util/time.h"

namespace porpoise::exchange {

YamlWorkflowFields readYamlWorkflowFields(YamlTaskSource& source, const PydsConfig& config, util::TimePoint now,
                                          std::vector<std::string>& warnings);

// "2021-01-01", "2021/01/01", "20210101", each optionally followed by " HH:MM:SS" or " HHMMSS",
// as "yyyy-MM-dd HH:mm:ss"; nullopt when the text is none of those or not a real date/time.
std::optional<std::string> normalizeScheduleTime(const std::string& text);

}  // namespace porpoise::exchange
