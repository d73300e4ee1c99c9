#include "tasks/http_task.h"

#include "tasks/http_request_program.h"
#include "tasks/task_params_checks.h"
#include "util/strings.h"

namespace porpoise::tasks {
namespace {

constexpr const char* kType = "HTTP";

const std::vector<std::string> kMethods = {"GET", "POST", "HEAD", "PUT", "DELETE"};
const std::vector<std::string> kParamTypes = {"PARAMETER", "BODY", "HEADERS"};
const std::vector<std::string> kChecks = {"STATUS_CODE_DEFAULT", "STATUS_CODE_CUSTOM", "BODY_CONTAINS",
                                          "BODY_NOT_CONTAINS"};

int64_t timeoutMs(const Json& params, const char* key) {
  auto value = optionalInteger(kType, params, key);
  if (!value) return 60000;
  if (*value < 0) failParams(kType, std::string(key) + " must not be negative");
  return *value;
}

std::vector<HttpParam> parseParamList(const Json& params) {
  std::vector<HttpParam> out;
  const Json* list = member(params, "httpParams");
  if (!list) return out;
  if (list->is_object()) {  // {name: value}: query parameters
    for (const auto& [name, value] : list->items()) {
      Json holder = {{"v", value}};
      out.push_back({name, "PARAMETER", optionalText(kType, holder, "v", "", "httpParams." + name)});
    }
    return out;
  }
  if (!list->is_array()) failParams(kType, "httpParams must be an array of {prop, httpParametersType, value}");
  for (size_t i = 0; i < list->size(); ++i) {
    const Json& item = (*list)[i];
    std::string path = "httpParams[" + std::to_string(i) + "]";
    if (!item.is_object()) failParams(kType, path + " must be an object {prop, httpParametersType, value}");
    HttpParam p;
    p.prop = requireText(kType, item, "prop", path);
    std::string type = optionalText(kType, item, "httpParametersType", "", path);
    if (util::toUpper(util::trim(type)) == "HEADER") type = "HEADERS";
    p.type =
        util::trim(type).empty() ? "PARAMETER" : requireOneOf(kType, path + ".httpParametersType", type, kParamTypes);
    p.value = optionalText(kType, item, "value", "", path);
    out.push_back(std::move(p));
  }
  return out;
}

class HttpPlugin : public TaskPlugin {
 public:
  std::string type() const override { return kType; }
  bool runsOnWorker() const override { return true; }

  void validate(const nlohmann::json& taskParams) const override { parseHttpTaskParams(taskParams); }

  RenderedTask render(const TaskRenderContext& ctx) const override {
    HttpTaskParams request = parseHttpTaskParams(ctx.taskParams);
    request.url = substituteParams(ctx, request.url);
    for (auto& p : request.params) {
      p.prop = substituteParams(ctx, p.prop);
      p.value = substituteParams(ctx, p.value);
    }
    request.condition = substituteParams(ctx, request.condition);
    std::string fileName = "http_" + ctx.taskAppId + ".py";
    RenderedTask out;
    out.script = "python3 -u " + shellWord(executeFilePath(ctx, fileName));
    out.files.push_back({fileName, httpRequestProgram(request), false});
    return out;
  }
};

}  // namespace

HttpTaskParams parseHttpTaskParams(const nlohmann::json& taskParams) {
  Json params = taskParamsObject(kType, taskParams);
  HttpTaskParams out;
  out.url = util::trim(requireText(kType, params, "url"));
  std::string method = optionalText(kType, params, "httpMethod");
  if (!util::trim(method).empty()) out.method = requireOneOf(kType, "httpMethod", method, kMethods);
  out.params = parseParamList(params);
  std::string check = optionalText(kType, params, "httpCheckCondition");
  if (!util::trim(check).empty()) out.checkCondition = requireOneOf(kType, "httpCheckCondition", check, kChecks);
  out.condition = optionalText(kType, params, "condition");
  if (out.checkCondition != "STATUS_CODE_DEFAULT" && out.condition.empty())
    failParams(kType, "condition is required when httpCheckCondition is " + out.checkCondition);
  if (out.checkCondition == "STATUS_CODE_CUSTOM" && util::trim(out.condition).empty())
    failParams(kType, "condition must be the expected status code when httpCheckCondition is STATUS_CODE_CUSTOM");
  out.connectTimeoutMs = timeoutMs(params, "connectTimeout");
  out.socketTimeoutMs = timeoutMs(params, "socketTimeout");
  checkLocalParams(kType, params);
  return out;
}

std::unique_ptr<TaskPlugin> makeHttpPlugin() { return std::make_unique<HttpPlugin>(); }

}  // namespace porpoise::tasks
