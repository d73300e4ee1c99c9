// The parsed form of a Quartz cron expression: which values each field allows.
//
// Contract: a ValueSet holds allowed integers within its [min, max] range (at most 130 values,
// enough for the year field 1970-2099). The day of a fire time is decided by exactly one DaySpec:
// either a day-of-month rule or a day-of-week rule (Quartz requires the other to be '?').
// Day-of-week values use Quartz numbering: 1 = Sunday ... 7 = Saturday.
#pragma once

#include <bitset>
#include <optional>

namespace porpoise::cron {

class ValueSet {
 public:
  ValueSet(int min, int max) : min_(min), max_(max) {}

  int min() const { return min_; }
  int max() const { return max_; }
  bool empty() const { return bits_.none(); }
  bool contains(int v) const { return v >= min_ && v <= max_ && bits_.test(static_cast<size_t>(v - min_)); }
  void add(int v) {
    if (v >= min_ && v <= max_) bits_.set(static_cast<size_t>(v - min_));
  }
  void addAll() {
    for (int v = min_; v <= max_; ++v) add(v);
  }
  // The smallest allowed value >= v, if any.
  std::optional<int> firstAtOrAfter(int v) const {
    for (int x = v < min_ ? min_ : v; x <= max_; ++x) {
      if (bits_.test(static_cast<size_t>(x - min_))) return x;
    }
    return std::nullopt;
  }
  bool operator==(const ValueSet&) const = default;

 private:
  int min_;
  int max_;
  std::bitset<130> bits_;
};

// How the day of a fire time is chosen.
enum class DayRule {
  kDaysOfMonth,         // day-of-month values, e.g. "1,15" or "*" (days beyond the month's end never match)
  kLastDayOfMonth,      // "L", "L-3" (offset days before the last), "LW"/"L-3W" (nearest weekday to that day)
  kNearestWeekday,      // "15W": the weekday (Mon-Fri) nearest to that day, staying inside the month
  kDaysOfWeek,          // day-of-week values, e.g. "MON-FRI" or "*"
  kLastWeekdayOfMonth,  // "5L": the last Thursday of the month
  kNthWeekdayOfMonth,   // "6#3": the third Friday of the month
};

struct DaySpec {
  DayRule rule = DayRule::kDaysOfMonth;
  ValueSet daysOfMonth{1, 31};  // kDaysOfMonth
  ValueSet daysOfWeek{1, 7};    // kDaysOfWeek
  int day = 0;                  // kNearestWeekday: the day of month; kLast/NthWeekdayOfMonth: the weekday 1-7
  int offset = 0;               // kLastDayOfMonth: days before the last day
  bool nearestWeekday = false;  // kLastDayOfMonth: move to the nearest weekday
  int nth = 0;                  // kNthWeekdayOfMonth: occurrence 1-5
};

struct CronFields {
  ValueSet seconds{0, 59};
  ValueSet minutes{0, 59};
  ValueSet hours{0, 23};
  DaySpec days;
  ValueSet months{1, 12};
  ValueSet years{1970, 2099};
};

inline constexpr int kMinYear = 1970;
inline constexpr int kMaxYear = 2099;

}  // namespace porpoise::cron
