#include "tasks/dependent_window.h"

#include <date/date.h>
#include <date/tz.h>

#include <stdexcept>

#include "util/strings.h"

namespace porpoise::tasks {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using Days = date::days;

const date::time_zone* zoneOf(const std::string& zone) {
  std::string name = zone.empty() ? util::defaultTimeZone() : zone;
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    throw std::invalid_argument("unknown time zone \"" + name + "\"");
  }
}

// The first instant of a local calendar day. A midnight skipped by a DST change starts the day at the
// change; a repeated midnight starts it at its first occurrence.
util::TimePoint startOfDay(const date::time_zone* tz, date::local_days day) {
  date::local_seconds local{day.time_since_epoch()};
  auto info = tz->get_info(local);
  date::sys_seconds sys = info.result == date::local_info::nonexistent
                              ? info.first.end
                              : date::sys_seconds{local.time_since_epoch()} - info.first.offset;
  return std::chrono::time_point_cast<milliseconds>(sys);
}

class Windows {
 public:
  Windows(const date::time_zone* tz, util::TimePoint business) : tz_(tz), business_(business) {
    auto local = tz_->to_local(business_);
    day_ = date::floor<Days>(local);
    hourStart_ = business_ - (local - date::floor<hours>(local));
  }

  date::local_days day() const { return day_; }
  util::TimePoint hourStart() const { return hourStart_; }

  DateInterval hour(util::TimePoint start) const { return {start, start + hours(1) - milliseconds(1)}; }

  DateInterval dayInterval(date::local_days d) const {
    return {startOfDay(tz_, d), startOfDay(tz_, d + Days(1)) - milliseconds(1)};
  }

  std::vector<DateInterval> days(date::local_days first, date::local_days last) const {
    std::vector<DateInterval> out;
    for (auto d = first; d <= last; d += Days(1)) out.push_back(dayInterval(d));
    return out;
  }

  std::vector<DateInterval> hoursBefore(int count) const {
    std::vector<DateInterval> out;
    for (int k = count; k >= 1; --k) out.push_back(hour(hourStart_ - hours(k)));
    return out;
  }

  date::local_days monday() const {
    unsigned iso = date::weekday{day_}.iso_encoding();  // Monday = 1 .. Sunday = 7
    return day_ - Days(iso - 1);
  }

  date::local_days firstOfMonth() const {
    date::year_month_day ymd{day_};
    return date::local_days{ymd.year() / ymd.month() / 1};
  }

 private:
  const date::time_zone* tz_;
  util::TimePoint business_;
  date::local_days day_;
  util::TimePoint hourStart_;
};

const std::vector<std::string>& valuesOf(DependentCycle cycle) {
  static const std::vector<std::string> kHour = {"currentHour", "last1Hour", "last2Hours", "last3Hours", "last24Hours"};
  static const std::vector<std::string> kDay = {"today", "last1Days", "last2Days", "last3Days", "last7Days"};
  static const std::vector<std::string> kWeek = {"thisWeek",    "lastWeek",      "lastMonday",
                                                 "lastTuesday", "lastWednesday", "lastThursday",
                                                 "lastFriday",  "lastSaturday",  "lastSunday"};
  static const std::vector<std::string> kMonth = {"thisMonth", "thisMonthBegin", "thisMonthEnd",
                                                  "lastMonth", "lastMonthBegin", "lastMonthEnd"};
  switch (cycle) {
    case DependentCycle::HOUR:
      return kHour;
    case DependentCycle::DAY:
      return kDay;
    case DependentCycle::WEEK:
      return kWeek;
    case DependentCycle::MONTH:
      return kMonth;
  }
  return kDay;
}

}  // namespace

std::optional<DependentCycle> parseDependentCycle(std::string_view text) {
  std::string lower = util::toLower(util::trim(text));
  if (lower == "hour") return DependentCycle::HOUR;
  if (lower == "day") return DependentCycle::DAY;
  if (lower == "week") return DependentCycle::WEEK;
  if (lower == "month") return DependentCycle::MONTH;
  return std::nullopt;
}

std::string dependentCycleName(DependentCycle cycle) {
  switch (cycle) {
    case DependentCycle::HOUR:
      return "hour";
    case DependentCycle::DAY:
      return "day";
    case DependentCycle::WEEK:
      return "week";
    case DependentCycle::MONTH:
      return "month";
  }
  return "day";
}

const std::vector<std::string>& dependentDateValues(DependentCycle cycle) { return valuesOf(cycle); }

std::optional<DependentDateValue> findDependentDateValue(std::string_view text) {
  std::string lower = util::toLower(util::trim(text));
  for (auto cycle : {DependentCycle::HOUR, DependentCycle::DAY, DependentCycle::WEEK, DependentCycle::MONTH})
    for (const auto& name : valuesOf(cycle))
      if (util::toLower(name) == lower) return DependentDateValue{name, cycle};
  return std::nullopt;
}

std::vector<DateInterval> dependentDateIntervals(std::string_view cycle, std::string_view dateValue,
                                                 util::TimePoint businessDate, const std::string& zone) {
  if (!parseDependentCycle(cycle))
    throw std::invalid_argument("unknown dependent cycle \"" + std::string(cycle) + "\" (hour, day, week or month)");
  auto value = findDependentDateValue(dateValue);
  if (!value) throw std::invalid_argument("unknown dependent date value \"" + std::string(dateValue) + "\"");
  Windows w(zoneOf(zone), businessDate);
  const std::string& v = value->name;
  const date::local_days today = w.day();

  if (v == "currentHour") return {w.hour(w.hourStart())};
  if (v == "last1Hour") return w.hoursBefore(1);
  if (v == "last2Hours") return w.hoursBefore(2);
  if (v == "last3Hours") return w.hoursBefore(3);
  if (v == "last24Hours") {
    util::TimePoint midnight = w.dayInterval(today).start;
    std::vector<DateInterval> out;
    for (int k = 23; k >= 0; --k) out.push_back(w.hour(midnight - hours(k)));
    return out;
  }

  if (v == "today") return w.days(today, today);
  if (v == "last1Days") return w.days(today - Days(1), today - Days(1));
  if (v == "last2Days") return w.days(today - Days(2), today - Days(1));
  if (v == "last3Days") return w.days(today - Days(3), today - Days(1));
  if (v == "last7Days") return w.days(today - Days(7), today - Days(1));

  const date::local_days lastMonday = w.monday() - Days(7);
  if (v == "thisWeek") return w.days(w.monday(), today);
  if (v == "lastWeek") return w.days(lastMonday, lastMonday + Days(6));
  static const std::vector<std::string> kWeekdays = {"lastMonday", "lastTuesday",  "lastWednesday", "lastThursday",
                                                     "lastFriday", "lastSaturday", "lastSunday"};
  for (size_t i = 0; i < kWeekdays.size(); ++i)
    if (v == kWeekdays[i]) return w.days(lastMonday + Days(i), lastMonday + Days(i));

  const date::local_days first = w.firstOfMonth();
  const date::local_days lastOfPrevious = first - Days(1);
  const date::year_month_day prev{lastOfPrevious};
  const date::local_days firstOfPrevious{prev.year() / prev.month() / 1};
  const date::year_month_day cur{first};
  const date::local_days lastOfThis{cur.year() / cur.month() / date::last};
  if (v == "thisMonth") return w.days(first, today);
  if (v == "thisMonthBegin") return w.days(first, first);
  if (v == "thisMonthEnd") return w.days(lastOfThis, lastOfThis);
  if (v == "lastMonth") return w.days(firstOfPrevious, lastOfPrevious);
  if (v == "lastMonthBegin") return w.days(firstOfPrevious, firstOfPrevious);
  if (v == "lastMonthEnd") return w.days(lastOfPrevious, lastOfPrevious);
  throw std::invalid_argument("unhandled dependent date value \"" + v + "\"");
}

}  // namespace porpoise::tasks
