// What the scheduler does with fire times that passed while it was not running (or was late).
//
// Contract:
//   LAST (default) - one catch-up run per schedule, for the latest missed fire time;
//   ALL            - every missed fire time, oldest first (bounded by a cap, see CronSchedulerOptions);
//   NONE           - missed fire times are skipped; the schedule resumes at its next fire time.
// parseMissedFirePolicy accepts "last", "all", "none" (any case) and returns nullopt otherwise.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace porpoise::scheduler {

enum class MissedFirePolicy { LAST, ALL, NONE };

std::optional<MissedFirePolicy> parseMissedFirePolicy(std::string_view text);
std::string missedFirePolicyName(MissedFirePolicy policy);

}  // namespace porpoise::scheduler
