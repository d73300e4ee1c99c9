// Turns the wall-clock matches of a cron expression into instants in one IANA time zone.
//
// Contract: every local time L that the fields select is mapped to one instant:
//   - L exists once: that instant;
//   - L occurs twice (fall back): its first occurrence;
//   - L falls in a gap (spring forward): L read with the offset in force before the gap, i.e. shifted
//     forward by the gap's length.
// nextFireInZone returns the smallest such instant strictly after `after`, or nullopt when there is
// none up to the end of 2099 (local). Equal instants coming from different local times count once.
#pragma once

#include <date/tz.h>

#include <optional>

#include "cron/cron_fields.h"

namespace porpoise::cron {

std::optional<date::sys_seconds> nextFireInZone(const CronFields& fields, const date::time_zone& zone,
                                                date::sys_seconds after);

}  // namespace porpoise::cron
