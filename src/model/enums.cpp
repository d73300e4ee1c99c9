#include "model/enums.h"

namespace porpoise::model {

bool isFinished(WorkflowState s) {
  return s == WorkflowState::SUCCESS || s == WorkflowState::FAILURE || s == WorkflowState::STOP ||
         s == WorkflowState::PAUSE || s == WorkflowState::BLOCK;
}

bool isFinished(TaskState s) {
  return s == TaskState::PAUSE || s == TaskState::FAILURE || s == TaskState::SUCCESS ||
         s == TaskState::NEED_FAULT_TOLERANCE || s == TaskState::KILL || s == TaskState::FORCED_SUCCESS ||
         s == TaskState::SKIPPED;
}

bool isSuccessLike(TaskState s) { return s == TaskState::SUCCESS || s == TaskState::FORCED_SUCCESS; }

bool isFailureLike(TaskState s) { return s == TaskState::FAILURE || s == TaskState::NEED_FAULT_TOLERANCE; }

}  // namespace porpoise::model
