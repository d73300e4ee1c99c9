#include "util/time.h"

#include <date/date.h>
#include <date/tz.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <sstream>

namespace porpoise::util {
namespace {

std::string& defaultZoneStorage() {
  static std::string zone = [] {
    const char* tz = std::getenv("TZ");
    std::string z = (tz && *tz) ? tz : "";
    if (!z.empty() && z[0] == ':') z.erase(0, 1);
    if (z.empty() || !isValidTimeZone(z)) {
      try {
        z = date::current_zone()->name();
      } catch (...) {
        z = "UTC";
      }
    }
    return z;
  }();
  return zone;
}

const date::time_zone* zoneFor(const std::string& zone) {
  const std::string& name = zone.empty() ? defaultTimeZone() : zone;
  try {
    return date::locate_zone(name);
  } catch (...) {
    return date::locate_zone("UTC");
  }
}

}  // namespace

TimePoint now() { return std::chrono::time_point_cast<std::chrono::milliseconds>(Clock::now()); }

int64_t toEpochMillis(TimePoint t) { return t.time_since_epoch().count(); }

TimePoint fromEpochMillis(int64_t ms) { return TimePoint(std::chrono::milliseconds(ms)); }

void setDefaultTimeZone(const std::string& zone) {
  if (isValidTimeZone(zone)) defaultZoneStorage() = zone;
}

const std::string& defaultTimeZone() { return defaultZoneStorage(); }

bool isValidTimeZone(const std::string& zone) {
  if (zone.empty()) return false;
  try {
    date::locate_zone(zone);
    return true;
  } catch (...) {
    return false;
  }
}

std::string formatPattern(TimePoint t, const std::string& pattern, const std::string& zone) {
  auto zt = date::make_zoned(zoneFor(zone), std::chrono::time_point_cast<std::chrono::seconds>(t));
  return date::format(pattern, zt);
}

std::string formatDateTime(TimePoint t, const std::string& zone) { return formatPattern(t, "%Y-%m-%d %H:%M:%S", zone); }

std::string formatStamp17(TimePoint t, const std::string& zone) {
  auto ms = toEpochMillis(t) % 1000;
  if (ms < 0) ms += 1000;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%03lld", static_cast<long long>(ms));
  return formatPattern(t, "%Y%m%d%H%M%S", zone) + buf;
}

std::optional<TimePoint> parseDateTime(std::string_view text, const std::string& zone) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  std::string str(text);
  char sep = 0;
  int n = std::sscanf(str.c_str(), "%4d-%2d-%2d%c%2d:%2d:%2d", &y, &mo, &d, &sep, &h, &mi, &s);
  if (n == 3) {
    h = mi = s = 0;
  } else if (n != 7 || (sep != ' ' && sep != 'T')) {
    return std::nullopt;
  }
  date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)}, date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return std::nullopt;
  auto local = date::local_days{ymd} + std::chrono::hours{h} + std::chrono::minutes{mi} + std::chrono::seconds{s};
  // Ambiguous or non-existent local times (DST changes) resolve to the earliest valid instant.
  auto info = zoneFor(zone)->get_info(local);
  date::sys_seconds sys;
  if (info.result == date::local_info::unique || info.result == date::local_info::ambiguous) {
    sys = date::sys_seconds{local.time_since_epoch()} - info.first.offset;
  } else {
    sys = date::sys_seconds{local.time_since_epoch()} - info.first.offset;  // in the gap: shift forward
  }
  return std::chrono::time_point_cast<std::chrono::milliseconds>(sys);
}

std::string formatDuration(std::chrono::milliseconds d) {
  long long total = d.count() / 1000;
  if (total < 0) total = 0;
  long long days = total / 86400, hours = total % 86400 / 3600, mins = total % 3600 / 60, secs = total % 60;
  std::ostringstream out;
  auto part = [&](long long v, const char* unit) {
    if (v == 0) return;
    if (out.tellp() > 0) out << ' ';
    out << v << unit;
  };
  part(days, "d");
  part(hours, "h");
  part(mins, "m");
  part(secs, "s");
  if (out.tellp() == 0) return "0s";
  return out.str();
}

std::string formatGanttDuration(std::chrono::milliseconds d) {
  long long total = d.count() / 1000;
  if (total < 0) total = 0;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%02lld %02lld:%02lld:%02lld", total / 86400, total % 86400 / 3600, total % 3600 / 60,
                total % 60);
  return buf;
}

}  // namespace porpoise::util
