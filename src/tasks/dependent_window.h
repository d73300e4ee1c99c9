// DEPENDENT date windows (spec ds-tasks.md §3.6): which periods a dependency item checks.
//
// Contract: dependentDateIntervals(cycle, dateValue, businessDate, zone) returns the intervals in
// chronological order; each interval is one hour or one calendar day of `zone` (empty = the server's
// default zone), with `start` its first millisecond and `end` its last millisecond (inclusive), so a run
// counts when start <= time <= end. Days follow the zone's calendar (a DST day lasts 23 or 25 hours);
// hours are consecutive absolute hours. Weeks start on Monday. The business date is the workflow
// instance's schedule time (or its start time for manual runs).
//   hour:  currentHour = the hour holding the business time; lastNHour(s) = the N hours before it;
//          last24Hours = the 24 hours from 01:00 of the previous day to the hour starting at 00:00 of
//          the business day (DolphinScheduler's definition).
//   day:   today; lastNDays = the N days before the business day.
//   week:  thisWeek = Monday .. the business day; lastWeek = Monday .. Sunday of the week before;
//          lastMonday .. lastSunday = that day of the week before.
//   month: thisMonth = the 1st .. the business day; thisMonthBegin / thisMonthEnd = the first / last day of
//          this month; lastMonth = every day of the month before; lastMonthBegin / lastMonthEnd = its first
//          / last day.
// As in DolphinScheduler the date value alone decides the window; the cycle is only checked to be one
// of hour/day/week/month. Unknown names or zones throw std::invalid_argument.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/time.h"

namespace porpoise::tasks {

struct DateInterval {
  util::TimePoint start;
  util::TimePoint end;  // inclusive: the last millisecond of the period
  bool operator==(const DateInterval&) const = default;
};

enum class DependentCycle { HOUR, DAY, WEEK, MONTH };

// "hour", "day", "week", "month" in any case.
std::optional<DependentCycle> parseDependentCycle(std::string_view text);
std::string dependentCycleName(DependentCycle cycle);  // lower case, as DolphinScheduler stores it

// The date values of a cycle, in DolphinScheduler's spelling.
const std::vector<std::string>& dependentDateValues(DependentCycle cycle);

// The canonical spelling of a date value (matched case-insensitively) and the cycle whose list holds it.
struct DependentDateValue {
  std::string name;
  DependentCycle cycle;
};
std::optional<DependentDateValue> findDependentDateValue(std::string_view text);

std::vector<DateInterval> dependentDateIntervals(std::string_view cycle, std::string_view dateValue,
                                                 util::TimePoint businessDate, const std::string& zone = "");

}  // namespace porpoise::tasks
