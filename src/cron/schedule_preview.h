// The schedule preview shown by the timing dialog (POST /projects/{code}/schedules/preview).
//
// Contract: up to `count` fire times of `cron`, strictly after max(now, startTime) and strictly
// before endTime (DolphinScheduler stops at a fire time equal to endTime), each rendered
// "yyyy-MM-dd HH:mm:ss" in `zone`, in order. Empty when nothing fires in that window. An unknown
// zone throws std::invalid_argument.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cron/cron_expression.h"
#include "util/time.h"

namespace porpoise::cron {

inline constexpr size_t kPreviewFireTimes = 5;

std::vector<std::string> previewFireTimes(const CronExpression& cron, util::TimePoint now, util::TimePoint startTime,
                                          util::TimePoint endTime, const std::string& zone,
                                          size_t count = kPreviewFireTimes);

}  // namespace porpoise::cron
