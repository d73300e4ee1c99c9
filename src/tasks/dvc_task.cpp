#include "tasks/dvc_task.h"

#include <string>
#include <vector>

#include "tasks/task_params_checks.h"
#include "util/strings.h"

namespace porpoise::tasks {
namespace {

constexpr const char* kType = "DVC";
constexpr const char* kInit = "Init DVC";
constexpr const char* kUpload = "Upload";
constexpr const char* kDownload = "Download";

// Runs first: any failing step stops the script with its status, and the log says which one it was.
constexpr const char* kStrictPrologue =
    "set -e\n"
    "trap 'porpoise_status=$?; echo \"DVC task failed: \\\"$BASH_COMMAND\\\" exited with status "
    "$porpoise_status\" >&2' ERR\n";

constexpr const char* kCheckDvc = "which dvc || { echo \"dvc does not exist\"; exit 1; }; DVC_REPO=";

constexpr const char* kCloneRepository = "git clone $DVC_REPO dvc-repository; cd dvc-repository; pwd\n";

// Commits fail without an identity; keep the tenant's own when it has one.
constexpr const char* kGitIdentity =
    "git config user.name >/dev/null || git config user.name \"Porpoise\"\n"
    "git config user.email >/dev/null || git config user.email \"porpoise@localhost\"\n";

struct DvcFields {
  std::string taskType;
  std::string repository;
  std::string storeUrl;
  std::string dataLocation;
  std::string loadSavePath;
  std::string version;
  std::string message;
};

// Reads the fields the task type needs; each missing one is reported by its taskParams name.
DvcFields readFields(const Json& params) {
  DvcFields f;
  f.taskType =
      requireOneOf(kType, "dvcTaskType", requireText(kType, params, "dvcTaskType"), {kInit, kUpload, kDownload});
  f.repository = requireText(kType, params, "dvcRepository");
  if (f.taskType == kInit) {
    f.storeUrl = requireText(kType, params, "dvcStoreUrl");
    return f;
  }
  f.dataLocation = requireText(kType, params, "dvcDataLocation");
  f.loadSavePath = requireText(kType, params, "dvcLoadSaveDataPath");
  f.version = requireText(kType, params, "dvcVersion");
  if (f.taskType == kUpload) f.message = requireText(kType, params, "dvcMessage");
  return f;
}

// Substitutes parameters into a field the task type uses (non-empty before); it must stay non-blank.
void substituteRequired(const TaskRenderContext& ctx, const char* field, std::string& value) {
  if (value.empty()) return;
  value = substituteParams(ctx, value);
  if (util::trim(value).empty()) failParams(kType, std::string(field) + " is empty after parameter substitution");
}

std::string initScript(const DvcFields& f) {
  return std::string(kStrictPrologue) + kCheckDvc + f.repository + "\n" + kCloneRepository + kGitIdentity +
         "dvc init || exit 1\n"
         "dvc remote add origin " +
         f.storeUrl +
         " -d\n"
         "git commit -am \"init dvc project and add remote\"; git push";
}

std::string dataVariables(const DvcFields& f) {
  return "DVC_DATA_PATH=" + f.loadSavePath + "\nDVC_DATA_LOCATION=" + f.dataLocation + "\nDVC_VERSION=" + f.version +
         "\n";
}

std::string uploadScript(const DvcFields& f) {
  return std::string(kStrictPrologue) + kCheckDvc + f.repository + "\n" + dataVariables(f) + "DVC_MESSAGE=\"" +
         f.message + "\"\n" + kCloneRepository + kGitIdentity +
         "dvc config core.autostage true --local || exit 1\n"
         "mkdir -p \"$(dirname \"$DVC_DATA_LOCATION\")\"\n"
         "dvc add $DVC_DATA_PATH -v -o $DVC_DATA_LOCATION --to-remote || exit 1\n"
         "git commit --allow-empty -am \"$DVC_MESSAGE\"\n"
         "git tag \"$DVC_VERSION\" -m \"$DVC_MESSAGE\"\n"
         "git push --all\n"
         "git push --tags";
}

std::string downloadScript(const DvcFields& f) {
  return std::string(kStrictPrologue) + kCheckDvc + f.repository + "\n" + dataVariables(f) +
         "dvc get $DVC_REPO $DVC_DATA_LOCATION -o $DVC_DATA_PATH -v --rev $DVC_VERSION";
}

class DvcPlugin : public TaskPlugin {
 public:
  std::string type() const override { return kType; }
  bool runsOnWorker() const override { return true; }

  void validate(const nlohmann::json& taskParams) const override {
    Json params = taskParamsObject(kType, taskParams);
    readFields(params);
    checkLocalParams(kType, params);
  }

  RenderedTask render(const TaskRenderContext& ctx) const override {
    Json params = taskParamsObject(kType, ctx.taskParams);
    checkLocalParams(kType, params);
    DvcFields f = readFields(params);
    substituteRequired(ctx, "dvcRepository", f.repository);
    substituteRequired(ctx, "dvcStoreUrl", f.storeUrl);
    substituteRequired(ctx, "dvcDataLocation", f.dataLocation);
    substituteRequired(ctx, "dvcLoadSaveDataPath", f.loadSavePath);
    substituteRequired(ctx, "dvcVersion", f.version);
    substituteRequired(ctx, "dvcMessage", f.message);
    RenderedTask out;
    if (f.taskType == kInit)
      out.script = initScript(f);
    else if (f.taskType == kUpload)
      out.script = uploadScript(f);
    else
      out.script = downloadScript(f);
    return out;
  }
};

}  // namespace

std::unique_ptr<TaskPlugin> makeDvcPlugin() { return std::make_unique<DvcPlugin>(); }

}  // namespace porpoise::tasks
