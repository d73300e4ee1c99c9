// A hand-driven EngineClock for tests: time moves only when advance() is called.
//
// Contract: now() starts at a fixed instant (2024-03-01 10:00:00 UTC). advance(d) fires, in due order
// (ties in scheduling order), every timer due within the next d, setting now() to each timer's due
// time before calling it, and ends with now() = start + d. Timers scheduled by callbacks are fired too
// if they fall inside the window.
#pragma once

#include <map>
#include <tuple>

#include "engine/engine_clock.h"

namespace porpoise::engine::testing {

class ManualClock : public EngineClock {
 public:
  ManualClock() : now_(util::fromEpochMillis(1709287200000)) {}  // 2024-03-01 10:00:00 UTC

  util::TimePoint now() const override { return now_; }

  TimerId schedule(std::chrono::milliseconds delay, std::function<void()> callback) override {
    TimerId id = nextId_++;
    if (delay.count() < 0) delay = std::chrono::milliseconds(0);
    timers_[{now_ + delay, id}] = std::move(callback);
    return id;
  }

  void cancel(TimerId id) override {
    for (auto it = timers_.begin(); it != timers_.end(); ++it)
      if (std::get<1>(it->first) == id) {
        timers_.erase(it);
        return;
      }
  }

  void advance(std::chrono::milliseconds d) {
    auto target = now_ + d;
    while (!timers_.empty() && std::get<0>(timers_.begin()->first) <= target) {
      auto it = timers_.begin();
      now_ = std::get<0>(it->first);
      auto callback = std::move(it->second);
      timers_.erase(it);
      callback();
    }
    now_ = target;
  }

  size_t pendingTimers() const { return timers_.size(); }

 private:
  util::TimePoint now_;
  TimerId nextId_ = 1;
  std::map<std::tuple<util::TimePoint, TimerId>, std::function<void()>> timers_;
};

}  // namespace porpoise::engine::testing
