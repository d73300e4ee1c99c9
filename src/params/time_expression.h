// Time expressions: the "$[...]" placeholders of DolphinScheduler (spec ds-tasks.md §5.5).
//
// An expression is evaluated against a base instant (the task's business time: schedule time, or
// the workflow's start time) shown on the wall clock of an IANA zone. Forms:
//   $[<pattern>]                 the base time formatted with a SimpleDateFormat pattern
//                                (see java_date_format.h), e.g. $[yyyyMMdd], $[yyyy-MM-dd HH:mm:ss]
//   $[<pattern>+N] $[<pattern>-N]   base ± N days. N is integer arithmetic (+ - * / parentheses);
//                                as in DolphinScheduler it is turned into minutes as
//                                1440*(part before the first '/') followed by the rest, so
//                                $[HHmmss-1/24] is one hour back and $[HHmmss+1/24/60] one minute ahead.
//                                The split is at the last '+' followed by a digit; only when the text
//                                has no '+' at all, at the last '-' followed by a digit. So
//                                $[yyyy-MM-dd-1] is "yesterday" while $[yyyy-MM-dd] is a plain pattern.
//   $[add_months(p,N)]           base + N months (day clamped to the month's end: 31 Jan + 1 = 28/29 Feb)
//   $[month_begin(p,N)] $[month_end(p,N)]   first/last day of the base month, then + N days
//   $[week_begin(p,N)]  $[week_end(p,N)]    Monday/Sunday of the base week, then + N days
//   $[month_first_day(p[,N])] $[month_last_day(p[,N])]   first/last day of the month N months away
//   $[week_first_day(p[,N])]  $[week_last_day(p[,N])]    Monday/Sunday of the week N weeks away
//   $[this_day(p)] $[last_day(p)]           the base day / the day before
//   $[timestamp(<expr>)]         <expr> is any form above except year_week; its text must read as
//                                yyyyMMddHHmmss; the result is that wall time's epoch seconds
//   $[year_week(p[,N])]          week number "yyyyww" ("yyyy-ww" when p contains '-'); weeks start on
//                                Monday, or on day N (2 = Tuesday ... 7 = Sunday); week 1 has >= 4 days
// Weeks start on Monday everywhere except year_week with N. Arithmetic is done on the wall clock, so
// "one day back" keeps the time of day across daylight-saving changes (DolphinScheduler subtracts
// 24 hours instead). year_week prints the week-based year (30 Dec 2024 is "202501"; DolphinScheduler
// prints the calendar year, "202401"). Results must fall in the years 1..9999.
//
// Errors: evaluateTimeExpression throws ParamError naming the expression for an unknown pattern
// letter, a malformed function call, a bad number expression, an out-of-range result or an unknown
// zone. replaceTimeExpressions either rethrows that error (kThrow, the DolphinScheduler behaviour:
// the task fails) or keeps the expression text unchanged (kKeep).
#pragma once

#include <string>
#include <string_view>

#include "util/time.h"

namespace porpoise::params {

struct TimeBase {
  util::TimePoint instant{};
  std::string zone;  // IANA name; empty = util::defaultTimeZone()
};

// Evaluates one expression: the text between "$[" and "]".
std::string evaluateTimeExpression(std::string_view expression, const TimeBase& base);

enum class OnBadTimeExpression { kThrow, kKeep };

// Replaces every "$[expr]" in `text`, where expr is one or more characters none of which is '$' or
// ']' (so "$[" without a closing "]" is plain text). An expr that is exactly one digit ("$[1]") is
// left alone, as DolphinScheduler does.
std::string replaceTimeExpressions(std::string_view text, const TimeBase& base,
                                   OnBadTimeExpression onBad = OnBadTimeExpression::kThrow);

}  // namespace porpoise::params
