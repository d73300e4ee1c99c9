// Date and time helpers shared by every part.
//
// Contract: instants are std::chrono::system_clock time points (UTC). Rendering and parsing
// use the "yyyy-MM-dd HH:mm:ss" pattern DolphinScheduler uses in its API, in a named IANA
// time zone (empty zone = the server's default zone, see setDefaultTimeZone).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace porpoise::util {

using Clock = std::chrono::system_clock;
using TimePoint = std::chrono::time_point<Clock, std::chrono::milliseconds>;

TimePoint now();
int64_t toEpochMillis(TimePoint t);
TimePoint fromEpochMillis(int64_t ms);

// The zone used when a caller passes an empty zone name. Defaults to $TZ or UTC.
void setDefaultTimeZone(const std::string& zone);
const std::string& defaultTimeZone();
// True when `zone` names a zone in the system time zone database.
bool isValidTimeZone(const std::string& zone);

// "yyyy-MM-dd HH:mm:ss" in `zone`.
std::string formatDateTime(TimePoint t, const std::string& zone = "");
// Parses "yyyy-MM-dd HH:mm:ss" (also "yyyy-MM-dd" and "yyyy-MM-ddTHH:mm:ss") as local time in `zone`.
std::optional<TimePoint> parseDateTime(std::string_view text, const std::string& zone = "");
// "yyyyMMddHHmmssSSS" in `zone`, as used in generated names.
std::string formatStamp17(TimePoint t, const std::string& zone = "");
// Any strftime-style pattern (date library syntax, e.g. "%Y%m%d") in `zone`.
std::string formatPattern(TimePoint t, const std::string& pattern, const std::string& zone = "");

// DolphinScheduler's duration text: "1d 2h 3m 4s", zero parts omitted; a zero duration is "0s".
std::string formatDuration(std::chrono::milliseconds d);
// Gantt duration "DD HH:MM:SS".
std::string formatGanttDuration(std::chrono::milliseconds d);

}  // namespace porpoise::util
