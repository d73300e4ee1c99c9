// SUB_PROCESS task plugin, and its DolphinScheduler 3.2+ name SUB_WORKFLOW (spec ds-tasks.md §3.5).
//
// taskParams: processDefinitionCode (3.1) or workflowDefinitionCode (3.2+), a positive code given as a
// number or a digit string; localParams. Both task types accept both keys. The engine runs the child
// workflow: render() is not available.
#pragma once

#include <porpoise/task_plugin.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>

namespace porpoise::tasks {

// The child workflow definition code; throws TaskParamsError when missing or not a positive code.
int64_t parseSubProcessDefinitionCode(const nlohmann::json& taskParams);

std::unique_ptr<TaskPlugin> makeSubProcessPlugin();   // type SUB_PROCESS
std::unique_ptr<TaskPlugin> makeSubWorkflowPlugin();  // type SUB_WORKFLOW

}  // namespace porpoise::tasks
