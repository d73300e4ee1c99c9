#include "scheduler/fire_times.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace porpoise::scheduler {

ScheduleFireTimes::ScheduleFireTimes(const model::Schedule& schedule)
    : cron_(cron::CronExpression::parse(schedule.crontab)),
      zone_(schedule.timezoneId.empty() ? util::defaultTimeZone() : schedule.timezoneId),
      start_(schedule.startTime),
      end_(schedule.endTime) {
  if (!util::isValidTimeZone(zone_)) throw std::invalid_argument("unknown time zone \"" + zone_ + "\"");
}

util::TimePoint ScheduleFireTimes::clipAfter(util::TimePoint after) const {
  // A fire time equal to the start time counts: look strictly after the instant just before it.
  return std::max(after, start_ - std::chrono::milliseconds(1));
}

util::TimePoint ScheduleFireTimes::clipUpTo(util::TimePoint upTo) const { return std::min(upTo, end_); }

std::optional<util::TimePoint> ScheduleFireTimes::firstAfter(util::TimePoint t) const {
  auto next = cron_.nextAfter(clipAfter(t), zone_);
  if (!next || *next > end_) return std::nullopt;
  return next;
}

std::optional<util::TimePoint> ScheduleFireTimes::lastIn(util::TimePoint after, util::TimePoint upTo) const {
  util::TimePoint low = clipAfter(after);
  util::TimePoint high = clipUpTo(upTo);
  if (low >= high) return std::nullopt;
  auto found = cron_.nextAfter(low, zone_);
  if (!found || *found > high) return std::nullopt;
  // Invariant: *found is a fire time in (low, high] and no fire time lies after `high` within the window.
  while (true) {
    auto following = cron_.nextAfter(*found, zone_);
    if (!following || *following > high) return found;
    util::TimePoint middle = *found + (high - *found) / 2;
    auto probe = cron_.nextAfter(middle, zone_);
    if (probe && *probe <= high) {
      found = probe;  // a later fire time exists in (middle, high]
    } else {
      high = middle;  // nothing in (middle, high]; the last one is at or before middle
    }
  }
}

std::vector<util::TimePoint> ScheduleFireTimes::allIn(util::TimePoint after, util::TimePoint upTo, size_t limit) const {
  util::TimePoint low = clipAfter(after);
  util::TimePoint high = clipUpTo(upTo);
  if (low >= high || limit == 0) return {};
  return cron_.nextN(low, limit, zone_, high);
}

}  // namespace porpoise::scheduler
