#include "tasks/mlflow_scripts.h"
#include "util/strings.h"

namespace porpoise::tasks {
namespace {

bool isGitUrl(const std::string& repository) {
  return util::startsWith(repository, "git@") || util::startsWith(repository, "http://") ||
         util::startsWith(repository, "https://");
}

// " --version=<ref>" for git repositories with a ref, then " --env-manager=<m>" when configured.
std::string runOptions(const std::string& repository, const std::string& version, const MlflowSettings& settings) {
  std::string out;
  if (!version.empty() && isGitUrl(repository)) out += " --version=" + version;
  if (!settings.envManager.empty()) out += " --env-manager=" + settings.envManager;
  return out;
}

}  // namespace

std::string mlflowProjectScript(const MlflowParams& p, const MlflowSettings& settings) {
  std::string script = "export MLFLOW_TRACKING_URI=" + p.trackingUri + "\n";
  std::string experiment = " --experiment-name=\"" + p.experimentName + "\"";
  if (p.jobType == kMlflowCustomProject) {
    return script + "repo=" + p.projectRepository + "\nmlflow run $repo " + p.params + experiment +
           runOptions(p.projectRepository, p.projectVersion, settings);
  }
  script += "data_path=" + p.dataPath + "\n";
  if (p.jobType == kMlflowBasicAlgorithm) {
    script += "repo=" + settings.presetRepository + "#Project-BasicAlgorithm\n";
    script += "mlflow run $repo -P algorithm=" + p.algorithm + " -P data_path=$data_path -P params=\"" + p.params +
              "\" -P search_params=\"" + p.searchParams + "\" -P model_name=\"" + p.modelName + "\"";
  } else {
    script += "repo=" + settings.presetRepository + "#Project-AutoML\n";
    script += "mlflow run $repo -P tool=" + p.automlTool + " -P data_path=$data_path -P params=\"" + p.params +
              "\" -P model_name=\"" + p.modelName + "\"";
  }
  return script + experiment + runOptions(settings.presetRepository, settings.presetVersion, settings);
}

}  // namespace porpoise::tasks
