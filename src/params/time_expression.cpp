#include "params/time_expression.h"

#include <date/tz.h>

#include <cstdlib>
#include <vector>

#include "params/int_expression.h"
#include "params/java_date_format.h"
#include "params/param_error.h"

namespace porpoise::params {
namespace {

using std::chrono::milliseconds;

// Offsets are bounded so that no arithmetic below can overflow; results are checked separately.
constexpr int64_t kMaxYears = 10000;
constexpr int64_t kMaxDays = 366 * kMaxYears;
constexpr int64_t kMaxMinutes = 1440 * kMaxDays;
constexpr int64_t kMaxMonths = 12 * kMaxYears;
constexpr int64_t kMaxWeeks = kMaxDays / 7;

// A computed wall time and the pattern to print it with.
struct DatedPattern {
  WallTime when;
  std::string pattern;
};

void checkMagnitude(int64_t value, int64_t limit, const char* unit) {
  if (value > limit || value < -limit) {
    throw ParamError("offset of " + std::to_string(value) + " " + unit + " is out of range");
  }
}

WallTime addMinutes(WallTime t, int64_t minutes) {
  checkMagnitude(minutes, kMaxMinutes, "minutes");
  return t + std::chrono::minutes{minutes};
}

// Wall-clock days are exactly 24 hours long, so this moves the date and keeps the time of day.
WallTime addDays(WallTime t, int64_t days) {
  checkMagnitude(days, kMaxDays, "days");
  return t + std::chrono::hours{24 * days};
}

WallTime addWeeks(WallTime t, int64_t weeks) {
  checkMagnitude(weeks, kMaxWeeks, "weeks");
  return addDays(t, 7 * weeks);
}

date::local_days dayOf(WallTime t) { return date::floor<date::days>(t); }

WallTime withDay(WallTime t, date::local_days day) { return day + (t - dayOf(t)); }

WallTime addMonths(WallTime t, int64_t months) {
  checkMagnitude(months, kMaxMonths, "months");
  date::year_month_day ymd{dayOf(t)};
  date::year_month target = ymd.year() / ymd.month() + date::months{static_cast<int>(months)};
  date::day lastDay = (target / date::last).day();
  date::day day = ymd.day() <= lastDay ? ymd.day() : lastDay;
  return withDay(t, date::local_days{target / day});
}

WallTime firstDayOfMonth(WallTime t) {
  date::year_month_day ymd{dayOf(t)};
  return withDay(t, date::local_days{ymd.year() / ymd.month() / 1});
}

WallTime lastDayOfMonth(WallTime t) {
  date::year_month_day ymd{dayOf(t)};
  return withDay(t, date::local_days{ymd.year() / ymd.month() / date::last});
}

WallTime mondayOfWeek(WallTime t) {
  unsigned sinceMonday = date::weekday{dayOf(t)}.iso_encoding() - 1;
  return t - date::days{sinceMonday};
}

WallTime sundayOfWeek(WallTime t) {
  unsigned untilSunday = 7 - date::weekday{dayOf(t)}.iso_encoding();
  return t + date::days{untilSunday};
}

std::vector<std::string> splitArgs(std::string_view args) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t comma = args.find(',', start);
    parts.emplace_back(args.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return parts;
    start = comma + 1;
  }
}

// A recognised "name(args)" call, or nothing when the expression is a plain pattern.
struct Call {
  std::string name;
  std::vector<std::string> args;
};

const std::vector<std::string>& functionNames() {
  static const std::vector<std::string> names = {
      "add_months",     "month_begin",     "month_end",    "week_begin", "week_end",  "month_first_day",
      "month_last_day", "week_first_day",  "week_last_day", "this_day",  "last_day", "timestamp",
      "year_week"};
  return names;
}

bool parseCall(std::string_view expression, Call& call) {
  size_t open = expression.find('(');
  if (open == std::string_view::npos) return false;
  std::string_view name = expression.substr(0, open);
  bool known = false;
  for (const auto& candidate : functionNames()) known = known || candidate == name;
  if (!known) return false;
  if (expression.back() != ')') throw ParamError(std::string(name) + "(...) must end with ')'");
  call.name = std::string(name);
  std::string_view inside = expression.substr(open + 1, expression.size() - open - 2);
  call.args = call.name == "timestamp" ? std::vector<std::string>{std::string(inside)} : splitArgs(inside);
  return true;
}

void requireArgs(const Call& call, size_t minCount, size_t maxCount) {
  if (call.args.size() < minCount || call.args.size() > maxCount) {
    std::string expected = minCount == maxCount ? std::to_string(minCount)
                                                : std::to_string(minCount) + " or " + std::to_string(maxCount);
    throw ParamError(call.name + " takes " + expected + " argument" + (maxCount == 1 ? "" : "s") + ", got " +
                     std::to_string(call.args.size()));
  }
}

int64_t numberArg(const Call& call, size_t index, int64_t fallback) {
  return index < call.args.size() ? evaluateIntExpression(call.args[index]) : fallback;
}

// Minutes for an offset text as DolphinScheduler computes them: 1440*(text up to the first '/')
// followed by the rest of the text.
int64_t offsetMinutes(std::string_view offset) {
  size_t slash = offset.find('/');
  std::string expression = slash == std::string_view::npos
                               ? "1440*(" + std::string(offset) + ")"
                               : "1440*(" + std::string(offset.substr(0, slash)) + ")" +
                                     std::string(offset.substr(slash));
  return evaluateIntExpression(expression);
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// "<pattern>", "<pattern>+N" or "<pattern>-N".
DatedPattern evaluatePlain(std::string_view expression, WallTime base) {
  char sign = 0;
  size_t at = std::string_view::npos;
  if (expression.find('+') != std::string_view::npos) {
    at = expression.rfind('+');
    sign = '+';
  } else if (expression.find('-') != std::string_view::npos) {
    at = expression.rfind('-');
    sign = '-';
  }
  if (sign == 0 || at + 1 >= expression.size() || !isDigit(expression[at + 1])) {
    return {base, std::string(expression)};
  }
  int64_t minutes = offsetMinutes(expression.substr(at + 1));
  return {addMinutes(base, sign == '+' ? minutes : -minutes), std::string(expression.substr(0, at))};
}

// Every form except timestamp and year_week.
DatedPattern evaluateDated(std::string_view expression, WallTime base) {
  Call call;
  if (!parseCall(expression, call)) return evaluatePlain(expression, base);
  const std::string& n = call.name;
  if (n == "timestamp" || n == "year_week") throw ParamError(n + " cannot be nested");
  if (call.args[0].empty()) throw ParamError(n + " needs a date pattern as its first argument");
  if (n == "this_day" || n == "last_day") {
    requireArgs(call, 1, 1);
    return {n == "this_day" ? base : addDays(base, -1), call.args[0]};
  }
  if (n == "month_first_day" || n == "month_last_day" || n == "week_first_day" || n == "week_last_day") {
    requireArgs(call, 1, 2);
    int64_t count = numberArg(call, 1, 0);
    if (n == "month_first_day") return {addMonths(firstDayOfMonth(base), count), call.args[0]};
    if (n == "month_last_day") return {lastDayOfMonth(addMonths(base, count)), call.args[0]};
    if (n == "week_first_day") return {addWeeks(mondayOfWeek(base), count), call.args[0]};
    return {addWeeks(sundayOfWeek(base), count), call.args[0]};
  }
  requireArgs(call, 2, 2);
  int64_t count = numberArg(call, 1, 0);
  if (n == "add_months") return {addMonths(base, count), call.args[0]};
  if (n == "month_begin") return {addDays(firstDayOfMonth(base), count), call.args[0]};
  if (n == "month_end") return {addDays(lastDayOfMonth(base), count), call.args[0]};
  if (n == "week_begin") return {addDays(mondayOfWeek(base), count), call.args[0]};
  return {addDays(sundayOfWeek(base), count), call.args[0]};  // week_end
}

void checkYearRange(WallTime t) {
  int year = static_cast<int>(date::year_month_day{dayOf(t)}.year());
  if (year < 1 || year > 9999) throw ParamError("result year " + std::to_string(year) + " is outside 1..9999");
}

const date::time_zone* locateZone(const std::string& zone) {
  const std::string& name = zone.empty() ? util::defaultTimeZone() : zone;
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    throw ParamError("unknown time zone '" + name + "'");
  }
}

std::string format(const DatedPattern& dated, const std::string& zone) {
  checkYearRange(dated.when);
  return formatJavaDate(dated.when, dated.pattern, zone);
}

// Reads "yyyyMMddHHmmss" as a wall time in `tz` and returns its epoch seconds. Wall times that occur
// twice take the earlier instant; wall times skipped by a daylight-saving change move forward.
std::string epochSecondsOf(const std::string& text, const date::time_zone* tz) {
  bool digits = text.size() == 14;
  for (char c : text) digits = digits && isDigit(c);
  if (!digits) throw ParamError("timestamp needs a yyyyMMddHHmmss text, got '" + text + "'");
  auto field = [&](size_t pos, size_t len) { return std::atoi(text.substr(pos, len).c_str()); };
  date::year_month_day ymd{date::year{field(0, 4)}, date::month{static_cast<unsigned>(field(4, 2))},
                           date::day{static_cast<unsigned>(field(6, 2))}};
  int hour = field(8, 2), minute = field(10, 2), second = field(12, 2);
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 59) {
    throw ParamError("timestamp text '" + text + "' is not a valid date and time");
  }
  date::local_seconds local =
      date::local_days{ymd} + std::chrono::hours{hour} + std::chrono::minutes{minute} + std::chrono::seconds{second};
  date::sys_seconds instant{local.time_since_epoch() - tz->get_info(local).first.offset};
  return std::to_string(instant.time_since_epoch().count());
}

std::string yearWeek(const Call& call, WallTime base) {
  requireArgs(call, 1, 2);
  if (call.args[0].empty()) throw ParamError("year_week needs a date pattern as its first argument");
  int64_t firstDayNumber = numberArg(call, 1, 1);
  // 2 = Tuesday ... 7 = Sunday (date::weekday reads 7 as Sunday); anything else = Monday.
  date::weekday firstDay =
      firstDayNumber >= 2 && firstDayNumber <= 7 ? date::weekday{static_cast<unsigned>(firstDayNumber)} : date::Monday;
  WeekNumber number = weekOfYear(dayOf(base), firstDay, 4);
  std::string out = std::to_string(number.weekYear);
  if (call.args[0].find('-') != std::string::npos) out += '-';
  if (number.week < 10) out += '0';
  return out + std::to_string(number.week);
}

}  // namespace

std::string evaluateTimeExpression(std::string_view expression, const TimeBase& base) {
  try {
    if (expression.empty()) throw ParamError("empty expression");
    const date::time_zone* tz = locateZone(base.zone);
    WallTime wall = tz->to_local(base.instant);
    Call call;
    if (parseCall(expression, call)) {
      if (call.name == "timestamp") {
        if (call.args[0].empty()) throw ParamError("timestamp needs an expression");
        return epochSecondsOf(format(evaluateDated(call.args[0], wall), base.zone), tz);
      }
      if (call.name == "year_week") return yearWeek(call, wall);
    }
    return format(evaluateDated(expression, wall), base.zone);
  } catch (const ParamError& e) {
    throw ParamError("invalid time expression $[" + std::string(expression) + "]: " + e.what());
  }
}

std::string replaceTimeExpressions(std::string_view text, const TimeBase& base, OnBadTimeExpression onBad) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;  // text before pos has been copied or replaced
  size_t searchFrom = 0;
  for (;;) {
    size_t open = text.find("$[", searchFrom);
    if (open == std::string_view::npos) break;
    size_t end = open + 2;
    while (end < text.size() && text[end] != ']' && text[end] != '$') ++end;
    if (end >= text.size() || text[end] != ']' || end == open + 2) {
      searchFrom = open + 1;  // not an expression here; a later "$[" may still be one
      continue;
    }
    std::string_view expression = text.substr(open + 2, end - open - 2);
    searchFrom = end + 1;
    if (expression.size() == 1 && isDigit(expression[0])) continue;
    std::string value;
    try {
      value = evaluateTimeExpression(expression, base);
    } catch (const ParamError&) {
      if (onBad == OnBadTimeExpression::kThrow) throw;
      continue;
    }
    out.append(text.substr(pos, open - pos));
    out += value;
    pos = end + 1;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace porpoise::params
