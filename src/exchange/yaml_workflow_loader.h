// Loads pydolphinscheduler YAML workflow files (spec pyds-yaml.md) into workflow submissions.
//
// Contract: loadYamlWorkflowFile() reads the file, loads first every file its
// $WORKFLOW{"path"} macros name (recursively, each file once, include cycles rejected), then
// turns the `workflow:` mapping and the `tasks:` list into a YamlWorkflowSubmission (see
// yaml_submission.h): every task type of the SDK in both dialects, `deps`, anchors and merge
// keys, the $FILE/$ENV/${CONFIG.key} macros, Condition/Switch/Dependent, local/input/output
// params. Task codes come from `nextTaskCode` in task order, so tests can make them
// deterministic; the submitter may replace them later (assignYamlTaskCodes). Any problem throws
// YamlLoadError with the file, line and key.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "exchange/yaml_load_error.h"
#include "exchange/yaml_pyds_config.h"
#include "exchange/yaml_submission.h"
#include "util/time.h"

namespace porpoise::exchange {

struct YamlLoaderOptions {
  std::function<int64_t()> nextTaskCode;  // required
  PydsConfig config = PydsConfig::defaults();
  EnvLookup env = processEnv;
  std::filesystem::path workingDirectory;  // for $FILE/$WORKFLOW paths; empty = current directory
  bool allowFileAccess = true;             // false: $FILE and $WORKFLOW are rejected (uploads)
  util::TimePoint now{};                   // default schedule start; zero = the current time
};

YamlLoadResult loadYamlWorkflowFile(const std::filesystem::path& file, const YamlLoaderOptions& options);

// Same for YAML text already in memory; `fileName` is used in messages and `baseDir` stands for
// the YAML file's folder when resolving $FILE and $WORKFLOW paths.
YamlLoadResult loadYamlWorkflowText(const std::string& text, const std::string& fileName,
                                    const std::filesystem::path& baseDir, const YamlLoaderOptions& options);

}  // namespace porpoise::exchange
