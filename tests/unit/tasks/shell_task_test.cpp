#include "tasks/shell_task.h"

#include <gtest/gtest.h>

#include "task_test_support.h"

namespace porpoise::tasks {
namespace {

using nlohmann::json;
using testing::ScratchDir;

std::string validationError(const TaskPlugin& plugin, const json& params) {
  try {
    plugin.validate(params);
  } catch (const TaskParamsError& e) {
    return e.what();
  }
  return "";
}

TEST(ShellTask, TypeAndPlacement) {
  auto plugin = makeShellPlugin();
  EXPECT_EQ(plugin->type(), "SHELL");
  EXPECT_TRUE(plugin->runsOnWorker());
}

TEST(ShellTask, AcceptsUiAndPydolphinschedulerShapes) {
  auto plugin = makeShellPlugin();
  // As the web UI sends it.
  EXPECT_NO_THROW(plugin->validate(json::parse(
      R"({"localParams":[{"prop":"p","direct":"IN","type":"VARCHAR","value":"1"}],"rawScript":"echo ${p}","resourceList":[]})")));
  // As pydolphinscheduler sends it (fixtures/pyds-expected/train_model.json), with extra keys and a YAML int.
  EXPECT_NO_THROW(plugin->validate(json::parse(
      R"({"resourceList":[],"conditionResult":{"successNode":[""],"failedNode":[""]},"rawScript":"rm -rf ${data_path}",
          "waitStartTimeout":{},"dependence":{},
          "localParams":[{"prop":"data_path","direct":"IN","type":"VARCHAR","value":200000}]})")));
  // taskParams stored as a JSON string.
  EXPECT_NO_THROW(plugin->validate(json(R"({"rawScript":"echo hi"})")));
  // Only rawScript.
  EXPECT_NO_THROW(plugin->validate(json{{"rawScript", "echo hi"}}));
}

TEST(ShellTask, RejectsMissingOrBadFields) {
  auto plugin = makeShellPlugin();
  EXPECT_EQ(validationError(*plugin, json::object()), "SHELL task: rawScript is required");
  EXPECT_EQ(validationError(*plugin, json{{"rawScript", "   \n"}}), "SHELL task: rawScript is required");
  EXPECT_EQ(validationError(*plugin, json{{"rawScript", nullptr}}), "SHELL task: rawScript is required");
  EXPECT_EQ(validationError(*plugin, json{{"rawScript", json::array()}}),
            "SHELL task: rawScript must be a string, got []");
  EXPECT_EQ(validationError(*plugin, json()), "SHELL task: taskParams is required");
  EXPECT_EQ(validationError(*plugin, json(42)), "SHELL task: taskParams must be a JSON object");
  EXPECT_EQ(validationError(*plugin, json("{not json")), "SHELL task: taskParams is not valid JSON");
  EXPECT_EQ(validationError(*plugin, json{{"rawScript", "x"}, {"localParams", "p=1"}}),
            "SHELL task: localParams must be an array");
  EXPECT_EQ(validationError(*plugin, json::parse(R"({"rawScript":"x","localParams":[{"direct":"IN"}]})")),
            "SHELL task: localParams[0].prop is required");
  EXPECT_EQ(
      validationError(*plugin, json::parse(R"({"rawScript":"x","localParams":[{"prop":"a","direct":"SIDEWAYS"}]})")),
      "SHELL task: localParams[0].direct must be one of IN, OUT, got \"SIDEWAYS\"");
  EXPECT_EQ(validationError(*plugin, json::parse(R"({"rawScript":"x","localParams":[{"prop":"a","type":"BLOB"}]})")),
            "SHELL task: localParams[0].type must be one of VARCHAR, INTEGER, LONG, FLOAT, DOUBLE, DATE, TIME, "
            "TIMESTAMP, BOOLEAN, LIST, got \"BLOB\"");
  EXPECT_EQ(validationError(*plugin, json{{"rawScript", "x"}, {"resourceList", json{{"id", 1}}}}),
            "SHELL task: resourceList must be an array");
}

TEST(ShellTask, RenderWritesSubstitutedExecutableScriptAndRunsItByPath) {
  ScratchDir dir;
  auto plugin = makeShellPlugin();
  json params = {{"rawScript", "echo \"hello ${who}\"\r\necho ${HOME_UNSET_X}\r\nexit 3\r\n"}};
  auto ctx = testing::makeContext(params, dir.path(), {{"who", "world"}});
  RenderedTask task = plugin->render(ctx);

  ASSERT_EQ(task.files.size(), 1u);
  EXPECT_EQ(task.files[0].name, "12_345_node.sh");
  EXPECT_TRUE(task.files[0].executable);
  EXPECT_EQ(task.files[0].content, "echo \"hello world\"\necho ${HOME_UNSET_X}\nexit 3\n");
  EXPECT_EQ(task.script, dir.path() + "/12_345_node.sh");

  auto run = testing::runRendered(task, dir.path());
  EXPECT_EQ(run.exitCode, 3);
  EXPECT_EQ(run.output, "hello world\n\n");
  EXPECT_TRUE(testing::isExecutable(dir.file("12_345_node.sh")));
}

TEST(ShellTask, UserShebangDecidesTheInterpreter) {
  ScratchDir dir;
  auto plugin = makeShellPlugin();
  auto ctx = testing::makeContext(json{{"rawScript", "#!/usr/bin/env python3\nimport sys\nprint(sys.version_info[0])"}},
                                  dir.path());
  auto run = testing::runRendered(plugin->render(ctx), dir.path());
  EXPECT_EQ(run.exitCode, 0);
  EXPECT_EQ(run.output, "3\n");
}

TEST(ShellTask, ExportedEnvironmentReachesTheScript) {
  ScratchDir dir;
  auto plugin = makeShellPlugin();
  auto ctx = testing::makeContext(json{{"rawScript", "echo \"[$FROM_ENV_FILE]\""}}, dir.path());
  auto run = testing::runRendered(plugin->render(ctx), dir.path(), "export FROM_ENV_FILE=yes");
  EXPECT_EQ(run.output, "[yes]\n");
}

TEST(ShellTask, PathWithSpacesIsQuoted) {
  ScratchDir dir;
  std::string spaced = dir.file("exec dir");
  std::filesystem::create_directories(spaced);
  auto plugin = makeShellPlugin();
  auto ctx = testing::makeContext(json{{"rawScript", "echo ok"}}, spaced + "/");
  RenderedTask task = plugin->render(ctx);
  EXPECT_EQ(task.script, "'" + spaced + "/12_345_node.sh'");
  auto run = testing::runRendered(task, spaced);
  EXPECT_EQ(run.exitCode, 0);
  EXPECT_EQ(run.output, "ok\n");
}

TEST(ShellTask, RenderRejectsInvalidParamsAndMissingContext) {
  auto plugin = makeShellPlugin();
  EXPECT_THROW(plugin->render(testing::makeContext(json::object(), "/tmp")), TaskParamsError);
  EXPECT_THROW(plugin->render(testing::makeContext(json{{"rawScript", "x"}}, "")), std::invalid_argument);
}

}  // namespace
}  // namespace porpoise::tasks
