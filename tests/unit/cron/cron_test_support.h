// Helpers shared by the cron unit tests: instants from "yyyy-MM-dd HH:mm:ss" text and back.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cron/cron_expression.h"
#include "util/time.h"

namespace porpoise::cron::testing {

// The instant that `text` denotes in `zone` (only use it for wall-clock times that exist once).
inline util::TimePoint at(const std::string& text, const std::string& zone = "UTC") {
  std::optional<util::TimePoint> t = util::parseDateTime(text, zone);
  if (!t) throw std::invalid_argument("test helper: bad time " + text);
  return *t;
}

inline std::string show(std::optional<util::TimePoint> t, const std::string& zone = "UTC") {
  return t ? util::formatDateTime(*t, zone) : std::string("never");
}

// The next fire time after `after` (read in `zone`), rendered in `zone`, or "never".
inline std::string nextFire(const std::string& expression, const std::string& after, const std::string& zone = "UTC") {
  return show(CronExpression::parse(expression).nextAfter(at(after, zone), zone), zone);
}

// `n` successive fire times after `after`, all read and rendered in `zone`.
inline std::vector<std::string> fireSeries(const std::string& expression, const std::string& after, size_t n,
                                           const std::string& zone = "UTC") {
  std::vector<std::string> out;
  for (util::TimePoint t : CronExpression::parse(expression).nextN(at(after, zone), n, zone)) {
    out.push_back(util::formatDateTime(t, zone));
  }
  return out;
}

// Same, but `after` and the results are UTC instants (for tests around DST changes).
inline std::vector<std::string> fireSeriesUtc(const std::string& expression, const std::string& afterUtc, size_t n,
                                              const std::string& zone) {
  std::vector<std::string> out;
  for (util::TimePoint t : CronExpression::parse(expression).nextN(at(afterUtc, "UTC"), n, zone)) {
    out.push_back(util::formatDateTime(t, "UTC"));
  }
  return out;
}

}  // namespace porpoise::cron::testing
