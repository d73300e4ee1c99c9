#include "cron/local_time_search.h"

#include <chrono>

#include "cron/day_rule.h"

namespace porpoise::cron {

std::optional<date::local_seconds> nextLocalMatch(const CronFields& fields, date::local_seconds after) {
  using std::chrono::hours;
  using std::chrono::minutes;
  using std::chrono::seconds;

  const date::local_seconds start = after + seconds{1};
  const date::local_days startDay = date::floor<date::days>(start);
  const date::year_month_day startDate{startDay};
  const date::hh_mm_ss<seconds> startTime{start - startDay};

  int year = static_cast<int>(startDate.year());
  int month = static_cast<int>(static_cast<unsigned>(startDate.month()));
  int day = static_cast<int>(static_cast<unsigned>(startDate.day()));
  int hour = static_cast<int>(startTime.hours().count());
  int minute = static_cast<int>(startTime.minutes().count());
  int second = static_cast<int>(startTime.seconds().count());

  // Each step either finds the match or moves a larger field forward and resets the smaller ones.
  while (year <= kMaxYear) {
    if (!fields.years.contains(year)) {
      std::optional<int> nextYear = fields.years.firstAtOrAfter(year);
      if (!nextYear) return std::nullopt;
      year = *nextYear;
      month = day = 1;
      hour = minute = second = 0;
    }
    std::optional<int> nextMonth = fields.months.firstAtOrAfter(month);
    if (!nextMonth) {
      ++year;
      month = day = 1;
      hour = minute = second = 0;
      continue;
    }
    if (*nextMonth != month) {
      month = *nextMonth;
      day = 1;
      hour = minute = second = 0;
    }
    std::optional<int> nextDay = firstMatchingDay(fields.days, year, month, day);
    if (!nextDay) {
      if (++month > 12) {
        month = 1;
        ++year;
      }
      day = 1;
      hour = minute = second = 0;
      continue;
    }
    if (*nextDay != day) {
      day = *nextDay;
      hour = minute = second = 0;
    }
    std::optional<int> nextHour = fields.hours.firstAtOrAfter(hour);
    if (!nextHour) {
      ++day;  // past the month's end, firstMatchingDay finds nothing and the month advances
      hour = minute = second = 0;
      continue;
    }
    if (*nextHour != hour) {
      hour = *nextHour;
      minute = second = 0;
    }
    std::optional<int> nextMinute = fields.minutes.firstAtOrAfter(minute);
    if (!nextMinute) {
      ++hour;  // 24 matches no hour, so the day advances
      minute = second = 0;
      continue;
    }
    if (*nextMinute != minute) {
      minute = *nextMinute;
      second = 0;
    }
    std::optional<int> nextSecond = fields.seconds.firstAtOrAfter(second);
    if (!nextSecond) {
      ++minute;  // 60 matches no minute, so the hour advances
      second = 0;
      continue;
    }
    second = *nextSecond;
    date::year_month_day date{date::year{year}, date::month{static_cast<unsigned>(month)},
                              date::day{static_cast<unsigned>(day)}};
    return date::local_days{date} + hours{hour} + minutes{minute} + seconds{second};
  }
  return std::nullopt;
}

}  // namespace porpoise::cron
