// Fire times in IANA zones: a zone without DST, and DST gaps and repeats.
// Expected instants are written in UTC so that they do not depend on the code under test.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cron/cron_expression.h"
#include "cron_test_support.h"

namespace porpoise::cron {
namespace {

using testing::at;
using testing::fireSeries;
using testing::fireSeriesUtc;
using Times = std::vector<std::string>;

const std::string kNewYork = "America/New_York";  // 2024: EST->EDT 03-10 07:00Z, EDT->EST 11-03 06:00Z
const std::string kBerlin = "Europe/Berlin";      // 2024: CET->CEST 03-31 01:00Z, CEST->CET 10-27 01:00Z
const std::string kShanghai = "Asia/Shanghai";    // UTC+8 all year

TEST(CronZone, ShanghaiMidnightIsSixteenHundredUtc) {
  EXPECT_EQ(fireSeriesUtc("0 0 0 * * ?", "2024-01-01 00:00:00", 2, kShanghai),
            (Times{"2024-01-01 16:00:00", "2024-01-02 16:00:00"}));
}

TEST(CronZone, WeekdayIsTheLocalWeekday) {
  // 2024-01-07 23:30Z is Monday 07:30 in Shanghai but still Sunday in UTC.
  EXPECT_EQ(fireSeriesUtc("0 0 8 ? * MON", "2024-01-07 23:30:00", 1, kShanghai), Times{"2024-01-08 00:00:00"});
  EXPECT_EQ(fireSeriesUtc("0 0 8 ? * MON", "2024-01-07 23:30:00", 1, "UTC"), Times{"2024-01-08 08:00:00"});
}

TEST(CronZone, LastDayIsTheLocalLastDay) {
  // 2024-01-30 16:00Z is already January 31st 00:00 in Shanghai, so the next L is February 29th.
  EXPECT_EQ(fireSeriesUtc("0 0 0 L * ?", "2024-01-30 16:00:00", 1, kShanghai), Times{"2024-02-28 16:00:00"});
}

TEST(CronZone, RenderedLocallyTheScheduleKeepsItsWallClockTime) {
  EXPECT_EQ(fireSeries("0 0 12 * * ?", "2024-03-30 00:00:00", 3, kBerlin),
            (Times{"2024-03-30 12:00:00", "2024-03-31 12:00:00", "2024-04-01 12:00:00"}));
  EXPECT_EQ(fireSeriesUtc("0 0 12 * * ?", "2024-03-30 00:00:00", 2, kBerlin),
            (Times{"2024-03-30 11:00:00", "2024-03-31 10:00:00"}));
}

TEST(CronZone, SpringForwardTimeInGapFiresShiftedByTheGap) {
  // New York 2024-03-10: 02:30 does not exist; it fires at 03:30 EDT (07:30Z).
  EXPECT_EQ(fireSeriesUtc("0 30 2 * * ?", "2024-03-08 12:00:00", 3, kNewYork),
            (Times{"2024-03-09 07:30:00", "2024-03-10 07:30:00", "2024-03-11 06:30:00"}));
  EXPECT_EQ(fireSeries("0 30 2 * * ?", "2024-03-09 12:00:00", 2, kNewYork),
            (Times{"2024-03-10 03:30:00", "2024-03-11 02:30:00"}));
  // Berlin 2024-03-31: 02:30 fires at 03:30 CEST (01:30Z).
  EXPECT_EQ(fireSeriesUtc("0 30 2 * * ?", "2024-03-30 12:00:00", 2, kBerlin),
            (Times{"2024-03-31 01:30:00", "2024-04-01 00:30:00"}));
}

TEST(CronZone, SpringForwardShiftedTimeStillAheadAfterTheGap) {
  // Asked at 03:05 EDT, today's 02:30 (-> 03:30 EDT) has not fired yet.
  EXPECT_EQ(fireSeriesUtc("0 30 2 * * ?", "2024-03-10 07:05:00", 2, kNewYork),
            (Times{"2024-03-10 07:30:00", "2024-03-11 06:30:00"}));
}

TEST(CronZone, SpringForwardHourly) {
  // 01:00 EST, then 02:00 (does not exist) and 03:00 EDT are the same instant and fire once.
  EXPECT_EQ(fireSeriesUtc("0 0 * * * ?", "2024-03-10 05:30:00", 3, kNewYork),
            (Times{"2024-03-10 06:00:00", "2024-03-10 07:00:00", "2024-03-10 08:00:00"}));
  EXPECT_EQ(fireSeries("0 0 * * * ?", "2024-03-10 00:30:00", 3, kNewYork),
            (Times{"2024-03-10 01:00:00", "2024-03-10 03:00:00", "2024-03-10 04:00:00"}));
}

TEST(CronZone, SpringForwardHalfHourly) {
  EXPECT_EQ(fireSeriesUtc("0 */30 * * * ?", "2024-03-10 06:10:00", 4, kNewYork),
            (Times{"2024-03-10 06:30:00", "2024-03-10 07:00:00", "2024-03-10 07:30:00", "2024-03-10 08:00:00"}));
}

TEST(CronZone, SpringForwardEverySecondIsContinuous) {
  EXPECT_EQ(fireSeriesUtc("* * * * * ?", "2024-03-10 06:59:58", 3, kNewYork),
            (Times{"2024-03-10 06:59:59", "2024-03-10 07:00:00", "2024-03-10 07:00:01"}));
}

TEST(CronZone, SpringForwardAtMidnight) {
  // Santiago 2024-09-08: local midnight does not exist (00:00 -04 -> 01:00 -03, at 04:00Z).
  EXPECT_EQ(fireSeriesUtc("0 0 0 * * ?", "2024-09-07 12:00:00", 2, "America/Santiago"),
            (Times{"2024-09-08 04:00:00", "2024-09-09 03:00:00"}));
}

TEST(CronZone, HalfHourGapKeepsRealTimesInOrder) {
  // Lord Howe 2024-10-06: 02:00 +10:30 -> 02:30 +11 (15:30Z). 02:35 exists (15:35Z); 02:10 does not and
  // is shifted to 02:40 (15:40Z). Both fire, in time order.
  EXPECT_EQ(fireSeriesUtc("0 10,35 2 * * ?", "2024-10-05 14:00:00", 3, "Australia/Lord_Howe"),
            (Times{"2024-10-05 15:35:00", "2024-10-05 15:40:00", "2024-10-06 15:10:00"}));
}

TEST(CronZone, FallBackRepeatedTimeFiresOnceAtFirstOccurrence) {
  // New York 2024-11-03: 01:30 happens at 05:30Z (EDT) and 06:30Z (EST); only the first fires.
  EXPECT_EQ(fireSeriesUtc("0 30 1 * * ?", "2024-11-02 12:00:00", 3, kNewYork),
            (Times{"2024-11-03 05:30:00", "2024-11-04 06:30:00", "2024-11-05 06:30:00"}));
  // Berlin 2024-10-27: 02:30 happens at 00:30Z (CEST) and 01:30Z (CET).
  EXPECT_EQ(fireSeriesUtc("0 30 2 * * ?", "2024-10-26 12:00:00", 2, kBerlin),
            (Times{"2024-10-27 00:30:00", "2024-10-28 01:30:00"}));
}

TEST(CronZone, FallBackHourlySkipsTheRepeatedHour) {
  EXPECT_EQ(fireSeriesUtc("0 0 * * * ?", "2024-11-03 04:30:00", 3, kNewYork),
            (Times{"2024-11-03 05:00:00", "2024-11-03 07:00:00", "2024-11-03 08:00:00"}));
}

TEST(CronZone, FallBackAskedDuringTheSecondOccurrence) {
  // 06:10Z is 01:10 EST, the second 01:10; 01:15 .. 01:45 already fired (EDT); next is 02:00 EST.
  EXPECT_EQ(fireSeriesUtc("0 */15 * * * ?", "2024-11-03 06:10:00", 2, kNewYork),
            (Times{"2024-11-03 07:00:00", "2024-11-03 07:15:00"}));
  // Asked during the first occurrence, the rest of the first hour still fires.
  EXPECT_EQ(fireSeriesUtc("0 */15 * * * ?", "2024-11-03 05:40:00", 2, kNewYork),
            (Times{"2024-11-03 05:45:00", "2024-11-03 07:00:00"}));
  EXPECT_EQ(fireSeriesUtc("0 15 1 * * ?", "2024-11-03 05:20:00", 1, kNewYork), Times{"2024-11-04 06:15:00"});
}

TEST(CronZone, FallBackEverySecond) {
  EXPECT_EQ(fireSeriesUtc("* * * * * ?", "2024-11-03 05:59:58", 3, kNewYork),
            (Times{"2024-11-03 05:59:59", "2024-11-03 07:00:00", "2024-11-03 07:00:01"}));
}

TEST(CronZone, SeriesIsStrictlyIncreasingAcrossAYearOfTransitions) {
  const std::string zones[] = {kNewYork, kBerlin, "Australia/Lord_Howe", "America/Santiago"};
  for (const std::string& zone : zones) {
    auto cron = CronExpression::parse("0 */20 * * * ?");
    auto times = cron.nextN(at("2024-01-01 00:00:00"), 3 * 24 * 366, zone);
    ASSERT_EQ(times.size(), 3u * 24 * 366) << zone;
    for (size_t i = 1; i < times.size(); ++i) {
      ASSERT_LT(times[i - 1], times[i]) << zone << " at " << util::formatDateTime(times[i], "UTC");
    }
  }
}

}  // namespace
}  // namespace porpoise::cron
