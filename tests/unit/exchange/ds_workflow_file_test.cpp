// DolphinScheduler export files: shape checks, new codes for everything, export rendering.
#include "exchange/ds_workflow_file.h"

#include <gtest/gtest.h>

#include "model/definition_json.h"

using namespace porpoise;
using namespace porpoise::exchange;
using Json = nlohmann::json;

namespace {

// A counter standing in for the code generator.
struct Codes {
  int64_t next = 1000;
  int64_t operator()() { return next++; }
};

Json task(int64_t code, const std::string& name, const std::string& type, Json params) {
  return {{"code", code},     {"name", name},         {"version", 3},
          {"taskType", type}, {"taskParams", params}, {"projectCode", 5}};
}

Json relation(int64_t pre, int64_t post) {
  return {{"preTaskCode", pre},   {"preTaskVersion", 2},     {"postTaskCode", post},
          {"postTaskVersion", 2}, {"conditionType", "NONE"}, {"conditionParams", Json::object()}};
}

// Two workflows: "parent" (SWITCH, CONDITIONS, SUB_PROCESS to child, DEPENDENT on child's task) and "child".
Json sampleFile() {
  Json parentTasks = Json::array({
      task(11, "start", "SHELL", {{"rawScript", "echo"}}),
      task(12, "check", "CONDITIONS",
           {{"dependence",
             {{"relation", "AND"},
              {"dependTaskList",
               {{{"relation", "AND"}, {"dependItemList", {{{"depTaskCode", 11}, {"status", "SUCCESS"}}}}}}}}},
            {"conditionResult", {{"successNode", {13}}, {"failedNode", {"14"}}}}}),
      task(13, "route", "SWITCH",
           {{"switchResult", {{"dependTaskList", {{{"condition", "1==1"}, {"nextNode", 14}}}}, {"nextNode", "15"}}}}),
      task(14, "sub", "SUB_PROCESS", {{"processDefinitionCode", 20}}),
      // taskParams as JSON text, as some hand-written files have it.
      Json{
          {"code", "15"},
          {"name", "wait"},
          {"taskType", "DEPENDENT"},
          {"taskParams",
           R"({"dependence":{"relation":"AND","dependTaskList":[{"relation":"AND","dependItemList":[{"projectCode":5,"definitionCode":20,"depTaskCode":21,"cycle":"day","dateValue":"today"}]}]}})"}},
  });
  Json parentRelations = Json::array(
      {relation(0, 11), relation(11, 12), relation(12, 13), relation(12, 14), relation(13, 14), relation(13, 15)});
  Json parent = {
      {"processDefinition",
       {{"code", 10},
        {"name", "parent"},
        {"projectCode", 5},
        {"locations", R"([{"taskCode":11,"x":1,"y":2},{"taskCode":15,"x":3,"y":4},{"taskCode":999,"x":0,"y":0}])"}}},
      {"processTaskRelationList", parentRelations},
      {"taskDefinitionList", parentTasks},
      {"schedule", nullptr}};
  Json child = {{"processDefinition", {{"code", 20}, {"name", "child"}, {"projectCode", 5}}},
                {"processTaskRelationList", Json::array({relation(0, 21)})},
                {"taskDefinitionList", Json::array({task(21, "inner", "SHELL", {{"rawScript", "echo"}})})}};
  return Json::array({parent, child});
}

FileError::Kind kindOf(const std::string& text, std::string* message = nullptr) {
  try {
    parseWorkflowFile(text);
  } catch (const FileError& e) {
    if (message) *message = e.what();
    return e.kind();
  }
  ADD_FAILURE() << "no FileError for: " << text.substr(0, 200);
  return FileError::Kind::Malformed;
}

}  // namespace

TEST(DsWorkflowFile, ReadsBothKeyStyles) {
  auto entries = parseWorkflowFile(sampleFile().dump());
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].oldCode, 10);
  EXPECT_EQ(entries[0].oldProjectCode, 5);
  EXPECT_EQ(entries[0].tasks.size(), 5u);
  EXPECT_TRUE(entries[1].schedule.is_null());
  // 3.2+/HEAD names.
  Json f = sampleFile();
  for (auto& e : f) {
    e["workflowDefinition"] = e["processDefinition"];
    e["workflowTaskRelationList"] = e["processTaskRelationList"];
    e.erase("processDefinition");
    e.erase("processTaskRelationList");
  }
  auto again = parseWorkflowFile(f.dump());
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[1].workflow["name"], "child");
  EXPECT_EQ(again[0].relations.size(), 6u);
  // A single object instead of an array is accepted.
  EXPECT_EQ(parseWorkflowFile(sampleFile()[1].dump()).size(), 1u);
}

TEST(DsWorkflowFile, EmptyAndMissingSectionsAreNullData) {
  std::string msg;
  EXPECT_EQ(kindOf("", &msg), FileError::Kind::NullData);
  EXPECT_EQ(msg, "fileContent");
  EXPECT_EQ(kindOf(" \n\t", &msg), FileError::Kind::NullData);
  EXPECT_EQ(kindOf("[]", &msg), FileError::Kind::NullData);
  for (const char* section : {"processDefinition", "processTaskRelationList", "taskDefinitionList"}) {
    Json f = sampleFile();
    f[1].erase(section);
    EXPECT_EQ(kindOf(f.dump(), &msg), FileError::Kind::NullData) << section;
    EXPECT_NE(msg.find(section), std::string::npos) << msg;
    EXPECT_NE(msg.find("workflow #2"), std::string::npos) << msg;  // which workflow
    f = sampleFile();
    if (std::string(section) != "processDefinition") {
      f[0][section] = Json::array();
      EXPECT_EQ(kindOf(f.dump(), &msg), FileError::Kind::NullData) << section;
      EXPECT_NE(msg.find(section), std::string::npos) << msg;
    }
  }
}

TEST(DsWorkflowFile, MalformedFilesSayWhatIsWrong) {
  std::string msg;
  std::string good = sampleFile().dump();
  EXPECT_EQ(kindOf(good.substr(0, good.size() / 2), &msg), FileError::Kind::Malformed);
  EXPECT_NE(msg.find("not valid JSON"), std::string::npos);
  EXPECT_EQ(kindOf("\"a string\"", &msg), FileError::Kind::Malformed);
  EXPECT_EQ(kindOf("[1,2]", &msg), FileError::Kind::Malformed);
  EXPECT_NE(msg.find("workflow #1"), std::string::npos);
  Json f = sampleFile();
  f[0]["processDefinition"] = "text";
  EXPECT_EQ(kindOf(f.dump(), &msg), FileError::Kind::Malformed);
  f = sampleFile();
  f[0]["processDefinition"].erase("name");
  EXPECT_EQ(kindOf(f.dump(), &msg), FileError::Kind::Malformed);
  EXPECT_NE(msg.find("no name"), std::string::npos);
  f = sampleFile();
  f[0]["taskDefinitionList"].push_back(5);
  EXPECT_EQ(kindOf(f.dump(), &msg), FileError::Kind::Malformed);
  EXPECT_NE(msg.find("parent"), std::string::npos);
  f = sampleFile();
  f[0]["processTaskRelationList"].push_back("x");
  EXPECT_EQ(kindOf(f.dump(), &msg), FileError::Kind::Malformed);
  f = sampleFile();
  f[0]["processDefinition"]["code"] = "ten";
  EXPECT_EQ(kindOf(f.dump(), &msg), FileError::Kind::Malformed);
  EXPECT_NE(msg.find("code"), std::string::npos);
  f = sampleFile();
  f[0]["taskDefinitionList"][0]["code"] = "eleven";
  EXPECT_EQ(kindOf(f.dump(), &msg), FileError::Kind::Malformed);
  EXPECT_NE(msg.find("start"), std::string::npos) << msg;
}

TEST(DsWorkflowFile, DuplicateCodesWouldMixUpReferences) {
  std::string msg;
  Json f = sampleFile();
  f[0]["taskDefinitionList"][1]["code"] = 11;
  EXPECT_EQ(kindOf(f.dump(), &msg), FileError::Kind::Malformed);
  EXPECT_NE(msg.find("11"), std::string::npos) << msg;
  f = sampleFile();
  f[1]["taskDefinitionList"][0]["code"] = 13;  // same code in two workflows of one file
  EXPECT_EQ(kindOf(f.dump(), &msg), FileError::Kind::Malformed);
  f = sampleFile();
  f[1]["processDefinition"]["code"] = 10;
  EXPECT_EQ(kindOf(f.dump(), &msg), FileError::Kind::Malformed);
  EXPECT_NE(msg.find("10"), std::string::npos) << msg;
}

TEST(DsWorkflowFile, NewCodesEverywhere) {
  auto entries = parseWorkflowFile(sampleFile().dump());
  Codes codes;
  assignNewCodes(entries, std::ref(codes), 77);
  auto& parent = entries[0];
  auto& child = entries[1];
  int64_t parentCode = parent.workflow["code"], childCode = child.workflow["code"];
  EXPECT_GE(parentCode, 1000);
  EXPECT_GE(childCode, 1000);
  EXPECT_NE(parentCode, childCode);
  EXPECT_EQ(parent.workflow["projectCode"], 77);
  std::map<std::string, int64_t> code;
  for (auto* e : {&parent, &child})
    for (auto& t : e->tasks) {
      code[t["name"]] = t["code"].get<int64_t>();
      EXPECT_GE(t["code"].get<int64_t>(), 1000);
      EXPECT_EQ(t["version"], 1);
      EXPECT_EQ(t["projectCode"], 77);
    }
  // Relations: 0 stays a root marker, versions reset.
  EXPECT_EQ(parent.relations[0]["preTaskCode"], 0);
  EXPECT_EQ(parent.relations[0]["postTaskCode"], code["start"]);
  EXPECT_EQ(parent.relations[5]["preTaskCode"], code["route"]);
  EXPECT_EQ(parent.relations[5]["postTaskCode"], code["wait"]);
  EXPECT_EQ(parent.relations[5]["preTaskVersion"], 1);
  EXPECT_EQ(child.relations[0]["postTaskCode"], code["inner"]);
  // CONDITIONS.
  const Json& cond = parent.tasks[1]["taskParams"];
  EXPECT_EQ(cond["dependence"]["dependTaskList"][0]["dependItemList"][0]["depTaskCode"], code["start"]);
  EXPECT_EQ(cond["conditionResult"]["successNode"], Json::array({code["route"]}));
  EXPECT_EQ(cond["conditionResult"]["failedNode"], Json::array({std::to_string(code["sub"])}));
  // SWITCH.
  const Json& sw = parent.tasks[2]["taskParams"]["switchResult"];
  EXPECT_EQ(sw["dependTaskList"][0]["nextNode"], code["sub"]);
  EXPECT_EQ(sw["nextNode"], std::to_string(code["wait"]));
  // SUB_PROCESS -> the child's new code.
  EXPECT_EQ(parent.tasks[3]["taskParams"]["processDefinitionCode"], childCode);
  // DEPENDENT written as JSON text is remapped too.
  const Json& dep = parent.tasks[4]["taskParams"];
  ASSERT_TRUE(dep.is_object()) << dep.dump();
  const Json& item = dep["dependence"]["dependTaskList"][0]["dependItemList"][0];
  EXPECT_EQ(item["definitionCode"], childCode);
  EXPECT_EQ(item["depTaskCode"], code["inner"]);
  EXPECT_EQ(item["projectCode"], 77);
  // Locations: known tasks remapped, the unknown one dropped.
  Json loc = Json::parse(parent.workflow["locations"].get<std::string>());
  ASSERT_EQ(loc.size(), 2u);
  EXPECT_EQ(loc[0]["taskCode"], code["start"]);
  EXPECT_EQ(loc[1]["taskCode"], code["wait"]);
  EXPECT_EQ(loc[1]["x"], 3);
}

TEST(DsWorkflowFile, ExportEntryMarksTheScheduleOfflineAndNamesTheTenant) {
  model::DagData dag;
  dag.workflow.code = 10;
  dag.workflow.name = "wf";
  model::TaskDefinition t;
  t.code = 11;
  t.name = "a";
  t.taskType = "DEPENDENT";
  t.taskParams = {{"dependence", {{"relation", "AND"}}}};
  dag.tasks.push_back(t);
  model::TaskRelation r;
  r.postTaskCode = 11;
  dag.relations.push_back(r);
  Json e = exportEntry(dag, "etl", {{"crontab", "0 0 * * * ? *"}, {"releaseState", "ONLINE"}}, "UTC");
  EXPECT_EQ(e["schedule"]["releaseState"], "OFFLINE");
  EXPECT_EQ(e["processDefinition"]["tenantCode"], "etl");
  EXPECT_EQ(e["taskDefinitionList"][0]["taskParams"]["dependence"]["relation"], "AND");
  // The getter-only `dependence` text is not part of an export file.
  EXPECT_FALSE(e["taskDefinitionList"][0].contains("dependence"));
  EXPECT_TRUE(exportEntry(dag, "default", nullptr, "UTC")["schedule"].is_null());
  // What we export, we read back.
  auto parsed = parseWorkflowFile(Json::array({e}).dump());
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0].oldCode, 10);
}
