// A parsed Quartz cron expression and its fire times in an IANA time zone.
//
// Contract:
// - parse() accepts Quartz syntax: 6 or 7 fields "sec min hour day-of-month month day-of-week
//   [year]" with *, ?, a-b (wrapping ranges such as 22-2 or FRI-MON allowed), lists, steps
//   (*/n, a/n, a-b/n, and Quartz's bare /n), JAN-DEC, SUN-SAT (1 = Sunday ... 7 = Saturday), L, L-n, LW,
//   L-nW, nW, nL, n#k (a lone L in day-of-week is Saturday);
//   case-insensitive; years 1970-2099. Exactly one of day-of-month / day-of-week must be '?'
//   (e.g. "0 0 * * * ? *"). Invalid text throws CronError (see cron_error.h). A list may not mix
//   L, W or # with other values. More than 7 fields is an error (Quartz silently ignores them).
// - nextAfter(t) is the earliest fire time strictly after t (whole seconds), or nullopt when the
//   expression never fires again (no matching date up to 2099, e.g. "0 0 0 30 2 ?"). It advances
//   field by field, so it is fast and always terminates.
// - Fire times are matched against local (wall-clock) time in `zone`; empty zone = the server's
//   default zone (util::defaultTimeZone). An unknown zone throws std::invalid_argument.
// - Daylight saving time:
//   * Spring forward: a local time inside the gap does not exist; it fires at the same wall-clock
//     reading taken with the offset in force before the gap, i.e. shifted forward by the gap's length
//     (New York, 2024-03-10: "0 30 2 * * ?" fires at 03:30 EDT), the way Java's lenient calendar, which
//     Quartz uses, resolves such a time. Several gap times may map onto one instant; it fires once. Should a real
//     wall-clock time after the gap be earlier than the shifted one (only with gaps that are not whole
//     hours), that earlier time fires first.
//   * Fall back: a local time that occurs twice fires once, at its first occurrence (01:30 EDT,
//     not 01:30 EST); the repeated wall-clock period does not fire again. This is our choice; Quartz
//     leaves the outcome to Java's calendar.
// - W with a day the month does not have (31W in April) does not fire that month, like plain 31.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cron/cron_error.h"
#include "cron/cron_fields.h"
#include "util/time.h"

namespace porpoise::cron {

class CronExpression {
 public:
  // Throws CronError.
  static CronExpression parse(std::string_view text);
  // True when parse() would succeed.
  static bool isValid(std::string_view text) noexcept;

  // The text the expression was parsed from, unchanged.
  const std::string& text() const { return text_; }
  const CronFields& fields() const { return fields_; }

  std::optional<util::TimePoint> nextAfter(util::TimePoint after, const std::string& zone) const;

  // Up to n successive fire times after `after`, stopping at the first one later than `until`
  // (inclusive bound) or when the expression stops firing.
  std::vector<util::TimePoint> nextN(util::TimePoint after, size_t n, const std::string& zone,
                                     std::optional<util::TimePoint> until = std::nullopt) const;

 private:
  CronExpression(std::string text, CronFields fields) : text_(std::move(text)), fields_(std::move(fields)) {}

  std::string text_;
  CronFields fields_;
};

}  // namespace porpoise::cron
