// The cron scheduler: fires every ONLINE schedule at its Quartz fire times.
//
// Contract:
// - The scheduler owns one io thread (started by the constructor, joined by the destructor) and
//   one Boost.Asio steady timer armed for the earliest due fire time; it never polls the store. A
//   timer wait is capped at `maxTimerWait` so that wall-clock jumps or a suspended machine are
//   noticed; a wake-up with nothing due just re-arms.
// - start() loads the ONLINE schedules of ONLINE workflows from the store, handles fire times missed
//   since each schedule's lastFireTime with the MissedFirePolicy (LAST: one run for the latest
//   missed time; ALL: every missed time, at most maxCatchUpRuns; NONE: skip), and arms the timer.
//   It returns once the schedules are loaded; catch-up runs follow on the io thread right away.
//   stop() forgets every schedule and cancels the timer; start() may be called again.
// - A fire for schedule S at time T: (1) persist lastFireTime = T with schedules::recordFire, which
//   succeeds only while S and its workflow are ONLINE in the store — otherwise S is dropped and
//   nothing runs; (2) call onFire(S, T) on the io thread. Persist-then-act: a restart never repeats
//   a fire time it already handled; a crash between (1) and (2) loses that one run.
// - If the scheduler is late at run time (a slow callback, a clock jump), the due times that piled
//   up are handled like missed ones: ALL fires each, LAST and NONE fire only the latest.
// - upsert()/remove()/scheduleChanged()/scheduleRemoved()/clockChanged() are thread-safe and return
//   at once; the change is applied on the io thread in call order. They are ignored while stopped
//   (start() reads the store afresh). upsert() of a schedule that is not ONLINE removes it; a newly
//   added schedule fires only at times after it was added (no catch-up). Bad cron text or an unknown
//   zone in a stored schedule is logged and that schedule is not armed.
// - onFire may call upsert()/remove() etc. (applied after it returns) but not the waiting calls
//   below. Exceptions from onFire are logged and swallowed.
// - sync(), nextFireTime() and scheduleIds() wait for the io thread to handle everything asked
//   before them; they must not be called from onFire.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "model/admin.h"
#include "scheduler/fire_times.h"
#include "scheduler/missed_fire_policy.h"
#include "scheduler/schedule_events.h"
#include "scheduler/scheduler_clock.h"
#include "store/store.h"

namespace porpoise::scheduler {

struct CronSchedulerOptions {
  MissedFirePolicy missedFires = MissedFirePolicy::LAST;
  size_t maxCatchUpRuns = 1000;                    // ALL: cap on missed runs per schedule and wake-up
  std::chrono::milliseconds maxTimerWait{60'000};  // re-read the clock at least this often
};

class CronScheduler final : public ScheduleListener {
 public:
  using FireCallback = std::function<void(const model::Schedule&, util::TimePoint scheduleTime)>;

  // `clock` null = the system clock.
  CronScheduler(store::Store& store, FireCallback onFire, CronSchedulerOptions options = {},
                std::shared_ptr<SchedulerClock> clock = nullptr);
  ~CronScheduler() override;
  CronScheduler(const CronScheduler&) = delete;
  CronScheduler& operator=(const CronScheduler&) = delete;

  void start();
  void stop();

  void upsert(const model::Schedule& schedule);
  void remove(int scheduleId);

  // ScheduleListener: re-read the schedule from the store / forget it.
  void scheduleChanged(int scheduleId) override;
  void scheduleRemoved(int scheduleId) override;

  // Re-read the clock now and fire whatever is due (after a wall-clock jump; tests' manual clocks).
  void clockChanged();

  void sync();
  std::optional<util::TimePoint> nextFireTime(int scheduleId);
  std::vector<int> scheduleIds();

 private:
  struct Entry {
    model::Schedule schedule;
    ScheduleFireTimes times;
    util::TimePoint handledUpTo;              // every fire time <= this is handled (fired or skipped)
    std::vector<util::TimePoint> overdue;     // catch-up fire times waiting to run, oldest first
    std::optional<util::TimePoint> next;      // first fire time after handledUpTo
    std::optional<util::TimePoint> queuedAt;  // key in queue_, if queued
  };

  // Runs fn on the io thread and waits for it (directly when already there).
  template <typename F>
  auto onLoop(F&& fn) -> decltype(fn());
  void post(std::function<void()> fn);

  void load();
  void add(const model::Schedule& schedule, bool catchUp);
  void erase(int scheduleId);
  void reload(int scheduleId);
  void requeue(int scheduleId, Entry& entry);
  void arm();
  void onTimer();
  std::vector<util::TimePoint> dueTimes(const ScheduleFireTimes& times, util::TimePoint after, util::TimePoint upTo,
                                        MissedFirePolicy policy) const;
  void fire(int scheduleId, const model::Schedule& schedule, util::TimePoint fireTime);

  store::Store& store_;
  FireCallback onFire_;
  CronSchedulerOptions options_;
  std::shared_ptr<SchedulerClock> clock_;

  // Touched only on the io thread.
  bool started_ = false;
  std::map<int, Entry> entries_;
  std::set<std::pair<util::TimePoint, int>> queue_;  // (due time, schedule id), earliest first
  uint64_t armGeneration_ = 0;

  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  boost::asio::steady_timer timer_;
  std::thread thread_;
};

}  // namespace porpoise::scheduler
