// Import of a pydolphinscheduler YAML file uploaded to …/process-definition/import (the UI's
// import dialog accepts YAML as well as DolphinScheduler JSON).
//
// Contract: every workflow of the file is created in the project (or, when one of that name
// exists and is OFFLINE, saved as its new version), released as the file says, and started when
// it says `run: true`. $FILE and $WORKFLOW macros are refused in uploads (no file access). All
// workflows are saved in one transaction: an error in any of them stores nothing. Returns
// [{code, name, instanceId?}].
#pragma once

#include <string>

#include "api/api_context.h"

namespace porpoise::api {

nlohmann::json importYamlUpload(Call& call, int64_t projectCode, const std::string& text, const std::string& fileName);
bool looksLikeYamlUpload(const std::string& fileName, const std::string& content);

}  // namespace porpoise::api
