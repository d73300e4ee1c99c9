#include "params/builtin_params.h"

#include "params/time_expression.h"

namespace porpoise::params {

std::map<std::string, std::string> builtinParams(const BuiltinContext& context) {
  const TimeBase base = context.timeBase();
  std::map<std::string, std::string> params;
  params[builtin::kBizDate] = evaluateTimeExpression("yyyyMMdd-1", base);
  params[builtin::kBizCurDate] = evaluateTimeExpression("yyyyMMdd", base);
  params[builtin::kDateTime] = evaluateTimeExpression("yyyyMMddHHmmss", base);

  auto addText = [&](const char* name, const std::string& value) {
    if (!value.empty()) params[name] = value;
  };
  auto addNumber = [&](const char* name, int64_t value) {
    if (value > 0) params[name] = std::to_string(value);
  };
  addText(builtin::kTaskExecutePath, context.executePath);
  addNumber(builtin::kTaskInstanceId, context.taskInstanceId);
  addText(builtin::kTaskDefinitionName, context.taskDefinitionName);
  addNumber(builtin::kTaskDefinitionCode, context.taskDefinitionCode);
  addNumber(builtin::kWorkflowInstanceId, context.workflowInstanceId);
  addText(builtin::kWorkflowDefinitionName, context.workflowDefinitionName);
  addNumber(builtin::kWorkflowDefinitionCode, context.workflowDefinitionCode);
  addText(builtin::kProjectName, context.projectName);
  addNumber(builtin::kProjectCode, context.projectCode);
  return params;
}

}  // namespace porpoise::params
