// Compares fire times with an independent brute-force oracle: every day from 2023 to 2030 is
// checked against a plainly written predicate (its own weekday and month-length arithmetic).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "cron/cron_expression.h"
#include "cron_test_support.h"

namespace porpoise::cron {
namespace {

struct Day {
  int year, month, day;
};

bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int monthLength(int y, int m) {
  static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeap(y) ? 29 : lengths[m - 1];
}

// 0 = Sunday ... 6 = Saturday (Sakamoto's method).
int weekday(int y, int m, int d) {
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

bool isWorkday(int y, int m, int d) {
  int w = weekday(y, m, d);
  return w != 0 && w != 6;
}

// The workday of the month closest to `target` (the rule behind "W").
int closestWorkday(int y, int m, int target) {
  int best = 0;
  for (int d = 1; d <= monthLength(y, m); ++d) {
    if (isWorkday(y, m, d) && (best == 0 || std::abs(d - target) < std::abs(best - target))) best = d;
  }
  return best;
}

struct OracleCase {
  const char* expression;
  std::function<bool(const Day&)> fires;
  std::vector<const char*> timesOfDay;
};

std::vector<std::string> oracleTimes(const OracleCase& c, int fromYear, int toYear) {
  std::vector<std::string> out;
  for (int y = fromYear; y <= toYear; ++y) {
    for (int m = 1; m <= 12; ++m) {
      for (int d = 1; d <= monthLength(y, m); ++d) {
        if (!c.fires(Day{y, m, d})) continue;
        for (const char* time : c.timesOfDay) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %s", y, m, d, time);
          out.push_back(buf);
        }
      }
    }
  }
  return out;
}

std::vector<OracleCase> cases() {
  return {
      {"0 0 0 L * ?", [](const Day& t) { return t.day == monthLength(t.year, t.month); }, {"00:00:00"}},
      {"0 0 0 L-5 * ?", [](const Day& t) { return t.day == monthLength(t.year, t.month) - 5; }, {"00:00:00"}},
      {"0 0 0 LW * ?",
       [](const Day& t) {
         if (!isWorkday(t.year, t.month, t.day)) return false;
         for (int d = t.day + 1; d <= monthLength(t.year, t.month); ++d) {
           if (isWorkday(t.year, t.month, d)) return false;
         }
         return true;
       },
       {"00:00:00"}},
      {"0 0 0 15W * ?", [](const Day& t) { return t.day == closestWorkday(t.year, t.month, 15); }, {"00:00:00"}},
      {"0 0 0 1W * ?", [](const Day& t) { return t.day == closestWorkday(t.year, t.month, 1); }, {"00:00:00"}},
      {"0 0 0 31W * ?",
       [](const Day& t) { return monthLength(t.year, t.month) == 31 && t.day == closestWorkday(t.year, t.month, 31); },
       {"00:00:00"}},
      {"0 0 0 ? * 6#3", [](const Day& t) { return weekday(t.year, t.month, t.day) == 5 && (t.day - 1) / 7 == 2; },
       {"00:00:00"}},
      {"0 0 0 ? * 2#5", [](const Day& t) { return weekday(t.year, t.month, t.day) == 1 && (t.day - 1) / 7 == 4; },
       {"00:00:00"}},
      {"0 0 0 ? * 5L",
       [](const Day& t) { return weekday(t.year, t.month, t.day) == 4 && t.day + 7 > monthLength(t.year, t.month); },
       {"00:00:00"}},
      {"0 30 9 ? * MON-FRI", [](const Day& t) { return isWorkday(t.year, t.month, t.day); }, {"09:30:00"}},
      {"15,45 0 0 ? * FRI-MON",
       [](const Day& t) {
         int w = weekday(t.year, t.month, t.day);
         return w == 5 || w == 6 || w == 0 || w == 1;
       },
       {"00:00:15", "00:00:45"}},
      {"0 0 0 29 2 ?", [](const Day& t) { return t.month == 2 && t.day == 29; }, {"00:00:00"}},
      {"0 0 0 */10 * ?", [](const Day& t) { return t.day % 10 == 1; }, {"00:00:00"}},
      {"0 0 6,18 1-7 */3 ?", [](const Day& t) { return t.month % 3 == 1 && t.day <= 7; }, {"06:00:00", "18:00:00"}},
      {"0 0 12 13 * ? 2024-2026", [](const Day& t) { return t.day == 13 && t.year >= 2024 && t.year <= 2026; },
       {"12:00:00"}},
  };
}

void compareWithOracle(const std::string& zone) {
  for (const OracleCase& c : cases()) {
    std::vector<std::string> expected = oracleTimes(c, 2023, 2030);
    auto cron = CronExpression::parse(c.expression);
    auto times = cron.nextN(testing::at("2022-12-31 23:59:59", zone), expected.size() + 1, zone,
                            testing::at("2030-12-31 23:59:59", zone));
    std::vector<std::string> actual;
    for (auto t : times) actual.push_back(util::formatDateTime(t, zone));
    ASSERT_FALSE(expected.empty()) << c.expression;
    EXPECT_EQ(actual, expected) << c.expression << " in " << zone;
  }
}

TEST(CronOracle, MatchesBruteForceInUtc) { compareWithOracle("UTC"); }

TEST(CronOracle, MatchesBruteForceInShanghai) { compareWithOracle("Asia/Shanghai"); }

// Berlin's DST changes happen at 02:00-03:00, away from every time of day used above.
TEST(CronOracle, MatchesBruteForceInBerlin) { compareWithOracle("Europe/Berlin"); }

}  // namespace
}  // namespace porpoise::cron
