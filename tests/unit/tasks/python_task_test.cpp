#include "tasks/python_task.h"

#include <gtest/gtest.h>

#include "task_test_support.h"

namespace porpoise::tasks {
namespace {

using nlohmann::json;
using testing::ScratchDir;

TEST(PythonTask, ValidatesLikeShell) {
  auto plugin = makePythonPlugin();
  EXPECT_EQ(plugin->type(), "PYTHON");
  EXPECT_TRUE(plugin->runsOnWorker());
  // pydolphinscheduler shape (fixtures/pyds-expected/deploy.json).
  EXPECT_NO_THROW(plugin->validate(json::parse(
      R"J({"resourceList":[],"conditionResult":{"successNode":[""],"failedNode":[""]},"rawScript":"print(1)",
          "waitStartTimeout":{},"dependence":{},"localParams":[]})J")));
  try {
    plugin->validate(json{{"localParams", json::array()}});
    FAIL() << "expected an error";
  } catch (const TaskParamsError& e) {
    EXPECT_STREQ(e.what(), "PYTHON task: rawScript is required");
  }
}

TEST(PythonTask, RenderWritesHeaderAndSubstitutedScript) {
  ScratchDir dir;
  auto plugin = makePythonPlugin();
  auto ctx = testing::makeContext(json{{"rawScript", "print('${greeting}')\r\nprint(\"${setValue(k=v)}\")"}},
                                  dir.path(), {{"greeting", "hi"}});
  RenderedTask task = plugin->render(ctx);
  ASSERT_EQ(task.files.size(), 1u);
  EXPECT_EQ(task.files[0].name, "py_12_345.py");
  EXPECT_FALSE(task.files[0].executable);
  EXPECT_EQ(task.files[0].content, "#-*- encoding=utf8 -*-\n\n\nprint('hi')\nprint(\"${setValue(k=v)}\")");
  EXPECT_NE(task.script.find("\"${porpoise_python[@]}\" " + dir.path() + "/py_12_345.py"), std::string::npos);
}

class PythonInterpreter : public ::testing::Test {
 protected:
  // A fake interpreter that reports its own name and its argument, so the choice is visible.
  void makeFake(const std::string& path, const std::string& tag) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    testing::writeFile(path, "#!/bin/bash\necho \"" + tag + " ran $1\"\n", true);
  }
  testing::RunResult run(const std::string& envLines) {
    auto ctx = testing::makeContext(json{{"rawScript", "print('real python', 6 * 7)"}}, dir_.path());
    return testing::runRendered(makePythonPlugin()->render(ctx), dir_.path(),
                                "unset PYTHON_LAUNCHER PYTHON_HOME\n" + envLines);
  }
  ScratchDir dir_;
};

TEST_F(PythonInterpreter, DefaultsToPython3OnPath) {
  auto result = run("");
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.output, "Python interpreter: python3\nreal python 42\n");
}

TEST_F(PythonInterpreter, PythonHomeAsInterpreterFile) {
  makeFake(dir_.file("bin-dir/mypython"), "fake-file");
  auto result = run("export PYTHON_HOME=" + dir_.file("bin-dir/mypython"));
  EXPECT_EQ(result.output, "Python interpreter: " + dir_.file("bin-dir/mypython") + "\nfake-file ran " +
                               dir_.file("py_12_345.py") + "\n");
}

TEST_F(PythonInterpreter, PythonHomeAsInstallDirectory) {
  makeFake(dir_.file("install/bin/python3"), "fake-dir");
  auto result = run("PYTHON_HOME=" + dir_.file("install"));
  EXPECT_EQ(result.output, "Python interpreter: " + dir_.file("install/bin/python3") + "\nfake-dir ran " +
                               dir_.file("py_12_345.py") + "\n");
}

TEST_F(PythonInterpreter, PythonHomeAsCommandName) {
  auto result = run("PYTHON_HOME=python3");
  EXPECT_EQ(result.output, "Python interpreter: python3\nreal python 42\n");
}

TEST_F(PythonInterpreter, ShippedDefaultThatDoesNotExistFallsBackToPython3) {
  auto result = run("export PYTHON_HOME=/opt/soft/python-does-not-exist");
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_EQ(result.output, "Python interpreter: python3\nreal python 42\n");
}

TEST_F(PythonInterpreter, LauncherWinsOverPythonHome) {
  makeFake(dir_.file("launcher/python"), "fake-launcher");
  makeFake(dir_.file("install/bin/python3"), "fake-dir");
  auto result = run("PYTHON_HOME=" + dir_.file("install") + "\nPYTHON_LAUNCHER=" + dir_.file("launcher/python"));
  EXPECT_EQ(result.output, "Python interpreter: " + dir_.file("launcher/python") + "\nfake-launcher ran " +
                               dir_.file("py_12_345.py") + "\n");
}

TEST_F(PythonInterpreter, LauncherDirectoryAndCommandLine) {
  makeFake(dir_.file("venv/bin/python3"), "fake-venv");
  auto asDir = run("PYTHON_LAUNCHER=" + dir_.file("venv"));
  EXPECT_EQ(asDir.output, "Python interpreter: " + dir_.file("venv/bin/python3") + "\nfake-venv ran " +
                              dir_.file("py_12_345.py") + "\n");
  auto asCommand = run("PYTHON_LAUNCHER='python3 -I'");
  EXPECT_EQ(asCommand.output, "Python interpreter: python3 -I\nreal python 42\n");
}

TEST_F(PythonInterpreter, ScriptExitCodeIsTheTaskExitCode) {
  auto ctx = testing::makeContext(json{{"rawScript", "import sys\nsys.exit(5)"}}, dir_.path());
  auto result = testing::runRendered(makePythonPlugin()->render(ctx), dir_.path(), "unset PYTHON_LAUNCHER PYTHON_HOME");
  EXPECT_EQ(result.exitCode, 5);
}

}  // namespace
}  // namespace porpoise::tasks
