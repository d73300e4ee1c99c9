// Parses the text of a Quartz cron expression into CronFields.
//
// Contract: accepts 6 or 7 whitespace-separated fields (seconds minutes hours day-of-month month
// day-of-week [year]); names and the letters L, W are case-insensitive. Exactly one of
// day-of-month and day-of-week must be '?'. Anything else throws CronError naming the field and
// the offending text. Never reads outside the given text, whatever it contains.
#pragma once

#include <string_view>

#include "cron/cron_error.h"
#include "cron/cron_fields.h"

namespace porpoise::cron {

CronFields parseCronFields(std::string_view expression);

}  // namespace porpoise::cron
