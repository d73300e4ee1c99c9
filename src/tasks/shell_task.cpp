#include "tasks/shell_task.h"

#include "tasks/task_params_checks.h"

namespace porpoise::tasks {
namespace {

constexpr const char* kType = "SHELL";

class ShellPlugin : public TaskPlugin {
 public:
  std::string type() const override { return kType; }
  bool runsOnWorker() const override { return true; }

  void validate(const nlohmann::json& taskParams) const override {
    Json params = taskParamsObject(kType, taskParams);
    requireText(kType, params, "rawScript");
    checkLocalParams(kType, params);
    checkResourceList(kType, params);
  }

  RenderedTask render(const TaskRenderContext& ctx) const override {
    validate(ctx.taskParams);
    Json params = taskParamsObject(kType, ctx.taskParams);
    std::string script = substituteParams(ctx, normalizeLineEndings(requireText(kType, params, "rawScript")));
    std::string fileName = ctx.taskAppId + "_node.sh";
    RenderedTask out;
    out.script = shellWord(executeFilePath(ctx, fileName));
    out.files.push_back({fileName, std::move(script), true});
    return out;
  }
};

}  // namespace

std::unique_ptr<TaskPlugin> makeShellPlugin() { return std::make_unique<ShellPlugin>(); }

}  // namespace porpoise::tasks
