#include "params/java_date_format.h"

#include <date/tz.h>

#include <array>
#include <cstdlib>
#include <optional>

#include "params/param_error.h"
#include "util/time.h"

namespace porpoise::params {
namespace {

constexpr std::array<const char*, 12> kMonthNames = {"January", "February", "March",     "April",   "May",      "June",
                                                      "July",    "August",   "September", "October", "November",
                                                      "December"};
// Indexed by ISO weekday number - 1 (Monday first).
constexpr std::array<const char*, 7> kDayNames = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                  "Friday", "Saturday", "Sunday"};

void appendNumber(std::string& out, long long value, size_t minWidth) {
  if (value < 0) {
    out += '-';
    value = -value;
  }
  std::string digits = std::to_string(value);
  if (digits.size() < minWidth) out.append(minWidth - digits.size(), '0');
  out += digits;
}

date::local_days week1Start(int year, date::weekday firstDay, unsigned minimalDays) {
  date::local_days jan1{date::year{year} / date::January / 1};
  // Days from the start of the week that contains 1 January up to 1 January.
  unsigned lead = (date::weekday{jan1} - firstDay).count();
  date::local_days start = jan1 - date::days{lead};
  if (7 - lead < minimalDays) start += date::days{7};
  return start;
}

// Offset and abbreviation of `zone` at a wall time; looked up only when a zone letter needs it.
class ZoneAtWallTime {
 public:
  ZoneAtWallTime(const std::string& zone, WallTime wall) : zone_(zone), wall_(wall) {}

  std::chrono::seconds offset() { return info().offset; }
  const std::string& abbreviation() { return info().abbrev; }

 private:
  const date::sys_info& info() {
    if (!info_) {
      const std::string& name = zone_.empty() ? util::defaultTimeZone() : zone_;
      const date::time_zone* tz = nullptr;
      try {
        tz = date::locate_zone(name);
      } catch (const std::exception&) {
        throw ParamError("unknown time zone '" + name + "'");
      }
      info_ = tz->get_info(date::floor<std::chrono::seconds>(wall_)).first;
    }
    return *info_;
  }

  std::string zone_;
  WallTime wall_;
  std::optional<date::sys_info> info_;
};

void appendOffset(std::string& out, std::chrono::seconds offset, bool withColon, bool withMinutes) {
  long long total = offset.count() / 60;
  out += total < 0 ? '-' : '+';
  total = std::llabs(total);
  appendNumber(out, total / 60, 2);
  if (!withMinutes) return;
  if (withColon) out += ':';
  appendNumber(out, total % 60, 2);
}

bool isAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

[[noreturn]] void failPattern(std::string_view pattern, const std::string& why) {
  throw ParamError("invalid date pattern '" + std::string(pattern) + "': " + why);
}

}  // namespace

WeekNumber weekOfYear(date::local_days day, date::weekday firstDay, unsigned minimalDaysInFirstWeek) {
  int year = static_cast<int>(date::year_month_day{day}.year());
  date::local_days start = week1Start(year, firstDay, minimalDaysInFirstWeek);
  if (day < start) {
    --year;
    start = week1Start(year, firstDay, minimalDaysInFirstWeek);
  } else {
    date::local_days next = week1Start(year + 1, firstDay, minimalDaysInFirstWeek);
    if (day >= next) {
      ++year;
      start = next;
    }
  }
  return WeekNumber{year, static_cast<unsigned>((day - start).count() / 7 + 1)};
}

std::string formatJavaDate(WallTime wall, std::string_view pattern, const std::string& zone) {
  const date::local_days dayPoint = date::floor<date::days>(wall);
  const date::year_month_day ymd{dayPoint};
  const date::hh_mm_ss<std::chrono::milliseconds> tod{wall - dayPoint};
  const int year = static_cast<int>(ymd.year());
  const unsigned month = static_cast<unsigned>(ymd.month());
  const unsigned dayOfMonth = static_cast<unsigned>(ymd.day());
  const unsigned isoWeekday = date::weekday{dayPoint}.iso_encoding();  // 1 = Monday ... 7 = Sunday
  const long long hour = tod.hours().count();
  ZoneAtWallTime zoneInfo(zone, wall);

  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    char c = pattern[i];
    if (c == '\'') {
      // Quoted literal; '' inside or outside quotes is one quote character.
      if (i + 1 < pattern.size() && pattern[i + 1] == '\'') {
        out += '\'';
        i += 2;
        continue;
      }
      size_t j = i + 1;
      for (;;) {
        if (j >= pattern.size()) failPattern(pattern, "unterminated quote");
        if (pattern[j] == '\'') {
          if (j + 1 < pattern.size() && pattern[j + 1] == '\'') {
            out += '\'';
            j += 2;
            continue;
          }
          break;
        }
        out += pattern[j++];
      }
      i = j + 1;
      continue;
    }
    if (!isAsciiLetter(c)) {
      out += c;
      ++i;
      continue;
    }
    size_t count = 1;
    while (i + count < pattern.size() && pattern[i + count] == c) ++count;
    i += count;
    switch (c) {
      case 'G':
        out += year > 0 ? "AD" : "BC";
        break;
      case 'y':
        if (count == 2) {
          appendNumber(out, ((year % 100) + 100) % 100, 2);
        } else {
          appendNumber(out, year, count);
        }
        break;
      case 'Y': {
        int weekYear = weekOfYear(dayPoint, date::Sunday, 1).weekYear;
        if (count == 2) {
          appendNumber(out, ((weekYear % 100) + 100) % 100, 2);
        } else {
          appendNumber(out, weekYear, count);
        }
        break;
      }
      case 'M':
      case 'L':
        if (count >= 4) {
          out += kMonthNames[month - 1];
        } else if (count == 3) {
          out.append(kMonthNames[month - 1], 3);
        } else {
          appendNumber(out, month, count);
        }
        break;
      case 'w':
        appendNumber(out, weekOfYear(dayPoint, date::Sunday, 1).week, count);
        break;
      case 'W': {
        date::local_days first{ymd.year() / ymd.month() / 1};
        unsigned lead = (date::weekday{first} - date::Sunday).count();
        appendNumber(out, (dayOfMonth - 1 + lead) / 7 + 1, count);
        break;
      }
      case 'D': {
        date::local_days jan1{ymd.year() / date::January / 1};
        appendNumber(out, (dayPoint - jan1).count() + 1, count);
        break;
      }
      case 'd':
        appendNumber(out, dayOfMonth, count);
        break;
      case 'F':
        appendNumber(out, (dayOfMonth - 1) / 7 + 1, count);
        break;
      case 'E':
        if (count >= 4) {
          out += kDayNames[isoWeekday - 1];
        } else {
          out.append(kDayNames[isoWeekday - 1], 3);
        }
        break;
      case 'u':
        appendNumber(out, isoWeekday, count);
        break;
      case 'a':
        out += hour < 12 ? "AM" : "PM";
        break;
      case 'H':
        appendNumber(out, hour, count);
        break;
      case 'k':
        appendNumber(out, hour == 0 ? 24 : hour, count);
        break;
      case 'K':
        appendNumber(out, hour % 12, count);
        break;
      case 'h':
        appendNumber(out, hour % 12 == 0 ? 12 : hour % 12, count);
        break;
      case 'm':
        appendNumber(out, tod.minutes().count(), count);
        break;
      case 's':
        appendNumber(out, tod.seconds().count(), count);
        break;
      case 'S':
        appendNumber(out, tod.subseconds().count(), count);
        break;
      case 'z':
        out += zoneInfo.abbreviation();
        break;
      case 'Z':
        appendOffset(out, zoneInfo.offset(), false, true);
        break;
      case 'X':
        if (count > 3) failPattern(pattern, "too many 'X' (at most XXX)");
        if (zoneInfo.offset().count() == 0) {
          out += 'Z';
        } else {
          appendOffset(out, zoneInfo.offset(), count == 3, count >= 2);
        }
        break;
      default:
        failPattern(pattern, std::string("illegal pattern character '") + c + "'");
    }
  }
  return out;
}

}  // namespace porpoise::params
