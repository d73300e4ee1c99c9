// Each tutorial YAML file loads into the definitions the real pydolphinscheduler 3.1.0 sent
// (fixtures/pyds-expected), codes aside.
#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "exchange/yaml_workflow_loader.h"
#include "yaml_test_support.h"

namespace porpoise::exchange {
namespace {

namespace fs = std::filesystem;
using testing::fixturesDir;
using testing::readText;
using testing::ScratchDir;

// One workflow as the comparison sees it: codes replaced by task / workflow names.
struct Comparable {
  Json fields;
  Json tasks;
  std::vector<std::string> relations;
};

void nameCode(Json& value, const std::map<int64_t, std::string>& names) {
  if (value.is_array()) {
    for (auto& item : value) nameCode(item, names);
  } else if (value.is_number_integer()) {
    auto it = names.find(value.get<int64_t>());
    value = it == names.end() ? "unknown code " + value.dump() : "task:" + it->second;
  }
}

// Replaces task codes by names; `subWorkflows` gives, in task order, the workflow each SUB_PROCESS names.
Json nameTasks(Json tasks, const std::vector<std::string>& subWorkflows) {
  std::map<int64_t, std::string> names;
  for (const auto& task : tasks) names[task["code"].get<int64_t>()] = task["name"].get<std::string>();
  size_t sub = 0;
  for (auto& task : tasks) {
    nameCode(task["code"], names);
    Json& params = task["taskParams"];
    const std::string type = task["taskType"];
    if (type == "CONDITIONS") {
      nameCode(params["conditionResult"]["successNode"], names);
      nameCode(params["conditionResult"]["failedNode"], names);
      for (auto& group : params["dependence"]["dependTaskList"])
        for (auto& item : group["dependItemList"]) nameCode(item["depTaskCode"], names);
    }
    if (type == "SWITCH") {
      nameCode(params["switchResult"]["nextNode"], names);
      for (auto& branch : params["switchResult"]["dependTaskList"]) nameCode(branch["nextNode"], names);
    }
    if (type == "SUB_PROCESS") {
      params["processDefinitionCode"] = sub < subWorkflows.size() ? "workflow:" + subWorkflows[sub] : "missing";
      ++sub;
    }
  }
  return tasks;
}

std::vector<std::string> nameRelations(Json relations, const Json& tasks) {
  std::map<int64_t, std::string> names{{0, "root"}};
  for (const auto& task : tasks) names[task["code"].get<int64_t>()] = task["name"].get<std::string>();
  std::vector<std::string> out;
  for (auto& relation : relations) {
    nameCode(relation["preTaskCode"], names);
    nameCode(relation["postTaskCode"], names);
    out.push_back(relation.dump());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Replaces "@@FILE ../name.py@@" markers by the text of the script the test wrote there.
void fillIncludedScripts(Json& tasks, const fs::path& scriptsDir) {
  static const std::regex marker(R"(^@@FILE \.\./(.*)@@$)");
  for (auto& task : tasks) {
    Json& params = task["taskParams"];
    if (!params.contains("rawScript")) continue;
    std::smatch match;
    const std::string raw = params["rawScript"];
    if (std::regex_match(raw, match, marker)) params["rawScript"] = readText(scriptsDir / match[1].str());
  }
}

// The workflows of one recorded SDK run, in the order they were first submitted.
std::vector<Comparable> expectedWorkflows(const fs::path& recording, const fs::path& scriptsDir) {
  const Json record = Json::parse(readText(recording));
  std::vector<Comparable> workflows;
  std::set<std::string> seen, started;
  std::vector<std::string> pendingSubWorkflows;
  for (const auto& call : record["calls"]) {
    const std::string method = call["method"];
    const Json& args = call["args"];
    if (method == "getProcessDefinitionInfo" || method == "getWorkflowInfo")
      pendingSubWorkflows.push_back(args.contains("processDefinitionName") ? args["processDefinitionName"]
                                                                           : args["workflowName"]);
    if (method == "execProcessInstance" || method == "execWorkflowInstance")
      started.insert(args.contains("processDefinitionName") ? args["processDefinitionName"] : args["workflowName"]);
    if (method != "createOrUpdateProcessDefinition" && method != "createOrUpdateWorkflow") continue;
    const std::string name = args["name"];
    std::vector<std::string> subs;
    subs.swap(pendingSubWorkflows);
    if (!seen.insert(name).second) continue;
    Comparable workflow;
    workflow.fields = {{"name", name},
                       {"project", args["projectName"]},
                       {"description", args["description"]},
                       {"globalParams", args["globalParams"]["$json"]},
                       {"schedule", args["schedule"].is_null() ? Json() : args["schedule"]["$json"]},
                       {"warningType", args["warningType"]},
                       {"warningGroupId", args["warningGroupId"]},
                       {"timeout", args["timeout"]},
                       {"workerGroup", args["workerGroup"]},
                       {"tenantCode", args["tenantCode"]},
                       {"releaseState", args["releaseState"]}};
    Json tasks = args["taskDefinitionJson"]["$json"];
    fillIncludedScripts(tasks, scriptsDir);
    workflow.relations = nameRelations(args["taskRelationJson"]["$json"], tasks);
    workflow.tasks = nameTasks(tasks, subs);
    workflows.push_back(std::move(workflow));
  }
  for (auto& workflow : workflows) workflow.fields["run"] = started.count(workflow.fields["name"]) > 0;
  return workflows;
}

std::vector<Comparable> loadedWorkflows(const YamlLoadResult& result) {
  std::vector<Comparable> workflows;
  for (size_t index = 0; index < result.submissions.size(); ++index) {
    const auto& submission = result.submissions[index];
    const auto& wf = submission.workflow;
    Comparable workflow;
    workflow.fields = {{"name", wf.name},
                       {"project", wf.project},
                       {"description", wf.description},
                       {"globalParams", wf.globalParams},
                       {"schedule", wf.schedule ? wf.schedule->toJson() : Json()},
                       {"warningType", model::enumName(wf.warningType)},
                       {"warningGroupId", wf.warningGroupId},
                       {"timeout", wf.timeout},
                       {"workerGroup", wf.workerGroup},
                       {"tenantCode", wf.tenant},
                       {"releaseState", model::enumCode(wf.releaseState)},
                       {"run", wf.run}};
    std::vector<std::string> subs;
    for (const auto& reference : submission.references) {
      EXPECT_EQ(reference.kind, YamlReferenceKind::SubWorkflow) << "tutorial files only reference sub-workflows";
      EXPECT_EQ(reference.pointer, "/taskParams/processDefinitionCode");
      // A $WORKFLOW{} child is linked to its own submission, which comes first.
      EXPECT_TRUE(reference.submissionIndex.has_value());
      if (reference.submissionIndex) {
        EXPECT_LT(*reference.submissionIndex, index);
        EXPECT_EQ(result.submissions[*reference.submissionIndex].workflow.name, reference.workflowName);
      }
      subs.push_back(reference.workflowName);
    }
    workflow.relations = nameRelations(submission.taskRelations, submission.taskDefinitions);
    workflow.tasks = nameTasks(submission.taskDefinitions, subs);
    workflows.push_back(std::move(workflow));
  }
  return workflows;
}

class TutorialYamlTest : public ::testing::TestWithParam<std::string> {};

TEST_P(TutorialYamlTest, LoadsLikeTheSdk) {
  const std::string name = GetParam();
  ScratchDir dir;
  for (const auto& entry : fs::directory_iterator(fixturesDir() / "pyds"))
    dir.write(fs::path("pyds") / entry.path().filename(), readText(entry.path()));
  for (const char* script : {"test_server.py", "download_data.py", "evaluate.py", "data_preprocessing.py"})
    dir.write(script, std::string("# ") + script + " for the tutorial test\nprint(\"" + script + "\")\n");
  const fs::path elsewhere = dir.path() / "elsewhere";
  fs::create_directories(elsewhere);

  const auto result = loadYamlWorkflowFile(dir.path() / "pyds" / (name + ".yaml"), testing::countingOptions(elsewhere));
  const auto expected = expectedWorkflows(fixturesDir() / "pyds-expected" / (name + ".json"), dir.path());
  const auto loaded = loadedWorkflows(result);

  ASSERT_EQ(loaded.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(expected[i].fields["name"].dump());
    EXPECT_EQ(loaded[i].fields, expected[i].fields);
    ASSERT_EQ(loaded[i].tasks.size(), expected[i].tasks.size());
    for (size_t t = 0; t < expected[i].tasks.size(); ++t)
      EXPECT_EQ(loaded[i].tasks[t], expected[i].tasks[t])
          << "ours:     " << loaded[i].tasks[t].dump() << "\nexpected: " << expected[i].tasks[t].dump();
    EXPECT_EQ(loaded[i].relations, expected[i].relations);
  }
  for (const auto& submission : result.submissions) EXPECT_TRUE(submission.warnings.empty());
}

INSTANTIATE_TEST_SUITE_P(TutorialFiles, TutorialYamlTest,
                         ::testing::Values("deploy", "download_data", "inference_data", "init_dvc_repo", "prepare_data",
                                           "train_model", "train_and_deploy"));

}  // namespace
}  // namespace porpoise::exchange
