// DolphinScheduler enums: JSON uses the name, SQLite stores the code (spec ds-api.md §4.7).
//
// Contract: for every enum E here, enumName(E), enumCode(E), enumFromName<E>(text) and
// enumFromCode<E>(int) convert both ways; unknown names or codes give std::nullopt.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace porpoise::model {

enum class ReleaseState { OFFLINE, ONLINE };
enum class Flag { NO, YES };
enum class UserType { ADMIN_USER, GENERAL_USER };
enum class WorkflowState {
  SUBMITTED_SUCCESS, RUNNING_EXECUTION, READY_PAUSE, PAUSE, READY_STOP, STOP, FAILURE, SUCCESS,
  DELAY_EXECUTION, SERIAL_WAIT, READY_BLOCK, BLOCK
};
enum class TaskState {
  SUBMITTED_SUCCESS, RUNNING_EXECUTION, PAUSE, FAILURE, SUCCESS, NEED_FAULT_TOLERANCE, KILL,
  DELAY_EXECUTION, FORCED_SUCCESS, DISPATCH,
  // Porpoise addition: a task a CONDITIONS/SWITCH branch did not take (DolphinScheduler records nothing).
  SKIPPED
};
enum class CommandType {
  START_PROCESS, START_CURRENT_TASK_PROCESS, RECOVER_TOLERANCE_FAULT_PROCESS, RECOVER_SUSPENDED_PROCESS,
  START_FAILURE_TASK_PROCESS, COMPLEMENT_DATA, SCHEDULER, REPEAT_RUNNING, PAUSE, STOP, RECOVER_WAITING_THREAD,
  RECOVER_SERIAL_WAIT
};
enum class ExecuteType { NONE, REPEAT_RUNNING, RECOVER_SUSPENDED_PROCESS, START_FAILURE_TASK_PROCESS, STOP, PAUSE };
enum class FailureStrategy { END, CONTINUE };
enum class WarningType { NONE, SUCCESS, FAILURE, ALL };
enum class Priority { HIGHEST, HIGH, MEDIUM, LOW, LOWEST };
enum class TaskExecuteType { BATCH, STREAM };
enum class ExecutionType { PARALLEL, SERIAL_WAIT, SERIAL_DISCARD, SERIAL_PRIORITY };
enum class TaskDependType { TASK_ONLY, TASK_PRE, TASK_POST };
enum class RunMode { RUN_MODE_SERIAL, RUN_MODE_PARALLEL };
enum class ComplementDependentMode { OFF_MODE, ALL_DEPENDENT };
enum class TimeoutFlag { CLOSE, OPEN };
enum class TimeoutStrategy { WARN, FAILED, WARNFAILED };
enum class ConditionType { NONE, JUDGE, DELAY };

template <typename E>
struct EnumTable;  // specialised below: static constexpr std::array<std::pair<std::string_view,int>, N> entries

#define PORPOISE_ENUM_TABLE(E, ...)                                         \
  template <>                                                               \
  struct EnumTable<E> {                                                     \
    static constexpr std::pair<E, std::pair<std::string_view, int>> entries[] = {__VA_ARGS__}; \
  };

PORPOISE_ENUM_TABLE(ReleaseState, {ReleaseState::OFFLINE, {"OFFLINE", 0}}, {ReleaseState::ONLINE, {"ONLINE", 1}})
PORPOISE_ENUM_TABLE(Flag, {Flag::NO, {"NO", 0}}, {Flag::YES, {"YES", 1}})
PORPOISE_ENUM_TABLE(UserType, {UserType::ADMIN_USER, {"ADMIN_USER", 0}}, {UserType::GENERAL_USER, {"GENERAL_USER", 1}})
PORPOISE_ENUM_TABLE(WorkflowState, {WorkflowState::SUBMITTED_SUCCESS, {"SUBMITTED_SUCCESS", 0}},
                    {WorkflowState::RUNNING_EXECUTION, {"RUNNING_EXECUTION", 1}},
                    {WorkflowState::READY_PAUSE, {"READY_PAUSE", 2}}, {WorkflowState::PAUSE, {"PAUSE", 3}},
                    {WorkflowState::READY_STOP, {"READY_STOP", 4}}, {WorkflowState::STOP, {"STOP", 5}},
                    {WorkflowState::FAILURE, {"FAILURE", 6}}, {WorkflowState::SUCCESS, {"SUCCESS", 7}},
                    {WorkflowState::DELAY_EXECUTION, {"DELAY_EXECUTION", 12}},
                    {WorkflowState::SERIAL_WAIT, {"SERIAL_WAIT", 14}},
                    {WorkflowState::READY_BLOCK, {"READY_BLOCK", 15}}, {WorkflowState::BLOCK, {"BLOCK", 16}})
PORPOISE_ENUM_TABLE(TaskState, {TaskState::SUBMITTED_SUCCESS, {"SUBMITTED_SUCCESS", 0}},
                    {TaskState::RUNNING_EXECUTION, {"RUNNING_EXECUTION", 1}}, {TaskState::PAUSE, {"PAUSE", 3}},
                    {TaskState::FAILURE, {"FAILURE", 6}}, {TaskState::SUCCESS, {"SUCCESS", 7}},
                    {TaskState::NEED_FAULT_TOLERANCE, {"NEED_FAULT_TOLERANCE", 8}}, {TaskState::KILL, {"KILL", 9}},
                    {TaskState::DELAY_EXECUTION, {"DELAY_EXECUTION", 12}},
                    {TaskState::FORCED_SUCCESS, {"FORCED_SUCCESS", 13}}, {TaskState::DISPATCH, {"DISPATCH", 17}},
                    {TaskState::SKIPPED, {"SKIPPED", 100}})
PORPOISE_ENUM_TABLE(CommandType, {CommandType::START_PROCESS, {"START_PROCESS", 0}},
                    {CommandType::START_CURRENT_TASK_PROCESS, {"START_CURRENT_TASK_PROCESS", 1}},
                    {CommandType::RECOVER_TOLERANCE_FAULT_PROCESS, {"RECOVER_TOLERANCE_FAULT_PROCESS", 2}},
                    {CommandType::RECOVER_SUSPENDED_PROCESS, {"RECOVER_SUSPENDED_PROCESS", 3}},
                    {CommandType::START_FAILURE_TASK_PROCESS, {"START_FAILURE_TASK_PROCESS", 4}},
                    {CommandType::COMPLEMENT_DATA, {"COMPLEMENT_DATA", 5}}, {CommandType::SCHEDULER, {"SCHEDULER", 6}},
                    {CommandType::REPEAT_RUNNING, {"REPEAT_RUNNING", 7}}, {CommandType::PAUSE, {"PAUSE", 8}},
                    {CommandType::STOP, {"STOP", 9}}, {CommandType::RECOVER_WAITING_THREAD, {"RECOVER_WAITING_THREAD", 10}},
                    {CommandType::RECOVER_SERIAL_WAIT, {"RECOVER_SERIAL_WAIT", 11}})
PORPOISE_ENUM_TABLE(ExecuteType, {ExecuteType::NONE, {"NONE", 0}}, {ExecuteType::REPEAT_RUNNING, {"REPEAT_RUNNING", 1}},
                    {ExecuteType::RECOVER_SUSPENDED_PROCESS, {"RECOVER_SUSPENDED_PROCESS", 2}},
                    {ExecuteType::START_FAILURE_TASK_PROCESS, {"START_FAILURE_TASK_PROCESS", 3}},
                    {ExecuteType::STOP, {"STOP", 4}}, {ExecuteType::PAUSE, {"PAUSE", 5}})
PORPOISE_ENUM_TABLE(FailureStrategy, {FailureStrategy::END, {"END", 0}}, {FailureStrategy::CONTINUE, {"CONTINUE", 1}})
PORPOISE_ENUM_TABLE(WarningType, {WarningType::NONE, {"NONE", 0}}, {WarningType::SUCCESS, {"SUCCESS", 1}},
                    {WarningType::FAILURE, {"FAILURE", 2}}, {WarningType::ALL, {"ALL", 3}})
PORPOISE_ENUM_TABLE(Priority, {Priority::HIGHEST, {"HIGHEST", 0}}, {Priority::HIGH, {"HIGH", 1}},
                    {Priority::MEDIUM, {"MEDIUM", 2}}, {Priority::LOW, {"LOW", 3}}, {Priority::LOWEST, {"LOWEST", 4}})
PORPOISE_ENUM_TABLE(TaskExecuteType, {TaskExecuteType::BATCH, {"BATCH", 0}}, {TaskExecuteType::STREAM, {"STREAM", 1}})
PORPOISE_ENUM_TABLE(ExecutionType, {ExecutionType::PARALLEL, {"PARALLEL", 0}},
                    {ExecutionType::SERIAL_WAIT, {"SERIAL_WAIT", 1}}, {ExecutionType::SERIAL_DISCARD, {"SERIAL_DISCARD", 2}},
                    {ExecutionType::SERIAL_PRIORITY, {"SERIAL_PRIORITY", 3}})
PORPOISE_ENUM_TABLE(TaskDependType, {TaskDependType::TASK_ONLY, {"TASK_ONLY", 0}},
                    {TaskDependType::TASK_PRE, {"TASK_PRE", 1}}, {TaskDependType::TASK_POST, {"TASK_POST", 2}})
PORPOISE_ENUM_TABLE(RunMode, {RunMode::RUN_MODE_SERIAL, {"RUN_MODE_SERIAL", 0}},
                    {RunMode::RUN_MODE_PARALLEL, {"RUN_MODE_PARALLEL", 1}})
PORPOISE_ENUM_TABLE(ComplementDependentMode, {ComplementDependentMode::OFF_MODE, {"OFF_MODE", 0}},
                    {ComplementDependentMode::ALL_DEPENDENT, {"ALL_DEPENDENT", 1}})
PORPOISE_ENUM_TABLE(TimeoutFlag, {TimeoutFlag::CLOSE, {"CLOSE", 0}}, {TimeoutFlag::OPEN, {"OPEN", 1}})
PORPOISE_ENUM_TABLE(TimeoutStrategy, {TimeoutStrategy::WARN, {"WARN", 0}}, {TimeoutStrategy::FAILED, {"FAILED", 1}},
                    {TimeoutStrategy::WARNFAILED, {"WARNFAILED", 2}})
PORPOISE_ENUM_TABLE(ConditionType, {ConditionType::NONE, {"NONE", 0}}, {ConditionType::JUDGE, {"JUDGE", 1}},
                    {ConditionType::DELAY, {"DELAY", 2}})

#undef PORPOISE_ENUM_TABLE

template <typename E>
std::string enumName(E value) {
  for (const auto& [v, nc] : EnumTable<E>::entries)
    if (v == value) return std::string(nc.first);
  return {};
}

template <typename E>
int enumCode(E value) {
  for (const auto& [v, nc] : EnumTable<E>::entries)
    if (v == value) return nc.second;
  return -1;
}

template <typename E>
std::optional<E> enumFromName(std::string_view name) {
  for (const auto& [v, nc] : EnumTable<E>::entries)
    if (nc.first == name) return v;
  return std::nullopt;
}

template <typename E>
std::optional<E> enumFromCode(int code) {
  for (const auto& [v, nc] : EnumTable<E>::entries)
    if (nc.second == code) return v;
  return std::nullopt;
}

// Finished workflow states: SUCCESS, FAILURE, STOP, PAUSE, BLOCK.
bool isFinished(WorkflowState s);
// Finished task states: PAUSE, FAILURE, SUCCESS, NEED_FAULT_TOLERANCE, KILL, FORCED_SUCCESS, SKIPPED.
bool isFinished(TaskState s);
bool isSuccessLike(TaskState s);  // SUCCESS or FORCED_SUCCESS
bool isFailureLike(TaskState s);  // FAILURE or NEED_FAULT_TOLERANCE

}  // namespace porpoise::model
