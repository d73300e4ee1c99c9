#include "tasks/switch_task.h"

#include <algorithm>

#include "tasks/task_params_checks.h"

namespace porpoise::tasks {
namespace {

constexpr const char* kType = "SWITCH";

class SwitchPlugin : public TaskPlugin {
 public:
  std::string type() const override { return kType; }
  bool runsOnWorker() const override { return false; }
  void validate(const nlohmann::json& taskParams) const override { parseSwitchParams(taskParams); }
};

}  // namespace

std::vector<int64_t> SwitchParams::allNodes() const {
  std::vector<int64_t> out;
  auto add = [&](const std::vector<int64_t>& codes) {
    for (int64_t c : codes)
      if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
  };
  for (const auto& b : branches) add(b.nextNodes);
  add(defaultNodes);
  return out;
}

SwitchParams parseSwitchParams(const nlohmann::json& taskParams) {
  Json params = taskParamsObject(kType, taskParams);
  const Json* result = member(params, "switchResult");
  if (!result) failParams(kType, "switchResult is required");
  if (!result->is_object()) failParams(kType, "switchResult must be an object {dependTaskList, nextNode}");
  SwitchParams out;
  if (const Json* list = member(*result, "dependTaskList")) {
    if (!list->is_array()) failParams(kType, "switchResult.dependTaskList must be an array");
    for (size_t i = 0; i < list->size(); ++i) {
      std::string path = "switchResult.dependTaskList[" + std::to_string(i) + "]";
      const Json& item = (*list)[i];
      if (!item.is_object()) failParams(kType, path + " must be an object {condition, nextNode}");
      SwitchBranch branch;
      branch.condition = optionalText(kType, item, "condition", "", path);
      branch.nextNodes = codeList(kType, item, "nextNode", path);
      out.branches.push_back(std::move(branch));
    }
  }
  out.defaultNodes = codeList(kType, *result, "nextNode", "switchResult");
  checkLocalParams(kType, params);
  return out;
}

std::unique_ptr<TaskPlugin> makeSwitchPlugin() { return std::make_unique<SwitchPlugin>(); }

}  // namespace porpoise::tasks
