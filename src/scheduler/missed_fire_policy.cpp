#include "scheduler/missed_fire_policy.h"

#include "util/strings.h"

namespace porpoise::scheduler {

std::optional<MissedFirePolicy> parseMissedFirePolicy(std::string_view text) {
  std::string name = util::toLower(util::trim(text));
  if (name == "last") return MissedFirePolicy::LAST;
  if (name == "all") return MissedFirePolicy::ALL;
  if (name == "none") return MissedFirePolicy::NONE;
  return std::nullopt;
}

std::string missedFirePolicyName(MissedFirePolicy policy) {
  switch (policy) {
    case MissedFirePolicy::LAST:
      return "last";
    case MissedFirePolicy::ALL:
      return "all";
    case MissedFirePolicy::NONE:
      return "none";
  }
  return "last";
}

}  // namespace porpoise::scheduler
