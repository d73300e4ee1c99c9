// Finds the next wall-clock time that a cron expression's fields select.
//
// Contract: nextLocalMatch returns the smallest local time strictly after `after` (whole seconds)
// whose year, month, day, hour, minute and second all match `fields`, or nullopt when there is none
// up to the end of year 2099. Advances the largest non-matching field first (year, month, day,
// hour, minute, second), so it takes at most a few steps per month searched and always terminates.
// Local times here are plain calendar readings: time zones and DST are the caller's concern.
#pragma once

#include <date/date.h>

#include <optional>

#include "cron/cron_fields.h"

namespace porpoise::cron {

std::optional<date::local_seconds> nextLocalMatch(const CronFields& fields, date::local_seconds after);

}  // namespace porpoise::cron
