// Unique 64-bit codes for projects, workflows, tasks and environments.
//
// Contract: nextCode() is thread-safe, strictly increasing within a process, positive and
// below 2^53 (safe as a JavaScript number). Layout as DolphinScheduler 3.1:
// (millis since 2021-01-01T00:00+08:00) << 7 | machine(2 bits) << 5 | sequence(5 bits).
// Codes issued after a restart stay above every code issued before it as long as the clock
// does not go backwards; raiseFloor() lets the store guarantee that anyway.
#pragma once

#include <cstdint>

namespace porpoise::util {

int64_t nextCode();
// Ensures every later code is greater than `code` (called with the largest stored code at start).
void raiseCodeFloor(int64_t code);

}  // namespace porpoise::util
