#include "tasks/mlflow_task_params.h"

#include "tasks/task_params_checks.h"
#include "util/strings.h"

namespace porpoise::tasks {
namespace {

constexpr const char* kType = "MLFLOW";
constexpr const char* kDefaultTrackingUri = "http://127.0.0.1:5000";
constexpr const char* kDefaultPresetRepository = "https://github.com/apache/dolphinscheduler-mlflow";
constexpr const char* kDefaultPresetVersion = "main";
constexpr const char* kDefaultServeDir = "${TMPDIR:-/tmp}/porpoise-mlflow-serve";

bool hasPlaceholder(const std::string& text) {
  return text.find("${") != std::string::npos || text.find("$[") != std::string::npos;
}

void checkPort(const std::string& port) {
  auto n = util::parseInt(util::trim(port));
  if (!n || *n < 1 || *n > 65535) failParams(kType, "deployPort must be a port number 1-65535, got \"" + port + "\"");
}

void checkDockerModelKey(const std::string& key) {
  if (!util::startsWith(key, "runs:/") && !util::startsWith(key, "models:/"))
    failParams(kType, "deployModelKey must start with runs:/ or models:/ for deployType DOCKER, got \"" + key + "\"");
}

void requireNonBlank(const char* field, const std::string& value) {
  if (util::trim(value).empty()) failParams(kType, std::string(field) + " is empty after parameter substitution");
}

void readProjectParams(const Json& p, MlflowParams& out) {
  out.jobType = requireOneOf(kType, "mlflowJobType", requireText(kType, p, "mlflowJobType"),
                             {kMlflowBasicAlgorithm, kMlflowAutoML, kMlflowCustomProject});
  out.experimentName = optionalText(kType, p, "experimentName", "Default");
  out.params = optionalText(kType, p, "params");
  if (out.jobType == kMlflowCustomProject) {
    out.projectRepository = requireText(kType, p, "mlflowProjectRepository");
    out.projectVersion = optionalText(kType, p, "mlflowProjectVersion");
    return;
  }
  out.dataPath = requireText(kType, p, "dataPath");
  out.modelName = optionalText(kType, p, "modelName");
  if (out.jobType == kMlflowBasicAlgorithm) {
    out.algorithm = optionalText(kType, p, "algorithm", "lightgbm");
    out.searchParams = optionalText(kType, p, "searchParams");
  } else {
    out.automlTool = optionalText(kType, p, "automlTool", "FLAML");
  }
}

void readModelParams(const Json& p, MlflowParams& out) {
  out.deployType = requireOneOf(kType, "deployType", requireText(kType, p, "deployType"),
                                {kMlflowDeployMlflow, kMlflowDeployDocker});
  out.deployModelKey = requireText(kType, p, "deployModelKey");
  out.deployPort = requireText(kType, p, "deployPort");
  if (!hasPlaceholder(out.deployPort)) checkPort(out.deployPort);
  if (out.deployType == kMlflowDeployDocker && !hasPlaceholder(out.deployModelKey))
    checkDockerModelKey(out.deployModelKey);
}

}  // namespace

MlflowParams parseMlflowParams(const nlohmann::json& taskParams) {
  Json p = taskParamsObject(kType, taskParams);
  checkLocalParams(kType, p);
  MlflowParams out;
  out.taskType =
      requireOneOf(kType, "mlflowTaskType", requireText(kType, p, "mlflowTaskType"), {kMlflowProjects, kMlflowModels});
  out.trackingUri = member(p, "mlflowTrackingUri") ? requireText(kType, p, "mlflowTrackingUri") : kDefaultTrackingUri;
  if (out.taskType == kMlflowProjects)
    readProjectParams(p, out);
  else
    readModelParams(p, out);
  return out;
}

MlflowParams substituteMlflowParams(const TaskRenderContext& ctx, MlflowParams p) {
  for (std::string* field :
       {&p.trackingUri, &p.experimentName, &p.modelName, &p.dataPath, &p.params, &p.algorithm, &p.searchParams,
        &p.automlTool, &p.projectRepository, &p.projectVersion, &p.deployModelKey, &p.deployPort})
    *field = substituteParams(ctx, *field);
  return p;
}

void checkSubstitutedMlflowParams(const MlflowParams& p) {
  requireNonBlank("mlflowTrackingUri", p.trackingUri);
  if (p.taskType == kMlflowModels) {
    requireNonBlank("deployModelKey", p.deployModelKey);
    checkPort(p.deployPort);
    if (p.deployType == kMlflowDeployDocker) checkDockerModelKey(p.deployModelKey);
  } else if (p.jobType == kMlflowCustomProject) {
    requireNonBlank("mlflowProjectRepository", p.projectRepository);
  } else {
    requireNonBlank("dataPath", p.dataPath);
  }
}

MlflowSettings mlflowSettings(const TaskRenderContext& ctx) {
  MlflowSettings s;
  s.presetRepository = ctx.setting("ml.mlflow.preset_repository", kDefaultPresetRepository);
  s.presetVersion = ctx.setting("ml.mlflow.preset_repository_version", kDefaultPresetVersion);
  s.envManager = ctx.setting("ml.mlflow.env_manager", "local");
  requireOneOf(kType, "setting ml.mlflow.env_manager", s.envManager, {"local", "conda", "virtualenv", "uv", "none"});
  if (s.envManager == "none") s.envManager.clear();
  s.serveDir = ctx.setting("ml.mlflow.serve_dir", kDefaultServeDir);
  std::string wait = ctx.setting("ml.mlflow.serve_wait_seconds", "120");
  auto seconds = util::parseInt(util::trim(wait));
  if (!seconds || *seconds < 1)
    failParams(kType,
               "setting ml.mlflow.serve_wait_seconds must be a positive number of seconds, got \"" + wait + "\"");
  s.serveWaitSeconds = *seconds;
  return s;
}

}  // namespace porpoise::tasks
