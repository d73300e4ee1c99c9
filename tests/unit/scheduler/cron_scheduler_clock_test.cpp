// CronScheduler driven by a manual clock: order and times of fires, bounds, catch-up policies,
// changes while running, persist-then-act and restarts. Real-time behaviour is in
// cron_scheduler_realtime_test.cpp.
#include <gtest/gtest.h>

#include "scheduler/cron_scheduler.h"
#include "scheduler_test_support.h"

using namespace porpoise;
using namespace porpoise::scheduler;
using namespace porpoise::scheduler::testing;

namespace {

const util::TimePoint kFar = utc("2030-01-01 00:00:00");
const util::TimePoint kLongAgo = utc("2020-01-01 00:00:00");

}  // namespace

TEST_F(ClockedScheduler, FiresEachScheduleAtItsTimesInOrder) {
  int hourly = addScheduledWorkflow(db(), 101, "0 0 * * * ? *", kLongAgo, kFar);
  int halfHourly = addScheduledWorkflow(db(), 102, "0 0/30 * * * ? *", kLongAgo, kFar);
  startScheduler();
  EXPECT_EQ(next(hourly), "2024-01-01 01:00:00");
  EXPECT_EQ(next(halfHourly), "2024-01-01 00:30:00");
  advanceTo("2024-01-01 00:29:59");
  EXPECT_TRUE(recorder.fires().empty());
  advanceTo("2024-01-01 00:30:00");
  advanceTo("2024-01-01 01:00:00");
  advanceTo("2024-01-01 01:30:00");
  auto fires = recorder.fires();
  ASSERT_EQ(fires.size(), 4u);
  EXPECT_EQ(fmt(fires[0].scheduleTime), "2024-01-01 00:30:00");
  EXPECT_EQ(fires[0].scheduleId, halfHourly);
  // At 01:00 both are due; they fire in schedule id order.
  EXPECT_EQ(fmt(fires[1].scheduleTime), "2024-01-01 01:00:00");
  EXPECT_EQ(fires[1].scheduleId, hourly);
  EXPECT_EQ(fmt(fires[2].scheduleTime), "2024-01-01 01:00:00");
  EXPECT_EQ(fires[2].scheduleId, halfHourly);
  EXPECT_EQ(fmt(fires[3].scheduleTime), "2024-01-01 01:30:00");
  EXPECT_EQ(next(hourly), "2024-01-01 02:00:00");
  EXPECT_EQ(next(halfHourly), "2024-01-01 02:00:00");
}

TEST_F(ClockedScheduler, FiresInTheSchedulesTimeZone) {
  // 09:00 Asia/Shanghai = 01:00 UTC.
  int id = addScheduledWorkflow(db(), 103, "0 0 9 * * ? *", kLongAgo, kFar, std::nullopt, model::ReleaseState::ONLINE,
                                "Asia/Shanghai");
  startScheduler();
  EXPECT_EQ(next(id), "2024-01-01 01:00:00");
  advanceTo("2024-01-01 01:00:00");
  EXPECT_EQ(firedBy(103), (Strings{"2024-01-01 01:00:00"}));
}

TEST_F(ClockedScheduler, StaysWithinStartAndEndTime) {
  int id = addScheduledWorkflow(db(), 104, "0 0 * * * ? *", utc("2024-01-01 02:00:00"), utc("2024-01-01 04:00:00"));
  startScheduler();
  EXPECT_EQ(next(id), "2024-01-01 02:00:00");
  for (auto t : {"2024-01-01 01:00:00", "2024-01-01 02:00:00", "2024-01-01 03:00:00", "2024-01-01 04:00:00",
                 "2024-01-01 05:00:00", "2024-01-01 06:00:00"})
    advanceTo(t);
  EXPECT_EQ(firedBy(104), (Strings{"2024-01-01 02:00:00", "2024-01-01 03:00:00", "2024-01-01 04:00:00"}));
  EXPECT_EQ(next(id), "none");
}

TEST_F(ClockedScheduler, PersistsTheFireTimeBeforeCallingBack) {
  int id = addScheduledWorkflow(db(), 105, "0 0 * * * ? *", kLongAgo, kFar);
  std::vector<std::string> storedDuringCallback;
  scheduler = std::make_unique<CronScheduler>(
      db(),
      [&](const model::Schedule& s, util::TimePoint t) {
        auto stored = storedLastFire(db(), s.id);
        storedDuringCallback.push_back(stored ? fmt(*stored) : "null");
        EXPECT_EQ(s.lastFireTime, t);
      },
      CronSchedulerOptions{}, clock);
  scheduler->start();
  advanceTo("2024-01-01 01:00:00");
  scheduler->sync();
  EXPECT_EQ(storedDuringCallback, (Strings{"2024-01-01 01:00:00"}));
  EXPECT_EQ(fmt(*storedLastFire(db(), id)), "2024-01-01 01:00:00");
}

TEST_F(ClockedScheduler, LastPolicyCatchesUpOnceForTheLatestMissedTime) {
  int id = addScheduledWorkflow(db(), 106, "0 0 * * * ? *", kLongAgo, kFar, utc("2024-01-01 00:00:00"));
  clock->set(utc("2024-01-01 10:30:00"));
  startScheduler();
  EXPECT_EQ(firedBy(106), (Strings{"2024-01-01 10:00:00"}));
  EXPECT_EQ(fmt(*storedLastFire(db(), id)), "2024-01-01 10:00:00");
  EXPECT_EQ(next(id), "2024-01-01 11:00:00");
  advanceTo("2024-01-01 11:00:00");
  EXPECT_EQ(firedBy(106), (Strings{"2024-01-01 10:00:00", "2024-01-01 11:00:00"}));
}

TEST_F(ClockedScheduler, AllPolicyReplaysEveryMissedTimeOldestFirst) {
  addScheduledWorkflow(db(), 107, "0 0 * * * ? *", kLongAgo, kFar, utc("2024-01-01 06:00:00"));
  clock->set(utc("2024-01-01 10:30:00"));
  startScheduler({MissedFirePolicy::ALL});
  EXPECT_EQ(firedBy(107),
            (Strings{"2024-01-01 07:00:00", "2024-01-01 08:00:00", "2024-01-01 09:00:00", "2024-01-01 10:00:00"}));
}

TEST_F(ClockedScheduler, AllPolicyIsCapped) {
  addScheduledWorkflow(db(), 108, "0 0 * * * ? *", kLongAgo, kFar, utc("2024-01-01 00:00:00"));
  clock->set(utc("2024-01-03 00:30:00"));
  CronSchedulerOptions options;
  options.missedFires = MissedFirePolicy::ALL;
  options.maxCatchUpRuns = 3;
  startScheduler(options);
  EXPECT_EQ(firedBy(108), (Strings{"2024-01-01 01:00:00", "2024-01-01 02:00:00", "2024-01-01 03:00:00"}));
}

TEST_F(ClockedScheduler, NonePolicySkipsMissedTimes) {
  int id = addScheduledWorkflow(db(), 109, "0 0 * * * ? *", kLongAgo, kFar, utc("2024-01-01 00:00:00"));
  clock->set(utc("2024-01-01 10:30:00"));
  startScheduler({MissedFirePolicy::NONE});
  EXPECT_TRUE(recorder.fires().empty());
  EXPECT_EQ(next(id), "2024-01-01 11:00:00");
  advanceTo("2024-01-01 11:00:00");
  EXPECT_EQ(firedBy(109), (Strings{"2024-01-01 11:00:00"}));
}

TEST_F(ClockedScheduler, CatchUpStopsAtTheEndTime) {
  addScheduledWorkflow(db(), 110, "0 0 * * * ? *", kLongAgo, utc("2024-01-01 04:00:00"), utc("2024-01-01 00:00:00"));
  clock->set(utc("2024-01-01 10:30:00"));
  startScheduler();
  EXPECT_EQ(firedBy(110), (Strings{"2024-01-01 04:00:00"}));
}

TEST_F(ClockedScheduler, ScheduleWithoutLastFireTimeDoesNotCatchUp) {
  addScheduledWorkflow(db(), 111, "0 0 * * * ? *", kLongAgo, kFar);
  clock->set(utc("2024-01-01 10:30:00"));
  startScheduler({MissedFirePolicy::ALL});
  EXPECT_TRUE(recorder.fires().empty());
}

TEST_F(ClockedScheduler, LatenessWhileRunningFiresOnlyTheLatestUnderLast) {
  addScheduledWorkflow(db(), 112, "0 0 * * * ? *", kLongAgo, kFar);
  startScheduler();
  advanceTo("2024-01-01 03:10:00");  // the loop "overslept" three fire times
  EXPECT_EQ(firedBy(112), (Strings{"2024-01-01 03:00:00"}));
}

TEST_F(ClockedScheduler, LatenessWhileRunningFiresEachUnderAll) {
  addScheduledWorkflow(db(), 113, "0 0 * * * ? *", kLongAgo, kFar);
  startScheduler({MissedFirePolicy::ALL});
  advanceTo("2024-01-01 03:10:00");
  EXPECT_EQ(firedBy(113), (Strings{"2024-01-01 01:00:00", "2024-01-01 02:00:00", "2024-01-01 03:00:00"}));
}
