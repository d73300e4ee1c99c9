// Judging one DEPENDENT item against the runs recorded in the store (spec ds-tasks.md §3.6).
//
// Contract: checkDependentItem looks at every window of the item (tasks/dependent_window.h, from the
// business date in `zone`), in order, and stops at the first window that is not SUCCESS:
//  - no instance of the workflow in the window -> WAITING;
//  - whole workflow (depTaskCode 0): instance not finished or paused -> WAITING, SUCCESS -> SUCCESS,
//    else FAILED;
//  - one task: its valid task instance in that workflow instance; none -> FAILED if the instance is
//    finished, else WAITING; unfinished or paused -> WAITING; SUCCESS or FORCED_SUCCESS -> SUCCESS;
//    else FAILED. (A paused run can still be resumed, so it is not judged yet.)
// All windows SUCCESS -> SUCCESS. `detail` says what was found, for the task log. A bad cycle/date value
// gives FAILED with the reason in `detail` (never throws for bad input; store errors propagate).
#pragma once

#include <string>

#include "engine/run_store.h"
#include "tasks/dependent_task.h"

namespace porpoise::engine {

struct DependentItemResult {
  tasks::DependResult result = tasks::DependResult::WAITING;
  std::string detail;
};

DependentItemResult checkDependentItem(RunStore& store, const tasks::DependentItem& item, util::TimePoint businessDate,
                                       const std::string& zone);

}  // namespace porpoise::engine
