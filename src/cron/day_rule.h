// Evaluates a DaySpec against a calendar month.
//
// Contract: firstMatchingDay returns the smallest day d >= fromDay of the given month (1-12) that
// the rule selects, or nullopt when no day from fromDay to the month's end matches (including when
// fromDay is past the end of the month). Pure calendar arithmetic, no time zones involved.
#pragma once

#include <optional>

#include "cron/cron_fields.h"

namespace porpoise::cron {

int daysInMonth(int year, int month);
// Quartz numbering: 1 = Sunday ... 7 = Saturday.
int quartzWeekday(int year, int month, int day);

std::optional<int> firstMatchingDay(const DaySpec& spec, int year, int month, int fromDay);

}  // namespace porpoise::cron
