// JSON mapping of definitions: what the UI / curl / export files send, and what we answer.
#include "model/definition_json.h"

#include <gtest/gtest.h>

#include "util/time.h"

using namespace porpoise;
using namespace porpoise::model;

namespace {

template <typename F>
std::string errorOf(F&& f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

// A task exactly as the 3.1 UI sends it in taskDefinitionJson (numbers as strings, "" for nulls).
Json uiTask() {
  return Json::parse(R"({"code":9012365478912,"name":"hello","description":"","taskType":"SHELL",
    "taskParams":{"localParams":[{"prop":"x","direct":"IN","type":"VARCHAR","value":"1"}],"rawScript":"echo hello","resourceList":[]},
    "flag":"YES","taskPriority":"MEDIUM","workerGroup":"default","environmentCode":-1,
    "failRetryTimes":"2","failRetryInterval":"1","timeoutFlag":"CLOSE","timeoutNotifyStrategy":"","timeout":0,
    "delayTime":"0","taskGroupId":0,"taskGroupPriority":0,"cpuQuota":-1,"memoryMax":-1,"taskExecuteType":"BATCH",
    "version":0,"someUnknownKey":{"nested":true}})");
}

}  // namespace

TEST(DefinitionJson, ReadsTheUiShapeOfATask) {
  auto t = taskDefinitionFromJson(uiTask());
  EXPECT_EQ(t.code, 9012365478912);
  EXPECT_EQ(t.version, 0);
  EXPECT_EQ(t.name, "hello");
  EXPECT_EQ(t.taskType, "SHELL");
  EXPECT_EQ(t.taskParams["rawScript"], "echo hello");
  EXPECT_EQ(t.failRetryTimes, 2);
  EXPECT_EQ(t.failRetryInterval, 1);
  EXPECT_EQ(t.timeoutNotifyStrategy, std::nullopt);
  EXPECT_EQ(t.taskPriority, Priority::MEDIUM);
  EXPECT_EQ(t.flag, Flag::YES);
  EXPECT_EQ(t.environmentCode, -1);
  ASSERT_EQ(t.localParams().size(), 1u);
  EXPECT_EQ(t.localParams()[0].prop, "x");
}

TEST(DefinitionJson, TaskParamsAsJsonTextAndEnumsAsCodes) {
  Json j = uiTask();
  j["taskParams"] = R"({"rawScript":"echo text"})";
  j["taskPriority"] = 0;
  j["flag"] = "0";
  j["timeoutFlag"] = "OPEN";
  j["timeoutNotifyStrategy"] = "WARNFAILED";
  j["code"] = "9012365478999";
  auto t = taskDefinitionFromJson(j);
  EXPECT_EQ(t.taskParams, Json({{"rawScript", "echo text"}}));
  EXPECT_EQ(t.taskPriority, Priority::HIGHEST);
  EXPECT_EQ(t.flag, Flag::NO);
  EXPECT_EQ(t.timeoutFlag, TimeoutFlag::OPEN);
  EXPECT_EQ(t.timeoutNotifyStrategy, TimeoutStrategy::WARNFAILED);
  EXPECT_EQ(t.code, 9012365478999);
}

TEST(DefinitionJson, DefaultsForAMinimalTask) {
  auto t = taskDefinitionFromJson({{"name", "m"}, {"taskType", "SHELL"}});
  EXPECT_EQ(t.code, 0);
  EXPECT_EQ(t.workerGroup, "default");
  EXPECT_EQ(t.taskParams, Json::object());
  EXPECT_EQ(t.failRetryInterval, 1);
  EXPECT_EQ(t.cpuQuota, -1);
  EXPECT_EQ(t.taskExecuteType, TaskExecuteType::BATCH);
  // An empty worker group means the default one.
  EXPECT_EQ(taskDefinitionFromJson({{"name", "m"}, {"workerGroup", ""}}).workerGroup, "default");
}

TEST(DefinitionJson, BadTaskValuesNameTheTaskAndField) {
  Json j = uiTask();
  j["failRetryTimes"] = "many";
  EXPECT_NE(errorOf([&] { taskDefinitionFromJson(j); }).find("task hello: failRetryTimes"), std::string::npos);
  j = uiTask();
  j["taskPriority"] = "URGENT";
  EXPECT_NE(errorOf([&] { taskDefinitionFromJson(j); }).find("task hello: taskPriority has an unknown value 'URGENT'"),
            std::string::npos);
  j = uiTask();
  j["taskParams"] = "{not json";
  EXPECT_NE(errorOf([&] { taskDefinitionFromJson(j); }).find("task hello: taskParams is not valid JSON"),
            std::string::npos);
  j = uiTask();
  j["taskParams"] = Json::array({1});
  EXPECT_NE(errorOf([&] { taskDefinitionFromJson(j); }).find("taskParams must be a JSON object"), std::string::npos);
  j = uiTask();
  j["delayTime"] = -3;
  EXPECT_NE(errorOf([&] { taskDefinitionFromJson(j); }).find("must not be negative"), std::string::npos);
  j = uiTask();
  j.erase("name");
  j["timeout"] = "x";
  EXPECT_NE(errorOf([&] { taskDefinitionFromJson(j); }).find("task (unnamed): timeout"), std::string::npos);
  EXPECT_NE(errorOf([&] { taskDefinitionFromJson(Json::array()); }).find("must be a JSON object"), std::string::npos);
}

TEST(DefinitionJson, RelationsWithConditionTypeByNameOrNumber) {
  auto byName = relationFromJson(Json::parse(
      R"({"name":"","preTaskCode":0,"preTaskVersion":0,"postTaskCode":"12","postTaskVersion":0,"conditionType":"JUDGE","conditionParams":{}})"));
  EXPECT_EQ(byName.preTaskCode, 0);
  EXPECT_EQ(byName.postTaskCode, 12);
  EXPECT_EQ(byName.conditionType, ConditionType::JUDGE);
  auto byNumber = relationFromJson(
      {{"preTaskCode", "11"}, {"postTaskCode", 12}, {"conditionType", 2}, {"conditionParams", R"({"k":"v"})"}});
  EXPECT_EQ(byNumber.preTaskCode, 11);
  EXPECT_EQ(byNumber.conditionType, ConditionType::DELAY);
  EXPECT_EQ(byNumber.conditionParams, Json({{"k", "v"}}));
  auto byNumericText = relationFromJson({{"postTaskCode", 12}, {"conditionType", "0"}});
  EXPECT_EQ(byNumericText.conditionType, ConditionType::NONE);
  EXPECT_NE(errorOf([&] {
              relationFromJson({{"postTaskCode", 1}, {"conditionType", "MAYBE"}});
            }).find("task relation: conditionType has an unknown value 'MAYBE'"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { relationFromJson({{"postTaskCode", "abc"}}); }).find("postTaskCode"), std::string::npos);
  EXPECT_NE(errorOf([&] { relationFromJson(Json(5)); }).find("must be a JSON object"), std::string::npos);
}

TEST(DefinitionJson, WorkflowOfAnExportFile) {
  auto w = workflowFromJson(Json::parse(R"({"id":3,"code":"9012365470000","name":"wf1","version":2,
    "releaseState":"ONLINE","projectCode":9012340000000,"description":"d",
    "globalParams":"[{\"prop\":\"dt\",\"direct\":\"IN\",\"type\":\"VARCHAR\",\"value\":\"2023-01-01\"}]",
    "globalParamList":[],"locations":"[{\"taskCode\":1,\"x\":150,\"y\":80}]","timeout":"5","tenantId":1,
    "executionType":"SERIAL_WAIT","flag":"YES","warningGroupId":null})"));
  EXPECT_EQ(w.code, 9012365470000);
  EXPECT_EQ(w.name, "wf1");
  EXPECT_EQ(w.version, 2);
  EXPECT_EQ(w.releaseState, ReleaseState::ONLINE);
  EXPECT_EQ(w.timeout, 5);
  EXPECT_EQ(w.executionType, ExecutionType::SERIAL_WAIT);
  ASSERT_EQ(w.globalParamList().size(), 1u);
  EXPECT_EQ(w.globalParamList()[0].value, "2023-01-01");
  EXPECT_EQ(Json::parse(w.locations), Json::parse(R"([{"taskCode":1,"x":150,"y":80}])"));
  EXPECT_EQ(w.warningGroupId, 0);
  // globalParams and locations may also arrive as JSON values rather than text.
  auto w2 = workflowFromJson(
      {{"name", "w"}, {"globalParams", Json::array()}, {"locations", Json::array({{{"taskCode", 2}}})}});
  EXPECT_EQ(w2.globalParams, "[]");
  EXPECT_EQ(Json::parse(w2.locations)[0]["taskCode"], 2);
  EXPECT_EQ(workflowFromJson({{"name", "w"}}).locations, "");
}

TEST(DefinitionJson, TaskToJsonHasDolphinSchedulerShapes) {
  auto t = taskDefinitionFromJson(uiTask());
  t.version = 3;
  t.createTime = util::fromEpochMillis(1681120800000);  // 2023-04-10 10:00:00 UTC
  t.taskParams["dependence"] = {{"relation", "AND"}};
  Json j = taskDefinitionToJson(t, "UTC");
  EXPECT_TRUE(j["taskParams"].is_object());  // raw JSON, not a string
  EXPECT_EQ(j["code"], 9012365478912);
  EXPECT_EQ(j["failRetryTimes"], 2);  // numbers go out as numbers
  EXPECT_EQ(j["flag"], "YES");
  EXPECT_TRUE(j["timeoutNotifyStrategy"].is_null());
  EXPECT_EQ(j["createTime"], "2023-04-10 10:00:00");
  EXPECT_TRUE(j["updateTime"].is_null());
  EXPECT_EQ(j["taskParamList"][0]["prop"], "x");
  EXPECT_EQ(j["taskParamMap"]["x"], "1");
  EXPECT_EQ(j["dependence"], R"({"relation":"AND"})");
  EXPECT_EQ(j["createTime"], util::formatDateTime(t.createTime, "UTC"));
  EXPECT_EQ(taskDefinitionToJson(t, "Asia/Shanghai")["createTime"], "2023-04-10 18:00:00");
  // Reading our own output gives the same task back.
  EXPECT_TRUE(taskDefinitionFromJson(j).sameContent(t));
  t.taskParams.erase("dependence");
  EXPECT_EQ(taskDefinitionToJson(t, "UTC")["dependence"], "");
}

TEST(DefinitionJson, WorkflowAndDagToJson) {
  WorkflowDefinition w;
  w.code = 5;
  w.name = "wf";
  w.globalParams = R"([{"prop":"dt","direct":"IN","type":"VARCHAR","value":"x"}])";
  Json j = workflowToJson(w, "UTC");
  EXPECT_TRUE(j["globalParams"].is_string());
  EXPECT_EQ(j["globalParamList"][0]["prop"], "dt");
  EXPECT_EQ(j["globalParamMap"]["dt"], "x");
  EXPECT_TRUE(j["locations"].is_null());
  EXPECT_EQ(j["releaseState"], "OFFLINE");
  EXPECT_EQ(j["executionType"], "PARALLEL");
  w.locations = R"([{"taskCode":1,"x":1,"y":2}])";
  EXPECT_EQ(workflowToJson(w, "UTC")["locations"], w.locations);

  DagData d;
  d.workflow = w;
  TaskRelation r;
  r.postTaskCode = 1;
  r.conditionParams = {{"a", 1}};
  d.relations.push_back(r);
  d.tasks.push_back(taskDefinitionFromJson(uiTask()));
  Json dag = dagDataToJson(d, "UTC");
  EXPECT_EQ(dag["processDefinition"]["code"], 5);
  EXPECT_EQ(dag["processTaskRelationList"][0]["conditionType"], "NONE");
  EXPECT_TRUE(dag["processTaskRelationList"][0]["conditionParams"].is_object());
  EXPECT_EQ(dag["taskDefinitionList"][0]["name"], "hello");
  EXPECT_EQ(relationFromJson(dag["processTaskRelationList"][0]).conditionParams, r.conditionParams);
}
