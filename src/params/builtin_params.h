// Built-in parameters (spec ds-tasks.md §5.4), computed from what the engine knows about a task.
//
// Contract: builtinParams() returns, for the business time B (the schedule time, which for a
// backfill run is the backfill date, else the workflow instance's start time) shown in the context's
// zone:
//   system.biz.date       B - 1 calendar day, yyyyMMdd
//   system.biz.curdate    B, yyyyMMdd
//   system.datetime       B, yyyyMMddHHmmss
// and, each only when known (id/code > 0, text non-empty; otherwise the name is absent, so a
// "${...}" naming it is left untouched):
//   system.task.execute.path         system.task.instance.id
//   system.task.definition.name      system.task.definition.code
//   system.workflow.instance.id      system.workflow.definition.name   system.workflow.definition.code
//   system.project.name              system.project.code
// Unlike DolphinScheduler 3.1 (where only some of these exist and only inside parameter values),
// all of them are ordinary parameters with the lowest precedence (see param_resolver.h).
// An unknown zone name throws ParamError.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "params/time_expression.h"
#include "util/time.h"

namespace porpoise::params {

namespace builtin {
inline constexpr const char* kBizDate = "system.biz.date";
inline constexpr const char* kBizCurDate = "system.biz.curdate";
inline constexpr const char* kDateTime = "system.datetime";
inline constexpr const char* kTaskExecutePath = "system.task.execute.path";
inline constexpr const char* kTaskInstanceId = "system.task.instance.id";
inline constexpr const char* kTaskDefinitionName = "system.task.definition.name";
inline constexpr const char* kTaskDefinitionCode = "system.task.definition.code";
inline constexpr const char* kWorkflowInstanceId = "system.workflow.instance.id";
inline constexpr const char* kWorkflowDefinitionName = "system.workflow.definition.name";
inline constexpr const char* kWorkflowDefinitionCode = "system.workflow.definition.code";
inline constexpr const char* kProjectName = "system.project.name";
inline constexpr const char* kProjectCode = "system.project.code";
}  // namespace builtin

struct BuiltinContext {
  std::optional<util::TimePoint> scheduleTime;  // schedule or backfill time, when the run has one
  util::TimePoint startTime{};                  // the workflow instance's start; used without a schedule
  std::string timezone;                         // IANA zone for dates; empty = util::defaultTimeZone()
  std::string executePath;
  int64_t taskInstanceId = 0;
  std::string taskDefinitionName;
  int64_t taskDefinitionCode = 0;
  int64_t workflowInstanceId = 0;
  std::string workflowDefinitionName;
  int64_t workflowDefinitionCode = 0;
  std::string projectName;
  int64_t projectCode = 0;

  util::TimePoint businessTime() const { return scheduleTime ? *scheduleTime : startTime; }
  // The base of $[...] expressions for this task: business time in the context's zone.
  TimeBase timeBase() const { return TimeBase{businessTime(), timezone}; }
};

std::map<std::string, std::string> builtinParams(const BuiltinContext& context);

}  // namespace porpoise::params
