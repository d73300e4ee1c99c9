// The string macros ($FILE, $ENV, ${CONFIG.key}, $WORKFLOW, TYPE()) and YAML value typing.
#include "exchange/yaml_macros.h"

#include "exchange/yaml_value.h"
#include "exchange/yaml_workflow_fields.h"
#include "exchange/yaml_workflow_loader.h"
#include "yaml_test_support.h"

namespace porpoise::exchange {
namespace {

namespace fs = std::filesystem;
using testing::ScratchDir;

std::string rawScriptOf(const YamlLoadResult& result, size_t task = 0) {
  return result.submissions.back().taskDefinitions.at(task)["taskParams"]["rawScript"];
}

TEST(YamlMacros, FilePrefersTheWorkingDirectoryThenTheYamlFolder) {
  ScratchDir dir;
  dir.write("run/script.sh", "from the working directory");
  dir.write("flows/script.sh", "from the yaml folder");
  dir.write("flows/only_here.sh", "only beside the yaml");
  const auto file = dir.write("flows/wf.yaml", R"(workflow: {name: wf}
tasks:
  - {name: a, task_type: Shell, command: '$FILE{"script.sh"}'}
  - {name: b, task_type: Shell, command: '$FILE{"only_here.sh"}'}
)");
  const auto result = loadYamlWorkflowFile(file, testing::countingOptions(dir.path() / "run"));
  EXPECT_EQ(rawScriptOf(result, 0), "from the working directory");
  EXPECT_EQ(rawScriptOf(result, 1), "only beside the yaml");
}

TEST(YamlMacros, FileWithAbsolutePathAndOnlyAtTheStart) {
  ScratchDir dir;
  const auto script = dir.write("abs.sh", "absolute");
  const auto result = testing::loadWritten(
      dir, "wf.yaml",
      "workflow: {name: wf}\ntasks:\n  - {name: a, task_type: Shell, command: '$FILE{\"" + script.string() +
          "\"}'}\n  - {name: b, task_type: Shell, command: 'cat $FILE{\"abs.sh\"}'}\n");
  EXPECT_EQ(rawScriptOf(result, 0), "absolute");
  EXPECT_EQ(rawScriptOf(result, 1), "cat $FILE{\"abs.sh\"}");
}

TEST(YamlMacros, FileAccessCanBeForbidden) {
  ScratchDir dir;
  dir.write("x.sh", "x");
  auto options = testing::countingOptions(dir.path());
  options.allowFileAccess = false;
  const std::string yaml =
      "workflow: {name: wf}\ntasks:\n  - {name: a, task_type: Shell, command: '$FILE{\"x.sh\"}'}\n";
  EXPECT_THROW(loadYamlWorkflowText(yaml, "upload.yaml", dir.path(), options), YamlLoadError);
  options.allowFileAccess = true;
  EXPECT_EQ(rawScriptOf(loadYamlWorkflowText(yaml, "upload.yaml", dir.path(), options)), "x");
}

TEST(YamlMacros, EnvironmentVariables) {
  YamlMacroContext context;
  context.env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "USER") return std::string("ada");
    if (name == "HOME") return std::string("/home/ada");
    return std::nullopt;
  };
  const YamlMacroExpander expander(context);
  EXPECT_EQ(expander.expand("$ENV{USER} lives in $ENV{HOME}, $ENV{USER}!", "command", 1),
            "ada lives in /home/ada, ada!");
  EXPECT_EQ(expander.expand("echo $ENV{NOT_SET}", "command", 1), "echo $NOT_SET");
  EXPECT_EQ(expander.expand("echo ${USER} $USER", "command", 1), "echo ${USER} $USER");
}

TEST(YamlMacros, Configuration) {
  YamlMacroContext context;
  context.config = PydsConfig::fromEnvironment([](const std::string& name) -> std::optional<std::string> {
    if (name == "PYDS_WORKFLOW_PROJECT") return std::string("from-env");
    return std::nullopt;
  });
  const YamlMacroExpander expander(context);
  EXPECT_EQ(expander.expand("${CONFIG.WORKFLOW_PROJECT}", "project_name", 1), "from-env");
  EXPECT_EQ(expander.expand("x ${CONFIG.default.user.tenant} y", "tenant", 1), "tenant_pydolphin");
  EXPECT_EQ(expander.expand("${CONFIG.java_gateway.port}", "port", 1), "25333");
  try {
    expander.expand("${CONFIG.NO_SUCH_THING}", "project_name", 7);
    ADD_FAILURE();
  } catch (const YamlLoadError& error) {
    EXPECT_EQ(error.line(), 7);
    EXPECT_EQ(error.key(), "project_name");
  }
}

TEST(YamlMacros, WorkflowTokensAreFoundAndReplacedInTheText) {
  const std::string text =
      "a: $WORKFLOW{\"x.yaml\"}\n# $WORKFLOW{\"y.yaml\"}\n- {name: t, workflow_name: $WORKFLOW{\"x.yaml\"}}\n";
  const auto references = findWorkflowReferences(text);
  ASSERT_EQ(references.size(), 3u);
  EXPECT_EQ(references[0].path, "x.yaml");
  EXPECT_EQ(references[0].line, 1);
  EXPECT_EQ(references[0].key, "a");
  EXPECT_EQ(references[1].path, "y.yaml");
  EXPECT_EQ(references[1].line, 2);
  EXPECT_EQ(references[2].line, 3);
  EXPECT_EQ(references[2].key, "workflow_name");
  EXPECT_EQ(replaceWorkflowReferences(text, {{"x.yaml", "child"}, {"y.yaml", "other"}}),
            "a: child\n# other\n- {name: t, workflow_name: child}\n");
}

TEST(YamlMacros, WorkflowFilesAreLoadedFirstAndOnce) {
  ScratchDir dir;
  dir.write("child.yaml",
            "workflow: {name: the-child, run: true}\ntasks:\n  - {name: c, task_type: Shell, command: x}\n");
  dir.write("sub/mid.yaml",
            "workflow: {name: mid}\ntasks:\n  - {name: m, task_type: SubWorkflow, workflow_name: "
            "'$WORKFLOW{\"../child.yaml\"}'}\n");
  const auto result = testing::loadWritten(dir, "top.yaml", R"(workflow: {name: top}
tasks:
  - {name: one, task_type: SubProcess, process_definition_name: '$WORKFLOW{"child.yaml"}'}
  - {name: two, task_type: SubWorkflow, workflow_name: $WORKFLOW{"sub/mid.yaml"}, deps: [one]}
  - {name: three, task_type: SubWorkflow, workflow_name: existing-workflow}
)");
  ASSERT_EQ(result.submissions.size(), 3u);
  EXPECT_EQ(result.submissions[0].workflow.name, "the-child");
  EXPECT_TRUE(result.submissions[0].workflow.run);
  EXPECT_EQ(result.submissions[1].workflow.name, "mid");
  EXPECT_EQ(result.submissions[1].references.at(0).submissionIndex, std::optional<size_t>(0));
  const auto& top = result.submissions[2];
  ASSERT_EQ(top.references.size(), 3u);
  EXPECT_EQ(top.references[0].workflowName, "the-child");
  EXPECT_EQ(top.references[0].submissionIndex, std::optional<size_t>(0));
  EXPECT_EQ(top.references[1].workflowName, "mid");
  EXPECT_EQ(top.references[1].submissionIndex, std::optional<size_t>(1));
  EXPECT_EQ(top.references[2].workflowName, "existing-workflow");
  EXPECT_FALSE(top.references[2].submissionIndex.has_value());
}

TEST(YamlValues, CoreSchemaTyping) {
  const YAML::Node node = YAML::Load(R"(
a: yes
b: true
c: 0o17
d: 0x1F
e: 1.5
f: "123"
g: ~
h: 2021-01-01
i: -42
j: 1e3
k: 'false'
l: on
m: 007
)");
  auto typed = [&](const char* key) { return yamlScalarToJson(node[key]); };
  EXPECT_EQ(typed("a"), "yes");
  EXPECT_EQ(typed("b"), true);
  EXPECT_EQ(typed("c"), 15);
  EXPECT_EQ(typed("d"), 31);
  EXPECT_EQ(typed("e"), 1.5);
  EXPECT_EQ(typed("f"), "123");
  EXPECT_TRUE(typed("g").is_null());
  EXPECT_EQ(typed("h"), "2021-01-01");
  EXPECT_EQ(typed("i"), -42);
  EXPECT_EQ(typed("j"), 1000.0);
  EXPECT_EQ(typed("k"), "false");
  EXPECT_EQ(typed("l"), "on");
  EXPECT_EQ(typed("m"), 7);
}

TEST(YamlValues, AnchorsAndMergeKeys) {
  ScratchDir dir;
  const auto result = testing::loadWritten(dir, "wf.yaml", R"(
common: &common
  task_type: Shell
  worker_group: gpu
  fail_retry_times: 2
path: &path /data/in
workflow: {name: wf}
tasks:
  - <<: *common
    name: a
    command: ls *path
  - <<: *common
    name: b
    worker_group: cpu
    command: *path
)");
  const auto& tasks = result.submissions.at(0).taskDefinitions;
  EXPECT_EQ(tasks[0]["workerGroup"], "gpu");
  EXPECT_EQ(tasks[0]["failRetryTimes"], 2);
  EXPECT_EQ(tasks[0]["taskParams"]["rawScript"], "ls *path");
  EXPECT_EQ(tasks[1]["workerGroup"], "cpu");
  EXPECT_EQ(tasks[1]["taskParams"]["rawScript"], "/data/in");
}

TEST(YamlValues, PythonFunctionDefinitionGetsCalled) {
  ScratchDir dir;
  const auto result = testing::loadWritten(dir, "wf.yaml", R"y(workflow: {name: wf}
tasks:
  - name: f
    task_type: python
    definition: |
      def main():
          print(1)
  - {name: g, task_type: PYTHON, definition: "def go(): pass"}
  - {name: h, task_type: Python, definition: "print('def x(')"}
)y");
  EXPECT_EQ(rawScriptOf(result, 0), "def main():\n    print(1)\nmain()");
  EXPECT_EQ(rawScriptOf(result, 1), "def go(): pass\ngo()");
  EXPECT_EQ(rawScriptOf(result, 2), "print('def x(')");
}

TEST(YamlValues, UnknownKeysAreWarnings) {
  ScratchDir dir;
  const auto result =
      testing::loadWritten(dir, "wf.yaml",
                           "workflow: {name: wf, colour: blue}\ntasks:\n  - name: a\n    task_type: Shell\n"
                           "    command: x\n    comand: y\n");
  const auto& warnings = result.submissions.at(0).warnings;
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_NE(warnings[0].find("wf.yaml:1: workflow key 'colour'"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[1].find("wf.yaml:6: task 'a' (Shell): key 'comand'"), std::string::npos) << warnings[1];
}

TEST(YamlValues, ScheduleTimes) {
  EXPECT_EQ(normalizeScheduleTime("2021-01-01"), "2021-01-01 00:00:00");
  EXPECT_EQ(normalizeScheduleTime("2021/2/3 04:05:06"), "2021-02-03 04:05:06");
  EXPECT_EQ(normalizeScheduleTime("20240229 235959"), "2024-02-29 23:59:59");
  EXPECT_FALSE(normalizeScheduleTime("20230229").has_value());
  EXPECT_FALSE(normalizeScheduleTime("2021-01-01T00:00:00").has_value());
  EXPECT_FALSE(normalizeScheduleTime("tomorrow").has_value());
}

TEST(YamlValues, WorkflowDefaultsAndOverrides) {
  ScratchDir dir;
  auto options = testing::countingOptions(dir.path());
  options.config.set("WORKFLOW_PROJECT", "from-cli");
  const auto plain = loadYamlWorkflowText(
      "workflow: {name: wf, schedule: '0 0 * * * ? *'}\ntasks: [{name: a, task_type: Shell, command: x}]\n", "wf.yaml",
      dir.path(), options);
  const auto& wf = plain.submissions.at(0).workflow;
  EXPECT_EQ(wf.project, "from-cli");
  EXPECT_EQ(wf.tenant, "tenant_pydolphin");
  EXPECT_EQ(wf.executionType, model::ExecutionType::PARALLEL);
  EXPECT_EQ(wf.releaseState, model::ReleaseState::ONLINE);
  ASSERT_TRUE(wf.schedule.has_value());
  EXPECT_EQ(wf.schedule->startTime, "2023-11-15 06:13:20");  // the fixed clock in Asia/Shanghai
  EXPECT_EQ(wf.schedule->endTime, "9999-12-31 23:59:59");

  const auto custom = loadYamlWorkflowText(R"(workflow:
  name: wf
  project: mine
  execution_type: serial_wait
  warning_type: failure
  warning_group_id: 3
  timeout: 9
  release_state: OFFLINE
  schedule: "0 0 1 * * ? *"
  start_time: "2024/01/02"
  end_time: "20250101 120000"
  timezone: UTC
  online_schedule: false
  param: {a: x, b: 2, c: true}
tasks: [{name: a, task_type: Shell, command: x}]
)",
                                           "wf.yaml", dir.path(), options);
  const auto& c = custom.submissions.at(0).workflow;
  EXPECT_EQ(c.project, "mine");
  EXPECT_EQ(c.executionType, model::ExecutionType::SERIAL_WAIT);
  EXPECT_EQ(c.warningType, model::WarningType::FAILURE);
  EXPECT_EQ(c.warningGroupId, 3);
  EXPECT_EQ(c.timeout, 9);
  EXPECT_EQ(c.releaseState, model::ReleaseState::OFFLINE);
  EXPECT_EQ(c.schedule->toJson(), Json::parse(R"({"startTime":"2024-01-02 00:00:00","endTime":"2025-01-01 12:00:00",
                                                  "crontab":"0 0 1 * * ? *","timezoneId":"UTC"})"));
  EXPECT_FALSE(c.schedule->online);
  EXPECT_EQ(c.globalParams, Json::parse(R"([{"prop":"a","direct":"IN","type":"VARCHAR","value":"x"},
                                            {"prop":"b","direct":"IN","type":"VARCHAR","value":2},
                                            {"prop":"c","direct":"IN","type":"VARCHAR","value":true}])"));
}

}  // namespace
}  // namespace porpoise::exchange
