// Replacing the task codes of a loaded YAML workflow, e.g. with codes from the server's
// gen-task-codes or with the codes of tasks that already exist under the same name.
//
// Contract: assignYamlTaskCodes() asks `identityOf(taskName, currentCode)` once per task and
// rewrites every place that holds a code of a task of this workflow: the definitions' `code`
// and `version`, the relations' pre/post codes and versions, CONDITIONS dependTaskList
// depTaskCode and conditionResult nodes, SWITCH switchResult nextNode. Codes of other
// workflows (DEPENDENT items, SUB_PROCESS) are left alone. New codes must be distinct.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "exchange/yaml_submission.h"

namespace porpoise::exchange {

struct YamlTaskIdentity {
  int64_t code = 0;
  int version = 0;  // 0 = a new task
};

void assignYamlTaskCodes(
    YamlWorkflowSubmission& submission,
    const std::function<YamlTaskIdentity(const std::string& taskName, int64_t currentCode)>& identityOf);

}  // namespace porpoise::exchange
