#include "util/code_generator.h"

#include <chrono>
#include <mutex>

namespace porpoise::util {
namespace {
constexpr int64_t kEpochMs = 1609430400000LL;  // 2021-01-01 00:00:00 +08:00
constexpr int64_t kMachine = 1;
std::mutex mu;
int64_t last = 0;
}  // namespace

int64_t nextCode() {
  std::lock_guard lock(mu);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
                .count() -
            kEpochMs;
  int64_t candidate = (ms << 7) | (kMachine << 5);
  if (candidate <= last) candidate = last + 1;
  last = candidate;
  return candidate;
}

void raiseCodeFloor(int64_t code) {
  std::lock_guard lock(mu);
  if (code > last) last = code;
}

}  // namespace porpoise::util
