// Next fire times in UTC: every syntax element, month ends, leap years, years, never-firing.
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "cron/cron_expression.h"
#include "cron_test_support.h"

namespace porpoise::cron {
namespace {

using testing::at;
using testing::fireSeries;
using testing::nextFire;
using Times = std::vector<std::string>;

TEST(CronNext, HourlyDolphinSchedulerDefault) {
  EXPECT_EQ(nextFire("0 0 * * * ? *", "2024-01-01 10:20:30"), "2024-01-01 11:00:00");
}

TEST(CronNext, StrictlyAfterTheGivenInstant) {
  EXPECT_EQ(nextFire("0 0 * * * ?", "2024-01-01 11:00:00"), "2024-01-01 12:00:00");
  auto cron = CronExpression::parse("0 0 * * * ?");
  // 10:59:59.999 is before 11:00:00, which therefore still counts.
  auto almost = at("2024-01-01 10:59:59") + std::chrono::milliseconds(999);
  EXPECT_EQ(testing::show(cron.nextAfter(almost, "UTC")), "2024-01-01 11:00:00");
  // A fire time is always a whole second.
  auto justAfter = at("2024-01-01 11:00:00") + std::chrono::milliseconds(1);
  EXPECT_EQ(testing::show(cron.nextAfter(justAfter, "UTC")), "2024-01-01 12:00:00");
}

TEST(CronNext, EverySecondAndCarries) {
  EXPECT_EQ(nextFire("* * * * * ?", "2024-12-31 23:59:59"), "2025-01-01 00:00:00");
  EXPECT_EQ(nextFire("0 0 0 1 1 ?", "2024-12-31 23:59:59"), "2025-01-01 00:00:00");
  EXPECT_EQ(nextFire("0 0 0 1 1 ?", "2025-01-01 00:00:00"), "2026-01-01 00:00:00");
}

TEST(CronNext, SecondsStep) {
  EXPECT_EQ(fireSeries("*/15 * * * * ?", "2024-01-01 10:00:07", 4),
            (Times{"2024-01-01 10:00:15", "2024-01-01 10:00:30", "2024-01-01 10:00:45", "2024-01-01 10:01:00"}));
}

TEST(CronNext, MinuteStepWithinHourRange) {
  EXPECT_EQ(fireSeries("0 0/20 8-9 * * ?", "2024-05-01 07:00:00", 7),
            (Times{"2024-05-01 08:00:00", "2024-05-01 08:20:00", "2024-05-01 08:40:00", "2024-05-01 09:00:00",
                   "2024-05-01 09:20:00", "2024-05-01 09:40:00", "2024-05-02 08:00:00"}));
}

TEST(CronNext, WrappingHourRangeWithStep) {
  EXPECT_EQ(fireSeries("0 0 22-2/2 * * ?", "2024-05-01 12:00:00", 4),
            (Times{"2024-05-01 22:00:00", "2024-05-02 00:00:00", "2024-05-02 02:00:00", "2024-05-02 22:00:00"}));
}

TEST(CronNext, WeekdaysByName) {
  // 2024-01-05 is a Friday.
  EXPECT_EQ(fireSeries("0 15 10 ? * MON-FRI", "2024-01-05 11:00:00", 2),
            (Times{"2024-01-08 10:15:00", "2024-01-09 10:15:00"}));
  EXPECT_EQ(fireSeries("0 0 9 ? * SAT,SUN", "2024-01-01 00:00:00", 3),
            (Times{"2024-01-06 09:00:00", "2024-01-07 09:00:00", "2024-01-13 09:00:00"}));
}

TEST(CronNext, LoneLInDayOfWeekIsEverySaturday) {
  EXPECT_EQ(fireSeries("0 0 0 ? * L", "2024-01-01 00:00:00", 2), (Times{"2024-01-06 00:00:00", "2024-01-13 00:00:00"}));
}

TEST(CronNext, MonthsByName) {
  EXPECT_EQ(fireSeries("0 0 0 1 JAN,JUL ?", "2024-02-01 00:00:00", 3),
            (Times{"2024-07-01 00:00:00", "2025-01-01 00:00:00", "2025-07-01 00:00:00"}));
}

TEST(CronNext, DayListAndRange) {
  EXPECT_EQ(fireSeries("0 0 6 1,15 * ?", "2024-01-10 00:00:00", 3),
            (Times{"2024-01-15 06:00:00", "2024-02-01 06:00:00", "2024-02-15 06:00:00"}));
  EXPECT_EQ(fireSeries("0 0 0 28-2 * ?", "2024-02-27 12:00:00", 5),
            (Times{"2024-02-28 00:00:00", "2024-02-29 00:00:00", "2024-03-01 00:00:00", "2024-03-02 00:00:00",
                   "2024-03-28 00:00:00"}));
}

TEST(CronNext, ThirtyFirstSkipsShortMonths) {
  EXPECT_EQ(fireSeries("0 0 0 31 * ?", "2024-01-01 00:00:00", 7),
            (Times{"2024-01-31 00:00:00", "2024-03-31 00:00:00", "2024-05-31 00:00:00", "2024-07-31 00:00:00",
                   "2024-08-31 00:00:00", "2024-10-31 00:00:00", "2024-12-31 00:00:00"}));
}

TEST(CronNext, LastDayOfMonth) {
  EXPECT_EQ(fireSeries("0 0 0 L * ?", "2023-01-15 00:00:00", 3),
            (Times{"2023-01-31 00:00:00", "2023-02-28 00:00:00", "2023-03-31 00:00:00"}));
  EXPECT_EQ(fireSeries("0 0 0 L * ?", "2024-02-01 00:00:00", 2), (Times{"2024-02-29 00:00:00", "2024-03-31 00:00:00"}));
  EXPECT_EQ(nextFire("0 0 0 L 2 ?", "2100-01-01 00:00:00"), "never");
}

TEST(CronNext, OffsetFromLastDay) {
  EXPECT_EQ(fireSeries("0 0 0 L-3 * ?", "2024-01-01 00:00:00", 3),
            (Times{"2024-01-28 00:00:00", "2024-02-26 00:00:00", "2024-03-28 00:00:00"}));
  // L-30 exists only in 31-day months (day 1).
  EXPECT_EQ(fireSeries("0 0 0 L-30 * ?", "2024-01-02 00:00:00", 2),
            (Times{"2024-03-01 00:00:00", "2024-05-01 00:00:00"}));
}

TEST(CronNext, LastWeekdayOfMonth) {
  // 2024-03-31 is a Sunday, 2024-08-31 a Saturday, 2024-04-30 a Tuesday.
  EXPECT_EQ(fireSeries("0 0 0 LW * ?", "2024-03-01 00:00:00", 2),
            (Times{"2024-03-29 00:00:00", "2024-04-30 00:00:00"}));
  EXPECT_EQ(nextFire("0 0 0 LW * ?", "2024-08-01 00:00:00"), "2024-08-30 00:00:00");
  // L-1W: the weekday nearest to the day before the last; 2024-06-29 is a Saturday.
  EXPECT_EQ(nextFire("0 0 0 L-1W * ?", "2024-06-01 00:00:00"), "2024-06-28 00:00:00");
}

TEST(CronNext, NearestWeekday) {
  // 2024-06-15 is a Saturday (-> Friday 14th); 2024-09-15 a Sunday (-> Monday 16th); 2024-07-15 a Monday.
  EXPECT_EQ(nextFire("0 0 12 15W * ?", "2024-06-01 00:00:00"), "2024-06-14 12:00:00");
  EXPECT_EQ(nextFire("0 0 12 15W * ?", "2024-09-01 00:00:00"), "2024-09-16 12:00:00");
  EXPECT_EQ(nextFire("0 0 12 15W * ?", "2024-07-01 00:00:00"), "2024-07-15 12:00:00");
  // Once the chosen weekday has passed, the next month's is next.
  EXPECT_EQ(nextFire("0 0 12 15W * ?", "2024-06-14 12:00:00"), "2024-07-15 12:00:00");
}

TEST(CronNext, NearestWeekdayNeverLeavesTheMonth) {
  // 2024-06-01 is a Saturday: not Friday May 31st but Monday June 3rd.
  EXPECT_EQ(nextFire("0 0 0 1W * ?", "2024-05-15 00:00:00"), "2024-06-03 00:00:00");
  // 2024-09-01 is a Sunday: Monday September 2nd.
  EXPECT_EQ(nextFire("0 0 0 1W * ?", "2024-08-15 00:00:00"), "2024-09-02 00:00:00");
  // 2024-03-31 is a Sunday: not Monday April 1st but Friday March 29th.
  EXPECT_EQ(nextFire("0 0 0 31W * ?", "2024-03-01 00:00:00"), "2024-03-29 00:00:00");
  // 2024-08-31 is a Saturday: Friday the 30th.
  EXPECT_EQ(nextFire("0 0 0 31W * ?", "2024-08-01 00:00:00"), "2024-08-30 00:00:00");
  // 2024-11-30 is a Saturday, the last day of November: Friday the 29th.
  EXPECT_EQ(nextFire("0 0 0 30W * ?", "2024-11-01 00:00:00"), "2024-11-29 00:00:00");
}

TEST(CronNext, NearestWeekdayToADayTheMonthLacks) {
  // April has no 31st: 31W does not fire in April (nor in June).
  EXPECT_EQ(fireSeries("0 0 0 31W * ?", "2024-04-01 00:00:00", 2),
            (Times{"2024-05-31 00:00:00", "2024-07-31 00:00:00"}));
  // February 2023 has no 29th; 2024's 29th is a Thursday.
  EXPECT_EQ(nextFire("0 0 0 29W 2 ?", "2023-01-01 00:00:00"), "2024-02-29 00:00:00");
}

TEST(CronNext, NthWeekdayOfMonth) {
  // Third Friday.
  EXPECT_EQ(fireSeries("0 0 0 ? * 6#3", "2024-01-01 00:00:00", 3),
            (Times{"2024-01-19 00:00:00", "2024-02-16 00:00:00", "2024-03-15 00:00:00"}));
  // First Sunday, by name.
  EXPECT_EQ(nextFire("0 0 0 ? * SUN#1", "2024-09-02 00:00:00"), "2024-10-06 00:00:00");
}

TEST(CronNext, FifthWeekdaySkipsMonthsWithoutOne) {
  EXPECT_EQ(fireSeries("0 0 0 ? * 2#5", "2024-01-01 00:00:00", 5),
            (Times{"2024-01-29 00:00:00", "2024-04-29 00:00:00", "2024-07-29 00:00:00", "2024-09-30 00:00:00",
                   "2024-12-30 00:00:00"}));
}

TEST(CronNext, LastGivenWeekdayOfMonth) {
  // Last Thursday (5L); February 29th 2024 is a Thursday.
  EXPECT_EQ(fireSeries("0 0 0 ? * 5L", "2024-01-01 00:00:00", 3),
            (Times{"2024-01-25 00:00:00", "2024-02-29 00:00:00", "2024-03-28 00:00:00"}));
  EXPECT_EQ(nextFire("0 15 10 ? * 6L", "2024-05-01 00:00:00"), "2024-05-31 10:15:00");
}

TEST(CronNext, LeapDay) {
  EXPECT_EQ(fireSeries("0 0 0 29 2 ?", "2024-03-01 00:00:00", 3),
            (Times{"2028-02-29 00:00:00", "2032-02-29 00:00:00", "2036-02-29 00:00:00"}));
  EXPECT_EQ(nextFire("0 0 0 29 2 ?", "2024-02-28 23:59:59"), "2024-02-29 00:00:00");
  // 2096 is the last leap year before 2100 (which is not one, and past the year range anyway).
  EXPECT_EQ(nextFire("0 0 0 29 2 ?", "2096-03-01 00:00:00"), "never");
  // 2000 is a leap year (divisible by 400).
  EXPECT_EQ(nextFire("0 0 0 29 2 ? 2000-2099", "2000-01-01 00:00:00"), "2000-02-29 00:00:00");
}

TEST(CronNext, YearField) {
  EXPECT_EQ(fireSeries("0 0 0 1 1 ? 2030/5", "2024-06-01 00:00:00", 3),
            (Times{"2030-01-01 00:00:00", "2035-01-01 00:00:00", "2040-01-01 00:00:00"}));
  EXPECT_EQ(fireSeries("0 0 12 25 12 ? 2025,2027", "2024-06-01 00:00:00", 3),
            (Times{"2025-12-25 12:00:00", "2027-12-25 12:00:00"}));
  EXPECT_EQ(nextFire("0 15 10 ? * 6L 2002-2005", "2005-12-01 00:00:00"), "2005-12-30 10:15:00");
  EXPECT_EQ(nextFire("0 15 10 ? * 6L 2002-2005", "2005-12-30 10:15:00"), "never");
  EXPECT_EQ(nextFire("0 15 10 ? * 6L 2002-2005", "2002-01-01 00:00:00"), "2002-01-25 10:15:00");
}

TEST(CronNext, FromBefore1970) {
  EXPECT_EQ(nextFire("0 0 0 1 1 ?", "1960-06-01 00:00:00"), "1970-01-01 00:00:00");
}

TEST(CronNext, NeverFires) {
  EXPECT_EQ(nextFire("0 0 0 30 2 ?", "2024-01-01 00:00:00"), "never");
  EXPECT_EQ(nextFire("0 0 0 31 4,6,9,11 ?", "2024-01-01 00:00:00"), "never");
  EXPECT_EQ(nextFire("0 0 0 1 1 ? 1971", "2024-01-01 00:00:00"), "never");
  // February 2026 starts on a Sunday and has only four Mondays.
  EXPECT_EQ(nextFire("0 0 0 ? 2 2#5 2026", "2024-01-01 00:00:00"), "never");
  EXPECT_EQ(nextFire("* * * * * ?", "2099-12-31 23:59:59"), "never");
  EXPECT_EQ(nextFire("* * * * * ?", "2099-12-31 23:59:58"), "2099-12-31 23:59:59");
  EXPECT_TRUE(CronExpression::parse("0 0 0 30 2 ?").nextN(at("2024-01-01 00:00:00"), 5, "UTC").empty());
}

TEST(CronNext, NeverFiringIsAnsweredQuickly) {
  // Scanning second by second would take hours per call; field-wise advancing takes microseconds.
  auto start = std::chrono::steady_clock::now();
  for (const char* text : {"0 0 0 30 2 ?", "0 0 0 ? 2 2#5 2026", "* * * 31 4 ?", "0 0 0 L-30 2 ?", "0 0 0 31W 2 ?"}) {
    auto cron = CronExpression::parse(text);
    for (int i = 0; i < 200; ++i) ASSERT_FALSE(cron.nextAfter(at("1970-01-01 00:00:00"), "UTC").has_value()) << text;
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(CronNext, NextNStopsAtUntilInclusive) {
  auto cron = CronExpression::parse("0 0 * * * ?");
  auto times = cron.nextN(at("2024-01-01 00:00:00"), 10, "UTC", at("2024-01-01 03:00:00"));
  ASSERT_EQ(times.size(), 3u);
  EXPECT_EQ(times.back(), at("2024-01-01 03:00:00"));
  EXPECT_TRUE(cron.nextN(at("2024-01-01 00:00:00"), 0, "UTC").empty());
  EXPECT_EQ(cron.nextN(at("2024-01-01 00:00:00"), 4, "UTC").size(), 4u);
}

TEST(CronNext, UnknownZoneIsAnError) {
  auto cron = CronExpression::parse("0 0 * * * ?");
  EXPECT_THROW(cron.nextAfter(at("2024-01-01 00:00:00"), "Mars/Olympus_Mons"), std::invalid_argument);
  EXPECT_THROW(cron.nextN(at("2024-01-01 00:00:00"), 3, "Not/AZone"), std::invalid_argument);
}

TEST(CronNext, EmptyZoneMeansServerDefault) {
  std::string saved = util::defaultTimeZone();
  util::setDefaultTimeZone("Asia/Shanghai");
  auto cron = CronExpression::parse("0 0 0 * * ?");
  auto next = cron.nextAfter(at("2024-01-01 00:00:00", "UTC"), "");
  util::setDefaultTimeZone(saved);
  EXPECT_EQ(testing::show(next, "UTC"), "2024-01-01 16:00:00");
}

}  // namespace
}  // namespace porpoise::cron
