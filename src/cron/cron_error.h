// The error thrown when a Quartz cron expression cannot be parsed.
//
// Contract: what() is a complete, user-facing sentence that quotes the whole expression, names
// the offending field and quotes the offending text, e.g.
//   invalid cron expression "0 0 25 * * ?": hours field "25" is out of range 0-23
// `field` is the 0-based field index (0 seconds, 1 minutes, 2 hours, 3 day-of-month, 4 month,
// 5 day-of-week, 6 year) or -1 when the problem is the expression as a whole (empty, wrong number
// of fields); `fieldName` is then empty.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace porpoise::cron {

struct CronError : std::invalid_argument {
  CronError(const std::string& message, int field, std::string fieldName)
      : std::invalid_argument(message), field(field), fieldName(std::move(fieldName)) {}

  int field;
  std::string fieldName;
};

}  // namespace porpoise::cron
