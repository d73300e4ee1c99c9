// Formats a wall-clock time with a java.text.SimpleDateFormat pattern, the pattern language
// DolphinScheduler users write inside $[...] (e.g. "yyyyMMdd", "yyyy-MM-dd HH:mm:ss").
//
// Contract:
//  - Supported letters, with SimpleDateFormat's meaning in an English (US) locale:
//      G era (AD/BC)         y year (yy = two digits)   Y week year      M/L month (MMM Jan, MMMM January)
//      w week of year        W week of month            D day of year    d day of month
//      F weekday-in-month    E weekday (E..EEE Mon, EEEE Monday)     u weekday number (1 = Monday)
//      a AM/PM   H 0-23   k 1-24   K 0-11   h 1-12   m minute   s second   S millisecond
//      z zone abbreviation   Z +0800   X +08 / +0800 / +08:00 (Z for UTC)
//    Numbers are zero-padded to the letter count. Week fields (w, W, Y) use the US rules: weeks
//    start on Sunday and week 1 is the week containing 1 January.
//  - Text between single quotes is literal, '' is a single quote; every other non-letter is literal.
//  - Any other ASCII letter, an unterminated quote, or XXXX... throws ParamError naming the pattern.
//  - Zone letters use the zone's offset at that wall time (the earlier instant when the wall time is
//    ambiguous, the offset before the change when it falls in a gap). 'z' prints the abbreviation
//    for every count (the tz database has no long names). An empty zone means util::defaultTimeZone().
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <date/date.h>

namespace porpoise::params {

// A date and time of day as shown on a wall clock, not tied to an instant.
using WallTime = date::local_time<std::chrono::milliseconds>;

std::string formatJavaDate(WallTime wall, std::string_view pattern, const std::string& zone);

// Week numbering with a configurable first weekday and "minimal days in the first week", as
// java.util.Calendar does it. The week year is the year the week is counted in (it differs from the
// calendar year for a few days around 1 January).
struct WeekNumber {
  int weekYear = 0;
  unsigned week = 0;
};
WeekNumber weekOfYear(date::local_days day, date::weekday firstDay, unsigned minimalDaysInFirstWeek);

}  // namespace porpoise::params
