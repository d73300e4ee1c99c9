#include "tasks/python_task.h"

#include "tasks/task_params_checks.h"

namespace porpoise::tasks {
namespace {

constexpr const char* kType = "PYTHON";
constexpr const char* kHeader = "#-*- encoding=utf8 -*-\n\n\n";

class PythonPlugin : public TaskPlugin {
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
    std::string fileName = "py_" + ctx.taskAppId + ".py";
    RenderedTask out;
    out.script =
        pythonInterpreterSelection() + "\"${porpoise_python[@]}\" " + shellWord(executeFilePath(ctx, fileName));
    out.files.push_back({fileName, kHeader + script, false});
    return out;
  }
};

}  // namespace

std::string pythonInterpreterSelection() {
  return R"(porpoise_python=(python3)
if [ -n "${PYTHON_LAUNCHER:-}" ]; then
  if [ -d "$PYTHON_LAUNCHER" ]; then
    porpoise_python=("$PYTHON_LAUNCHER/bin/python3")
  elif [ -e "$PYTHON_LAUNCHER" ]; then
    porpoise_python=("$PYTHON_LAUNCHER")
  else
    read -r -a porpoise_python <<< "$PYTHON_LAUNCHER"
  fi
elif [ -n "${PYTHON_HOME:-}" ]; then
  if [ ! -d "$PYTHON_HOME" ] && command -v "$PYTHON_HOME" >/dev/null 2>&1; then
    porpoise_python=("$PYTHON_HOME")
  elif [ -x "$PYTHON_HOME/bin/python3" ]; then
    porpoise_python=("$PYTHON_HOME/bin/python3")
  fi
fi
echo "Python interpreter: ${porpoise_python[*]}"
)";
}

std::unique_ptr<TaskPlugin> makePythonPlugin() { return std::make_unique<PythonPlugin>(); }

}  // namespace porpoise::tasks
