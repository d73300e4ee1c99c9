// Calendar-level checks of the day rules, including month-length and weekday helpers.
#include <gtest/gtest.h>

#include "cron/day_rule.h"

namespace porpoise::cron {
namespace {

TEST(DayRule, MonthLengths) {
  EXPECT_EQ(daysInMonth(2024, 2), 29);
  EXPECT_EQ(daysInMonth(2023, 2), 28);
  EXPECT_EQ(daysInMonth(2000, 2), 29);
  EXPECT_EQ(daysInMonth(2100, 2), 28);
  EXPECT_EQ(daysInMonth(2024, 4), 30);
  EXPECT_EQ(daysInMonth(2024, 12), 31);
}

TEST(DayRule, QuartzWeekdayNumbering) {
  EXPECT_EQ(quartzWeekday(2024, 1, 7), 1);  // Sunday
  EXPECT_EQ(quartzWeekday(2024, 1, 8), 2);  // Monday
  EXPECT_EQ(quartzWeekday(2024, 1, 6), 7);  // Saturday
}

TEST(DayRule, DaysOfMonthBeyondMonthEndNeverMatch) {
  DaySpec spec;
  spec.rule = DayRule::kDaysOfMonth;
  spec.daysOfMonth.add(30);
  spec.daysOfMonth.add(31);
  EXPECT_EQ(firstMatchingDay(spec, 2024, 2, 1), std::nullopt);
  EXPECT_EQ(firstMatchingDay(spec, 2024, 4, 1), std::optional<int>(30));
  EXPECT_EQ(firstMatchingDay(spec, 2024, 4, 31), std::nullopt);
}

TEST(DayRule, FromDayIsRespected) {
  DaySpec spec;
  spec.rule = DayRule::kNthWeekdayOfMonth;
  spec.day = 6;  // Friday
  spec.nth = 3;  // 2024-01-19
  EXPECT_EQ(firstMatchingDay(spec, 2024, 1, 19), std::optional<int>(19));
  EXPECT_EQ(firstMatchingDay(spec, 2024, 1, 20), std::nullopt);
  EXPECT_EQ(firstMatchingDay(spec, 2024, 1, 40), std::nullopt);
}

TEST(DayRule, LastDayWithOffsetBeyondMonthStartNeverMatches) {
  DaySpec spec;
  spec.rule = DayRule::kLastDayOfMonth;
  spec.offset = 29;
  EXPECT_EQ(firstMatchingDay(spec, 2023, 2, 1), std::nullopt);       // 28 - 29 < 1
  EXPECT_EQ(firstMatchingDay(spec, 2024, 2, 1), std::nullopt);       // 29 - 29 = 0
  EXPECT_EQ(firstMatchingDay(spec, 2024, 3, 1), std::optional<int>(2));  // 31 - 29
}

TEST(DayRule, DaysOfWeekScan) {
  DaySpec spec;
  spec.rule = DayRule::kDaysOfWeek;
  spec.daysOfWeek.add(4);  // Wednesday
  EXPECT_EQ(firstMatchingDay(spec, 2024, 1, 1), std::optional<int>(3));
  EXPECT_EQ(firstMatchingDay(spec, 2024, 1, 4), std::optional<int>(10));
  EXPECT_EQ(firstMatchingDay(spec, 2024, 1, 32), std::nullopt);
  EXPECT_EQ(firstMatchingDay(spec, 2024, 1, 31), std::optional<int>(31));
}

}  // namespace
}  // namespace porpoise::cron
