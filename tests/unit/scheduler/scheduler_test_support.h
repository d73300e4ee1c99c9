// Shared fixtures for the scheduler tests: a store in a temporary file, rows for a project, a
// workflow and its schedule, a manual clock and a thread-safe recorder of fires.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "scheduler/cron_scheduler.h"
#include "scheduler/scheduler_clock.h"
#include "store/row_time.h"
#include "store/schedule_repository.h"
#include "store/store.h"
#include "util/crypto.h"
#include "util/time.h"

namespace porpoise::scheduler::testing {

inline util::TimePoint utc(const std::string& text) {
  auto t = util::parseDateTime(text, "UTC");
  EXPECT_TRUE(t) << text;
  return t.value_or(util::TimePoint{});
}

inline std::string fmt(util::TimePoint t) { return util::formatDateTime(t, "UTC"); }

struct TempStore {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("porpoise-sched-" + util::randomHex(6));
  std::unique_ptr<store::Store> store;
  TempStore() {
    std::filesystem::create_directories(dir);
    store = std::make_unique<store::Store>((dir / "test.db").string());
  }
  ~TempStore() {
    store.reset();
    std::filesystem::remove_all(dir);
  }
};

constexpr int64_t kProjectCode = 7001;

// A project (once), an ONLINE workflow with one relation and its schedule; returns the schedule id.
inline int addScheduledWorkflow(store::Store& s, int64_t workflowCode, const std::string& crontab,
                                util::TimePoint start, util::TimePoint end,
                                std::optional<util::TimePoint> lastFire = std::nullopt,
                                model::ReleaseState state = model::ReleaseState::ONLINE,
                                const std::string& zone = "UTC") {
  return s.write([&](store::Database& db) {
    auto now = store::ms(util::now());
    db.prepare(
          "INSERT OR IGNORE INTO t_project(code,name,description,user_id,create_time,update_time) "
          "VALUES(?,'sched-project','',1,?,?)")
        .bind(1, kProjectCode)
        .bind(2, now)
        .bind(3, now)
        .run();
    db.prepare(
          "INSERT INTO t_process_definition(code,name,version,release_state,project_code,user_id,create_time,"
          "update_time) VALUES(?,?,1,1,?,1,?,?)")
        .bind(1, workflowCode)
        .bind(2, "wf-" + std::to_string(workflowCode))
        .bind(3, kProjectCode)
        .bind(4, now)
        .bind(5, now)
        .run();
    db.prepare(
          "INSERT INTO t_process_task_relation(process_definition_version,project_code,process_definition_code,"
          "pre_task_code,post_task_code,create_time,update_time) VALUES(1,?,?,0,?,?,?)")
        .bind(1, kProjectCode)
        .bind(2, workflowCode)
        .bind(3, workflowCode * 10)
        .bind(4, now)
        .bind(5, now)
        .run();
    model::Schedule sc;
    sc.processDefinitionCode = workflowCode;
    sc.projectCode = kProjectCode;
    sc.startTime = start;
    sc.endTime = end;
    sc.timezoneId = zone;
    sc.crontab = crontab;
    sc.releaseState = state;
    sc.userId = 1;
    sc.lastFireTime = lastFire;
    sc.createTime = sc.updateTime = util::now();
    return store::schedules::insert(db, sc);
  });
}

inline void setWorkflowState(store::Store& s, int64_t workflowCode, model::ReleaseState state) {
  s.write([&](store::Database& db) {
    db.prepare("UPDATE t_process_definition SET release_state=? WHERE code=?")
        .bind(1, model::enumCode(state))
        .bind(2, workflowCode)
        .run();
  });
}

inline std::optional<util::TimePoint> storedLastFire(store::Store& s, int scheduleId) {
  return s.read([&](store::Database& db) { return store::schedules::findById(db, scheduleId)->lastFireTime; });
}

class ManualClock final : public SchedulerClock {
 public:
  explicit ManualClock(util::TimePoint start) : ms_(util::toEpochMillis(start)) {}
  util::TimePoint now() const override { return util::fromEpochMillis(ms_.load()); }
  void set(util::TimePoint t) { ms_.store(util::toEpochMillis(t)); }

 private:
  std::atomic<int64_t> ms_;
};

struct Fire {
  int scheduleId;
  int64_t workflowCode;
  util::TimePoint scheduleTime;
  util::TimePoint calledAt;  // real time of the call
};

class FireRecorder {
 public:
  void record(const model::Schedule& s, util::TimePoint t) {
    std::lock_guard lock(mu_);
    fires_.push_back({s.id, s.processDefinitionCode, t, util::now()});
    cv_.notify_all();
  }
  std::vector<Fire> fires() {
    std::lock_guard lock(mu_);
    return fires_;
  }
  std::vector<std::string> times() {
    std::vector<std::string> out;
    for (const auto& f : fires()) out.push_back(fmt(f.scheduleTime));
    return out;
  }
  bool waitFor(size_t count, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return fires_.size() >= count; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Fire> fires_;
};

// A scheduler on a store in a temporary file, driven by a manual clock starting 2024-01-01 00:10 UTC.
class ClockedScheduler : public ::testing::Test {
 protected:
  using Strings = std::vector<std::string>;
  TempStore tmp;
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(utc("2024-01-01 00:10:00"));
  FireRecorder recorder;
  std::unique_ptr<CronScheduler> scheduler;

  store::Store& db() { return *tmp.store; }
  void TearDown() override { scheduler.reset(); }

  void startScheduler(CronSchedulerOptions options = {}) {
    scheduler = std::make_unique<CronScheduler>(
        db(), [this](const model::Schedule& s, util::TimePoint t) { recorder.record(s, t); }, options, clock);
    scheduler->start();
    scheduler->sync();
  }
  // Moves the manual clock and waits until the scheduler has handled everything due.
  void advanceTo(const std::string& when) {
    clock->set(utc(when));
    scheduler->clockChanged();
    scheduler->sync();
  }
  std::string next(int id) {
    auto t = scheduler->nextFireTime(id);
    return t ? fmt(*t) : "none";
  }
  Strings firedBy(int64_t workflowCode) {
    Strings out;
    for (const auto& f : recorder.fires())
      if (f.workflowCode == workflowCode) out.push_back(fmt(f.scheduleTime));
    return out;
  }
};

}  // namespace porpoise::scheduler::testing
