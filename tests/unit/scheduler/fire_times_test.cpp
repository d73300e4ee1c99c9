#include "scheduler/fire_times.h"

#include <gtest/gtest.h>

#include "cron/cron_error.h"
#include "scheduler/missed_fire_policy.h"
#include "scheduler_test_support.h"

using namespace porpoise;
using namespace porpoise::scheduler;
using scheduler::testing::fmt;
using scheduler::testing::utc;

namespace {

model::Schedule schedule(const std::string& crontab, const std::string& start, const std::string& end,
                         const std::string& zone = "UTC") {
  model::Schedule s;
  s.crontab = crontab;
  s.startTime = utc(start);
  s.endTime = utc(end);
  s.timezoneId = zone;
  return s;
}

std::vector<std::string> fmtAll(const std::vector<util::TimePoint>& times) {
  std::vector<std::string> out;
  for (auto t : times) out.push_back(fmt(t));
  return out;
}

}  // namespace

TEST(ScheduleFireTimes, FirstAfterHonoursInclusiveStartAndEnd) {
  ScheduleFireTimes hourly(schedule("0 0 * * * ? *", "2024-01-01 01:00:00", "2024-01-01 03:00:00"));
  EXPECT_EQ(fmt(*hourly.firstAfter(utc("2023-12-31 10:00:00"))), "2024-01-01 01:00:00");  // the start itself fires
  EXPECT_EQ(fmt(*hourly.firstAfter(utc("2024-01-01 01:00:00"))), "2024-01-01 02:00:00");  // strictly after
  EXPECT_EQ(fmt(*hourly.firstAfter(utc("2024-01-01 02:00:00"))), "2024-01-01 03:00:00");  // the end itself fires
  EXPECT_FALSE(hourly.firstAfter(utc("2024-01-01 03:00:00")));
}

TEST(ScheduleFireTimes, LastInFindsTheLatestFireTimeInTheWindow) {
  ScheduleFireTimes hourly(schedule("0 0 * * * ? *", "2020-01-01 00:00:00", "2030-01-01 00:00:00"));
  EXPECT_EQ(fmt(*hourly.lastIn(utc("2024-01-01 00:00:00"), utc("2024-01-01 10:30:00"))), "2024-01-01 10:00:00");
  EXPECT_EQ(fmt(*hourly.lastIn(utc("2024-01-01 00:00:00"), utc("2024-01-01 10:00:00"))), "2024-01-01 10:00:00");
  // Lower bound is exclusive.
  EXPECT_FALSE(hourly.lastIn(utc("2024-01-01 10:00:00"), utc("2024-01-01 10:59:59")));
  EXPECT_FALSE(hourly.lastIn(utc("2024-01-01 10:00:00"), utc("2024-01-01 09:00:00")));
}

TEST(ScheduleFireTimes, LastInIsClippedByTheScheduleBounds) {
  ScheduleFireTimes bounded(schedule("0 0 * * * ? *", "2024-01-01 05:00:00", "2024-01-01 08:00:00"));
  EXPECT_EQ(fmt(*bounded.lastIn(utc("2024-01-01 00:00:00"), utc("2024-01-02 00:00:00"))), "2024-01-01 08:00:00");
  EXPECT_EQ(fmt(*bounded.lastIn(utc("2024-01-01 00:00:00"), utc("2024-01-01 05:00:00"))), "2024-01-01 05:00:00");
  EXPECT_FALSE(bounded.lastIn(utc("2024-01-01 00:00:00"), utc("2024-01-01 04:59:59")));
  EXPECT_FALSE(bounded.lastIn(utc("2024-01-01 08:00:00"), utc("2024-01-02 00:00:00")));
}

TEST(ScheduleFireTimes, LastInAgreesWithAForwardScanOnManyWindows) {
  // Irregular expressions: weekday mornings, last day of month, every 7 seconds in some minutes.
  for (const char* cron : {"0 15 9 ? * MON-FRI *", "0 0 12 L * ? *", "0/7 10-12 3 * * ? *", "30 0 0 29 2 ? *"}) {
    ScheduleFireTimes times(schedule(cron, "2020-01-01 00:00:00", "2030-01-01 00:00:00", "Europe/Berlin"));
    util::TimePoint from = utc("2023-12-20 00:00:00");
    for (int hours : {1, 5, 30, 24 * 20, 24 * 400}) {
      util::TimePoint to = from + std::chrono::hours(hours);
      auto all = times.allIn(from, to, 100000);
      auto last = times.lastIn(from, to);
      if (all.empty()) {
        EXPECT_FALSE(last) << cron << " " << hours;
      } else {
        ASSERT_TRUE(last) << cron << " " << hours;
        EXPECT_EQ(fmt(*last), fmt(all.back())) << cron << " " << hours;
      }
    }
  }
}

TEST(ScheduleFireTimes, LastInIsCheapForDenseSchedulesOverLongDowntime) {
  // Every second for ten years: a forward scan would take hundreds of millions of steps.
  ScheduleFireTimes everySecond(schedule("* * * * * ? *", "2015-01-01 00:00:00", "2099-01-01 00:00:00"));
  auto started = std::chrono::steady_clock::now();
  auto last =
      everySecond.lastIn(utc("2015-01-01 00:00:00"), utc("2025-06-01 12:34:56") + std::chrono::milliseconds(700));
  auto took = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(last);
  EXPECT_EQ(fmt(*last), "2025-06-01 12:34:56");
  EXPECT_LT(took, std::chrono::seconds(1));
}

TEST(ScheduleFireTimes, AllInListsOldestFirstUpToTheLimit) {
  ScheduleFireTimes hourly(schedule("0 0 * * * ? *", "2024-01-01 00:00:00", "2024-12-31 00:00:00"));
  EXPECT_EQ(fmtAll(hourly.allIn(utc("2024-01-01 00:00:00"), utc("2024-01-01 03:00:00"), 10)),
            (std::vector<std::string>{"2024-01-01 01:00:00", "2024-01-01 02:00:00", "2024-01-01 03:00:00"}));
  EXPECT_EQ(fmtAll(hourly.allIn(utc("2024-01-01 00:00:00"), utc("2024-01-01 03:00:00"), 2)),
            (std::vector<std::string>{"2024-01-01 01:00:00", "2024-01-01 02:00:00"}));
  EXPECT_TRUE(hourly.allIn(utc("2024-01-01 00:00:00"), utc("2024-01-01 03:00:00"), 0).empty());
}

TEST(ScheduleFireTimes, MatchesInTheSchedulesZone) {
  // 09:00 in Shanghai (UTC+8) is 01:00 UTC; 02:30 on the New York spring-forward day fires at 03:30 EDT.
  ScheduleFireTimes shanghai(schedule("0 0 9 * * ? *", "2024-01-01 00:00:00", "2025-01-01 00:00:00", "Asia/Shanghai"));
  EXPECT_EQ(fmt(*shanghai.firstAfter(utc("2024-03-01 00:00:00"))), "2024-03-01 01:00:00");
  ScheduleFireTimes newYork(
      schedule("0 30 2 * * ? *", "2024-01-01 00:00:00", "2025-01-01 00:00:00", "America/New_York"));
  EXPECT_EQ(util::formatDateTime(*newYork.firstAfter(utc("2024-03-10 00:00:00")), "America/New_York"),
            "2024-03-10 03:30:00");
}

TEST(ScheduleFireTimes, EmptyZoneMeansTheServerZone) {
  ScheduleFireTimes times(schedule("0 0 0 * * ? *", "2024-01-01 00:00:00", "2025-01-01 00:00:00", ""));
  EXPECT_EQ(times.zone(), util::defaultTimeZone());
}

TEST(ScheduleFireTimes, RejectsBadCronAndUnknownZones) {
  EXPECT_THROW(ScheduleFireTimes(schedule("0 0 25 * * ? *", "2024-01-01 00:00:00", "2025-01-01 00:00:00")),
               cron::CronError);
  EXPECT_THROW(ScheduleFireTimes(schedule("0 0 * * * ? *", "2024-01-01 00:00:00", "2025-01-01 00:00:00", "Mars/Base")),
               std::invalid_argument);
}

TEST(MissedFirePolicy, ParsesNamesCaseInsensitively) {
  EXPECT_EQ(parseMissedFirePolicy("last"), MissedFirePolicy::LAST);
  EXPECT_EQ(parseMissedFirePolicy(" ALL "), MissedFirePolicy::ALL);
  EXPECT_EQ(parseMissedFirePolicy("None"), MissedFirePolicy::NONE);
  EXPECT_FALSE(parseMissedFirePolicy("some"));
  EXPECT_FALSE(parseMissedFirePolicy(""));
  for (auto p : {MissedFirePolicy::LAST, MissedFirePolicy::ALL, MissedFirePolicy::NONE})
    EXPECT_EQ(parseMissedFirePolicy(missedFirePolicyName(p)), p);
}
