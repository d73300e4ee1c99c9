// The taskParams of an MLFLOW task in normal form, and the server settings its scripts depend on.
//
// Contract: parseMlflowParams() reads only the fields the chosen task/job/deploy type uses, fills
// DolphinScheduler's defaults, and throws TaskParamsError naming the field for anything missing or
// malformed. Checks on values that still hold a ${...} or $[...] placeholder are left to
// checkSubstitutedMlflowParams(), which runs on the values after substitution.
#pragma once

#include <porpoise/task_plugin.h>

#include <nlohmann/json.hpp>
#include <string>

namespace porpoise::tasks {

inline constexpr const char* kMlflowProjects = "MLflow Projects";
inline constexpr const char* kMlflowModels = "MLflow Models";
inline constexpr const char* kMlflowBasicAlgorithm = "BasicAlgorithm";
inline constexpr const char* kMlflowAutoML = "AutoML";
inline constexpr const char* kMlflowCustomProject = "CustomProject";
inline constexpr const char* kMlflowDeployMlflow = "MLFLOW";
inline constexpr const char* kMlflowDeployDocker = "DOCKER";

struct MlflowParams {
  std::string taskType;  // kMlflowProjects or kMlflowModels
  std::string trackingUri;
  // Projects
  std::string jobType;  // kMlflowBasicAlgorithm, kMlflowAutoML or kMlflowCustomProject
  std::string experimentName;
  std::string modelName;
  std::string dataPath;
  std::string params;
  std::string algorithm;
  std::string searchParams;
  std::string automlTool;
  std::string projectRepository;
  std::string projectVersion;
  // Models
  std::string deployType;  // kMlflowDeployMlflow or kMlflowDeployDocker
  std::string deployModelKey;
  std::string deployPort;
};

struct MlflowSettings {
  std::string presetRepository;
  std::string presetVersion;
  std::string envManager;  // empty: no --env-manager flag
  std::string serveDir;
  int serveWaitSeconds = 120;
};

MlflowParams parseMlflowParams(const nlohmann::json& taskParams);

// Every text field passed through the context's parameter substitution.
MlflowParams substituteMlflowParams(const TaskRenderContext& ctx, MlflowParams params);

// Checks that need final values: required fields still non-blank, the port a number in 1-65535, a DOCKER
// model key starting with runs:/ or models:/.
void checkSubstitutedMlflowParams(const MlflowParams& params);

// The ml.mlflow.* settings with DolphinScheduler's defaults; throws TaskParamsError for a bad value.
MlflowSettings mlflowSettings(const TaskRenderContext& ctx);

}  // namespace porpoise::tasks
