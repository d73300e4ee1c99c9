#include "tasks/openmldb_task.h"

#include "tasks/openmldb_python_script.h"
#include "tasks/openmldb_sql_split.h"
#include "tasks/python_task.h"
#include "tasks/task_params_checks.h"
#include "util/strings.h"

namespace porpoise::tasks {
namespace {

constexpr const char* kType = "OPENMLDB";

struct OpenmldbFields {
  std::string zk;
  std::string zkPath;
  std::string executeMode;
  std::string sql;
};

bool hasPlaceholder(const std::string& text) {
  return text.find("${") != std::string::npos || text.find("$[") != std::string::npos;
}

std::string checkedMode(const std::string& mode) {
  return util::toLower(requireOneOf(kType, "executeMode", mode, {"offline", "online"}));
}

OpenmldbFields readFields(const Json& params) {
  OpenmldbFields f;
  f.zk = requireText(kType, params, "zk");
  f.zkPath = requireText(kType, params, "zkPath");
  f.executeMode = optionalText(kType, params, "executeMode", "offline");
  if (util::trim(f.executeMode).empty()) f.executeMode = "offline";
  if (!hasPlaceholder(f.executeMode)) f.executeMode = checkedMode(f.executeMode);
  f.sql = normalizeLineEndings(requireText(kType, params, "sql"));
  return f;
}

void requireNonBlank(const char* field, const std::string& value) {
  if (util::trim(value).empty()) failParams(kType, std::string(field) + " is empty after parameter substitution");
}

class OpenmldbPlugin : public TaskPlugin {
 public:
  std::string type() const override { return kType; }
  bool runsOnWorker() const override { return true; }

  void validate(const nlohmann::json& taskParams) const override {
    Json params = taskParamsObject(kType, taskParams);
    checkLocalParams(kType, params);
    OpenmldbFields f = readFields(params);
    if (splitOpenmldbStatements(f.sql).empty()) failParams(kType, "sql holds no statement");
  }

  RenderedTask render(const TaskRenderContext& ctx) const override {
    Json params = taskParamsObject(kType, ctx.taskParams);
    checkLocalParams(kType, params);
    OpenmldbFields f = readFields(params);
    std::string zk = util::trim(substituteParams(ctx, f.zk));
    std::string zkPath = util::trim(substituteParams(ctx, f.zkPath));
    std::string mode = checkedMode(substituteParams(ctx, f.executeMode));
    requireNonBlank("zk", zk);
    requireNonBlank("zkPath", zkPath);
    std::vector<std::string> statements = splitOpenmldbStatements(substituteParams(ctx, f.sql));
    if (statements.empty()) failParams(kType, "sql holds no statement after parameter substitution");

    std::string fileName = "openmldb_" + ctx.taskAppId + ".py";
    RenderedTask out;
    out.script =
        pythonInterpreterSelection() + "\"${porpoise_python[@]}\" " + shellWord(executeFilePath(ctx, fileName));
    out.files.push_back({fileName, openmldbPythonScript(zk, zkPath, mode, statements), false});
    return out;
  }
};

}  // namespace

std::unique_ptr<TaskPlugin> makeOpenmldbPlugin() { return std::make_unique<OpenmldbPlugin>(); }

}  // namespace porpoise::tasks
