// CronScheduler while running: upsert/remove, notifications from the API, schedules or workflows
// taken offline behind its back, broken rows, failing callbacks, and restarts.
#include <gtest/gtest.h>

#include "scheduler/cron_scheduler.h"
#include "scheduler_test_support.h"

using namespace porpoise;
using namespace porpoise::scheduler;
using namespace porpoise::scheduler::testing;

namespace {

const util::TimePoint kFar = utc("2030-01-01 00:00:00");
const util::TimePoint kLongAgo = utc("2020-01-01 00:00:00");

model::Schedule stored(store::Store& s, int id) {
  return *s.read([&](store::Database& db) { return store::schedules::findById(db, id); });
}

void setScheduleState(store::Store& s, int id, model::ReleaseState state, util::TimePoint now) {
  s.write([&](store::Database& db) { store::schedules::setReleaseState(db, id, state, now); });
}

}  // namespace

TEST_F(ClockedScheduler, LoadsOnlyOnlineSchedulesOfOnlineWorkflows) {
  int online = addScheduledWorkflow(db(), 201, "0 0 * * * ? *", kLongAgo, kFar);
  addScheduledWorkflow(db(), 202, "0 0 * * * ? *", kLongAgo, kFar, std::nullopt, model::ReleaseState::OFFLINE);
  addScheduledWorkflow(db(), 203, "0 0 * * * ? *", kLongAgo, kFar);
  setWorkflowState(db(), 203, model::ReleaseState::OFFLINE);
  startScheduler();
  EXPECT_EQ(scheduler->scheduleIds(), (std::vector<int>{online}));
}

TEST_F(ClockedScheduler, UpsertAndRemoveWhileRunning) {
  int a = addScheduledWorkflow(db(), 204, "0 0 * * * ? *", kLongAgo, kFar, std::nullopt, model::ReleaseState::OFFLINE);
  startScheduler();
  EXPECT_TRUE(scheduler->scheduleIds().empty());

  setScheduleState(db(), a, model::ReleaseState::ONLINE, clock->now());
  scheduler->upsert(stored(db(), a));
  EXPECT_EQ(next(a), "2024-01-01 01:00:00");
  advanceTo("2024-01-01 01:00:00");
  EXPECT_EQ(firedBy(204), (Strings{"2024-01-01 01:00:00"}));

  scheduler->remove(a);
  EXPECT_TRUE(scheduler->scheduleIds().empty());
  advanceTo("2024-01-01 02:00:00");
  EXPECT_EQ(firedBy(204), (Strings{"2024-01-01 01:00:00"}));

  // Upserting a schedule that is not ONLINE removes it.
  scheduler->upsert(stored(db(), a));
  EXPECT_EQ(next(a), "2024-01-01 03:00:00");
  auto offline = stored(db(), a);
  offline.releaseState = model::ReleaseState::OFFLINE;
  scheduler->upsert(offline);
  EXPECT_TRUE(scheduler->scheduleIds().empty());
}

TEST_F(ClockedScheduler, UpsertOfAnArmedScheduleKeepsItsPendingFire) {
  int a = addScheduledWorkflow(db(), 205, "0 0 * * * ? *", kLongAgo, kFar);
  startScheduler();
  // 01:00 passed but the scheduler has not been woken yet when the upsert arrives.
  clock->set(utc("2024-01-01 01:00:00.300"));
  scheduler->upsert(stored(db(), a));
  scheduler->clockChanged();
  scheduler->sync();
  EXPECT_EQ(firedBy(205), (Strings{"2024-01-01 01:00:00"}));
}

TEST_F(ClockedScheduler, NewlyAddedScheduleDoesNotFireForPastTimes) {
  int a = addScheduledWorkflow(db(), 206, "0 0 * * * ? *", kLongAgo, kFar, utc("2023-12-31 00:00:00"),
                               model::ReleaseState::OFFLINE);
  startScheduler();
  setScheduleState(db(), a, model::ReleaseState::ONLINE, clock->now());
  scheduler->scheduleChanged(a);
  scheduler->sync();
  EXPECT_TRUE(recorder.fires().empty());
  EXPECT_EQ(next(a), "2024-01-01 01:00:00");
}

TEST_F(ClockedScheduler, ScheduleChangedFollowsTheStore) {
  int a = addScheduledWorkflow(db(), 207, "0 0 * * * ? *", kLongAgo, kFar);
  startScheduler();
  EXPECT_EQ(scheduler->scheduleIds(), (std::vector<int>{a}));
  setScheduleState(db(), a, model::ReleaseState::OFFLINE, clock->now());
  scheduler->scheduleChanged(a);
  EXPECT_TRUE(scheduler->scheduleIds().empty());
  setScheduleState(db(), a, model::ReleaseState::ONLINE, clock->now());
  scheduler->scheduleChanged(a);
  EXPECT_EQ(scheduler->scheduleIds(), (std::vector<int>{a}));
  // Online schedule of an offline workflow: not armed.
  setWorkflowState(db(), 207, model::ReleaseState::OFFLINE);
  scheduler->scheduleChanged(a);
  EXPECT_TRUE(scheduler->scheduleIds().empty());
  setWorkflowState(db(), 207, model::ReleaseState::ONLINE);
  scheduler->scheduleChanged(a);
  EXPECT_EQ(scheduler->scheduleIds(), (std::vector<int>{a}));
  // Deleted.
  db().write([&](store::Database& d) { store::schedules::remove(d, a); });
  scheduler->scheduleRemoved(a);
  EXPECT_TRUE(scheduler->scheduleIds().empty());
}

TEST_F(ClockedScheduler, OfflineInTheStoreNeverFiresEvenIfNotTold) {
  int a = addScheduledWorkflow(db(), 208, "0 0 * * * ? *", kLongAgo, kFar);
  int b = addScheduledWorkflow(db(), 209, "0 0 * * * ? *", kLongAgo, kFar);
  startScheduler();
  // The workflow of `a` goes offline (its schedule with it) and the schedule `b` goes offline,
  // but nobody tells the scheduler.
  db().write([&](store::Database& d) { store::schedules::offlineScheduleOfWorkflow(d, 208); });
  setWorkflowState(db(), 208, model::ReleaseState::OFFLINE);
  setScheduleState(db(), b, model::ReleaseState::OFFLINE, clock->now());
  advanceTo("2024-01-01 01:00:00");
  EXPECT_TRUE(recorder.fires().empty());
  EXPECT_TRUE(scheduler->scheduleIds().empty());
  EXPECT_FALSE(storedLastFire(db(), a));
}

TEST_F(ClockedScheduler, BrokenRowsAreSkippedOthersStillFire) {
  addScheduledWorkflow(db(), 210, "0 0 25 * * ? *", kLongAgo, kFar);
  addScheduledWorkflow(db(), 211, "0 0 * * * ? *", kLongAgo, kFar, std::nullopt, model::ReleaseState::ONLINE,
                       "Not/AZone");
  int good = addScheduledWorkflow(db(), 212, "0 0 * * * ? *", kLongAgo, kFar);
  startScheduler();
  EXPECT_EQ(scheduler->scheduleIds(), (std::vector<int>{good}));
  advanceTo("2024-01-01 01:00:00");
  EXPECT_EQ(firedBy(212), (Strings{"2024-01-01 01:00:00"}));
}

TEST_F(ClockedScheduler, FailingCallbackDoesNotStopTheScheduler) {
  addScheduledWorkflow(db(), 213, "0 0 * * * ? *", kLongAgo, kFar);
  int calls = 0;
  scheduler = std::make_unique<CronScheduler>(
      db(),
      [&](const model::Schedule&, util::TimePoint) {
        ++calls;
        throw std::runtime_error("engine unavailable");
      },
      CronSchedulerOptions{}, clock);
  scheduler->start();
  advanceTo("2024-01-01 01:00:00");
  advanceTo("2024-01-01 02:00:00");
  EXPECT_EQ(calls, 2);
}

TEST_F(ClockedScheduler, StopForgetsEverythingAndStartReloads) {
  int a = addScheduledWorkflow(db(), 214, "0 0 * * * ? *", kLongAgo, kFar);
  startScheduler();
  scheduler->stop();
  EXPECT_TRUE(scheduler->scheduleIds().empty());
  scheduler->scheduleChanged(a);  // ignored while stopped
  advanceTo("2024-01-01 01:00:00");
  EXPECT_TRUE(recorder.fires().empty());
  clock->set(utc("2024-01-01 01:30:00"));
  scheduler->start();
  scheduler->sync();
  EXPECT_EQ(scheduler->scheduleIds(), (std::vector<int>{a}));
  EXPECT_EQ(next(a), "2024-01-01 02:00:00");
}

TEST_F(ClockedScheduler, RestartNeitherLosesNorDuplicatesRuns) {
  int a = addScheduledWorkflow(db(), 215, "0 0 * * * ? *", kLongAgo, kFar);
  startScheduler();
  advanceTo("2024-01-01 01:00:00");
  advanceTo("2024-01-01 02:00:00");
  // Crash right after the 02:00 fire and come back in the same second: 02:00 is not repeated.
  scheduler.reset();
  clock->set(utc("2024-01-01 02:00:00.500"));
  startScheduler();
  EXPECT_EQ(firedBy(215), (Strings{"2024-01-01 01:00:00", "2024-01-01 02:00:00"}));
  EXPECT_EQ(next(a), "2024-01-01 03:00:00");
  // Down from 02:00 until 03:20: the 03:00 run is caught up once, then the schedule continues.
  scheduler.reset();
  clock->set(utc("2024-01-01 03:20:00"));
  startScheduler();
  advanceTo("2024-01-01 04:00:00");
  EXPECT_EQ(firedBy(215),
            (Strings{"2024-01-01 01:00:00", "2024-01-01 02:00:00", "2024-01-01 03:00:00", "2024-01-01 04:00:00"}));
  EXPECT_EQ(fmt(*storedLastFire(db(), a)), "2024-01-01 04:00:00");
}

TEST_F(ClockedScheduler, TakingAScheduleOnlineDoesNotCatchUpItsOfflineTime) {
  // Fired last at 01:00, offline from 01:30 to 05:30, then the server restarts at 05:40.
  int a = addScheduledWorkflow(db(), 216, "0 0 * * * ? *", kLongAgo, kFar, utc("2024-01-01 01:00:00"));
  setScheduleState(db(), a, model::ReleaseState::OFFLINE, utc("2024-01-01 01:30:00"));
  setScheduleState(db(), a, model::ReleaseState::ONLINE, utc("2024-01-01 05:30:00"));
  clock->set(utc("2024-01-01 05:40:00"));
  startScheduler({MissedFirePolicy::ALL});
  EXPECT_TRUE(recorder.fires().empty());
  EXPECT_EQ(next(a), "2024-01-01 06:00:00");
}
