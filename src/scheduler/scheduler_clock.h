// The scheduler's source of the current instant.
//
// Contract: now() is wall-clock time (UTC instants, like util::now()). The scheduler waits with
// steady timers for `due - now()` and re-reads now() when a timer expires, so a clock that moves
// differently from real time (a test's manual clock, a wall-clock jump) is honoured once the
// scheduler is told (CronScheduler::clockChanged) or its next timer expires.
#pragma once

#include "util/time.h"

namespace porpoise::scheduler {

class SchedulerClock {
 public:
  virtual ~SchedulerClock() = default;
  virtual util::TimePoint now() const = 0;
};

class SystemSchedulerClock final : public SchedulerClock {
 public:
  util::TimePoint now() const override { return util::now(); }
};

}  // namespace porpoise::scheduler
