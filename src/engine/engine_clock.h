// Time for the engine: the current instant and one-shot timers.
//
// Contract: every callback passed to schedule() runs later on the engine loop (never inside schedule()
// itself), at most once, and not at all once cancel(id) was called for it. Ids are never 0, so 0 can
// mean "no timer". cancel() of an unknown or already fired id does nothing. Used only from the engine
// loop. AsioEngineClock is the real one; tests use a manual clock they advance by hand.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

#include "util/time.h"

namespace porpoise::engine {

class EngineClock {
 public:
  using TimerId = uint64_t;
  virtual ~EngineClock() = default;
  virtual util::TimePoint now() const = 0;
  virtual TimerId schedule(std::chrono::milliseconds delay, std::function<void()> callback) = 0;
  virtual void cancel(TimerId id) = 0;
};

}  // namespace porpoise::engine
