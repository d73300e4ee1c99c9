// DVC plugin: the exact scripts for Init / Upload / Download, substitution of every field, validation
// messages naming the field, and (with a stub `dvc` on PATH) that a failing step fails the script.
#include "tasks/dvc_task.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "task_test_support.h"

namespace porpoise::tasks {
namespace {

using nlohmann::json;
using testing::makeContext;
using testing::runRendered;
using testing::ScratchDir;

const char* const kPrologue =
    "set -e\n"
    "trap 'porpoise_status=$?; echo \"DVC task failed: \\\"$BASH_COMMAND\\\" exited with status $porpoise_status\" "
    ">&2' ERR\n";

std::string render(const json& params, std::map<std::string, std::string> values = {}) {
  return makeDvcPlugin()->render(makeContext(params, "/tmp/exec", values)).script;
}

std::string validationError(const json& params) {
  try {
    makeDvcPlugin()->validate(params);
  } catch (const TaskParamsError& e) {
    return e.what();
  }
  return "";
}

TEST(DvcTask, InitScript) {
  json params = {{"dvcTaskType", "Init DVC"}, {"dvcRepository", "git@host:ml/repo.git"}, {"dvcStoreUrl", "s3://b/dvc"}};
  EXPECT_EQ(render(params), std::string(kPrologue) +
                                R"SH(which dvc || { echo "dvc does not exist"; exit 1; }; DVC_REPO=git@host:ml/repo.git
git clone $DVC_REPO dvc-repository; cd dvc-repository; pwd
git config user.name >/dev/null || git config user.name "Porpoise"
git config user.email >/dev/null || git config user.email "porpoise@localhost"
dvc init || exit 1
dvc remote add origin s3://b/dvc -d
git commit -am "init dvc project and add remote"; git push)SH");
}

TEST(DvcTask, UploadScriptWithSubstitutedFields) {
  json params = {{"dvcTaskType", "Upload"},
                 {"dvcRepository", "/repos/${project}.git"},
                 {"dvcDataLocation", "data/${project}"},
                 {"dvcLoadSaveDataPath", "/data/out_${day}"},
                 {"dvcVersion", "v${day}"},
                 {"dvcMessage", "data of ${day}"},
                 {"localParams", json::array()}};
  EXPECT_EQ(render(params, {{"project", "iris"}, {"day", "20240102"}}),
            std::string(kPrologue) + R"SH(which dvc || { echo "dvc does not exist"; exit 1; }; DVC_REPO=/repos/iris.git
DVC_DATA_PATH=/data/out_20240102
DVC_DATA_LOCATION=data/iris
DVC_VERSION=v20240102
DVC_MESSAGE="data of 20240102"
git clone $DVC_REPO dvc-repository; cd dvc-repository; pwd
git config user.name >/dev/null || git config user.name "Porpoise"
git config user.email >/dev/null || git config user.email "porpoise@localhost"
dvc config core.autostage true --local || exit 1
mkdir -p "$(dirname "$DVC_DATA_LOCATION")"
dvc add $DVC_DATA_PATH -v -o $DVC_DATA_LOCATION --to-remote || exit 1
git commit --allow-empty -am "$DVC_MESSAGE"
git tag "$DVC_VERSION" -m "$DVC_MESSAGE"
git push --all
git push --tags)SH");
}

TEST(DvcTask, DownloadScript) {
  json params = {{"dvcTaskType", "Download"},
                 {"dvcRepository", "/data/dvc/repo/airplane"},
                 {"dvcDataLocation", "data"},
                 {"dvcLoadSaveDataPath", "/data/train/airplane"},
                 {"dvcVersion", "v1"}};
  EXPECT_EQ(render(params),
            std::string(kPrologue) +
                R"SH(which dvc || { echo "dvc does not exist"; exit 1; }; DVC_REPO=/data/dvc/repo/airplane
DVC_DATA_PATH=/data/train/airplane
DVC_DATA_LOCATION=data
DVC_VERSION=v1
dvc get $DVC_REPO $DVC_DATA_LOCATION -o $DVC_DATA_PATH -v --rev $DVC_VERSION)SH");
}

TEST(DvcTask, TaskTypeIsCaseInsensitiveAndVersionMayBeANumber) {
  json params = {{"dvcTaskType", "download"},
                 {"dvcRepository", "/r"},
                 {"dvcDataLocation", "d"},
                 {"dvcLoadSaveDataPath", "/p"},
                 {"dvcVersion", 3}};
  EXPECT_NE(render(params).find("DVC_VERSION=3\n"), std::string::npos);
}

TEST(DvcTask, ValidationNamesTheMissingField) {
  EXPECT_EQ(validationError(json::object()), "DVC task: dvcTaskType is required");
  EXPECT_EQ(validationError({{"dvcTaskType", "Push"}}),
            "DVC task: dvcTaskType must be one of Init DVC, Upload, Download, got \"Push\"");
  EXPECT_EQ(validationError({{"dvcTaskType", "Init DVC"}, {"dvcStoreUrl", "/s"}}),
            "DVC task: dvcRepository is required");
  EXPECT_EQ(validationError({{"dvcTaskType", "Init DVC"}, {"dvcRepository", "/r"}}),
            "DVC task: dvcStoreUrl is required");
  json upload = {{"dvcTaskType", "Upload"},
                 {"dvcRepository", "/r"},
                 {"dvcDataLocation", "d"},
                 {"dvcLoadSaveDataPath", "/p"},
                 {"dvcVersion", "v1"}};
  EXPECT_EQ(validationError(upload), "DVC task: dvcMessage is required");
  upload["dvcMessage"] = "m";
  EXPECT_EQ(validationError(upload), "");
  upload.erase("dvcVersion");
  EXPECT_EQ(validationError(upload), "DVC task: dvcVersion is required");
  json download = {
      {"dvcTaskType", "Download"}, {"dvcRepository", "/r"}, {"dvcVersion", "v1"}, {"dvcLoadSaveDataPath", "/p"}};
  EXPECT_EQ(validationError(download), "DVC task: dvcDataLocation is required");
  download["dvcDataLocation"] = json::array();
  EXPECT_EQ(validationError(download), "DVC task: dvcDataLocation must be a string, got []");
  EXPECT_EQ(validationError("not json"), "DVC task: taskParams is not valid JSON");
}

TEST(DvcTask, FieldEmptyAfterSubstitutionIsAnError) {
  json params = {{"dvcTaskType", "Download"},
                 {"dvcRepository", "/r"},
                 {"dvcDataLocation", "d"},
                 {"dvcLoadSaveDataPath", "/p"},
                 {"dvcVersion", "${version}"}};
  EXPECT_THROW(
      {
        try {
          render(params, {{"version", " "}});
        } catch (const TaskParamsError& e) {
          EXPECT_STREQ(e.what(), "DVC task: dvcVersion is empty after parameter substitution");
          throw;
        }
      },
      TaskParamsError);
}

// With stub git and dvc commands, a failure in the middle (git tag: the version exists) fails the task,
// although the pushes after it succeed (DolphinScheduler would report success).
TEST(DvcTask, AFailingMiddleStepFailsTheScript) {
  ScratchDir dir;
  std::string bin = dir.file("bin");
  std::filesystem::create_directories(bin);
  testing::writeFile(bin + "/dvc", "#!/bin/bash\necho \"dvc $*\"\n", true);
  testing::writeFile(
      bin + "/git",
      "#!/bin/bash\necho \"git $*\"\n"
      "case \"$1\" in clone) mkdir -p \"$3\";; tag) echo 'fatal: tag already exists' >&2; exit 128;; esac\n",
      true);
  json params = {{"dvcTaskType", "Upload"},     {"dvcRepository", "/r"}, {"dvcDataLocation", "d"},
                 {"dvcLoadSaveDataPath", "/p"}, {"dvcVersion", "v1"},    {"dvcMessage", "m"}};
  auto result = runRendered(makeDvcPlugin()->render(makeContext(params, dir.path())), dir.path(),
                            "export PATH='" + bin + "':$PATH");
  EXPECT_EQ(result.exitCode, 128) << result.output;
  EXPECT_NE(
      result.output.find("DVC task failed: \"git tag \"$DVC_VERSION\" -m \"$DVC_MESSAGE\"\" exited with status 128"),
      std::string::npos)
      << result.output;
  EXPECT_EQ(result.output.find("git push"), std::string::npos) << result.output;
}

TEST(DvcTask, MissingDvcFailsWithItsMessage) {
  ScratchDir dir;
  json params = {{"dvcTaskType", "Init DVC"}, {"dvcRepository", "/r"}, {"dvcStoreUrl", "/s"}};
  auto result =
      runRendered(makeDvcPlugin()->render(makeContext(params, dir.path())), dir.path(), "export PATH=/nonexistent");
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_NE(result.output.find("dvc does not exist"), std::string::npos) << result.output;
}

// Every DVC task in the pydolphinscheduler oracle fixtures (shared/fixtures/pyds-expected) validates.
TEST(DvcTask, PydolphinschedulerFixtureTasksValidate) {
  std::filesystem::path dir =
      std::filesystem::path(PORPOISE_SOURCE_DIR) / ".." / "shared" / "fixtures" / "pyds-expected";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "no fixtures at " << dir;
  auto plugin = makeDvcPlugin();
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    auto oracle = json::parse(in);
    for (const auto& call : oracle["calls"]) {
      const auto& args = call["args"];
      if (!args.is_object() || !args.contains("taskDefinitionJson")) continue;
      for (const auto& task : args["taskDefinitionJson"]["$json"]) {
        if (task["taskType"] != "DVC") continue;
        EXPECT_NO_THROW(plugin->validate(task["taskParams"])) << entry.path().filename() << " " << task["name"];
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 5);
}

}  // namespace
}  // namespace porpoise::tasks
