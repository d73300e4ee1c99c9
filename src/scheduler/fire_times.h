// The fire times of one schedule: its Quartz cron expression, matched in the schedule's time zone
// and bounded by its start and end time (both inclusive, like a Quartz trigger's startAt/endAt).
//
// Contract:
// - The constructor throws cron::CronError for a bad crontab and std::invalid_argument for an
//   unknown zone (empty timezoneId = the server's default zone).
// - firstAfter(t): the earliest fire time strictly after t, or nullopt when none is left.
// - lastIn(after, upTo): the latest fire time in (after, upTo], found by bisection (a few dozen
//   cron look-ups even when millions of fire times lie in the window), or nullopt.
// - allIn(after, upTo, limit): the fire times in (after, upTo], oldest first, at most `limit`.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "cron/cron_expression.h"
#include "model/admin.h"
#include "util/time.h"

namespace porpoise::scheduler {

class ScheduleFireTimes {
 public:
  explicit ScheduleFireTimes(const model::Schedule& schedule);

  std::optional<util::TimePoint> firstAfter(util::TimePoint t) const;
  std::optional<util::TimePoint> lastIn(util::TimePoint after, util::TimePoint upTo) const;
  std::vector<util::TimePoint> allIn(util::TimePoint after, util::TimePoint upTo, size_t limit) const;

  const std::string& zone() const { return zone_; }

 private:
  // The window (after, upTo] clipped to the schedule's bounds.
  util::TimePoint clipAfter(util::TimePoint after) const;
  util::TimePoint clipUpTo(util::TimePoint upTo) const;

  cron::CronExpression cron_;
  std::string zone_;
  util::TimePoint start_;
  util::TimePoint end_;
};

}  // namespace porpoise::scheduler
