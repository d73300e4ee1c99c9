// Every example of the pydolphinscheduler SDK (current and 3.1.0 dialect) loads, and the
// examples of each task type map their keys as the SDK does.
#include <map>
#include <set>

#include "exchange/yaml_workflow_loader.h"
#include "yaml_test_support.h"

namespace porpoise::exchange {
namespace {

namespace fs = std::filesystem;
using testing::fixturesDir;
using testing::readText;
using testing::ScratchDir;

fs::path examplesDir() { return fixturesDir() / "pyds-sdk-examples"; }

YamlLoadResult loadExample(const fs::path& file) {
  ScratchDir cwd;
  auto options = testing::countingOptions(cwd.path());
  options.env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "HOME") return std::string("/home/tester");
    return std::nullopt;
  };
  return loadYamlWorkflowFile(file, options);
}

const Json& taskNamed(const YamlWorkflowSubmission& submission, const std::string& name) {
  for (const auto& task : submission.taskDefinitions)
    if (task["name"] == name) return task;
  throw std::runtime_error("no task " + name);
}

int64_t codeOf(const YamlWorkflowSubmission& submission, const std::string& name) {
  return taskNamed(submission, name)["code"].get<int64_t>();
}

std::set<std::pair<int64_t, int64_t>> edgesOf(const YamlWorkflowSubmission& submission) {
  std::set<std::pair<int64_t, int64_t>> edges;
  for (const auto& relation : submission.taskRelations)
    edges.insert({relation["preTaskCode"].get<int64_t>(), relation["postTaskCode"].get<int64_t>()});
  return edges;
}

class SdkExampleTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SdkExampleTest, Loads) {
  const fs::path file = examplesDir() / GetParam();
  YamlLoadResult result;
  ASSERT_NO_THROW(result = loadExample(file)) << file;
  ASSERT_FALSE(result.submissions.empty());
  for (const auto& submission : result.submissions) {
    EXPECT_FALSE(submission.workflow.name.empty());
    ASSERT_FALSE(submission.taskDefinitions.empty());
    // Every task is in the DAG: it is the post task of at least one relation.
    std::set<int64_t> posts;
    for (const auto& relation : submission.taskRelations) posts.insert(relation["postTaskCode"].get<int64_t>());
    for (const auto& task : submission.taskDefinitions) {
      EXPECT_FALSE(task["taskType"].get<std::string>().empty());
      EXPECT_TRUE(posts.count(task["code"].get<int64_t>())) << task["name"];
      EXPECT_TRUE(task["taskParams"].contains("localParams"));
    }
  }
}

std::vector<std::string> exampleFiles() {
  std::vector<std::string> files;
  for (const fs::path& dir : {examplesDir(), examplesDir() / "sdk-3.1.0"}) {
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.path().extension() == ".yaml") files.push_back(fs::relative(entry.path(), examplesDir()).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

INSTANTIATE_TEST_SUITE_P(AllExamples, SdkExampleTest, ::testing::ValuesIn(exampleFiles()), [](const auto& info) {
  std::string name = info.param;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
});

TEST(SdkExamples, ThereAreExamplesOfBothDialects) {
  const auto files = exampleFiles();
  EXPECT_GE(files.size(), 40u);
  EXPECT_NE(std::find(files.begin(), files.end(), "sdk-3.1.0/SubProcess.yaml"), files.end());
  EXPECT_NE(std::find(files.begin(), files.end(), "SubWorkflow.yaml"), files.end());
}

TEST(SdkExamples, ConditionBuildsGroupsBranchesAndEdges) {
  const auto result = loadExample(examplesDir() / "Condition.yaml");
  ASSERT_EQ(result.submissions.size(), 1u);
  const auto& wf = result.submissions[0];
  const Json& condition = taskNamed(wf, "condition");
  EXPECT_EQ(condition["taskType"], "CONDITIONS");
  const Json& dependence = condition["taskParams"]["dependence"];
  EXPECT_EQ(dependence["relation"], "AND");
  ASSERT_EQ(dependence["dependTaskList"].size(), 1u);
  const Json& items = dependence["dependTaskList"][0]["dependItemList"];
  EXPECT_EQ(items, Json::parse("[" + std::string("{\"depTaskCode\":") + std::to_string(codeOf(wf, "pre_task_1")) +
                               ",\"status\":\"SUCCESS\"},{\"depTaskCode\":" + std::to_string(codeOf(wf, "pre_task_2")) +
                               ",\"status\":\"SUCCESS\"},{\"depTaskCode\":" + std::to_string(codeOf(wf, "pre_task_3")) +
                               ",\"status\":\"FAILURE\"}]"));
  EXPECT_EQ(condition["taskParams"]["conditionResult"]["successNode"], Json::array({codeOf(wf, "success_branch")}));
  EXPECT_EQ(condition["taskParams"]["conditionResult"]["failedNode"], Json::array({codeOf(wf, "fail_branch")}));
  const auto edges = edgesOf(wf);
  const int64_t code = codeOf(wf, "condition");
  for (const char* pre : {"pre_task_1", "pre_task_2", "pre_task_3"}) EXPECT_TRUE(edges.count({codeOf(wf, pre), code}));
  EXPECT_TRUE(edges.count({code, codeOf(wf, "success_branch")}));
  EXPECT_TRUE(edges.count({code, codeOf(wf, "fail_branch")}));
  EXPECT_FALSE(edges.count({0, code}));
  EXPECT_EQ(wf.taskRelations.size(), 8u);  // 3 roots, 3 edges into the condition, 2 out of it
}

TEST(SdkExamples, SwitchBuildsBranchesAndDefault) {
  const auto result = loadExample(examplesDir() / "Switch.yaml");
  const auto& wf = result.submissions.at(0);
  const Json& params = taskNamed(wf, "switch")["taskParams"];
  EXPECT_FALSE(params.contains("dependence"));
  EXPECT_FALSE(params.contains("conditionResult"));
  EXPECT_EQ(params["switchResult"]["dependTaskList"], Json::parse("[{\"condition\":\"${var} > 1\",\"nextNode\":" +
                                                                  std::to_string(codeOf(wf, "switch_child_1")) + "}]"));
  EXPECT_EQ(params["switchResult"]["nextNode"], codeOf(wf, "switch_child_2"));
  const auto edges = edgesOf(wf);
  EXPECT_TRUE(edges.count({codeOf(wf, "switch"), codeOf(wf, "switch_child_1")}));
  EXPECT_TRUE(edges.count({codeOf(wf, "switch"), codeOf(wf, "switch_child_2")}));
  EXPECT_TRUE(edges.count({0, codeOf(wf, "switch")}));
  EXPECT_EQ(wf.workflow.globalParams, Json::parse(R"([{"prop":"var","direct":"IN","type":"VARCHAR","value":1}])"));
}

void expectDependentReferences(const YamlLoadResult& result) {
  // Dependent_External.yaml is named five times but loaded and submitted once, first.
  ASSERT_EQ(result.submissions.size(), 2u);
  EXPECT_EQ(result.submissions[0].workflow.name, "task_dependent_external");
  const auto& wf = result.submissions[1];
  ASSERT_EQ(wf.references.size(), 8u);
  const auto& first = wf.references[0];
  EXPECT_EQ(first.kind, YamlReferenceKind::DependentItem);
  EXPECT_EQ(first.taskIndex, 0u);
  EXPECT_EQ(first.pointer, "/taskParams/dependence/dependTaskList/0/dependItemList/0");
  EXPECT_EQ(first.projectName, "pydolphin");
  EXPECT_EQ(first.workflowName, "task_dependent_external");
  EXPECT_EQ(first.taskName, "task_1");
  const auto& var = wf.references[4];
  EXPECT_EQ(var.taskIndex, 1u);
  EXPECT_EQ(var.projectName, "project-pydolphin");         // ${CONFIG.WORKFLOW_PROJECT}
  EXPECT_EQ(var.workflowName, "task_dependent_external");  // $WORKFLOW{"Dependent_External.yaml"}

  const Json& dependence = wf.taskDefinitions[0]["taskParams"]["dependence"];
  EXPECT_EQ(dependence["relation"], "AND");
  EXPECT_EQ(dependence["dependTaskList"][0]["relation"], "OR");
  EXPECT_EQ(dependence["dependTaskList"][0]["dependItemList"][0],
            Json::parse(R"({"projectCode":0,"definitionCode":0,"depTaskCode":0,"cycle":"day","dateValue":"today"})"));
  EXPECT_EQ(dependence["dependTaskList"][1]["dependItemList"][0]["dateValue"], "lastWednesday");
  EXPECT_EQ(dependence["dependTaskList"][1]["dependItemList"][0]["cycle"], "week");
  EXPECT_EQ(dependence["dependTaskList"][1]["dependItemList"][1]["dateValue"], "last24Hours");
  EXPECT_EQ(dependence["dependTaskList"][1]["dependItemList"][1]["cycle"], "hour");
}

TEST(SdkExamples, DependentItemsBecomeReferences) {
  expectDependentReferences(loadExample(examplesDir() / "Dependent.yaml"));
  expectDependentReferences(loadExample(examplesDir() / "sdk-3.1.0" / "Dependent.yaml"));
}

void expectSubWorkflowLinked(const YamlLoadResult& result, const std::string& taskName) {
  ASSERT_EQ(result.submissions.size(), 2u);
  EXPECT_EQ(result.submissions[0].workflow.name, "example_workflow_for_sub_workflow");
  const auto& wf = result.submissions[1];
  const Json& task = taskNamed(wf, taskName);
  EXPECT_EQ(task["taskType"], "SUB_PROCESS");
  EXPECT_EQ(task["taskParams"]["processDefinitionCode"], 0);
  ASSERT_EQ(wf.references.size(), 1u);
  EXPECT_EQ(wf.references[0].kind, YamlReferenceKind::SubWorkflow);
  EXPECT_EQ(wf.references[0].workflowName, "example_workflow_for_sub_workflow");
  EXPECT_EQ(wf.references[0].projectName, "project-pydolphin");
  EXPECT_EQ(wf.references[0].submissionIndex, std::optional<size_t>(0));
  EXPECT_TRUE(edgesOf(wf).count({codeOf(wf, taskName), codeOf(wf, "task_3")}));
}

TEST(SdkExamples, SubWorkflowInBothDialects) {
  expectSubWorkflowLinked(loadExample(examplesDir() / "SubWorkflow.yaml"), "example_workflow");
  expectSubWorkflowLinked(loadExample(examplesDir() / "sdk-3.1.0" / "SubProcess.yaml"), "example_workflow");
}

TEST(SdkExamples, MoreConfigurationCommonKeysAndTypedParams) {
  const auto result = loadExample(examplesDir() / "MoreConfiguration.yaml");
  const Json& task = taskNamed(result.submissions.at(0), "shell_0");
  EXPECT_EQ(task["description"], "yaml define task");
  EXPECT_EQ(task["flag"], "YES");
  EXPECT_EQ(task["taskPriority"], "HIGH");
  EXPECT_EQ(task["delayTime"], 20);
  EXPECT_EQ(task["failRetryTimes"], 30);
  EXPECT_EQ(task["failRetryInterval"], 5);
  EXPECT_EQ(task["timeout"], 60);
  EXPECT_EQ(task["timeoutFlag"], "OPEN");
  EXPECT_EQ(task["isCache"], "YES");
  EXPECT_EQ(task["taskParams"]["rawScript"], "echo \"/home/tester\"\necho \"${n}\"\necho \"123\" >> text.txt\n");
  EXPECT_EQ(task["taskParams"]["localParams"], Json::parse(R"([
    {"prop":"value_VARCHAR","direct":"IN","type":"VARCHAR","value":"abc"},
    {"prop":"value_INTEGER","direct":"IN","type":"INTEGER","value":123},
    {"prop":"value_FLOAT","direct":"IN","type":"FLOAT","value":0.1},
    {"prop":"value_BOOLEAN","direct":"IN","type":"BOOLEAN","value":true},
    {"prop":"value_output","direct":"OUT","type":"VARCHAR","value":""},
    {"prop":"value_output2","direct":"OUT","type":"VARCHAR","value":""},
    {"prop":"value_data_path","direct":"OUT","type":"FILE","value":"text.txt"}])"));

  const auto old = loadExample(examplesDir() / "sdk-3.1.0" / "MoreConfiguration.yaml");
  const Json& oldTask = taskNamed(old.submissions.at(0), "shell_0");
  EXPECT_EQ(oldTask["timeoutFlag"], "CLOSE");  // written explicitly in the 3.1.0 example
  EXPECT_EQ(oldTask["taskParams"]["localParams"],
            Json::parse(R"([{"prop":"n","direct":"IN","type":"VARCHAR","value":"${n}"}])"));
}

TEST(SdkExamples, TutorialSchedule) {
  const auto result = loadExample(examplesDir() / "tutorial.yaml");
  const auto& wf = result.submissions.at(0).workflow;
  ASSERT_TRUE(wf.schedule.has_value());
  EXPECT_EQ(wf.schedule->toJson(), Json::parse(R"({"startTime":"2021-01-01 00:00:00","endTime":"9999-12-31 23:59:59",
                                                   "crontab":"0 0 0 * * ? *","timezoneId":"Asia/Shanghai"})"));
  EXPECT_TRUE(wf.schedule->online);
  EXPECT_EQ(wf.releaseState, model::ReleaseState::OFFLINE);
  EXPECT_TRUE(wf.run);
  EXPECT_FALSE(wf.tenantGiven);
  const auto old = loadExample(examplesDir() / "sdk-3.1.0" / "tutorial.yaml");
  EXPECT_EQ(old.submissions.at(0).workflow.tenant, "tenant_exists");
  EXPECT_TRUE(old.submissions.at(0).workflow.tenantGiven);
}

TEST(SdkExamples, HttpParamsListIsKept) {
  const auto result = loadExample(examplesDir() / "Http.yaml");
  const Json& params = taskNamed(result.submissions.at(0), "task")["taskParams"];
  EXPECT_EQ(params["url"], "https://httpbin.org/get");
  EXPECT_EQ(params["httpMethod"], "GET");
  EXPECT_EQ(params["httpCheckCondition"], "STATUS_CODE_CUSTOM");
  EXPECT_EQ(params["condition"], "404");
  EXPECT_EQ(params["connectTimeout"], 60000);
  ASSERT_EQ(params["httpParams"].size(), 3u);
  EXPECT_EQ(params["httpParams"][2],
            Json::parse(R"({"prop":"Content-Type","httpParametersType":"header","value":"test"})"));
}

TEST(SdkExamples, SqlDatasourcesAndIncludedFiles) {
  const auto result = loadExample(examplesDir() / "Sql.yaml");
  const auto& wf = result.submissions.at(0);
  const std::string included = readText(examplesDir() / "example_sql.sql");
  EXPECT_EQ(taskNamed(wf, "task_file")["taskParams"]["sql"], included);
  EXPECT_EQ(taskNamed(wf, "task_file_one_line")["taskParams"]["sql"], included);
  EXPECT_EQ(taskNamed(wf, "task_base")["taskParams"]["sqlType"], "0");
  EXPECT_EQ(taskNamed(wf, "task_base")["taskParams"]["displayRows"], 10);
  ASSERT_EQ(wf.references.size(), 5u);
  for (const auto& reference : wf.references) {
    EXPECT_EQ(reference.kind, YamlReferenceKind::Datasource);
    EXPECT_EQ(reference.name, "db");
    EXPECT_EQ(reference.idField, "datasource");
    EXPECT_EQ(reference.typeField, "type");
    EXPECT_EQ(reference.pointer, "/taskParams");
  }
}

TEST(SdkExamples, DataXAndCustomDataX) {
  const auto result = loadExample(examplesDir() / "DataX.yaml");
  const auto& wf = result.submissions.at(0);
  const Json& datax = taskNamed(wf, "task")["taskParams"];
  EXPECT_EQ(datax["customConfig"], 0);
  EXPECT_EQ(datax["targetTable"], "table_test");
  EXPECT_EQ(datax["jobSpeedRecord"], 1000);
  const Json& custom = taskNamed(wf, "task_custon_config")["taskParams"];
  EXPECT_EQ(custom["customConfig"], 1);
  EXPECT_EQ(custom["json"], readText(examplesDir() / "example_datax.json"));
  ASSERT_EQ(wf.references.size(), 2u);
  EXPECT_EQ(wf.references[0].idField, "dataSource");
  EXPECT_EQ(wf.references[1].idField, "dataTarget");
  EXPECT_EQ(wf.references[1].typeField, "dtType");
}

TEST(SdkExamples, EnginesReferToTheirPackage) {
  const auto result = loadExample(examplesDir() / "sdk-3.1.0" / "Spark.yaml");
  const auto& wf = result.submissions.at(0);
  const Json& params = taskNamed(wf, "task")["taskParams"];
  EXPECT_EQ(params["mainClass"], "org.apache.spark.examples.SparkPi");
  EXPECT_EQ(params["deployMode"], "local");
  EXPECT_EQ(params["sparkVersion"], "SPARK1");
  EXPECT_EQ(params["driverMemory"], "512M");
  EXPECT_EQ(params["mainJar"], Json::parse(R"({"id":0})"));
  ASSERT_EQ(wf.references.size(), 1u);
  EXPECT_EQ(wf.references[0].kind, YamlReferenceKind::Resource);
  EXPECT_EQ(wf.references[0].name, "test_java.jar");
  EXPECT_EQ(wf.references[0].type, "SCALA");
  EXPECT_EQ(wf.references[0].pointer, "/taskParams/mainJar");

  const auto flink = loadExample(examplesDir() / "Flink.yaml");
  const Json& flinkParams = flink.submissions.at(0).taskDefinitions.at(0)["taskParams"];
  EXPECT_EQ(flinkParams["programType"], "JAVA");
  EXPECT_EQ(flinkParams["flinkVersion"], "<1.10");
  EXPECT_EQ(flinkParams["parallelism"], 1);
}

TEST(SdkExamples, MachineLearningTasks) {
  const auto mlflow = loadExample(examplesDir() / "mlflow.yaml");
  const auto& wf = mlflow.submissions.at(0);
  EXPECT_EQ(taskNamed(wf, "deploy_docker")["taskParams"]["deployType"], "DOCKER");
  EXPECT_EQ(taskNamed(wf, "deploy_docker")["taskParams"]["deployPort"], 7002);
  EXPECT_EQ(taskNamed(wf, "train_basic_algorithm")["taskParams"]["searchParams"],
            "max_depth=[5, 10];n_estimators=[100, 200]");
  EXPECT_EQ(taskNamed(wf, "train_basic_algorithm")["taskParams"]["mlflowJobType"], "BasicAlgorithm");
  EXPECT_EQ(taskNamed(wf, "train_xgboost_native")["taskParams"]["mlflowProjectVersion"], "master");
  EXPECT_EQ(taskNamed(wf, "train_xgboost_native")["taskParams"]["mlflowJobType"], "CustomProject");
  EXPECT_EQ(taskNamed(wf, "train_automl")["taskParams"]["registerModel"], true);

  const auto torch = loadExample(examplesDir() / "Pytorch.yaml");
  const auto& torchWf = torch.submissions.at(0);
  EXPECT_EQ(taskNamed(torchWf, "task_existing_env")["taskType"], "PYTORCH");
  EXPECT_EQ(taskNamed(torchWf, "task_existing_env")["taskParams"]["otherParams"], true);
  EXPECT_EQ(taskNamed(torchWf, "task_conda_env")["taskParams"]["isCreateEnvironment"], true);
  EXPECT_EQ(taskNamed(torchWf, "task_conda_env")["taskParams"]["condaPythonVersion"], 3.7);
  EXPECT_EQ(taskNamed(torchWf, "task_virtualenv_env")["taskParams"]["pythonEnvTool"], "virtualenv");

  const auto openmldb = loadExample(examplesDir() / "OpenMLDB.yaml");
  const Json& openmldbParams = openmldb.submissions.at(0).taskDefinitions.at(0)["taskParams"];
  EXPECT_EQ(openmldbParams["zk"], "127.0.0.1:2181");
  EXPECT_EQ(openmldbParams["executeMode"], "online");

  const auto k8s = loadExample(examplesDir() / "Kubernetes.yaml");
  const Json& k8sTask = k8s.submissions.at(0).taskDefinitions.at(0);
  EXPECT_EQ(k8sTask["taskType"], "K8S");
  EXPECT_EQ(k8sTask["taskParams"]["minCpuCores"], 2.0);
  EXPECT_EQ(k8sTask["taskParams"]["namespace"], "{ \"name\": \"default\",\"cluster\": \"lab\" }");

  const auto sagemaker = loadExample(examplesDir() / "Sagemaker.yaml");
  EXPECT_EQ(sagemaker.submissions.at(0).taskDefinitions.at(0)["taskParams"]["sagemakerRequestJson"],
            readText(examplesDir() / "example_sagemaker_params.json"));
}

}  // namespace
}  // namespace porpoise::exchange
