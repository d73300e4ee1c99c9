#include "cron/cron_expression.h"

#include <date/tz.h>

#include <algorithm>
#include <stdexcept>

#include "cron/cron_parser.h"
#include "cron/zoned_fire_times.h"

namespace porpoise::cron {
namespace {

const date::time_zone& locateZone(const std::string& zone) {
  const std::string& name = zone.empty() ? util::defaultTimeZone() : zone;
  try {
    return *date::locate_zone(name);
  } catch (const std::exception&) {
    throw std::invalid_argument("unknown time zone \"" + name + "\"");
  }
}

std::optional<util::TimePoint> nextIn(const CronFields& fields, const date::time_zone& zone, util::TimePoint after) {
  auto afterSeconds = date::floor<std::chrono::seconds>(after);
  std::optional<date::sys_seconds> next = nextFireInZone(fields, zone, afterSeconds);
  if (!next) return std::nullopt;
  return std::chrono::time_point_cast<std::chrono::milliseconds>(*next);
}

}  // namespace

CronExpression CronExpression::parse(std::string_view text) {
  return CronExpression(std::string(text), parseCronFields(text));
}

bool CronExpression::isValid(std::string_view text) noexcept {
  try {
    parseCronFields(text);
    return true;
  } catch (...) {
    return false;
  }
}

std::optional<util::TimePoint> CronExpression::nextAfter(util::TimePoint after, const std::string& zone) const {
  return nextIn(fields_, locateZone(zone), after);
}

std::vector<util::TimePoint> CronExpression::nextN(util::TimePoint after, size_t n, const std::string& zone,
                                                   std::optional<util::TimePoint> until) const {
  const date::time_zone& tz = locateZone(zone);
  std::vector<util::TimePoint> times;
  times.reserve(std::min<size_t>(n, 1024));
  while (times.size() < n) {
    std::optional<util::TimePoint> next = nextIn(fields_, tz, after);
    if (!next || (until && *next > *until)) break;
    times.push_back(*next);
    after = *next;
  }
  return times;
}

}  // namespace porpoise::cron
