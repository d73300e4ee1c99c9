#include "tasks/sub_process_task.h"

#include <string>

#include "tasks/task_params_checks.h"
#include "util/strings.h"

namespace porpoise::tasks {
namespace {

int64_t childCode(const std::string& type, const nlohmann::json& taskParams) {
  Json params = taskParamsObject(type, taskParams);
  auto present = [&](const char* key) {
    const Json* v = member(params, key);
    return v && !(v->is_string() && util::trim(v->get<std::string>()).empty());
  };
  const char* key = present("processDefinitionCode")    ? "processDefinitionCode"
                    : present("workflowDefinitionCode") ? "workflowDefinitionCode"
                                                        : nullptr;
  if (!key) failParams(type, "processDefinitionCode (or workflowDefinitionCode) is required");
  int64_t code = requireCode(type, params, key);
  checkLocalParams(type, params);
  return code;
}

class SubProcessPlugin : public TaskPlugin {
 public:
  explicit SubProcessPlugin(std::string type) : type_(std::move(type)) {}
  std::string type() const override { return type_; }
  bool runsOnWorker() const override { return false; }
  void validate(const nlohmann::json& taskParams) const override { childCode(type_, taskParams); }

 private:
  std::string type_;
};

}  // namespace

int64_t parseSubProcessDefinitionCode(const nlohmann::json& taskParams) { return childCode("SUB_PROCESS", taskParams); }

std::unique_ptr<TaskPlugin> makeSubProcessPlugin() { return std::make_unique<SubProcessPlugin>("SUB_PROCESS"); }

std::unique_ptr<TaskPlugin> makeSubWorkflowPlugin() { return std::make_unique<SubProcessPlugin>("SUB_WORKFLOW"); }

}  // namespace porpoise::tasks
