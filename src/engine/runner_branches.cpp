// WorkflowRunner: CONDITIONS and SWITCH, the tasks that choose which successors run
// (spec ds-tasks.md §3.3, §3.4, with the fixes of §8 #2, #5, #6).
//
// CONDITIONS always ends SUCCESS (DolphinScheduler 3.2+): the judged result is stored in its taskParams
// as conditionResult.conditionSuccess and picks successNode or failedNode. SWITCH stores the index of the
// chosen entry as switchResult.resultConditionLocation (dependTaskList size = the default branch). Every
// successor outside the chosen list is skipped. A branch naming a task that is not a direct successor in
// the DAG fails the task with a message instead of silently doing the wrong thing.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "engine/workflow_runner.h"
#include "params/param_error.h"
#include "params/var_pool.h"
#include "tasks/conditions_task.h"
#include "tasks/switch_expression.h"
#include "tasks/switch_task.h"

namespace porpoise::engine {

using model::TaskState;
using Json = nlohmann::json;

namespace {

std::string codesText(const std::vector<int64_t>& codes) {
  std::string out;
  for (int64_t c : codes) out += (out.empty() ? "" : ", ") + std::to_string(c);
  return "[" + out + "]";
}

Json parseOrObject(const std::string& text) {
  Json j = Json::parse(text.empty() ? std::string("{}") : text, nullptr, false);
  return j.is_object() ? j : Json::object();
}

}  // namespace

void WorkflowRunner::restoreChoice(size_t i) {
  Node& n = nodes_[i];
  n.hasChoice = true;
  n.chosen.clear();
  Json params = parseOrObject(n.ti->taskParams);
  try {
    if (dag_.task(i).taskType == "CONDITIONS") {
      auto result = params.value("conditionResult", Json::object());
      if (!result.is_object() || !result.contains("conditionSuccess") || !result["conditionSuccess"].is_boolean())
        return;  // e.g. forced to success after a failure: no branch was chosen
      auto parsed = tasks::parseConditionsParams(params);
      n.chosen = result["conditionSuccess"].get<bool>() ? parsed.successNodes : parsed.failedNodes;
    } else {
      auto result = params.value("switchResult", Json::object());
      if (!result.is_object() || !result.contains("resultConditionLocation") ||
          !result["resultConditionLocation"].is_number_integer())
        return;
      auto parsed = tasks::parseSwitchParams(params);
      auto location = result["resultConditionLocation"].get<int64_t>();
      if (location >= 0 && static_cast<size_t>(location) < parsed.branches.size())
        n.chosen = parsed.branches[location].nextNodes;
      else if (location >= 0 && static_cast<size_t>(location) == parsed.branches.size())
        n.chosen = parsed.defaultNodes;
    }
  } catch (const TaskParamsError&) {
    n.chosen.clear();
  }
}

bool WorkflowRunner::validateBranchTargets(size_t i, const std::vector<int64_t>& codes) {
  const auto& successors = dag_.successors(i);
  for (int64_t code : codes) {
    auto index = dag_.indexOf(code);
    if (!index || std::find(successors.begin(), successors.end(), *index) == successors.end()) {
      finishAttempt(i, TaskState::FAILURE,
                    "branch task " + std::to_string(code) + " is not a direct downstream task of '" +
                        dag_.task(i).name + "' in this workflow (was the workflow copied or imported?)");
      return false;
    }
  }
  return true;
}

void WorkflowRunner::runConditions(size_t i) {
  Node& n = nodes_[i];
  tasks::ConditionsParams conditions;
  try {
    conditions = tasks::parseConditionsParams(dag_.task(i).taskParams);
  } catch (const TaskParamsError& e) {
    finishAttempt(i, TaskState::FAILURE, std::string("invalid CONDITIONS parameters: ") + e.what());
    return;
  }
  std::vector<int64_t> targets = conditions.successNodes;
  targets.insert(targets.end(), conditions.failedNodes.begin(), conditions.failedNodes.end());
  if (!validateBranchTargets(i, targets)) return;

  std::vector<tasks::DependResult> groupResults;
  for (const auto& group : conditions.groups) {
    std::vector<tasks::DependResult> itemResults;
    for (const auto& item : group.items) {
      std::optional<TaskState> state;
      if (auto index = dag_.indexOf(item.depTaskCode); index && nodes_[*index].ti) state = nodes_[*index].ti->state;
      bool matches = false;
      if (state) {
        if (item.status == TaskState::SUCCESS)
          matches = model::isSuccessLike(*state);
        else if (item.status == TaskState::FAILURE)
          matches = model::isFailureLike(*state);
        else
          matches = *state == item.status;
      }
      std::string name = dag_.indexOf(item.depTaskCode) ? dag_.task(*dag_.indexOf(item.depTaskCode)).name
                                                        : std::to_string(item.depTaskCode);
      log(i, "condition item: task '" + name + "' is " + (state ? model::enumName(*state) : "not run") + ", expected " +
                 model::enumName(item.status) + " -> " + (matches ? "true" : "false"));
      itemResults.push_back(matches ? tasks::DependResult::SUCCESS : tasks::DependResult::FAILED);
    }
    groupResults.push_back(tasks::combineDependResults(group.relation, itemResults));
  }
  bool success = tasks::combineDependResults(conditions.relation, groupResults) == tasks::DependResult::SUCCESS;

  Json params = parseOrObject(n.ti->taskParams);
  if (!params["conditionResult"].is_object()) params["conditionResult"] = Json::object();
  params["conditionResult"]["conditionSuccess"] = success;
  n.ti->taskParams = params.dump();
  n.hasChoice = true;
  n.chosen = success ? conditions.successNodes : conditions.failedNodes;
  n.ti->varPool = params::varPoolToJson(n.input);
  finishAttempt(i, TaskState::SUCCESS,
                std::string("condition is ") + (success ? "true" : "false") + ": taking the " +
                    (success ? "success" : "failure") + " branch " + codesText(n.chosen));
}

void WorkflowRunner::runSwitch(size_t i) {
  Node& n = nodes_[i];
  tasks::SwitchParams switchParams;
  try {
    switchParams = tasks::parseSwitchParams(dag_.task(i).taskParams);
  } catch (const TaskParamsError& e) {
    finishAttempt(i, TaskState::FAILURE, std::string("invalid SWITCH parameters: ") + e.what());
    return;
  }
  if (!validateBranchTargets(i, switchParams.allNodes())) return;

  std::map<std::string, std::string> values;
  try {
    values = resolveParams(i);
  } catch (const params::ParamError& e) {
    finishAttempt(i, TaskState::FAILURE, std::string("cannot resolve the task's parameters: ") + e.what());
    return;
  }
  for (const auto& p : n.input) values[p.prop] = p.value;  // upstream OUT values win (DolphinScheduler 3.2+)

  std::optional<size_t> location;
  for (size_t k = 0; k < switchParams.branches.size() && !location; ++k) {
    const auto& branch = switchParams.branches[k];
    if (branch.condition.empty()) {
      location = k;
      break;
    }
    try {
      bool taken = tasks::evaluateSwitchCondition(branch.condition, values);
      log(i, "condition " + std::to_string(k + 1) + " `" + branch.condition + "` is " + (taken ? "true" : "false"));
      if (taken) location = k;
    } catch (const tasks::SwitchExpressionError& e) {
      log(i, "condition " + std::to_string(k + 1) + " `" + branch.condition + "` cannot be evaluated (" + e.what() +
                 "); treated as false");
    }
  }
  std::vector<int64_t> chosen;
  if (location) {
    chosen = switchParams.branches[*location].nextNodes;
    if (chosen.empty()) {
      finishAttempt(i, TaskState::FAILURE,
                    "condition " + std::to_string(*location + 1) + " matched but names no next task");
      return;
    }
  } else if (!switchParams.defaultNodes.empty()) {
    location = switchParams.branches.size();
    chosen = switchParams.defaultNodes;
  } else {
    finishAttempt(i, TaskState::FAILURE, "no SWITCH condition matched and there is no default branch");
    return;
  }
  Json params = parseOrObject(n.ti->taskParams);
  if (!params["switchResult"].is_object()) params["switchResult"] = Json::object();
  params["switchResult"]["resultConditionLocation"] = *location;
  n.ti->taskParams = params.dump();
  n.hasChoice = true;
  n.chosen = chosen;
  n.ti->varPool = params::varPoolToJson(n.input);
  bool isDefault = *location == switchParams.branches.size();
  finishAttempt(i, TaskState::SUCCESS,
                (isDefault ? std::string("no condition matched: taking the default branch ")
                           : "taking branch " + std::to_string(*location + 1) + " ") +
                    codesText(chosen));
}

}  // namespace porpoise::engine
