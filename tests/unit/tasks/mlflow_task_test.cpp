// MLFLOW plugin: exact scripts for every job and deploy type, preset/env-manager settings, substitution,
// validation messages; the serve script's waiting logic is run against a stub `mlflow` and a local
// listener (the real server is exercised in tests/ml).
#include "tasks/mlflow_task.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "task_test_support.h"
#include "tasks/mlflow_scripts.h"

namespace porpoise::tasks {
namespace {

using nlohmann::json;
using testing::makeContext;
using testing::ScratchDir;

std::string render(const json& params, std::map<std::string, std::string> settings = {},
                   std::map<std::string, std::string> values = {}) {
  TaskRenderContext ctx = makeContext(params, "/tmp/exec", values);
  ctx.settings = settings;
  return makeMlflowPlugin()->render(ctx).script;
}

std::string errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const TaskParamsError& e) {
    return e.what();
  }
  return "";
}

std::string validationError(const json& params) {
  return errorOf([&] { makeMlflowPlugin()->validate(params); });
}

json basicAlgorithm() {
  return {{"mlflowTaskType", "MLflow Projects"},
          {"mlflowJobType", "BasicAlgorithm"},
          {"mlflowTrackingUri", "http://127.0.0.1:5000"},
          {"experimentName", "iris"},
          {"modelName", "iris_model"},
          {"dataPath", "/data/iris.csv"},
          {"params", "n_estimators=100"},
          {"algorithm", "rf"},
          {"searchParams", "max_depth=[3, 5]"}};
}

TEST(MlflowTask, BasicAlgorithmWithDefaultPresetRepository) {
  EXPECT_EQ(render(basicAlgorithm()), R"SH(export MLFLOW_TRACKING_URI=http://127.0.0.1:5000
data_path=/data/iris.csv
repo=https://github.com/apache/dolphinscheduler-mlflow#Project-BasicAlgorithm
mlflow run $repo -P algorithm=rf -P data_path=$data_path -P params="n_estimators=100" -P search_params="max_depth=[3, 5]" -P model_name="iris_model" --experiment-name="iris" --version=main --env-manager=local)SH");
}

TEST(MlflowTask, LocalPresetFolderGetsNoVersionAndEnvManagerNoneDropsTheFlag) {
  std::map<std::string, std::string> settings = {{"ml.mlflow.preset_repository", "/opt/porpoise/mlflow-preset"},
                                                 {"ml.mlflow.preset_repository_version", "v2"},
                                                 {"ml.mlflow.env_manager", "none"}};
  json params = {{"mlflowTaskType", "MLflow Projects"}, {"mlflowJobType", "AutoML"}, {"dataPath", "/d"}};
  EXPECT_EQ(render(params, settings), R"SH(export MLFLOW_TRACKING_URI=http://127.0.0.1:5000
data_path=/d
repo=/opt/porpoise/mlflow-preset#Project-AutoML
mlflow run $repo -P tool=FLAML -P data_path=$data_path -P params="" -P model_name="" --experiment-name="Default")SH");
}

TEST(MlflowTask, AutoMLWithGitPresetVersionAndSubstitution) {
  json params = {{"mlflowTaskType", "MLflow Projects"},
                 {"mlflowJobType", "AutoML"},
                 {"mlflowTrackingUri", "${tracking}"},
                 {"experimentName", "airplane"},
                 {"modelName", "airplane"},
                 {"automlTool", "flaml"},
                 {"dataPath", "/tmp/train_${day}"},
                 {"params", "time_budget=${budget};metric=accuracy"},
                 {"registerModel", true}};
  std::map<std::string, std::string> settings = {{"ml.mlflow.preset_repository", "git@example.org:ml/preset.git"},
                                                 {"ml.mlflow.preset_repository_version", "\"main\""},
                                                 {"ml.mlflow.env_manager", "conda"}};
  EXPECT_EQ(render(params, settings, {{"tracking", "file:/srv/mlruns"}, {"day", "0102"}, {"budget", "30"}}),
            R"SH(export MLFLOW_TRACKING_URI=file:/srv/mlruns
data_path=/tmp/train_0102
repo=git@example.org:ml/preset.git#Project-AutoML
mlflow run $repo -P tool=flaml -P data_path=$data_path -P params="time_budget=30;metric=accuracy" -P model_name="airplane" --experiment-name="airplane" --version="main" --env-manager=conda)SH");
}

TEST(MlflowTask, BasicAlgorithmDefaults) {
  json params = {{"mlflowTaskType", "MLflow Projects"}, {"mlflowJobType", "basicalgorithm"}, {"dataPath", "/d"}};
  EXPECT_EQ(render(params, {{"ml.mlflow.preset_repository", "/p"}}),
            R"SH(export MLFLOW_TRACKING_URI=http://127.0.0.1:5000
data_path=/d
repo=/p#Project-BasicAlgorithm
mlflow run $repo -P algorithm=lightgbm -P data_path=$data_path -P params="" -P search_params="" -P model_name="" --experiment-name="Default" --env-manager=local)SH");
}

TEST(MlflowTask, CustomProjectVersionOnlyForGitUrls) {
  json params = {{"mlflowTaskType", "MLflow Projects"},
                 {"mlflowJobType", "CustomProject"},
                 {"mlflowTrackingUri", "http://mlflow:5000"},
                 {"experimentName", "custom"},
                 {"mlflowProjectRepository", "https://github.com/mlflow/mlflow#examples/sklearn_elasticnet_wine"},
                 {"mlflowProjectVersion", "master"},
                 {"params", "-P alpha=0.5 -P l1_ratio=0.1"}};
  EXPECT_EQ(render(params), R"SH(export MLFLOW_TRACKING_URI=http://mlflow:5000
repo=https://github.com/mlflow/mlflow#examples/sklearn_elasticnet_wine
mlflow run $repo -P alpha=0.5 -P l1_ratio=0.1 --experiment-name="custom" --version=master --env-manager=local)SH");
  params["mlflowProjectRepository"] = "/srv/projects/wine";
  EXPECT_EQ(render(params), R"SH(export MLFLOW_TRACKING_URI=http://mlflow:5000
repo=/srv/projects/wine
mlflow run $repo -P alpha=0.5 -P l1_ratio=0.1 --experiment-name="custom" --env-manager=local)SH");
}

json modelsParams(const std::string& deployType) {
  return {{"mlflowTaskType", "MLflow Models"},
          {"deployType", deployType},
          {"mlflowTrackingUri", "http://t:5000"},
          {"deployModelKey", "models:/Iris/Production"},
          {"deployPort", "7000"}};
}

TEST(MlflowTask, DeployMlflowStartsADetachedServerAndWaitsForIt) {
  std::string script = render(modelsParams("MLFLOW"), {{"ml.mlflow.serve_wait_seconds", "45"}});
  MlflowParams p;
  p.trackingUri = "http://t:5000";
  p.deployModelKey = "models:/Iris/Production";
  p.deployPort = "7000";
  MlflowSettings s;
  s.envManager = "local";
  s.serveDir = "${TMPDIR:-/tmp}/porpoise-mlflow-serve";
  s.serveWaitSeconds = 45;
  EXPECT_EQ(script, mlflowServeScript(p, s));
  EXPECT_EQ(script.rfind("export MLFLOW_TRACKING_URI=http://t:5000\nserve_port=7000\n"
                         "serve_dir=\"${TMPDIR:-/tmp}/porpoise-mlflow-serve\"\n",
                         0),
            0u)
      << script;
  EXPECT_NE(script.find("setsid nohup mlflow models serve -m models:/Iris/Production --port $serve_port -h 0.0.0.0 "
                        "--env-manager=local >\"$serve_log\" 2>&1 </dev/null &\n"),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("deadline=$((SECONDS + 45))\n"), std::string::npos);
  EXPECT_NE(script.find("printf 'GET /ping HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n' >&3"), std::string::npos);
  EXPECT_EQ(script.find("${port}"), std::string::npos);
}

TEST(MlflowTask, DeployDockerScript) {
  EXPECT_EQ(render(modelsParams("DOCKER")), R"SH(export MLFLOW_TRACKING_URI=http://t:5000
set -e
command -v docker >/dev/null 2>&1 || { echo "docker is not installed on this worker: deployType DOCKER needs a docker engine" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "the docker engine is not reachable from this worker (docker info failed): deployType DOCKER needs one" >&2; exit 1; }
mlflow models build-docker -m models:/Iris/Production -n mlflow/iris:production --enable-mlserver
docker rm -f ds-mlflow-iris-production >/dev/null 2>&1 || true
docker run -d --name=ds-mlflow-iris-production -p=7000:8080 --health-cmd "curl --fail http://127.0.0.1:8080/ping || exit 1" --health-interval 5s --health-retries 20 mlflow/iris:production
for attempt in $(seq 1 20); do
  health=$(docker inspect --format '{{json .State.Health.Status }}' ds-mlflow-iris-production | tr -d '"\n' || true)
  echo "Container ds-mlflow-iris-production health: $health (check $attempt of 20)"
  if [ "$health" = healthy ]; then exit 0; fi
  sleep 5
done
echo "Container ds-mlflow-iris-production did not become healthy within 100 s" >&2
exit 1)SH");
}

TEST(MlflowTask, DockerNames) {
  auto names = mlflowDockerNames("runs:/0ABC/model");
  EXPECT_EQ(names.image, "mlflow/0abc:model");
  EXPECT_EQ(names.container, "ds-mlflow-0abc-model");
  names = mlflowDockerNames("runs:/abc/dir/model");
  EXPECT_EQ(names.image, "mlflow/abc:dir-model");
  EXPECT_EQ(names.container, "ds-mlflow-abc-dir-model");
  EXPECT_THROW(mlflowDockerNames("s3://bucket/model"), std::invalid_argument);
}

TEST(MlflowTask, PlaceholdersInPortAndKeyAreCheckedAfterSubstitution) {
  json params = modelsParams("DOCKER");
  params["deployPort"] = "${port}";
  params["deployModelKey"] = "models:/airplane/${model_version}";
  EXPECT_EQ(validationError(params), "");
  std::string script = render(params, {}, {{"port", "7001"}, {"model_version", "3"}});
  EXPECT_NE(script.find("-p=7001:8080"), std::string::npos);
  EXPECT_NE(script.find("-n mlflow/airplane:3 "), std::string::npos);
  EXPECT_EQ(errorOf([&] {
              render(params, {}, {{"port", "70000"}, {"model_version", "3"}});
            }),
            "MLFLOW task: deployPort must be a port number 1-65535, got \"70000\"");
  params["deployModelKey"] = "${key}";
  EXPECT_EQ(
      errorOf([&] {
        render(params, {}, {{"port", "7001"}, {"key", "/local/model"}});
      }),
      "MLFLOW task: deployModelKey must start with runs:/ or models:/ for deployType DOCKER, got \"/local/model\"");
}

TEST(MlflowTask, ValidationNamesTheField) {
  EXPECT_EQ(validationError(json::object()), "MLFLOW task: mlflowTaskType is required");
  EXPECT_EQ(validationError({{"mlflowTaskType", "MLflow Serving"}}),
            "MLFLOW task: mlflowTaskType must be one of MLflow Projects, MLflow Models, got \"MLflow Serving\"");
  json projects = {{"mlflowTaskType", "MLflow Projects"}, {"mlflowTrackingUri", ""}};
  EXPECT_EQ(validationError(projects), "MLFLOW task: mlflowTrackingUri is required");
  projects.erase("mlflowTrackingUri");
  EXPECT_EQ(validationError(projects), "MLFLOW task: mlflowJobType is required");
  projects["mlflowJobType"] = "Notebook";
  EXPECT_EQ(validationError(projects),
            "MLFLOW task: mlflowJobType must be one of BasicAlgorithm, AutoML, CustomProject, got \"Notebook\"");
  projects["mlflowJobType"] = "AutoML";
  EXPECT_EQ(validationError(projects), "MLFLOW task: dataPath is required");
  projects["mlflowJobType"] = "CustomProject";
  EXPECT_EQ(validationError(projects), "MLFLOW task: mlflowProjectRepository is required");
  json models = modelsParams("K8S");
  EXPECT_EQ(validationError(models), "MLFLOW task: deployType must be one of MLFLOW, DOCKER, got \"K8S\"");
  models = modelsParams("MLFLOW");
  models["deployPort"] = "http";
  EXPECT_EQ(validationError(models), "MLFLOW task: deployPort must be a port number 1-65535, got \"http\"");
  models["deployPort"] = 7000;
  EXPECT_EQ(validationError(models), "");
  models.erase("deployModelKey");
  EXPECT_EQ(validationError(models), "MLFLOW task: deployModelKey is required");
  models = modelsParams("DOCKER");
  models["deployModelKey"] = "file:///m";
  EXPECT_EQ(validationError(models),
            "MLFLOW task: deployModelKey must start with runs:/ or models:/ for deployType DOCKER, got \"file:///m\"");
}

TEST(MlflowTask, BadSettingsAreReported) {
  EXPECT_EQ(errorOf([] {
              render(modelsParams("MLFLOW"), {{"ml.mlflow.serve_wait_seconds", "soon"}});
            }),
            "MLFLOW task: setting ml.mlflow.serve_wait_seconds must be a positive number of seconds, got \"soon\"");
  EXPECT_EQ(errorOf([] {
              render(basicAlgorithm(), {{"ml.mlflow.env_manager", "docker"}});
            }),
            "MLFLOW task: setting ml.mlflow.env_manager must be one of local, conda, virtualenv, uv, none, got "
            "\"docker\"");
}

// The serve script against a stub `mlflow` that listens with python's http.server: the task succeeds
// once GET /ping answers, the server keeps running after the script ends, and a second deployment on
// the same port replaces it. A stub that exits at once fails the task with its log.
class MlflowServeScript : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_.file("bin"));
    testing::writeFile(dir_.file("bin/mlflow"), R"SH(#!/bin/bash
port=""; while [ $# -gt 0 ]; do [ "$1" = --port ] && port=$2; shift; done
[ -n "$STUB_FAIL" ] && { echo "stub: model not found" >&2; exit 3; }
python3 -c '
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/ping" else 404); self.end_headers(); self.wfile.write(b"\n")
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()' "$port"
)SH",
                       true);
  }
  void TearDown() override {
    std::string pidFile = dir_.file("serve/mlflow-serve-" + std::to_string(port_) + ".pid");
    std::string pid = testing::readFile(pidFile);
    if (!pid.empty()) std::system(("kill -- -" + pid + " 2>/dev/null").c_str());
  }

  static int freePort() {
    FILE* p = popen(
        "python3 -c 'import socket; s=socket.socket(); s.bind((\"127.0.0.1\",0)); print(s.getsockname()[1])'", "r");
    int port = 0;
    if (p) {
      if (fscanf(p, "%d", &port) != 1) port = 0;
      pclose(p);
    }
    return port;
  }

  testing::RunResult deploy(const std::string& extraEnv = "") {
    json params = modelsParams("MLFLOW");
    params["deployPort"] = std::to_string(port_);
    TaskRenderContext ctx = makeContext(params, dir_.path());
    ctx.settings = {{"ml.mlflow.serve_dir", dir_.file("serve")}, {"ml.mlflow.serve_wait_seconds", "20"}};
    return testing::runRendered(makeMlflowPlugin()->render(ctx), dir_.path(),
                                "export PATH='" + dir_.file("bin") + "':$PATH\n" + extraEnv);
  }

  ScratchDir dir_;
  int port_ = freePort();
};

TEST_F(MlflowServeScript, SucceedsWhenTheServerAnswersAndLeavesItRunning) {
  ASSERT_GT(port_, 0);
  auto first = deploy();
  ASSERT_EQ(first.exitCode, 0) << first.output;
  EXPECT_NE(first.output.find("The model server answers"), std::string::npos) << first.output;
  std::string pid = testing::readFile(dir_.file("serve/mlflow-serve-" + std::to_string(port_) + ".pid"));
  ASSERT_FALSE(pid.empty());
  EXPECT_EQ(std::system(("kill -0 " + pid).c_str()), 0) << "server gone after the task ended";

  auto second = deploy();
  ASSERT_EQ(second.exitCode, 0) << second.output;
  EXPECT_NE(second.output.find("Stopping the model server started earlier on port " + std::to_string(port_)),
            std::string::npos)
      << second.output;
  std::string newPid = testing::readFile(dir_.file("serve/mlflow-serve-" + std::to_string(port_) + ".pid"));
  EXPECT_NE(newPid, pid);
}

TEST_F(MlflowServeScript, FailsWithTheLogWhenTheServerExits) {
  ASSERT_GT(port_, 0);
  auto result = deploy("export STUB_FAIL=1");
  EXPECT_EQ(result.exitCode, 1) << result.output;
  EXPECT_NE(result.output.find("The model server exited before answering"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("stub: model not found"), std::string::npos) << result.output;
}

// Every MLFLOW task in the pydolphinscheduler oracle fixtures (shared/fixtures/pyds-expected) validates.
TEST(MlflowTask, PydolphinschedulerFixtureTasksValidate) {
  std::filesystem::path dir =
      std::filesystem::path(PORPOISE_SOURCE_DIR) / ".." / "shared" / "fixtures" / "pyds-expected";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "no fixtures at " << dir;
  auto plugin = makeMlflowPlugin();
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    auto oracle = json::parse(in);
    for (const auto& call : oracle["calls"]) {
      const auto& args = call["args"];
      if (!args.is_object() || !args.contains("taskDefinitionJson")) continue;
      for (const auto& task : args["taskDefinitionJson"]["$json"]) {
        if (task["taskType"] != "MLFLOW") continue;
        EXPECT_NO_THROW(plugin->validate(task["taskParams"])) << entry.path().filename() << " " << task["name"];
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 5);
}

}  // namespace
}  // namespace porpoise::tasks
