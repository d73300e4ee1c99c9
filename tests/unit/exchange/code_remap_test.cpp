// Code remapping inside taskParams and locations (import, copy).
#include "exchange/code_remap.h"

#include <gtest/gtest.h>

using namespace porpoise::exchange;
using Json = nlohmann::json;

namespace {

CodeMaps sampleMaps() {
  CodeMaps m;
  m.tasks = {{11, 111}, {12, 112}, {13, 113}, {14, 114}};
  m.workflows = {{21, 221}};
  m.projects = {{31, 331}};
  return m;
}

}  // namespace

TEST(CodeRemap, SwitchBranchesAndDefaultKeepTheirJsonTypes) {
  Json p = Json::parse(R"({"switchResult":{"dependTaskList":[
      {"condition":"${v} == 1","nextNode":11},
      {"condition":"${v} == 2","nextNode":"12"},
      {"condition":"${v} == 3","nextNode":[13,"14",99]},
      {"condition":"${v} == 4","nextNode":""},
      {"condition":"${v} == 5","nextNode":99}],
    "nextNode":[14]},"localParams":[],"resourceList":[]})");
  remapTaskParams("SWITCH", p, sampleMaps());
  const auto& list = p["switchResult"]["dependTaskList"];
  EXPECT_EQ(list[0]["nextNode"], Json(111));
  EXPECT_TRUE(list[0]["nextNode"].is_number_integer());
  EXPECT_EQ(list[1]["nextNode"], Json("112"));
  EXPECT_EQ(list[2]["nextNode"], Json::parse(R"([113,"114",99])"));
  EXPECT_EQ(list[3]["nextNode"], Json(""));
  EXPECT_EQ(list[4]["nextNode"], Json(99));  // unknown codes are left alone
  EXPECT_EQ(list[0]["condition"], "${v} == 1");
  EXPECT_EQ(p["switchResult"]["nextNode"], Json::parse("[114]"));
  // A scalar default branch too.
  Json q = {{"switchResult", {{"nextNode", "13"}}}};
  remapTaskParams("SWITCH", q, sampleMaps());
  EXPECT_EQ(q["switchResult"]["nextNode"], Json("113"));
}

TEST(CodeRemap, ConditionsBranchesAndTestedTasks) {
  Json p = Json::parse(R"({"dependence":{"relation":"AND","dependTaskList":[
      {"relation":"AND","dependItemList":[{"depTaskCode":11,"status":"SUCCESS"},{"depTaskCode":"12","status":"FAILURE"}]},
      {"relation":"OR","dependItemList":[{"depTaskCode":99,"status":"SUCCESS"}]}]},
    "conditionResult":{"successNode":[13],"failedNode":["14"]}})");
  remapTaskParams("CONDITIONS", p, sampleMaps());
  auto groups = p["dependence"]["dependTaskList"];
  EXPECT_EQ(groups[0]["dependItemList"][0]["depTaskCode"], Json(111));
  EXPECT_EQ(groups[0]["dependItemList"][1]["depTaskCode"], Json("112"));
  EXPECT_EQ(groups[0]["dependItemList"][1]["status"], "FAILURE");
  EXPECT_EQ(groups[1]["dependItemList"][0]["depTaskCode"], Json(99));
  EXPECT_EQ(p["conditionResult"]["successNode"], Json::parse("[113]"));
  EXPECT_EQ(p["conditionResult"]["failedNode"], Json::parse(R"(["114"])"));
}

TEST(CodeRemap, SubProcessAndSubWorkflowPointAtTheNewChild) {
  Json a = {{"processDefinitionCode", 21}};
  remapTaskParams("SUB_PROCESS", a, sampleMaps());
  EXPECT_EQ(a["processDefinitionCode"], Json(221));
  Json b = {{"workflowDefinitionCode", "21"}};
  remapTaskParams("SUB_WORKFLOW", b, sampleMaps());
  EXPECT_EQ(b["workflowDefinitionCode"], Json("221"));
  // A child outside the file keeps its code.
  Json c = {{"processDefinitionCode", 22}};
  remapTaskParams("SUB_PROCESS", c, sampleMaps());
  EXPECT_EQ(c["processDefinitionCode"], Json(22));
  // Task codes are not workflow codes: a task-code map entry must not leak in.
  Json d = {{"processDefinitionCode", 11}};
  remapTaskParams("SUB_PROCESS", d, sampleMaps());
  EXPECT_EQ(d["processDefinitionCode"], Json(11));
}

TEST(CodeRemap, DependentRewritesOnlyItemsAboutWorkflowsOfTheFile) {
  Json p = Json::parse(R"({"dependence":{"relation":"AND","dependTaskList":[{"relation":"AND","dependItemList":[
      {"projectCode":31,"definitionCode":21,"depTaskCode":11,"cycle":"day","dateValue":"today"},
      {"projectCode":"31","definitionCode":"21","depTaskCode":0,"cycle":"day","dateValue":"today"},
      {"projectCode":31,"definitionCode":77,"depTaskCode":12,"cycle":"hour","dateValue":"currentHour"}]}]}})");
  remapTaskParams("DEPENDENT", p, sampleMaps());
  auto items = p["dependence"]["dependTaskList"][0]["dependItemList"];
  EXPECT_EQ(items[0]["projectCode"], Json(331));
  EXPECT_EQ(items[0]["definitionCode"], Json(221));
  EXPECT_EQ(items[0]["depTaskCode"], Json(111));
  EXPECT_EQ(items[1]["projectCode"], Json("331"));
  EXPECT_EQ(items[1]["definitionCode"], Json("221"));
  EXPECT_EQ(items[1]["depTaskCode"], Json(0));  // 0 = the whole workflow
  // A workflow of another system: nothing changes, not even a task code that happens to be in the map.
  EXPECT_EQ(items[2]["projectCode"], Json(31));
  EXPECT_EQ(items[2]["definitionCode"], Json(77));
  EXPECT_EQ(items[2]["depTaskCode"], Json(12));
  EXPECT_EQ(items[2]["cycle"], "hour");
}

TEST(CodeRemap, OtherTaskTypesAndOddShapesAreUntouched) {
  Json shell = {{"rawScript", "echo 11"}, {"nextNode", 11}, {"processDefinitionCode", 21}};
  Json before = shell;
  remapTaskParams("SHELL", shell, sampleMaps());
  EXPECT_EQ(shell, before);
  for (Json odd : {Json(nullptr), Json("text"), Json::array({11}), Json({{"switchResult", "x"}}),
                   Json({{"switchResult", {{"dependTaskList", 11}}}}), Json({{"dependence", Json::array()}}),
                   Json({{"dependence", Json::object()}}), Json({{"dependence", {{"dependTaskList", {1, 2}}}}}),
                   Json({{"conditionResult", {{"successNode", {{"a", 11}}}}}})}) {
    Json copy = odd;
    for (const char* type : {"SWITCH", "CONDITIONS", "DEPENDENT", "SUB_PROCESS"})
      remapTaskParams(type, copy, sampleMaps());
    EXPECT_EQ(copy, odd) << odd.dump();
  }
}

TEST(CodeRemap, LocationsFollowTheirTasks) {
  std::string in =
      R"([{"taskCode":11,"x":150,"y":80},{"taskCode":"12","x":1,"y":2,"extra":"kept"},{"taskCode":99,"x":0,"y":0},{"x":5}])";
  Json out = Json::parse(remapLocations(in, sampleMaps().tasks));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], Json::parse(R"({"taskCode":111,"x":150,"y":80})"));
  EXPECT_EQ(out[1]["taskCode"], Json(112));
  EXPECT_EQ(out[1]["extra"], "kept");
  EXPECT_EQ(remapLocations("", sampleMaps().tasks), "");
  EXPECT_EQ(remapLocations("not json", sampleMaps().tasks), "");
  EXPECT_EQ(remapLocations("{}", sampleMaps().tasks), "");
}
