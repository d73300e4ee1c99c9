#include "cron/day_rule.h"

#include <date/date.h>

namespace porpoise::cron {
namespace {

constexpr int kSunday = 1;
constexpr int kSaturday = 7;

// The weekday nearest to `day` without leaving the month: Saturday moves back to Friday (or on to
// Monday the 3rd when the 1st is a Saturday), Sunday moves on to Monday (or back to Friday when
// Sunday is the month's last day).
int nearestWeekdayTo(int year, int month, int day, int lastDay) {
  int weekday = quartzWeekday(year, month, day);
  if (weekday == kSaturday) return day == 1 ? day + 2 : day - 1;
  if (weekday == kSunday) return day == lastDay ? day - 2 : day + 1;
  return day;
}

// The day the rule picks in this month regardless of fromDay, for rules that pick at most one day.
std::optional<int> singleDayOf(const DaySpec& spec, int year, int month, int lastDay) {
  switch (spec.rule) {
    case DayRule::kLastDayOfMonth: {
      int day = lastDay - spec.offset;
      if (day < 1) return std::nullopt;
      return spec.nearestWeekday ? nearestWeekdayTo(year, month, day, lastDay) : day;
    }
    case DayRule::kNearestWeekday:
      if (spec.day > lastDay) return std::nullopt;
      return nearestWeekdayTo(year, month, spec.day, lastDay);
    case DayRule::kLastWeekdayOfMonth: {
      int shift = (quartzWeekday(year, month, lastDay) - spec.day + 7) % 7;
      return lastDay - shift;
    }
    case DayRule::kNthWeekdayOfMonth: {
      int first = 1 + (spec.day - quartzWeekday(year, month, 1) + 7) % 7;
      int day = first + 7 * (spec.nth - 1);
      if (day > lastDay) return std::nullopt;
      return day;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

int daysInMonth(int year, int month) {
  date::year_month_day_last last{date::year{year}, date::month_day_last{date::month{static_cast<unsigned>(month)}}};
  return static_cast<int>(static_cast<unsigned>(last.day()));
}

int quartzWeekday(int year, int month, int day) {
  date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                           date::day{static_cast<unsigned>(day)}};
  return static_cast<int>(date::weekday{date::sys_days{ymd}}.c_encoding()) + 1;
}

std::optional<int> firstMatchingDay(const DaySpec& spec, int year, int month, int fromDay) {
  int lastDay = daysInMonth(year, month);
  if (fromDay < 1) fromDay = 1;
  if (fromDay > lastDay) return std::nullopt;
  switch (spec.rule) {
    case DayRule::kDaysOfMonth: {
      auto day = spec.daysOfMonth.firstAtOrAfter(fromDay);
      if (!day || *day > lastDay) return std::nullopt;
      return day;
    }
    case DayRule::kDaysOfWeek: {
      int weekday = quartzWeekday(year, month, fromDay);
      for (int day = fromDay; day <= lastDay; ++day, weekday = weekday % 7 + 1) {
        if (spec.daysOfWeek.contains(weekday)) return day;
      }
      return std::nullopt;
    }
    default: {
      auto day = singleDayOf(spec, year, month, lastDay);
      if (!day || *day < fromDay) return std::nullopt;
      return day;
    }
  }
}

}  // namespace porpoise::cron
