#include "params/time_expression.h"

#include <gtest/gtest.h>

#include "params/param_error.h"

namespace porpoise::params {
namespace {

TimeBase at(const std::string& local, const std::string& zone = "Asia/Shanghai") {
  auto instant = util::parseDateTime(local, zone);
  EXPECT_TRUE(instant.has_value()) << local;
  return TimeBase{instant.value_or(util::TimePoint{}), zone};
}

std::string eval(const std::string& expression, const std::string& local, const std::string& zone = "Asia/Shanghai") {
  return evaluateTimeExpression(expression, at(local, zone));
}

const char* kFriday = "2024-03-15 10:20:30";

TEST(TimeExpression, PlainPatternsFormatTheBaseTime) {
  EXPECT_EQ(eval("yyyyMMdd", kFriday), "20240315");
  EXPECT_EQ(eval("yyyy-MM-dd", kFriday), "2024-03-15");
  EXPECT_EQ(eval("HHmmss", kFriday), "102030");
  EXPECT_EQ(eval("yyyyMMddHHmmss", kFriday), "20240315102030");
  EXPECT_EQ(eval("yyyy-MM-dd HH:mm:ss", kFriday), "2024-03-15 10:20:30");
  EXPECT_EQ(eval("yyyy", kFriday), "2024");
  EXPECT_EQ(eval("MM", kFriday), "03");
}

TEST(TimeExpression, DayOffsets) {
  EXPECT_EQ(eval("yyyyMMdd-1", kFriday), "20240314");
  EXPECT_EQ(eval("yyyyMMdd+1", kFriday), "20240316");
  EXPECT_EQ(eval("yyyyMMdd+7", kFriday), "20240322");
  EXPECT_EQ(eval("yyyyMMdd-7*2", kFriday), "20240301");
  EXPECT_EQ(eval("yyyy-MM-dd-1", kFriday), "2024-03-14");
  EXPECT_EQ(eval("yyyy-MM-dd+1", kFriday), "2024-03-16");
  EXPECT_EQ(eval("yyyy-MM-dd HH:mm:ss-1", kFriday), "2024-03-14 10:20:30");
  EXPECT_EQ(eval("yyyyMMdd+0", kFriday), "20240315");
}

TEST(TimeExpression, DayOffsetsAcrossMonthAndLeapYearEnds) {
  EXPECT_EQ(eval("yyyyMMdd-1", "2024-03-01 00:00:00"), "20240229");
  EXPECT_EQ(eval("yyyyMMdd-1", "2023-03-01 00:00:00"), "20230228");
  EXPECT_EQ(eval("yyyyMMdd+1", "2024-02-28 12:00:00"), "20240229");
  EXPECT_EQ(eval("yyyyMMdd+1", "2023-02-28 12:00:00"), "20230301");
  EXPECT_EQ(eval("yyyyMMdd+1", "2024-04-30 12:00:00"), "20240501");
  EXPECT_EQ(eval("yyyyMMdd-1", "2000-03-01 00:00:00"), "20000229");  // divisible by 400: leap
  EXPECT_EQ(eval("yyyyMMdd-1", "1900-03-01 00:00:00"), "19000228");  // divisible by 100 only: not leap
}

TEST(TimeExpression, NegativeOffsetsAcrossYearBoundaries) {
  EXPECT_EQ(eval("yyyyMMdd-1", "2024-01-01 00:00:00"), "20231231");
  EXPECT_EQ(eval("yyyy-MM-dd-365", "2024-01-01 08:00:00"), "2023-01-01");
  EXPECT_EQ(eval("yyyy-MM-dd-366", "2024-01-01 08:00:00"), "2022-12-31");
  EXPECT_EQ(eval("yyyyMMdd+1", "2023-12-31 23:59:59"), "20240101");
  EXPECT_EQ(eval("yyyyMMddHHmmss-1/24", "2024-01-01 00:30:00"), "20231231233000");
}

TEST(TimeExpression, HourAndMinuteOffsets) {
  const char* base = "2024-01-01 00:30:00";
  EXPECT_EQ(eval("HHmmss-1/24", base), "233000");
  EXPECT_EQ(eval("HHmmss+1/24", base), "013000");
  EXPECT_EQ(eval("yyyyMMddHHmmss+3/24", base), "20240101033000");
  EXPECT_EQ(eval("yyyyMMddHHmmss-1/24/60", base), "20240101002900");
  EXPECT_EQ(eval("yyyyMMddHHmmss+1/24/60", base), "20240101003100");
  EXPECT_EQ(eval("yyyyMMddHHmmss-1/24/2", base), "20240101000000");
  EXPECT_EQ(eval("yyyyMMddHHmmss-30/24/60", base), "20240101000000");
  // As in DolphinScheduler only the part before the first '/' is put in parentheses and multiplied
  // by 1440: 1440*(2*3)/24 = 360 minutes, not 1440*(2*3/24) = 0.
  EXPECT_EQ(eval("yyyyMMddHHmmss-2*3/24", base), "20231231183000");
}

TEST(TimeExpression, OffsetSplitFollowsDolphinSchedulerRules) {
  // '+' is looked at first; a '+' not followed by a digit means "no offset" even if a '-' offset follows.
  EXPECT_EQ(eval("yyyy-MM-dd", kFriday), "2024-03-15");
  EXPECT_EQ(eval("yyyyMMdd-1+2", kFriday), "20240317-1");
  EXPECT_EQ(eval("yyyyMMdd-1-1", kFriday), "20240314-1");
  // The sign must be followed by a digit, so a parenthesised offset is literal text.
  EXPECT_EQ(eval("yyyyMMdd-(1*3)", kFriday), "20240315-(1*3)");
  // A '+' inside parentheses is still the split point, which leaves an unbalanced offset.
  EXPECT_THROW(eval("yyyyMMdd-3*(1+0)", kFriday), ParamError);
}

TEST(TimeExpression, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(eval("add_months(yyyyMMdd,1)", "2024-01-31 00:00:00"), "20240229");
  EXPECT_EQ(eval("add_months(yyyyMMdd,1)", "2023-01-31 00:00:00"), "20230228");
  EXPECT_EQ(eval("add_months(yyyyMMdd,-1)", "2024-03-31 00:00:00"), "20240229");
  EXPECT_EQ(eval("add_months(yyyyMMdd,-1)", kFriday), "20240215");
  EXPECT_EQ(eval("add_months(yyyyMMdd,-12)", "2024-02-29 00:00:00"), "20230228");
  EXPECT_EQ(eval("add_months(yyyy-MM,-3)", "2024-01-15 00:00:00"), "2023-10");
  EXPECT_EQ(eval("add_months(yyyyMMdd,12*2)", kFriday), "20260315");
  EXPECT_EQ(eval("add_months(yyyyMMdd, -1)", kFriday), "20240215");
  EXPECT_EQ(eval("add_months(yyyy-MM-dd HH:mm:ss,1)", kFriday), "2024-04-15 10:20:30");
}

TEST(TimeExpression, MonthBeginAndEnd) {
  EXPECT_EQ(eval("month_begin(yyyyMMdd,0)", kFriday), "20240301");
  EXPECT_EQ(eval("month_begin(yyyyMMdd,-1)", kFriday), "20240229");
  EXPECT_EQ(eval("month_begin(yyyyMMdd,5)", kFriday), "20240306");
  EXPECT_EQ(eval("month_end(yyyyMMdd,0)", "2024-02-10 00:00:00"), "20240229");
  EXPECT_EQ(eval("month_end(yyyyMMdd,0)", "2023-02-10 00:00:00"), "20230228");
  EXPECT_EQ(eval("month_end(yyyyMMdd,1)", "2024-12-05 00:00:00"), "20250101");
  EXPECT_EQ(eval("month_end(yyyy-MM-dd HH:mm,0)", kFriday), "2024-03-31 10:20");
}

TEST(TimeExpression, WeeksStartOnMonday) {
  // 2024-03-15 is a Friday; 2024-03-11 the Monday and 2024-03-17 the Sunday of its week.
  EXPECT_EQ(eval("week_begin(yyyyMMdd,0)", kFriday), "20240311");
  EXPECT_EQ(eval("week_end(yyyyMMdd,0)", kFriday), "20240317");
  EXPECT_EQ(eval("week_begin(yyyyMMdd,0)", "2024-03-17 09:00:00"), "20240311");  // Sunday ends the week
  EXPECT_EQ(eval("week_end(yyyyMMdd,0)", "2024-03-17 09:00:00"), "20240317");
  EXPECT_EQ(eval("week_begin(yyyyMMdd,0)", "2024-03-11 09:00:00"), "20240311");
  EXPECT_EQ(eval("week_end(yyyyMMdd,0)", "2024-03-11 09:00:00"), "20240317");
  EXPECT_EQ(eval("week_begin(yyyyMMdd,-7)", kFriday), "20240304");
  EXPECT_EQ(eval("week_end(yyyyMMdd,1)", kFriday), "20240318");
}

TEST(TimeExpression, WeekAcrossYearBoundary) {
  EXPECT_EQ(eval("week_begin(yyyyMMdd,0)", "2025-01-01 00:00:00"), "20241230");
  EXPECT_EQ(eval("week_end(yyyyMMdd,0)", "2025-01-01 00:00:00"), "20250105");
  EXPECT_EQ(eval("week_first_day(yyyy-MM-dd,-1)", "2025-01-01 00:00:00"), "2024-12-23");
  EXPECT_EQ(eval("week_last_day(yyyy-MM-dd,-1)", "2025-01-01 00:00:00"), "2024-12-29");
}

TEST(TimeExpression, WeekFirstAndLastDay) {
  EXPECT_EQ(eval("week_first_day(yyyyMMdd)", kFriday), "20240311");
  EXPECT_EQ(eval("week_first_day(yyyyMMdd,0)", kFriday), "20240311");
  EXPECT_EQ(eval("week_first_day(yyyyMMdd,-1)", kFriday), "20240304");
  EXPECT_EQ(eval("week_last_day(yyyyMMdd)", kFriday), "20240317");
  EXPECT_EQ(eval("week_last_day(yyyyMMdd,1)", kFriday), "20240324");
}

TEST(TimeExpression, MonthFirstAndLastDay) {
  EXPECT_EQ(eval("month_first_day(yyyyMMdd)", kFriday), "20240301");
  EXPECT_EQ(eval("month_first_day(yyyyMMdd,-1)", kFriday), "20240201");
  EXPECT_EQ(eval("month_first_day(yyyyMMdd,-3)", kFriday), "20231201");
  EXPECT_EQ(eval("month_last_day(yyyyMMdd)", "2024-02-10 00:00:00"), "20240229");
  EXPECT_EQ(eval("month_last_day(yyyyMMdd,-1)", "2024-03-31 00:00:00"), "20240229");
  EXPECT_EQ(eval("month_last_day(yyyyMMdd,-2)", "2024-01-15 00:00:00"), "20231130");
  EXPECT_EQ(eval("month_last_day(yyyyMMdd,1)", "2023-01-31 00:00:00"), "20230228");
}

TEST(TimeExpression, ThisDayAndLastDay) {
  EXPECT_EQ(eval("this_day(yyyy-MM-dd)", kFriday), "2024-03-15");
  EXPECT_EQ(eval("last_day(yyyy-MM-dd)", kFriday), "2024-03-14");
  EXPECT_EQ(eval("last_day(yyyyMMdd)", "2024-01-01 00:00:00"), "20231231");
  EXPECT_EQ(eval("last_day(yyyyMMdd)", "2024-03-01 00:00:00"), "20240229");
}

TEST(TimeExpression, TimestampGivesEpochSeconds) {
  EXPECT_EQ(eval("timestamp(yyyyMMddHHmmss)", kFriday), "1710469230");
  EXPECT_EQ(eval("timestamp(yyyyMMdd000000)", kFriday), "1710432000");
  EXPECT_EQ(eval("timestamp(yyyyMMdd00mmss)", "2024-03-15 00:20:30"), "1710433230");
  EXPECT_EQ(eval("timestamp(add_months(yyyyMMddHHmmss,-1))", kFriday), "1707963630");
  EXPECT_EQ(eval("timestamp(yyyyMMddHHmmss-1)", kFriday), std::to_string(1710469230 - 86400));
  // Same wall time, other zone: other instant.
  EXPECT_EQ(eval("timestamp(yyyyMMddHHmmss)", kFriday, "UTC"), std::to_string(1710469230 + 8 * 3600));
}

TEST(TimeExpression, TimestampAroundDaylightSavingChanges) {
  // 2024-03-10 02:30 does not exist in New York: read with the pre-change offset (= 03:30 EDT).
  EXPECT_EQ(eval("timestamp(yyyyMMdd023000)", "2024-03-10 00:00:00", "America/New_York"), "1710055800");
  // 2024-11-03 01:30 happens twice: the earlier instant (EDT) is used.
  EXPECT_EQ(eval("timestamp(yyyyMMdd013000)", "2024-11-03 00:00:00", "America/New_York"), "1730611800");
}

TEST(TimeExpression, TimestampRejectsOtherShapes) {
  EXPECT_THROW(eval("timestamp(yyyyMMdd)", kFriday), ParamError);
  EXPECT_THROW(eval("timestamp(yyyy-MM-dd HH:mm:ss)", kFriday), ParamError);
  EXPECT_THROW(eval("timestamp(yyyyMMdd990000)", kFriday), ParamError);
  EXPECT_THROW(eval("timestamp()", kFriday), ParamError);
  EXPECT_THROW(eval("timestamp(timestamp(yyyyMMddHHmmss))", kFriday), ParamError);
}

TEST(TimeExpression, YearWeek) {
  EXPECT_EQ(eval("year_week(yyyyMMdd)", kFriday), "202411");
  EXPECT_EQ(eval("year_week(yyyy-MM-dd)", kFriday), "2024-11");
  EXPECT_EQ(eval("year_week(yyyyMMdd)", "2024-01-03 00:00:00"), "202401");
  // Weeks starting on Sunday (7): 2024-03-17 opens week 12.
  EXPECT_EQ(eval("year_week(yyyyMMdd,7)", "2024-03-17 09:00:00"), "202412");
  EXPECT_EQ(eval("year_week(yyyyMMdd)", "2024-03-17 09:00:00"), "202411");
  EXPECT_EQ(eval("year_week(yyyyMMdd,1)", "2024-03-17 09:00:00"), "202411");
  // The week-based year is printed (DolphinScheduler would print 202401 and 202753 here).
  EXPECT_EQ(eval("year_week(yyyyMMdd)", "2024-12-30 00:00:00"), "202501");
  EXPECT_EQ(eval("year_week(yyyy-MM-dd)", "2027-01-01 00:00:00"), "2026-53");
}

TEST(TimeExpression, EvaluatedInTheGivenZone) {
  // 2024-03-14 20:00 UTC is already 15 March in Shanghai.
  TimeBase utc = at("2024-03-14 20:00:00", "UTC");
  TimeBase shanghai{utc.instant, "Asia/Shanghai"};
  EXPECT_EQ(evaluateTimeExpression("yyyyMMdd", utc), "20240314");
  EXPECT_EQ(evaluateTimeExpression("yyyyMMdd", shanghai), "20240315");
  EXPECT_EQ(evaluateTimeExpression("yyyyMMdd-1", shanghai), "20240314");
  EXPECT_EQ(evaluateTimeExpression("HH", shanghai), "04");
}

TEST(TimeExpression, DayOffsetsKeepWallTimeAcrossDaylightSaving) {
  // New York moved to EDT on 2024-03-10. One day before Monday 00:00 EDT is Sunday 00:00 EST,
  // not Saturday 23:00 as 24 hours back would give.
  const char* mondayMidnight = "2024-03-11 00:00:00";
  EXPECT_EQ(eval("yyyyMMdd-1", mondayMidnight, "America/New_York"), "20240310");
  EXPECT_EQ(eval("yyyyMMddHHmmss-1", mondayMidnight, "America/New_York"), "20240310000000");
  EXPECT_EQ(eval("yyyyMMddHHmmss Z-2", mondayMidnight, "America/New_York"), "20240309000000 -0500");
  EXPECT_EQ(eval("yyyyMMddHHmmss Z", mondayMidnight, "America/New_York"), "20240311000000 -0400");
}

TEST(TimeExpression, MalformedExpressionsThrowWithTheExpressionInTheMessage) {
  for (const char* bad :
       {"yyyyMMdd-x", "iiii", "add_months(yyyyMMdd)", "add_months(yyyyMMdd,1", "add_months(yyyyMMdd,)",
        "add_months(yyyyMMdd,1,2)", "month_begin(yyyyMMdd)", "week_end(yyyyMMdd)", "this_day(yyyyMMdd,1)",
        "last_day()", "week_first_day(yyyyMMdd,1,2)", "year_week(yyyyMMdd,1,2)", "yyyyMMdd+1/0",
        "yyyyMMdd+99999999", "add_months(yyyyMMdd,999999999)", "'open quote", "month_end(yyyyMMdd,a)"}) {
    try {
      eval(bad, kFriday);
      ADD_FAILURE() << "no error for " << bad;
    } catch (const ParamError& e) {
      EXPECT_NE(std::string(e.what()).find(std::string("$[") + bad + "]"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(evaluateTimeExpression("", at(kFriday)), ParamError);
}

TEST(TimeExpression, ResultsOutsideYearRangeAreRejected) {
  EXPECT_THROW(eval("yyyyMMdd+3000000", kFriday), ParamError);
  EXPECT_THROW(eval("add_months(yyyyMMdd,-12*2024)", kFriday), ParamError);
  EXPECT_EQ(eval("add_months(yyyyMMdd,-12*2023)", kFriday), "00010315");
}

TEST(TimeExpression, UnknownZoneIsAnError) {
  TimeBase bad{at(kFriday).instant, "Mars/Olympus"};
  EXPECT_THROW(evaluateTimeExpression("yyyyMMdd", bad), ParamError);
}

TEST(ReplaceTimeExpressions, ReplacesEveryExpression) {
  TimeBase base = at(kFriday);
  EXPECT_EQ(replaceTimeExpressions("echo $[yyyyMMdd] $[yyyyMMdd-1] done", base), "echo 20240315 20240314 done");
  EXPECT_EQ(replaceTimeExpressions("dt=$[yyyy-MM-dd];hour=$[HH]", base), "dt=2024-03-15;hour=10");
  EXPECT_EQ(replaceTimeExpressions("no expressions here", base), "no expressions here");
  EXPECT_EQ(replaceTimeExpressions("", base), "");
  EXPECT_EQ(replaceTimeExpressions("$[yyyyMMdd]]", base), "20240315]");
  EXPECT_EQ(replaceTimeExpressions("[$[MM]]", base), "[03]");
}

TEST(ReplaceTimeExpressions, NonExpressionsAreLeftAlone) {
  TimeBase base = at(kFriday);
  EXPECT_EQ(replaceTimeExpressions("echo $[1]", base), "echo $[1]");  // one digit: untouched
  EXPECT_EQ(replaceTimeExpressions("a $[yyyy", base), "a $[yyyy");    // no closing bracket
  EXPECT_EQ(replaceTimeExpressions("$[]", base), "$[]");
  EXPECT_EQ(replaceTimeExpressions("$[$x+1]", base), "$[$x+1]");  // contains '$'
  EXPECT_EQ(replaceTimeExpressions("$[a$[yyyy]", base), "$[a2024");
  EXPECT_EQ(replaceTimeExpressions("${arr[0]} $HOME", base), "${arr[0]} $HOME");
}

TEST(ReplaceTimeExpressions, BadExpressionThrowsOrIsKept) {
  TimeBase base = at(kFriday);
  EXPECT_THROW(replaceTimeExpressions("x=$[i*2] y=$[yyyy]", base), ParamError);
  EXPECT_EQ(replaceTimeExpressions("x=$[i*2] y=$[yyyy]", base, OnBadTimeExpression::kKeep), "x=$[i*2] y=2024");
}

}  // namespace
}  // namespace porpoise::params
