#include "params/builtin_params.h"

#include <gtest/gtest.h>

#include "params/param_error.h"

namespace porpoise::params {
namespace {

util::TimePoint local(const std::string& text, const std::string& zone) {
  auto t = util::parseDateTime(text, zone);
  EXPECT_TRUE(t.has_value()) << text;
  return t.value_or(util::TimePoint{});
}

TEST(BuiltinParams, DatesFollowTheScheduleTime) {
  BuiltinContext context;
  context.timezone = "Asia/Shanghai";
  context.scheduleTime = local("2024-03-01 02:03:04", "Asia/Shanghai");
  context.startTime = local("2024-06-30 12:00:00", "Asia/Shanghai");
  auto params = builtinParams(context);
  EXPECT_EQ(params.at("system.biz.date"), "20240229");
  EXPECT_EQ(params.at("system.biz.curdate"), "20240301");
  EXPECT_EQ(params.at("system.datetime"), "20240301020304");
}

TEST(BuiltinParams, DatesFallBackToTheStartTime) {
  BuiltinContext context;
  context.timezone = "UTC";
  context.startTime = local("2024-01-01 00:00:05", "UTC");
  auto params = builtinParams(context);
  EXPECT_EQ(params.at(builtin::kBizDate), "20231231");
  EXPECT_EQ(params.at(builtin::kBizCurDate), "20240101");
  EXPECT_EQ(params.at(builtin::kDateTime), "20240101000005");
  EXPECT_EQ(context.businessTime(), context.startTime);
}

TEST(BuiltinParams, DatesUseTheContextZone) {
  BuiltinContext context;
  context.scheduleTime = local("2024-03-14 20:00:00", "UTC");
  context.timezone = "UTC";
  EXPECT_EQ(builtinParams(context).at(builtin::kBizCurDate), "20240314");
  context.timezone = "Asia/Shanghai";
  EXPECT_EQ(builtinParams(context).at(builtin::kBizCurDate), "20240315");
  EXPECT_EQ(builtinParams(context).at(builtin::kDateTime), "20240315040000");
  context.timezone = "No/Such_Zone";
  EXPECT_THROW(builtinParams(context), ParamError);
}

TEST(BuiltinParams, IdentityParamsWhenKnown) {
  BuiltinContext context;
  context.timezone = "UTC";
  context.executePath = "/tmp/porpoise/exec/1/2/3_4";
  context.taskInstanceId = 4;
  context.taskDefinitionName = "extract";
  context.taskDefinitionCode = 1234567890123;
  context.workflowInstanceId = 3;
  context.workflowDefinitionName = "daily etl";
  context.workflowDefinitionCode = 9876543210987;
  context.projectName = "analytics";
  context.projectCode = 1111111111111;
  auto params = builtinParams(context);
  EXPECT_EQ(params.at("system.task.execute.path"), "/tmp/porpoise/exec/1/2/3_4");
  EXPECT_EQ(params.at("system.task.instance.id"), "4");
  EXPECT_EQ(params.at("system.task.definition.name"), "extract");
  EXPECT_EQ(params.at("system.task.definition.code"), "1234567890123");
  EXPECT_EQ(params.at("system.workflow.instance.id"), "3");
  EXPECT_EQ(params.at("system.workflow.definition.name"), "daily etl");
  EXPECT_EQ(params.at("system.workflow.definition.code"), "9876543210987");
  EXPECT_EQ(params.at("system.project.name"), "analytics");
  EXPECT_EQ(params.at("system.project.code"), "1111111111111");
  EXPECT_EQ(params.size(), 12u);
}

TEST(BuiltinParams, UnknownIdentityParamsAreAbsent) {
  BuiltinContext context;
  context.timezone = "UTC";
  auto params = builtinParams(context);
  EXPECT_EQ(params.size(), 3u);
  EXPECT_EQ(params.count("system.task.instance.id"), 0u);
  EXPECT_EQ(params.count("system.task.execute.path"), 0u);
  EXPECT_EQ(params.count("system.project.name"), 0u);
}

TEST(BuiltinParams, TimeBaseIsTheBusinessTime) {
  BuiltinContext context;
  context.timezone = "Europe/Berlin";
  context.startTime = local("2024-05-05 10:00:00", "Europe/Berlin");
  EXPECT_EQ(context.timeBase().instant, context.startTime);
  EXPECT_EQ(context.timeBase().zone, "Europe/Berlin");
  context.scheduleTime = local("2024-05-01 00:00:00", "Europe/Berlin");
  EXPECT_EQ(context.timeBase().instant, *context.scheduleTime);
}

}  // namespace
}  // namespace porpoise::params
