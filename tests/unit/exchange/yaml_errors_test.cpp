// Bad YAML workflow files fail with a YamlLoadError naming the file, the line and the key.
#include "exchange/yaml_workflow_loader.h"
#include "yaml_test_support.h"

namespace porpoise::exchange {
namespace {

using testing::ScratchDir;

struct ExpectedError {
  int line;
  std::string key;
  std::string messagePart;
};

void expectLoadError(const std::string& yaml, const ExpectedError& expected, const std::string& fileName = "bad.yaml") {
  ScratchDir dir;
  try {
    testing::loadWritten(dir, fileName, yaml);
    ADD_FAILURE() << "loading succeeded but should fail with: " << expected.messagePart;
  } catch (const YamlLoadError& error) {
    EXPECT_EQ(error.file(), (dir.path() / fileName).string());
    EXPECT_EQ(error.line(), expected.line) << error.what();
    EXPECT_EQ(error.key(), expected.key) << error.what();
    EXPECT_NE(std::string(error.what()).find(expected.messagePart), std::string::npos) << error.what();
    const std::string where =
        expected.line > 0 ? fileName + ":" + std::to_string(expected.line) + ": " : fileName + ": ";
    EXPECT_NE(std::string(error.what()).find(where), std::string::npos) << error.what();
  }
}

TEST(YamlErrors, UnknownTaskType) {
  expectLoadError(R"(workflow:
  name: wf
tasks:
  - name: a
    task_type: Shel
    command: echo
)",
                  {5, "task_type", "unknown task type 'Shel'"});
}

TEST(YamlErrors, MissingRequiredKey) {
  expectLoadError(R"(workflow:
  name: wf
tasks:
  - name: a
    task_type: Shell
    command: echo a
  - name: b
    task_type: Python
)",
                  {7, "definition", "task 'b' (Python) is missing the required key 'definition'"});
}

TEST(YamlErrors, MissingRequiredKeyWrittenEmpty) {
  expectLoadError(R"(workflow:
  name: wf
tasks:
  - name: up
    task_type: DVCUpload
    repository: /repo
    data_path_in_dvc_repository: data
    data_path_in_worker: /tmp/x
    version: v1
    message:
)",
                  {10, "message", "missing the required key 'message'"});
}

TEST(YamlErrors, MissingWorkflowName) {
  expectLoadError("workflow:\n  description: no name\ntasks:\n  - {name: a, task_type: Shell, command: x}\n",
                  {1, "name", "the workflow is missing the required key 'name'"});
}

TEST(YamlErrors, DependencyOnUnknownTask) {
  expectLoadError(R"(workflow:
  name: wf
tasks:
  - name: a
    task_type: Shell
    command: echo a
  - name: b
    task_type: Shell
    command: echo b
    deps:
      - a
      - c
)",
                  {12, "deps", "dependency on unknown task 'c'"});
}

TEST(YamlErrors, UnreadableIncludedFile) {
  expectLoadError(R"(workflow:
  name: wf
tasks:
  - name: a
    task_type: Python
    definition: $FILE{"missing.py"}
)",
                  {6, "definition", "cannot read file 'missing.py' named by $FILE"});
}

TEST(YamlErrors, IncludedPathIsAFolder) {
  ScratchDir dir;
  dir.write("scripts/keep", "");
  const auto file = dir.write(
      "wf.yaml", "workflow: {name: wf}\ntasks:\n  - {name: a, task_type: Shell, command: '$FILE{\"scripts\"}'}\n");
  try {
    loadYamlWorkflowFile(file, testing::countingOptions(dir.path()));
    ADD_FAILURE() << "a folder cannot be included";
  } catch (const YamlLoadError& error) {
    EXPECT_EQ(error.line(), 3);
    EXPECT_EQ(error.key(), "command");
  }
}

TEST(YamlErrors, CycleInDeps) {
  expectLoadError(R"(workflow:
  name: wf
tasks:
  - name: a
    task_type: Shell
    command: echo a
    deps: [c]
  - name: b
    task_type: Shell
    command: echo b
    deps: [a]
  - name: c
    task_type: Shell
    command: echo c
    deps: [b]
)",
                  {7, "deps", "cycle in task dependencies: a -> b -> c -> a"});
}

TEST(YamlErrors, TaskDependingOnItself) {
  expectLoadError("workflow: {name: wf}\ntasks:\n  - {name: a, task_type: Shell, command: x, deps: [a]}\n",
                  {3, "deps", "cycle in task dependencies: a -> a"});
}

TEST(YamlErrors, CycleThroughACondition) {
  expectLoadError(R"(workflow: {name: wf}
tasks:
  - {name: a, task_type: Shell, command: x, deps: [ok]}
  - {name: ok, task_type: Shell, command: x}
  - {name: bad, task_type: Shell, command: x}
  - name: check
    task_type: Condition
    success_task: ok
    failed_task: bad
    op: and
    groups:
      - op: and
        groups:
          - {task: a, flag: true}
)",
                  {3, "deps", "cycle in task dependencies"});
}

TEST(YamlErrors, SyntaxError) {
  expectLoadError("workflow:\n  name: wf\ntasks:\n  - name: [a, b\n", {5, "", "YAML syntax error"});
}

TEST(YamlErrors, MissingSections) {
  expectLoadError("tasks:\n  - {name: a, task_type: Shell, command: x}\n", {0, "workflow", "no 'workflow' mapping"});
  expectLoadError("workflow: {name: wf}\n", {0, "tasks", "no 'tasks' list"});
  expectLoadError("workflow: {name: wf}\ntasks: []\n", {2, "tasks", "'tasks' must be a non-empty list"});
  expectLoadError("- just a list\n", {1, "", "must be a mapping"});
}

TEST(YamlErrors, DuplicateTaskName) {
  expectLoadError(R"(workflow: {name: wf}
tasks:
  - {name: a, task_type: Shell, command: x}
  - {name: a, task_type: Shell, command: y}
)",
                  {4, "name", "duplicate task name 'a'"});
}

TEST(YamlErrors, DuplicateKey) {
  expectLoadError(R"(workflow: {name: wf}
tasks:
  - name: a
    task_type: Shell
    command: x
    command: y
)",
                  {6, "command", "duplicate key"});
}

TEST(YamlErrors, ConditionOnUnknownTask) {
  expectLoadError(R"(workflow: {name: wf}
tasks:
  - {name: ok, task_type: Shell, command: x}
  - {name: bad, task_type: Shell, command: x}
  - name: check
    task_type: Condition
    success_task: ok
    failed_task: bad
    op: and
    groups:
      - op: and
        groups:
          - task: nowhere
            flag: true
)",
                  {13, "task", "refers to unknown task 'nowhere'"});
}

TEST(YamlErrors, ConditionWithBadOp) {
  expectLoadError(R"(workflow: {name: wf}
tasks:
  - {name: ok, task_type: Shell, command: x}
  - name: check
    task_type: Condition
    success_task: ok
    failed_task: ok
    op: xor
    groups:
      - op: and
        groups: [{task: ok, flag: true}]
)",
                  {8, "op", "op must be 'and' or 'or'"});
}

TEST(YamlErrors, SwitchWithTwoDefaults) {
  expectLoadError(R"(workflow: {name: wf, param: {v: 1}}
tasks:
  - {name: x, task_type: Shell, command: x}
  - {name: y, task_type: Shell, command: y}
  - name: pick
    task_type: Switch
    condition:
      - task: x
      - task: y
)",
                  {9, "condition", "only one branch without a condition"});
}

TEST(YamlErrors, BadWorkflowValues) {
  expectLoadError(
      "workflow:\n  name: wf\n  release_state: maybe\ntasks:\n  - {name: a, task_type: Shell, command: x}\n",
      {3, "release_state", "'MAYBE' is not one of OFFLINE, ONLINE"});
  expectLoadError(
      "workflow:\n  name: wf\n  schedule: 0 0 0 * * ? *\n  start_time: 2021-13-01\ntasks:\n  - {name: a, task_type: "
      "Shell, "
      "command: x}\n",
      {4, "start_time", "'2021-13-01' is not a date"});
  expectLoadError(
      "workflow:\n  name: wf\n  timezone: Mars/Olympus\ntasks:\n  - {name: a, task_type: Shell, command: x}\n",
      {3, "timezone", "unknown time zone"});
}

TEST(YamlErrors, BadTaskValues) {
  expectLoadError(
      "workflow: {name: wf}\ntasks:\n  - name: a\n    task_type: Shell\n    command: x\n    task_priority: URGENT\n",
      {6, "task_priority", "'URGENT' is not one of HIGHEST"});
  expectLoadError(
      "workflow: {name: wf}\ntasks:\n  - name: a\n    task_type: Shell\n    command: x\n    fail_retry_times: many\n",
      {6, "fail_retry_times", "expected a whole number"});
  expectLoadError("workflow: {name: wf}\ntasks:\n  - name: a\n    task_type: Shell\n    command: [x]\n",
                  {5, "command", "expected a single value"});
  expectLoadError(
      "workflow: {name: wf}\ntasks:\n  - name: a\n    task_type: Shell\n    command: x\n    input_params:\n      n: "
      "INTEGER(ten)\n",
      {6, "input_params", "INTEGER(ten) is not a whole number"});
}

TEST(YamlErrors, UnknownDependentDate) {
  expectLoadError(R"(workflow: {name: wf}
tasks:
  - name: wait
    task_type: Dependent
    op: and
    groups:
      - op: or
        groups:
          - project_name: p
            workflow_name: w
            dependent_task_name: t
            dependent_date: yesterday-ish
)",
                  {12, "dependent_date", "unknown dependent_date 'yesterday-ish'"});
}

TEST(YamlErrors, WorkflowFilesIncludingEachOther) {
  ScratchDir dir;
  dir.write(
      "a.yaml",
      "workflow: {name: a}\ntasks:\n  - {name: t, task_type: SubWorkflow, workflow_name: '$WORKFLOW{\"b.yaml\"}'}\n");
  dir.write(
      "b.yaml",
      "workflow: {name: b}\ntasks:\n  - {name: t, task_type: SubWorkflow, workflow_name: '$WORKFLOW{\"a.yaml\"}'}\n");
  try {
    loadYamlWorkflowFile(dir.path() / "a.yaml", testing::countingOptions(dir.path()));
    ADD_FAILURE() << "an include cycle must fail";
  } catch (const YamlLoadError& error) {
    EXPECT_EQ(error.file(), (dir.path() / "b.yaml").string());
    EXPECT_EQ(error.line(), 3);
    EXPECT_NE(std::string(error.what()).find("workflow files include each other"), std::string::npos) << error.what();
  }
}

TEST(YamlErrors, MissingWorkflowFile) {
  expectLoadError(
      "workflow: {name: p}\ntasks:\n  - name: t\n    task_type: SubProcess\n    process_definition_name: "
      "$WORKFLOW{\"gone.yaml\"}\n",
      {5, "process_definition_name", "cannot find workflow file 'gone.yaml'"});
}

TEST(YamlErrors, UnreadableTopFile) {
  ScratchDir dir;
  try {
    loadYamlWorkflowFile(dir.path() / "absent.yaml", testing::countingOptions(dir.path()));
    ADD_FAILURE();
  } catch (const YamlLoadError& error) {
    EXPECT_NE(std::string(error.what()).find("cannot read workflow file"), std::string::npos);
  }
}

TEST(YamlErrors, MessageFormat) {
  const YamlLoadError error("wf.yaml", 12, "command", "something is wrong");
  EXPECT_STREQ(error.what(), "wf.yaml:12: something is wrong (key 'command')");
  EXPECT_EQ(error.message(), "something is wrong");
  EXPECT_STREQ(YamlLoadError("wf.yaml", 0, "", "bad").what(), "wf.yaml: bad");
}

}  // namespace
}  // namespace porpoise::exchange
