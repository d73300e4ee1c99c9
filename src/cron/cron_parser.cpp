#include "cron/cron_parser.h"

#include <array>
#include <climits>
#include <optional>
#include <string>
#include <vector>

namespace porpoise::cron {
namespace {

enum FieldIndex { kSeconds, kMinutes, kHours, kDayOfMonth, kMonth, kDayOfWeek, kYear };

struct FieldInfo {
  const char* name;
  int min;
  int max;
  int maxStep;
};

constexpr std::array<FieldInfo, 7> kFieldInfo = {{
    {"seconds", 0, 59, 59},
    {"minutes", 0, 59, 59},
    {"hours", 0, 23, 23},
    {"day-of-month", 1, 31, 31},
    {"month", 1, 12, 12},
    {"day-of-week", 1, 7, 7},
    {"year", kMinYear, kMaxYear, kMaxYear - kMinYear},
}};

constexpr std::array<const char*, 12> kMonthNames = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                     "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<const char*, 7> kDayNames = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string upperAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// Digits only; values too long to matter saturate at INT_MAX so that range checks reject them.
std::optional<int> parseDigits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  long long value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    if (value < INT_MAX) value = value * 10 + (c - '0');
  }
  return value > INT_MAX ? INT_MAX : static_cast<int>(value);
}

std::string quoteExpression(std::string_view expression) {
  constexpr size_t kMaxShown = 200;
  std::string shown(expression.substr(0, kMaxShown));
  if (expression.size() > kMaxShown) shown += "...";
  return "invalid cron expression \"" + shown + "\": ";
}

std::vector<std::string_view> splitFields(std::string_view text) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && isSpace(text[i])) ++i;
    size_t start = i;
    while (i < text.size() && !isSpace(text[i])) ++i;
    if (i > start) fields.push_back(text.substr(start, i - start));
  }
  return fields;
}

std::vector<std::string_view> splitList(std::string_view text) {
  std::vector<std::string_view> items;
  size_t start = 0;
  while (true) {
    size_t comma = text.find(',', start);
    items.push_back(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return items;
    start = comma + 1;
  }
}

// Parses one field. Works on an upper-cased copy and quotes the caller's original spelling in errors.
class FieldParser {
 public:
  FieldParser(std::string_view expression, int index, std::string_view original)
      : expression_(expression), index_(index), info_(kFieldInfo[static_cast<size_t>(index)]), original_(original),
        upper_(upperAscii(original)) {}

  ValueSet parseValues() {
    ValueSet values(info_.min, info_.max);
    for (std::string_view item : splitList(upper_)) parseListItem(item, values);
    return values;
  }

  std::optional<DaySpec> parseDayOfMonth() {
    std::string_view text = upper_;
    if (text == "?") return std::nullopt;
    DaySpec spec;
    if (text.find_first_of("LW") == std::string_view::npos) {
      spec.rule = DayRule::kDaysOfMonth;
      spec.daysOfMonth = parseValues();
      return spec;
    }
    if (text.find(',') != std::string_view::npos) fail(text, "cannot combine 'L' or 'W' with other days of the month");
    if (text.front() == 'L') {
      std::string_view rest = text.substr(1);
      spec.rule = DayRule::kLastDayOfMonth;
      if (!rest.empty() && rest.back() == 'W') {
        spec.nearestWeekday = true;
        rest.remove_suffix(1);
      }
      if (rest.empty()) return spec;
      if (rest.front() != '-') fail(text, "is not a valid 'L' form (use L, L-n, LW or L-nW)");
      std::optional<int> offset = parseDigits(rest.substr(1));
      if (!offset) fail(text, "is not a valid 'L' form (use L, L-n, LW or L-nW)");
      if (*offset > 30) fail(rest.substr(1), "is out of range 0-30 for an offset from the last day of the month");
      spec.offset = *offset;
      return spec;
    }
    if (text.back() == 'W') {
      std::optional<int> day = parseDigits(text.substr(0, text.size() - 1));
      if (!day) fail(text, "is not a valid 'W' form (use nW with n in 1-31, or LW)");
      if (*day < 1 || *day > 31) fail(text.substr(0, text.size() - 1), "is out of range 1-31");
      spec.rule = DayRule::kNearestWeekday;
      spec.day = *day;
      return spec;
    }
    fail(text, "is not a valid day of the month ('L' and 'W' must be written as L, L-n, LW, L-nW or nW)");
  }

  std::optional<DaySpec> parseDayOfWeek() {
    std::string_view text = upper_;
    if (text == "?") return std::nullopt;
    DaySpec spec;
    size_t hash = text.find('#');
    if (hash != std::string_view::npos) {
      if (text.find(',') != std::string_view::npos) fail(text, "cannot combine '#' with other days of the week");
      if (text.find('#', hash + 1) != std::string_view::npos) fail(text, "has more than one '#'");
      std::string_view weekdayText = text.substr(0, hash);
      std::string_view nthText = text.substr(hash + 1);
      spec.rule = DayRule::kNthWeekdayOfMonth;
      spec.day = parseValue(weekdayText);
      std::optional<int> nth = parseDigits(nthText);
      if (!nth || *nth < 1 || *nth > 5) fail(nthText, "is not a valid occurrence after '#' (1-5)");
      spec.nth = *nth;
      return spec;
    }
    if (text.find('L') != std::string_view::npos) {  // no day name contains an L
      if (text.find(',') != std::string_view::npos) fail(text, "cannot combine 'L' with other days of the week");
      if (text.back() != 'L') fail(text, "is not a valid 'L' form (use L for Saturday, or nL such as 5L)");
      std::string_view weekdayText = text.substr(0, text.size() - 1);
      if (weekdayText.empty()) {  // A lone "L" means Saturday, the last day of every week.
        spec.rule = DayRule::kDaysOfWeek;
        spec.daysOfWeek.add(7);
        return spec;
      }
      spec.rule = DayRule::kLastWeekdayOfMonth;
      spec.day = parseValue(weekdayText);
      return spec;
    }
    spec.rule = DayRule::kDaysOfWeek;
    spec.daysOfWeek = parseValues();
    return spec;
  }

 private:
  // Throws: <expression>: <field> field "<text>"[: "<part>"] <problem>.
  [[noreturn]] void fail(std::string_view part, const std::string& problem) const {
    std::string fieldText(original_);
    std::string message = quoteExpression(expression_) + info_.name + " field \"" + fieldText + "\"";
    std::string shownPart = originalOf(part);
    if (shownPart != fieldText) message += ": \"" + shownPart + "\"";
    throw CronError(message + " " + problem, index_, info_.name);
  }

  void parseListItem(std::string_view item, ValueSet& values) {
    if (item.empty()) fail(upper_, "has an empty entry in its list");
    if (item == "?") {
      if (index_ == kDayOfMonth || index_ == kDayOfWeek) {
        fail(item, "must stand alone: '?' cannot be combined with other values");
      }
      fail(item, "is not allowed: '?' can only be used in day-of-month or day-of-week");
    }
    size_t slash = item.find('/');
    std::string_view base = item.substr(0, slash);
    int step = 1;
    if (slash != std::string_view::npos) step = parseStep(item.substr(slash + 1), item);

    int first = info_.min;
    int last = info_.max;
    if (base != "*" && !base.empty()) {
      size_t dash = base.find('-');
      if (dash == std::string_view::npos) {
        first = parseValue(base);
        last = slash == std::string_view::npos ? first : info_.max;
      } else {
        std::string_view from = base.substr(0, dash);
        std::string_view to = base.substr(dash + 1);
        if (from.empty() || to.empty()) fail(item, "is not a valid range (use a-b)");
        first = parseValue(from);
        last = parseValue(to);
        if (last < first && index_ == kYear) fail(item, "is a range that ends before it starts");
      }
    }
    // A range whose end is below its start wraps around (e.g. hours 22-2, FRI-MON), as in Quartz.
    int size = info_.max - info_.min + 1;
    int span = last >= first ? last - first : last + size - first;
    for (int k = 0; k <= span; k += step) {
      int value = first + k;
      if (value > info_.max) value -= size;
      values.add(value);
    }
  }

  int parseStep(std::string_view text, std::string_view item) const {
    if (text.empty()) fail(item, "has '/' without a step after it");
    std::optional<int> step = parseDigits(text);
    if (!step) fail(text, "is not a valid step (a number after '/')");
    if (*step < 1 || *step > info_.maxStep) {
      fail(text, "is out of range 1-" + std::to_string(info_.maxStep) + " for a step");
    }
    return *step;
  }

  // A number, or a three-letter name in the month and day-of-week fields; range-checked.
  int parseValue(std::string_view text) const {
    std::optional<int> value = parseDigits(text);
    if (!value) value = nameValue(text);
    if (!value) {
      if (index_ == kMonth) fail(text, "is not a month (1-12 or JAN-DEC)");
      if (index_ == kDayOfWeek) fail(text, "is not a day of the week (1-7 or SUN-SAT)");
      fail(text, "is not a number");
    }
    if (*value < info_.min || *value > info_.max) {
      fail(text, "is out of range " + std::to_string(info_.min) + "-" + std::to_string(info_.max));
    }
    return *value;
  }

  std::optional<int> nameValue(std::string_view text) const {
    if (index_ == kMonth) {
      for (size_t i = 0; i < kMonthNames.size(); ++i) {
        if (text == kMonthNames[i]) return static_cast<int>(i) + 1;
      }
    } else if (index_ == kDayOfWeek) {
      for (size_t i = 0; i < kDayNames.size(); ++i) {
        if (text == kDayNames[i]) return static_cast<int>(i) + 1;
      }
    }
    return std::nullopt;
  }

  // The caller's spelling of a piece of upper_ (same length and positions).
  std::string originalOf(std::string_view part) const {
    const char* begin = upper_.data();
    if (part.data() < begin || part.data() + part.size() > begin + upper_.size()) return std::string(part);
    return std::string(original_.substr(static_cast<size_t>(part.data() - begin), part.size()));
  }

  std::string_view expression_;
  int index_;
  FieldInfo info_;
  std::string_view original_;
  std::string upper_;
};

[[noreturn]] void failWhole(std::string_view expression, const std::string& problem, int field = -1,
                            std::string fieldName = "") {
  throw CronError(quoteExpression(expression) + problem, field, std::move(fieldName));
}

}  // namespace

CronFields parseCronFields(std::string_view expression) {
  std::vector<std::string_view> texts = splitFields(expression);
  if (texts.empty()) failWhole(expression, "the expression is empty");
  if (texts.size() < 6 || texts.size() > 7) {
    failWhole(expression,
              "expected 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), found " +
                  std::to_string(texts.size()));
  }
  CronFields fields;
  fields.seconds = FieldParser(expression, kSeconds, texts[kSeconds]).parseValues();
  fields.minutes = FieldParser(expression, kMinutes, texts[kMinutes]).parseValues();
  fields.hours = FieldParser(expression, kHours, texts[kHours]).parseValues();
  std::optional<DaySpec> byMonthDay = FieldParser(expression, kDayOfMonth, texts[kDayOfMonth]).parseDayOfMonth();
  fields.months = FieldParser(expression, kMonth, texts[kMonth]).parseValues();
  std::optional<DaySpec> byWeekDay = FieldParser(expression, kDayOfWeek, texts[kDayOfWeek]).parseDayOfWeek();
  if (texts.size() == 7) {
    fields.years = FieldParser(expression, kYear, texts[kYear]).parseValues();
  } else {
    fields.years.addAll();
  }

  std::string dayFields = "day-of-month \"" + std::string(texts[kDayOfMonth]) + "\" and day-of-week \"" +
                          std::string(texts[kDayOfWeek]) + "\"";
  if (byMonthDay && byWeekDay) {
    failWhole(expression,
              dayFields +
                  " are both given: support for specifying both a day-of-week AND a day-of-month parameter is not "
                  "implemented (use '?' in one of them)",
              kDayOfWeek, kFieldInfo[kDayOfWeek].name);
  }
  if (!byMonthDay && !byWeekDay) {
    failWhole(expression, dayFields + " are both '?': '?' can only be used in one of them", kDayOfWeek,
              kFieldInfo[kDayOfWeek].name);
  }
  fields.days = byMonthDay ? *byMonthDay : *byWeekDay;
  return fields;
}

}  // namespace porpoise::cron
