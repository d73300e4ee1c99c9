// Validation and parsing of the engine-side task types: CONDITIONS, SWITCH, SUB_PROCESS/SUB_WORKFLOW,
// DEPENDENT, and the AND/OR combination they share.
#include <gtest/gtest.h>

#include "tasks/conditions_task.h"
#include "tasks/depend_result.h"
#include "tasks/dependent_task.h"
#include "tasks/sub_process_task.h"
#include "tasks/switch_task.h"

namespace porpoise::tasks {
namespace {

using nlohmann::json;

template <typename Fn>
std::string errorOf(Fn&& fn) {
  try {
    fn();
  } catch (const TaskParamsError& e) {
    return e.what();
  }
  return "";
}

// ---- CONDITIONS ----

TEST(ConditionsTask, ParsesPydolphinschedulerShape) {
  // The shape pydolphinscheduler sends for the Condition example (spec pyds-yaml.md §4.3).
  json params = json::parse(R"({"dependence":{"relation":"AND","dependTaskList":[{"relation":"AND","dependItemList":[
      {"depTaskCode":1000000000001,"status":"SUCCESS"},{"depTaskCode":1000000000002,"status":"SUCCESS"},
      {"depTaskCode":1000000000003,"status":"FAILURE"}]}]},
      "conditionResult":{"successNode":[1000000000004],"failedNode":[1000000000005]},
      "localParams":[],"resourceList":[],"waitStartTimeout":{}})");
  auto plugin = makeConditionsPlugin();
  EXPECT_EQ(plugin->type(), "CONDITIONS");
  EXPECT_FALSE(plugin->runsOnWorker());
  EXPECT_NO_THROW(plugin->validate(params));
  EXPECT_THROW(plugin->render(TaskRenderContext{}), std::logic_error);

  ConditionsParams p = parseConditionsParams(params);
  EXPECT_EQ(p.relation, DependRelation::AND);
  ASSERT_EQ(p.groups.size(), 1u);
  ASSERT_EQ(p.groups[0].items.size(), 3u);
  EXPECT_EQ(p.groups[0].items[2].depTaskCode, 1000000000003);
  EXPECT_EQ(p.groups[0].items[2].status, model::TaskState::FAILURE);
  EXPECT_EQ(p.successNodes, std::vector<int64_t>{1000000000004});
  EXPECT_EQ(p.failedNodes, std::vector<int64_t>{1000000000005});
}

TEST(ConditionsTask, AcceptsUiVariants) {
  // Codes as strings, lower-case relation, scalar branch, one branch unset, relation missing on a group.
  ConditionsParams p = parseConditionsParams(json::parse(R"({"dependence":{"relation":"or","dependTaskList":[
      {"dependItemList":[{"depTaskCode":"77","status":"success"}]}]},
      "conditionResult":{"successNode":"88","failedNode":[""]}})"));
  EXPECT_EQ(p.relation, DependRelation::OR);
  EXPECT_EQ(p.groups[0].relation, DependRelation::AND);
  EXPECT_EQ(p.groups[0].items[0].depTaskCode, 77);
  EXPECT_EQ(p.groups[0].items[0].status, model::TaskState::SUCCESS);
  EXPECT_EQ(p.successNodes, std::vector<int64_t>{88});
  EXPECT_TRUE(p.failedNodes.empty());
  // Empty dependence lists are allowed (an empty AND is true).
  EXPECT_NO_THROW(parseConditionsParams(json::parse(R"({"dependence":{"relation":"AND","dependTaskList":[]}})")));
}

TEST(ConditionsTask, RejectsBadFields) {
  auto parse = [](const char* text) { return errorOf([&] { parseConditionsParams(json::parse(text)); }); };
  EXPECT_EQ(parse(R"({})"), "CONDITIONS task: dependence is required");
  EXPECT_EQ(parse(R"({"dependence":[]})"), "CONDITIONS task: dependence must be an object");
  EXPECT_EQ(parse(R"({"dependence":{"relation":"XOR"}})"),
            "CONDITIONS task: dependence.relation must be AND or OR, got \"XOR\"");
  EXPECT_EQ(parse(R"({"dependence":{"dependTaskList":{}}})"),
            "CONDITIONS task: dependence.dependTaskList must be an array");
  EXPECT_EQ(parse(R"({"dependence":{"dependTaskList":[{"dependItemList":[{"status":"SUCCESS"}]}]}})"),
            "CONDITIONS task: dependence.dependTaskList[0].dependItemList[0].depTaskCode is required");
  EXPECT_EQ(
      parse(R"({"dependence":{"dependTaskList":[{"dependItemList":[{"depTaskCode":"abc","status":"SUCCESS"}]}]}})"),
      "CONDITIONS task: dependence.dependTaskList[0].dependItemList[0].depTaskCode must be an integer, got \"abc\"");
  EXPECT_EQ(parse(R"({"dependence":{"dependTaskList":[{},{"dependItemList":[{"depTaskCode":5,"status":"DONE"}]}]}})"),
            "CONDITIONS task: dependence.dependTaskList[1].dependItemList[0].status must be a task state such as "
            "SUCCESS or FAILURE, got \"DONE\"");
  EXPECT_EQ(parse(R"({"dependence":{},"conditionResult":{"successNode":[-4]}})"),
            "CONDITIONS task: conditionResult.successNode[0] must be a positive code, got -4");
  EXPECT_EQ(parse(R"({"dependence":{},"conditionResult":"x"})"),
            "CONDITIONS task: conditionResult must be an object {successNode, failedNode}");
}

// ---- SWITCH ----

TEST(SwitchTask, ParsesPydolphinschedulerShape) {
  json params = json::parse(R"({"switchResult":{"dependTaskList":[{"condition":"${var} > 1","nextNode":1000000000001}],
      "nextNode":1000000000002},"localParams":[],"resourceList":[],"waitStartTimeout":{}})");
  auto plugin = makeSwitchPlugin();
  EXPECT_EQ(plugin->type(), "SWITCH");
  EXPECT_FALSE(plugin->runsOnWorker());
  EXPECT_NO_THROW(plugin->validate(params));
  SwitchParams p = parseSwitchParams(params);
  ASSERT_EQ(p.branches.size(), 1u);
  EXPECT_EQ(p.branches[0].condition, "${var} > 1");
  EXPECT_EQ(p.branches[0].nextNodes, std::vector<int64_t>{1000000000001});
  EXPECT_EQ(p.defaultNodes, std::vector<int64_t>{1000000000002});
}

TEST(SwitchTask, NextNodeAsScalarStringArrayOrEmpty) {
  SwitchParams p = parseSwitchParams(json::parse(R"({"switchResult":{"dependTaskList":[
      {"condition":"${a} == 1","nextNode":"11"},{"condition":"${a} == 2","nextNode":[12,"13",12]},
      {"condition":"${a} == 3","nextNode":[]},{"condition":"","nextNode":14}],"nextNode":""}})"));
  ASSERT_EQ(p.branches.size(), 4u);
  EXPECT_EQ(p.branches[0].nextNodes, std::vector<int64_t>{11});
  EXPECT_EQ(p.branches[1].nextNodes, (std::vector<int64_t>{12, 13}));
  EXPECT_TRUE(p.branches[2].nextNodes.empty());
  EXPECT_EQ(p.branches[3].condition, "");
  EXPECT_TRUE(p.defaultNodes.empty());
  EXPECT_EQ(p.allNodes(), (std::vector<int64_t>{11, 12, 13, 14}));
  // No branches at all, just a default; conditions DolphinScheduler accepted but we cannot evaluate still import.
  EXPECT_NO_THROW(parseSwitchParams(json::parse(R"({"switchResult":{"nextNode":5}})")));
  EXPECT_NO_THROW(parseSwitchParams(
      json::parse(R"({"switchResult":{"dependTaskList":[{"condition":"${x}.indexOf('a') >= 0","nextNode":5}]}})")));
}

TEST(SwitchTask, RejectsBadFields) {
  auto parse = [](const char* text) { return errorOf([&] { parseSwitchParams(json::parse(text)); }); };
  EXPECT_EQ(parse(R"({})"), "SWITCH task: switchResult is required");
  EXPECT_EQ(parse(R"({"switchResult":"x"})"), "SWITCH task: switchResult must be an object {dependTaskList, nextNode}");
  EXPECT_EQ(parse(R"({"switchResult":{"dependTaskList":{}}})"),
            "SWITCH task: switchResult.dependTaskList must be an array");
  EXPECT_EQ(parse(R"({"switchResult":{"dependTaskList":[5]}})"),
            "SWITCH task: switchResult.dependTaskList[0] must be an object {condition, nextNode}");
  EXPECT_EQ(parse(R"({"switchResult":{"dependTaskList":[{"condition":{},"nextNode":1}]}})"),
            "SWITCH task: switchResult.dependTaskList[0].condition must be a string, got {}");
  EXPECT_EQ(parse(R"({"switchResult":{"dependTaskList":[{"condition":"true","nextNode":"next"}]}})"),
            "SWITCH task: switchResult.dependTaskList[0].nextNode must be an integer, got \"next\"");
  EXPECT_EQ(parse(R"({"switchResult":{"nextNode":[1, 0]}})"),
            "SWITCH task: switchResult.nextNode[1] must be a positive code, got 0");
}

// ---- SUB_PROCESS / SUB_WORKFLOW ----

TEST(SubProcessTask, AcceptsBothKeysAndBothTypeNames) {
  auto subProcess = makeSubProcessPlugin();
  auto subWorkflow = makeSubWorkflowPlugin();
  EXPECT_EQ(subProcess->type(), "SUB_PROCESS");
  EXPECT_EQ(subWorkflow->type(), "SUB_WORKFLOW");
  EXPECT_FALSE(subProcess->runsOnWorker());
  // pydolphinscheduler (fixtures/pyds-expected/train_and_deploy.json).
  json pyds = json::parse(R"({"resourceList":[],"conditionResult":{"successNode":[""],"failedNode":[""]},
      "processDefinitionCode":1000000000003,"waitStartTimeout":{},"dependence":{},"localParams":[]})");
  EXPECT_NO_THROW(subProcess->validate(pyds));
  EXPECT_NO_THROW(subWorkflow->validate(pyds));
  EXPECT_EQ(parseSubProcessDefinitionCode(pyds), 1000000000003);
  EXPECT_EQ(parseSubProcessDefinitionCode(json{{"workflowDefinitionCode", "42"}}), 42);
  EXPECT_EQ(parseSubProcessDefinitionCode(json{{"processDefinitionCode", ""}, {"workflowDefinitionCode", 43}}), 43);
}

TEST(SubProcessTask, RejectsMissingOrBadCode) {
  auto plugin = makeSubWorkflowPlugin();
  EXPECT_EQ(errorOf([&] {
              plugin->validate(json{{"localParams", json::array()}});
            }),
            "SUB_WORKFLOW task: processDefinitionCode (or workflowDefinitionCode) is required");
  EXPECT_EQ(errorOf([&] {
              parseSubProcessDefinitionCode(json{{"processDefinitionCode", "x1"}});
            }),
            "SUB_PROCESS task: processDefinitionCode must be an integer, got \"x1\"");
  EXPECT_EQ(errorOf([&] {
              parseSubProcessDefinitionCode(json{{"processDefinitionCode", 0}});
            }),
            "SUB_PROCESS task: processDefinitionCode must be a positive code, got 0");
  EXPECT_EQ(errorOf([&] {
              parseSubProcessDefinitionCode(json{{"processDefinitionCode", 1.5}});
            }),
            "SUB_PROCESS task: processDefinitionCode must be an integer, got 1.5");
}

// ---- DEPENDENT ----

TEST(DependentTask, ParsesFullShape) {
  json params = json::parse(R"({"dependence":{"relation":"AND","dependTaskList":[
      {"relation":"OR","dependItemList":[
        {"projectCode":11,"definitionCode":22,"depTaskCode":33,"cycle":"day","dateValue":"today"},
        {"projectCode":"11","definitionCode":"22","depTaskCode":"0","cycle":"WEEK","dateValue":"lastwednesday"}]},
      {"relation":"AND","dependItemList":[
        {"projectCode":11,"definitionCode":23,"cycle":"hour","dateValue":"last24Hours"}]}]},
      "localParams":[],"resourceList":[],"waitStartTimeout":{}})");
  auto plugin = makeDependentPlugin();
  EXPECT_EQ(plugin->type(), "DEPENDENT");
  EXPECT_FALSE(plugin->runsOnWorker());
  EXPECT_NO_THROW(plugin->validate(params));
  DependentParams p = parseDependentParams(params);
  ASSERT_EQ(p.groups.size(), 2u);
  EXPECT_EQ(p.groups[0].relation, DependRelation::OR);
  const DependentItem& second = p.groups[0].items[1];
  EXPECT_EQ(second.projectCode, 11);
  EXPECT_EQ(second.definitionCode, 22);
  EXPECT_EQ(second.depTaskCode, 0);
  EXPECT_EQ(second.cycle, "week");
  EXPECT_EQ(second.dateValue, "lastWednesday");
  EXPECT_EQ(p.groups[1].items[0].depTaskCode, 0);  // absent = whole workflow
  EXPECT_EQ(p.groups[1].items[0].dateValue, "last24Hours");
}

TEST(DependentTask, RejectsBadFields) {
  auto item = [](const std::string& fields) {
    return errorOf([&] {
      parseDependentParams(json::parse(R"({"dependence":{"dependTaskList":[{"dependItemList":[{)" + fields + "}]}]}}"));
    });
  };
  const std::string prefix = "DEPENDENT task: dependence.dependTaskList[0].dependItemList[0].";
  EXPECT_EQ(item(R"("definitionCode":2,"cycle":"day","dateValue":"today")"), prefix + "projectCode is required");
  EXPECT_EQ(item(R"("projectCode":1,"cycle":"day","dateValue":"today")"), prefix + "definitionCode is required");
  EXPECT_EQ(item(R"("projectCode":1,"definitionCode":2,"depTaskCode":-1,"cycle":"day","dateValue":"today")"),
            prefix + "depTaskCode must be a task code or 0 (the whole workflow)");
  EXPECT_EQ(item(R"("projectCode":1,"definitionCode":2,"dateValue":"today")"), prefix + "cycle is required");
  EXPECT_EQ(item(R"("projectCode":1,"definitionCode":2,"cycle":"year","dateValue":"today")"),
            prefix + "cycle must be one of hour, day, week, month, got \"year\"");
  EXPECT_EQ(item(R"("projectCode":1,"definitionCode":2,"cycle":"day","dateValue":"yesterday")"),
            prefix + "dateValue must be one of today, last1Days, last2Days, last3Days, last7Days, got \"yesterday\"");
  EXPECT_EQ(errorOf([] { parseDependentParams(json::parse(R"({"dependence":"x"})")); }),
            "DEPENDENT task: dependence must be an object");
  EXPECT_EQ(errorOf([] { parseDependentParams(json::object()); }), "DEPENDENT task: dependence is required");
}

// ---- AND/OR ----

TEST(DependResult, CombinationRules) {
  using R = DependResult;
  EXPECT_EQ(combineDependResults(DependRelation::AND, {}), R::SUCCESS);
  EXPECT_EQ(combineDependResults(DependRelation::AND, {R::SUCCESS, R::SUCCESS}), R::SUCCESS);
  EXPECT_EQ(combineDependResults(DependRelation::AND, {R::SUCCESS, R::WAITING}), R::WAITING);
  EXPECT_EQ(combineDependResults(DependRelation::AND, {R::WAITING, R::FAILED}), R::FAILED);
  EXPECT_EQ(combineDependResults(DependRelation::OR, {}), R::FAILED);
  EXPECT_EQ(combineDependResults(DependRelation::OR, {R::FAILED, R::SUCCESS}), R::SUCCESS);
  EXPECT_EQ(combineDependResults(DependRelation::OR, {R::FAILED, R::WAITING}), R::WAITING);
  EXPECT_EQ(combineDependResults(DependRelation::OR, {R::FAILED, R::FAILED}), R::FAILED);
  EXPECT_EQ(parseDependRelation(" and "), DependRelation::AND);
  EXPECT_EQ(parseDependRelation("Or"), DependRelation::OR);
  EXPECT_FALSE(parseDependRelation("nand"));
  EXPECT_EQ(dependRelationName(DependRelation::OR), "OR");
  EXPECT_EQ(dependResultName(R::WAITING), "WAITING");
}

}  // namespace
}  // namespace porpoise::tasks
