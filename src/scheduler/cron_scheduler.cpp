#include "scheduler/cron_scheduler.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <exception>
#include <future>
#include <type_traits>

#include "store/schedule_repository.h"

namespace porpoise::scheduler {

namespace asio = boost::asio;

CronScheduler::CronScheduler(store::Store& store, FireCallback onFire, CronSchedulerOptions options,
                             std::shared_ptr<SchedulerClock> clock)
    : store_(store),
      onFire_(std::move(onFire)),
      options_(options),
      clock_(clock ? std::move(clock) : std::make_shared<SystemSchedulerClock>()),
      work_(asio::make_work_guard(io_)),
      timer_(io_) {
  if (options_.maxTimerWait <= std::chrono::milliseconds::zero()) options_.maxTimerWait = std::chrono::seconds(60);
  thread_ = std::thread([this] { io_.run(); });
}

CronScheduler::~CronScheduler() {
  stop();
  work_.reset();
  io_.stop();
  if (thread_.joinable()) thread_.join();
}

template <typename F>
auto CronScheduler::onLoop(F&& fn) -> decltype(fn()) {
  using Result = decltype(fn());
  if (io_.get_executor().running_in_this_thread()) return fn();
  std::packaged_task<Result()> task(std::forward<F>(fn));
  auto result = task.get_future();
  asio::post(io_, [&task] { task(); });
  return result.get();
}

void CronScheduler::post(std::function<void()> fn) { asio::post(io_, std::move(fn)); }

void CronScheduler::start() {
  onLoop([this] {
    started_ = true;
    load();
  });
}

void CronScheduler::stop() {
  onLoop([this] {
    started_ = false;
    entries_.clear();
    queue_.clear();
    ++armGeneration_;
    timer_.cancel();
  });
}

void CronScheduler::upsert(const model::Schedule& schedule) {
  post([this, schedule] {
    if (!started_) return;
    if (schedule.releaseState != model::ReleaseState::ONLINE) {
      erase(schedule.id);
    } else {
      add(schedule, false);
    }
    arm();
  });
}

void CronScheduler::remove(int scheduleId) {
  post([this, scheduleId] {
    if (!started_) return;
    erase(scheduleId);
    arm();
  });
}

void CronScheduler::scheduleChanged(int scheduleId) {
  post([this, scheduleId] {
    if (!started_) return;
    reload(scheduleId);
    arm();
  });
}

void CronScheduler::scheduleRemoved(int scheduleId) { remove(scheduleId); }

void CronScheduler::clockChanged() {
  post([this] {
    if (started_) onTimer();
  });
}

void CronScheduler::sync() {
  onLoop([] {});
}

std::optional<util::TimePoint> CronScheduler::nextFireTime(int scheduleId) {
  return onLoop([&]() -> std::optional<util::TimePoint> {
    auto it = entries_.find(scheduleId);
    if (it == entries_.end()) return std::nullopt;
    return it->second.queuedAt;
  });
}

std::vector<int> CronScheduler::scheduleIds() {
  return onLoop([&] {
    std::vector<int> ids;
    for (const auto& [id, entry] : entries_) ids.push_back(id);
    return ids;
  });
}

void CronScheduler::load() {
  entries_.clear();
  queue_.clear();
  std::vector<model::Schedule> online;
  try {
    online = store_.read([](store::Database& db) { return store::schedules::listOnline(db); });
  } catch (const std::exception& e) {
    spdlog::error("scheduler: cannot load online schedules: {}", e.what());
  }
  for (const auto& s : online) add(s, true);
  spdlog::info("scheduler: {} online schedule(s) loaded, missed fire policy '{}'", entries_.size(),
               missedFirePolicyName(options_.missedFires));
  arm();
}

void CronScheduler::reload(int scheduleId) {
  std::optional<model::Schedule> current;
  bool workflowOnline = false;
  try {
    store_.read([&](store::Database& db) {
      current = store::schedules::findById(db, scheduleId);
      if (!current) return;
      auto workflow = store::schedules::findWorkflow(db, current->processDefinitionCode);
      workflowOnline = workflow && workflow->releaseState == model::ReleaseState::ONLINE;
    });
  } catch (const std::exception& e) {
    spdlog::error("scheduler: cannot read schedule {}: {}", scheduleId, e.what());
    return;
  }
  if (current && current->releaseState == model::ReleaseState::ONLINE && workflowOnline) {
    add(*current, false);
  } else {
    erase(scheduleId);
  }
}

void CronScheduler::add(const model::Schedule& schedule, bool catchUp) {
  const util::TimePoint now = clock_->now();
  auto existing = entries_.find(schedule.id);
  std::optional<ScheduleFireTimes> times;
  try {
    times.emplace(schedule);
  } catch (const std::exception& e) {
    spdlog::error("scheduler: schedule {} (workflow {}) cannot be armed: {}", schedule.id,
                  schedule.processDefinitionCode, e.what());
    erase(schedule.id);
    return;
  }
  // A schedule already armed keeps what it has handled, so a re-read never skips a pending fire.
  util::TimePoint handledUpTo = now;
  std::vector<util::TimePoint> overdue;
  if (existing != entries_.end()) {
    handledUpTo = existing->second.handledUpTo;
    overdue = std::move(existing->second.overdue);
    erase(schedule.id);
  } else if (catchUp && schedule.lastFireTime && *schedule.lastFireTime < now) {
    overdue = dueTimes(*times, *schedule.lastFireTime, now, options_.missedFires);
    if (!overdue.empty())
      spdlog::info("scheduler: schedule {} (workflow {}) missed fire times since {}; catching up {} run(s)",
                   schedule.id, schedule.processDefinitionCode,
                   util::formatDateTime(*schedule.lastFireTime, times->zone()), overdue.size());
  }
  auto next = times->firstAfter(handledUpTo);
  auto [it, inserted] =
      entries_.emplace(schedule.id, Entry{schedule, std::move(*times), handledUpTo, std::move(overdue), next, {}});
  requeue(schedule.id, it->second);
}

void CronScheduler::erase(int scheduleId) {
  auto it = entries_.find(scheduleId);
  if (it == entries_.end()) return;
  if (it->second.queuedAt) queue_.erase({*it->second.queuedAt, scheduleId});
  entries_.erase(it);
}

void CronScheduler::requeue(int scheduleId, Entry& entry) {
  if (entry.queuedAt) queue_.erase({*entry.queuedAt, scheduleId});
  entry.queuedAt = entry.overdue.empty() ? entry.next : std::optional(entry.overdue.front());
  if (entry.queuedAt) queue_.insert({*entry.queuedAt, scheduleId});
}

std::vector<util::TimePoint> CronScheduler::dueTimes(const ScheduleFireTimes& times, util::TimePoint after,
                                                     util::TimePoint upTo, MissedFirePolicy policy) const {
  switch (policy) {
    case MissedFirePolicy::ALL:
      return times.allIn(after, upTo, options_.maxCatchUpRuns);
    case MissedFirePolicy::LAST:
      if (auto last = times.lastIn(after, upTo)) return {*last};
      return {};
    case MissedFirePolicy::NONE:
      return {};
  }
  return {};
}

void CronScheduler::arm() {
  ++armGeneration_;
  timer_.cancel();
  if (!started_ || queue_.empty()) return;
  auto wait = queue_.begin()->first - clock_->now();
  if (wait <= std::chrono::milliseconds::zero()) {
    // Already due: handle it in order with what is queued on the loop, without a timer round trip.
    post([this, generation = armGeneration_] {
      if (generation == armGeneration_) onTimer();
    });
    return;
  }
  timer_.expires_after(std::min(wait, options_.maxTimerWait));
  timer_.async_wait([this, generation = armGeneration_](const boost::system::error_code& ec) {
    if (ec || generation != armGeneration_) return;  // cancelled or superseded
    onTimer();
  });
}

void CronScheduler::onTimer() {
  const util::TimePoint now = clock_->now();
  while (started_ && !queue_.empty() && queue_.begin()->first <= now) {
    int id = queue_.begin()->second;
    auto it = entries_.find(id);
    if (it == entries_.end()) {
      queue_.erase(queue_.begin());
      continue;
    }
    Entry& entry = it->second;
    std::vector<util::TimePoint> times = std::move(entry.overdue);
    entry.overdue.clear();
    if (entry.next && *entry.next <= now) {
      // Usually exactly one time is due; more when the loop was late. LAST and NONE fire only the latest.
      MissedFirePolicy policy =
          options_.missedFires == MissedFirePolicy::ALL ? MissedFirePolicy::ALL : MissedFirePolicy::LAST;
      for (auto t : dueTimes(entry.times, entry.handledUpTo, now, policy)) times.push_back(t);
      entry.handledUpTo = now;
      entry.next = entry.times.firstAfter(now);
    }
    requeue(id, entry);
    const model::Schedule snapshot = entry.schedule;
    for (auto t : times) {
      if (!entries_.count(id)) break;  // dropped (offline in the store) or removed by the callback
      fire(id, snapshot, t);
    }
  }
  arm();
}

void CronScheduler::fire(int scheduleId, const model::Schedule& schedule, util::TimePoint fireTime) {
  bool online = false;
  try {
    online = store_.write([&](store::Database& db) { return store::schedules::recordFire(db, scheduleId, fireTime); });
  } catch (const std::exception& e) {
    spdlog::error("scheduler: schedule {} not fired at {}: cannot record the fire time: {}", scheduleId,
                  util::formatDateTime(fireTime), e.what());
    return;
  }
  if (!online) {
    spdlog::info("scheduler: schedule {} or its workflow {} is no longer online; dropped", scheduleId,
                 schedule.processDefinitionCode);
    erase(scheduleId);
    return;
  }
  if (auto it = entries_.find(scheduleId); it != entries_.end()) it->second.schedule.lastFireTime = fireTime;
  model::Schedule fired = schedule;
  fired.lastFireTime = fireTime;
  try {
    onFire_(fired, fireTime);
  } catch (const std::exception& e) {
    spdlog::error("scheduler: schedule {} fire at {} failed: {}", scheduleId, util::formatDateTime(fireTime), e.what());
  } catch (...) {
    spdlog::error("scheduler: schedule {} fire at {} failed", scheduleId, util::formatDateTime(fireTime));
  }
}

}  // namespace porpoise::scheduler
