// Rewrites every reference to a task or workflow code inside a workflow when it gets new codes
// (import, copy). DolphinScheduler only remaps relations and locations, which leaves SWITCH,
// CONDITIONS, SUB_PROCESS and DEPENDENT tasks pointing at codes that no longer exist.
//
// Contract: remapTaskParams() replaces, in place, codes found in
//   SWITCH     switchResult.dependTaskList[].nextNode, switchResult.nextNode
//   CONDITIONS conditionResult.successNode[] / failedNode[], dependence...dependItemList[].depTaskCode
//   SUB_PROCESS / SUB_WORKFLOW  processDefinitionCode / workflowDefinitionCode
//   DEPENDENT  dependence...dependItemList[].definitionCode, .depTaskCode, .projectCode
// A value is replaced only when the map knows it; its JSON type (number, numeric string, array)
// is kept. remapLocations() rewrites [{taskCode,x,y}] and drops entries of unknown tasks.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace porpoise::exchange {

using CodeMap = std::unordered_map<int64_t, int64_t>;

struct CodeMaps {
  CodeMap tasks;      // old task code -> new (for this workflow and, for DEPENDENT, the whole file)
  CodeMap workflows;  // old workflow code -> new (workflows of the same file)
  CodeMap projects;   // old project code -> new (the source project -> the target project)
};

void remapTaskParams(const std::string& taskType, nlohmann::json& taskParams, const CodeMaps& maps);
std::string remapLocations(const std::string& locations, const CodeMap& taskCodes);

}  // namespace porpoise::exchange
