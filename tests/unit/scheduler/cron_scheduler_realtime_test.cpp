// CronScheduler against the real clock with a schedule firing every second ("* * * * * ? *"):
// punctuality (within 100 ms of each fire time), removal, and a restart in the middle.
#include <gtest/gtest.h>

#include <thread>

#include "scheduler/cron_scheduler.h"
#include "scheduler_test_support.h"

using namespace porpoise;
using namespace porpoise::scheduler;
using namespace porpoise::scheduler::testing;
using namespace std::chrono_literals;

namespace {

const util::TimePoint kFar = utc("2099-01-01 00:00:00");
const util::TimePoint kLongAgo = utc("2020-01-01 00:00:00");
constexpr auto kPunctuality = 100ms;

CronScheduler::FireCallback recordInto(FireRecorder& recorder) {
  return [&recorder](const model::Schedule& s, util::TimePoint t) { recorder.record(s, t); };
}

}  // namespace

TEST(CronSchedulerRealTime, FiresEverySecondWithinAHundredMilliseconds) {
  TempStore tmp;
  int id = addScheduledWorkflow(*tmp.store, 301, "* * * * * ? *", kLongAgo, kFar);
  FireRecorder recorder;
  CronScheduler scheduler(*tmp.store, recordInto(recorder));
  auto startedAt = util::now();
  scheduler.start();
  ASSERT_TRUE(recorder.waitFor(4, 6s));
  scheduler.stop();
  auto fires = recorder.fires();
  ASSERT_GE(fires.size(), 4u);
  for (size_t i = 0; i < fires.size(); ++i) {
    const auto& f = fires[i];
    EXPECT_EQ(f.scheduleId, id);
    EXPECT_GT(f.scheduleTime, startedAt - 1s) << "no catch-up for a schedule that never fired";
    EXPECT_EQ(util::toEpochMillis(f.scheduleTime) % 1000, 0) << "fire times are whole seconds";
    EXPECT_GE(f.calledAt, f.scheduleTime) << "never early";
    EXPECT_LE(f.calledAt - f.scheduleTime, kPunctuality) << fmt(f.scheduleTime);
    if (i > 0) {
      EXPECT_EQ(f.scheduleTime - fires[i - 1].scheduleTime, 1s);
    }
  }
  EXPECT_EQ(storedLastFire(*tmp.store, id), fires.back().scheduleTime);
}

TEST(CronSchedulerRealTime, StopsFiringOnceRemoved) {
  TempStore tmp;
  int id = addScheduledWorkflow(*tmp.store, 302, "* * * * * ? *", kLongAgo, kFar);
  FireRecorder recorder;
  CronScheduler scheduler(*tmp.store, recordInto(recorder));
  scheduler.start();
  ASSERT_TRUE(recorder.waitFor(2, 4s));
  scheduler.remove(id);
  scheduler.sync();
  size_t firedBeforeRemoval = recorder.fires().size();
  std::this_thread::sleep_for(1500ms);
  EXPECT_EQ(recorder.fires().size(), firedBeforeRemoval);
}

TEST(CronSchedulerRealTime, OfflineInTheStoreStopsFiringAtTheNextSecond) {
  TempStore tmp;
  int id = addScheduledWorkflow(*tmp.store, 303, "* * * * * ? *", kLongAgo, kFar);
  FireRecorder recorder;
  CronScheduler scheduler(*tmp.store, recordInto(recorder));
  scheduler.start();
  ASSERT_TRUE(recorder.waitFor(1, 3s));
  tmp.store->write([&](store::Database& db) { store::schedules::offlineScheduleOfWorkflow(db, 303); });
  size_t firedBeforeOffline = recorder.fires().size();
  std::this_thread::sleep_for(1500ms);
  // At most a fire that was already being recorded when the row changed.
  EXPECT_LE(recorder.fires().size(), firedBeforeOffline + 1);
  scheduler.sync();
  EXPECT_TRUE(scheduler.scheduleIds().empty());
  (void)id;
}

TEST(CronSchedulerRealTime, RestartInTheMiddleNeitherLosesNorDuplicatesRuns) {
  TempStore tmp;
  addScheduledWorkflow(*tmp.store, 304, "* * * * * ? *", kLongAgo, kFar);
  FireRecorder recorder;
  {
    CronScheduler first(*tmp.store, recordInto(recorder));
    first.start();
    ASSERT_TRUE(recorder.waitFor(2, 4s));
  }  // "crash": the scheduler goes away between two fires
  size_t beforeRestart = recorder.fires().size();
  std::this_thread::sleep_for(1200ms);  // at least one fire time passes while down
  CronScheduler second(*tmp.store, recordInto(recorder));
  second.start();
  ASSERT_TRUE(recorder.waitFor(beforeRestart + 2, 4s));
  second.stop();
  auto fires = recorder.fires();
  for (size_t i = 1; i < fires.size(); ++i)
    EXPECT_GT(fires[i].scheduleTime, fires[i - 1].scheduleTime) << "no fire time is repeated";
  // The downtime is caught up with one run (the latest missed second), then every second again:
  // after the restart there is no gap larger than the downtime and no gap of less than a second.
  auto caughtUp = fires[beforeRestart];
  EXPECT_LE(caughtUp.calledAt - caughtUp.scheduleTime, 1s) << "catch-up run is for the latest missed time";
  for (size_t i = beforeRestart + 1; i < fires.size(); ++i)
    EXPECT_EQ(fires[i].scheduleTime - fires[i - 1].scheduleTime, 1s);
}
