// The commandParam JSON text of a workflow instance (spec ds-tasks.md §6.3 command keys).
//
// Contract: writeCommandParam emits DolphinScheduler's keys: "StartNodeList" (comma-separated codes),
// "StartParams" (a JSON object serialised into a string, as DolphinScheduler 3.1 stores it),
// "complementScheduleDateList" (remaining backfill dates, "yyyy-MM-dd HH:mm:ss" in UTC, comma-separated)
// and "schedule_timezone"; empty parts are left out. readCommandParam accepts what write produces, also
// StartParams given as a JSON object, and ignores unknown keys; text that is not a JSON object, or a key
// whose value cannot be read, gives the defaults for that key (never throws).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "params/placeholder.h"
#include "util/time.h"

namespace porpoise::engine {

struct CommandParams {
  std::vector<int64_t> startNodes;
  params::ParamMap startParams;
  std::vector<util::TimePoint> complementDates;
  std::string timezone;
};

std::string writeCommandParam(const CommandParams& params);
CommandParams readCommandParam(const std::string& json);

}  // namespace porpoise::engine
