// The stateHistory column of a workflow instance: a JSON array of {"time","state","desc"} entries,
// one per state change, as DolphinScheduler keeps it.
//
// Contract: appendStateHistory returns `history` with one entry added ("yyyy-MM-dd HH:mm:ss" in the
// server's default zone). Text that is not a JSON array is replaced by a fresh array.
#pragma once

#include <string>

#include "model/enums.h"
#include "util/time.h"

namespace porpoise::engine {

std::string appendStateHistory(const std::string& history, util::TimePoint time, model::WorkflowState state,
                               const std::string& description);

}  // namespace porpoise::engine
