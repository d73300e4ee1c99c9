#include "tasks/dependent_window.h"

#include <gtest/gtest.h>

namespace porpoise::tasks {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

util::TimePoint at(const std::string& local, const std::string& zone = "UTC") {
  auto t = util::parseDateTime(local, zone);
  if (!t) throw std::invalid_argument("bad test time " + local);
  return *t;
}

// Each interval as "start/end-exclusive" in `zone`, after checking that `end` is the last millisecond.
std::vector<std::string> windows(const std::string& cycle, const std::string& value, const std::string& business,
                                 const std::string& zone = "UTC") {
  std::vector<std::string> out;
  for (const auto& w : dependentDateIntervals(cycle, value, at(business, zone), zone)) {
    EXPECT_EQ(util::toEpochMillis(w.end) % 1000, 999) << value;
    EXPECT_LT(w.start, w.end);
    out.push_back(util::formatDateTime(w.start, zone) + "/" + util::formatDateTime(w.end + milliseconds(1), zone));
  }
  return out;
}

std::vector<std::string> days(std::initializer_list<const char*> dates) {
  std::vector<std::string> out;
  for (const char* d : dates) {
    auto start = at(std::string(d) + " 00:00:00");
    out.push_back(util::formatDateTime(start, "UTC") + "/" + util::formatDateTime(start + hours(24), "UTC"));
  }
  return out;
}

// Business time: Wednesday 2024-03-13 10:30 UTC (2024 is a leap year).
const char* kWed = "2024-03-13 10:30:00";

TEST(DependentWindow, HourValues) {
  EXPECT_EQ(windows("hour", "currentHour", kWed),
            (std::vector<std::string>{"2024-03-13 10:00:00/2024-03-13 11:00:00"}));
  EXPECT_EQ(windows("hour", "last1Hour", kWed), (std::vector<std::string>{"2024-03-13 09:00:00/2024-03-13 10:00:00"}));
  EXPECT_EQ(windows("hour", "last2Hours", kWed), (std::vector<std::string>{"2024-03-13 08:00:00/2024-03-13 09:00:00",
                                                                           "2024-03-13 09:00:00/2024-03-13 10:00:00"}));
  EXPECT_EQ(windows("hour", "last3Hours", kWed), (std::vector<std::string>{"2024-03-13 07:00:00/2024-03-13 08:00:00",
                                                                           "2024-03-13 08:00:00/2024-03-13 09:00:00",
                                                                           "2024-03-13 09:00:00/2024-03-13 10:00:00"}));
  auto last24 = windows("hour", "last24Hours", kWed);
  ASSERT_EQ(last24.size(), 24u);
  EXPECT_EQ(last24.front(), "2024-03-12 01:00:00/2024-03-12 02:00:00");
  EXPECT_EQ(last24.back(), "2024-03-13 00:00:00/2024-03-13 01:00:00");
  for (size_t i = 1; i < last24.size(); ++i)  // consecutive hours
    EXPECT_EQ(last24[i].substr(0, 19), last24[i - 1].substr(20));
}

TEST(DependentWindow, HourValuesAcrossMidnightAndMonthEnd) {
  EXPECT_EQ(windows("hour", "last1Hour", "2024-03-01 00:15:00"),
            (std::vector<std::string>{"2024-02-29 23:00:00/2024-03-01 00:00:00"}));
  EXPECT_EQ(windows("hour", "currentHour", "2024-12-31 23:59:59"),
            (std::vector<std::string>{"2024-12-31 23:00:00/2025-01-01 00:00:00"}));
  auto last24 = windows("hour", "last24Hours", "2025-01-01 00:00:00");
  EXPECT_EQ(last24.front(), "2024-12-31 01:00:00/2024-12-31 02:00:00");
  EXPECT_EQ(last24.back(), "2025-01-01 00:00:00/2025-01-01 01:00:00");
}

TEST(DependentWindow, DayValues) {
  EXPECT_EQ(windows("day", "today", kWed), days({"2024-03-13"}));
  EXPECT_EQ(windows("day", "last1Days", kWed), days({"2024-03-12"}));
  EXPECT_EQ(windows("day", "last2Days", kWed), days({"2024-03-11", "2024-03-12"}));
  EXPECT_EQ(windows("day", "last3Days", kWed), days({"2024-03-10", "2024-03-11", "2024-03-12"}));
  EXPECT_EQ(windows("day", "last7Days", kWed),
            days({"2024-03-06", "2024-03-07", "2024-03-08", "2024-03-09", "2024-03-10", "2024-03-11", "2024-03-12"}));
  // Across a leap day and a year end.
  EXPECT_EQ(windows("day", "last2Days", "2024-03-01 08:00:00"), days({"2024-02-28", "2024-02-29"}));
  EXPECT_EQ(windows("day", "last1Days", "2023-03-01 08:00:00"), days({"2023-02-28"}));
  EXPECT_EQ(windows("day", "last3Days", "2025-01-01 00:00:00"), days({"2024-12-29", "2024-12-30", "2024-12-31"}));
}

TEST(DependentWindow, WeekValues) {
  EXPECT_EQ(windows("week", "thisWeek", kWed), days({"2024-03-11", "2024-03-12", "2024-03-13"}));
  EXPECT_EQ(windows("week", "lastWeek", kWed),
            days({"2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08", "2024-03-09", "2024-03-10"}));
  EXPECT_EQ(windows("week", "lastMonday", kWed), days({"2024-03-04"}));
  EXPECT_EQ(windows("week", "lastTuesday", kWed), days({"2024-03-05"}));
  EXPECT_EQ(windows("week", "lastWednesday", kWed), days({"2024-03-06"}));
  EXPECT_EQ(windows("week", "lastThursday", kWed), days({"2024-03-07"}));
  EXPECT_EQ(windows("week", "lastFriday", kWed), days({"2024-03-08"}));
  EXPECT_EQ(windows("week", "lastSaturday", kWed), days({"2024-03-09"}));
  EXPECT_EQ(windows("week", "lastSunday", kWed), days({"2024-03-10"}));
}

TEST(DependentWindow, WeeksStartOnMonday) {
  // A Sunday belongs to the week that began six days earlier.
  EXPECT_EQ(windows("week", "thisWeek", "2024-03-17 23:00:00").size(), 7u);
  EXPECT_EQ(windows("week", "thisWeek", "2024-03-17 23:00:00").front(), days({"2024-03-11"})[0]);
  EXPECT_EQ(windows("week", "lastSunday", "2024-03-17 23:00:00"), days({"2024-03-10"}));
  // On a Monday this week is just that day.
  EXPECT_EQ(windows("week", "thisWeek", "2024-03-11 00:00:00"), days({"2024-03-11"}));
  EXPECT_EQ(windows("week", "lastMonday", "2024-03-11 00:00:00"), days({"2024-03-04"}));
  // Across a year boundary (2025-01-01 is a Wednesday).
  EXPECT_EQ(windows("week", "thisWeek", "2025-01-01 12:00:00"), days({"2024-12-30", "2024-12-31", "2025-01-01"}));
  EXPECT_EQ(windows("week", "lastWeek", "2025-01-01 12:00:00").front(), days({"2024-12-23"})[0]);
  EXPECT_EQ(windows("week", "lastSunday", "2025-01-01 12:00:00"), days({"2024-12-29"}));
}

TEST(DependentWindow, MonthValues) {
  auto thisMonth = windows("month", "thisMonth", kWed);
  ASSERT_EQ(thisMonth.size(), 13u);
  EXPECT_EQ(thisMonth.front(), days({"2024-03-01"})[0]);
  EXPECT_EQ(thisMonth.back(), days({"2024-03-13"})[0]);
  EXPECT_EQ(windows("month", "thisMonthBegin", kWed), days({"2024-03-01"}));
  EXPECT_EQ(windows("month", "thisMonthEnd", kWed), days({"2024-03-31"}));
  auto lastMonth = windows("month", "lastMonth", kWed);
  ASSERT_EQ(lastMonth.size(), 29u);  // February of a leap year
  EXPECT_EQ(lastMonth.front(), days({"2024-02-01"})[0]);
  EXPECT_EQ(lastMonth.back(), days({"2024-02-29"})[0]);
  EXPECT_EQ(windows("month", "lastMonthBegin", kWed), days({"2024-02-01"}));
  EXPECT_EQ(windows("month", "lastMonthEnd", kWed), days({"2024-02-29"}));
}

TEST(DependentWindow, MonthBoundariesAndLeapYears) {
  EXPECT_EQ(windows("month", "lastMonth", "2023-03-05 00:00:00").size(), 28u);
  EXPECT_EQ(windows("month", "lastMonthEnd", "2023-03-05 00:00:00"), days({"2023-02-28"}));
  EXPECT_EQ(windows("month", "thisMonthEnd", "2024-02-10 00:00:00"), days({"2024-02-29"}));
  EXPECT_EQ(windows("month", "thisMonthEnd", "2100-02-10 00:00:00"), days({"2100-02-28"}));  // not a leap year
  EXPECT_EQ(windows("month", "thisMonthEnd", "2000-02-10 00:00:00"), days({"2000-02-29"}));  // leap year
  EXPECT_EQ(windows("month", "lastMonthEnd", "2024-05-31 23:59:59"), days({"2024-04-30"}));
  // January looks back into December of the year before.
  EXPECT_EQ(windows("month", "lastMonthBegin", "2025-01-01 00:00:00"), days({"2024-12-01"}));
  EXPECT_EQ(windows("month", "lastMonthEnd", "2025-01-15 00:00:00"), days({"2024-12-31"}));
  EXPECT_EQ(windows("month", "lastMonth", "2025-01-15 00:00:00").size(), 31u);
  EXPECT_EQ(windows("month", "thisMonth", "2025-01-01 00:00:00"), days({"2025-01-01"}));
}

TEST(DependentWindow, DaysFollowTheZone) {
  // 01:30 in Shanghai is still the previous day in UTC; the window is Shanghai's day.
  auto business = at("2024-03-13 01:30:00", "Asia/Shanghai");
  auto today = dependentDateIntervals("day", "today", business, "Asia/Shanghai");
  ASSERT_EQ(today.size(), 1u);
  EXPECT_EQ(today[0].start, at("2024-03-12 16:00:00"));
  EXPECT_EQ(today[0].end, at("2024-03-13 16:00:00") - milliseconds(1));
  // The same instant judged in UTC is 2024-03-12.
  EXPECT_EQ(dependentDateIntervals("day", "today", business, "UTC")[0].start, at("2024-03-12 00:00:00"));
}

TEST(DependentWindow, DaylightSavingDays) {
  // Berlin springs forward on 2024-03-31 (23-hour day) and falls back on 2024-10-27 (25-hour day).
  auto spring = dependentDateIntervals("day", "last1Days", at("2024-04-01 10:00:00", "Europe/Berlin"), "Europe/Berlin");
  ASSERT_EQ(spring.size(), 1u);
  EXPECT_EQ(spring[0].end + milliseconds(1) - spring[0].start, hours(23));
  EXPECT_EQ(util::formatDateTime(spring[0].start, "Europe/Berlin"), "2024-03-31 00:00:00");
  auto autumn = dependentDateIntervals("day", "today", at("2024-10-27 12:00:00", "Europe/Berlin"), "Europe/Berlin");
  EXPECT_EQ(autumn[0].end + milliseconds(1) - autumn[0].start, hours(25));
  // Hours stay one absolute hour long across the change, and consecutive.
  auto hoursAcross =
      dependentDateIntervals("hour", "last3Hours", at("2024-03-31 04:10:00", "Europe/Berlin"), "Europe/Berlin");
  ASSERT_EQ(hoursAcross.size(), 3u);
  EXPECT_EQ(util::formatDateTime(hoursAcross[0].start, "Europe/Berlin"), "2024-03-31 00:00:00");
  EXPECT_EQ(util::formatDateTime(hoursAcross[2].start, "Europe/Berlin"), "2024-03-31 03:00:00");
  // Santiago skips midnight on 2024-09-08: that day starts at 01:00.
  auto skipped =
      dependentDateIntervals("day", "today", at("2024-09-08 12:00:00", "America/Santiago"), "America/Santiago");
  EXPECT_EQ(util::formatDateTime(skipped[0].start, "America/Santiago"), "2024-09-08 01:00:00");
  EXPECT_EQ(skipped[0].end + milliseconds(1) - skipped[0].start, hours(23));
}

TEST(DependentWindow, HoursInHalfHourZones) {
  // Kathmandu is UTC+05:45: its hours start at :15 UTC.
  auto current =
      dependentDateIntervals("hour", "currentHour", at("2024-03-13 10:30:00", "Asia/Kathmandu"), "Asia/Kathmandu");
  EXPECT_EQ(current[0].start, at("2024-03-13 04:15:00"));
  EXPECT_EQ(util::formatDateTime(current[0].start, "Asia/Kathmandu"), "2024-03-13 10:00:00");
}

TEST(DependentWindow, NamesAndErrors) {
  EXPECT_EQ(windows("DAY", "LAST1DAYS", kWed), days({"2024-03-12"}));  // any case
  EXPECT_EQ(windows("day", "lastWeek", kWed).size(), 7u);              // the value decides, as in DolphinScheduler
  EXPECT_THROW(dependentDateIntervals("year", "today", at(kWed)), std::invalid_argument);
  EXPECT_THROW(dependentDateIntervals("day", "yesterday", at(kWed)), std::invalid_argument);
  EXPECT_THROW(dependentDateIntervals("day", "today", at(kWed), "Mars/Olympus"), std::invalid_argument);
  EXPECT_EQ(dependentDateValues(DependentCycle::HOUR).size(), 5u);
  EXPECT_EQ(dependentDateValues(DependentCycle::DAY).size(), 5u);
  EXPECT_EQ(dependentDateValues(DependentCycle::WEEK).size(), 9u);
  EXPECT_EQ(dependentDateValues(DependentCycle::MONTH).size(), 6u);
  auto found = findDependentDateValue(" lastmonthend ");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "lastMonthEnd");
  EXPECT_EQ(found->cycle, DependentCycle::MONTH);
  EXPECT_EQ(parseDependentCycle("Hour"), DependentCycle::HOUR);
  EXPECT_EQ(dependentCycleName(DependentCycle::WEEK), "week");
  // Every listed value yields at least one window.
  for (auto cycle : {DependentCycle::HOUR, DependentCycle::DAY, DependentCycle::WEEK, DependentCycle::MONTH})
    for (const auto& v : dependentDateValues(cycle))
      EXPECT_FALSE(dependentDateIntervals(dependentCycleName(cycle), v, at(kWed), "UTC").empty()) << v;
}

}  // namespace
}  // namespace porpoise::tasks
