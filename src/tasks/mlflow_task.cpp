#include "tasks/mlflow_task.h"

#include "tasks/mlflow_scripts.h"
#include "tasks/mlflow_task_params.h"

namespace porpoise::tasks {
namespace {

class MlflowPlugin : public TaskPlugin {
 public:
  std::string type() const override { return "MLFLOW"; }
  bool runsOnWorker() const override { return true; }

  void validate(const nlohmann::json& taskParams) const override { parseMlflowParams(taskParams); }

  RenderedTask render(const TaskRenderContext& ctx) const override {
    MlflowParams params = substituteMlflowParams(ctx, parseMlflowParams(ctx.taskParams));
    checkSubstitutedMlflowParams(params);
    MlflowSettings settings = mlflowSettings(ctx);
    RenderedTask out;
    if (params.taskType == kMlflowProjects)
      out.script = mlflowProjectScript(params, settings);
    else if (params.deployType == kMlflowDeployMlflow)
      out.script = mlflowServeScript(params, settings);
    else
      out.script = mlflowDockerScript(params);
    return out;
  }
};

}  // namespace

std::unique_ptr<TaskPlugin> makeMlflowPlugin() { return std::make_unique<MlflowPlugin>(); }

}  // namespace porpoise::tasks
