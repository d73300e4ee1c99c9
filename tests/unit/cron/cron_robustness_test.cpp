// Random input never crashes the parser: it either parses or throws CronError; whatever parses
// yields fire times that are strictly later than asked and match the next call's answer.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "cron/cron_expression.h"
#include "cron_test_support.h"

namespace porpoise::cron {
namespace {

template <typename T>
const T& pick(std::mt19937& rng, const std::vector<T>& from) {
  return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(rng)];
}

// Mostly plausible values for field `index`, sometimes pieces meant for another field or junk.
std::string randomField(std::mt19937& rng, int index) {
  static const std::vector<std::vector<std::string>> plausible = {
      {"0", "*", "*/15", "5/20", "0,30", "59", "10-20/5", "/7"},
      {"0", "*", "*/20", "0-59/30", "15,45", "58-2"},
      {"0", "*", "2", "22-2", "*/6", "1,2,3", "8-18/2"},
      {"*", "?", "L", "LW", "L-3", "15W", "1W", "31", "29", "30-2", "1,15", "*/10"},
      {"*", "2", "JAN", "NOV-FEB", "*/3", "3,10", "FEB"},
      {"?", "*", "MON-FRI", "5L", "6#3", "2#5", "L", "SUN", "FRI-MON", "1,7"},
      {"*", "2024", "2025-2030", "2030/5", "2099", "1999"},
  };
  static const std::string junk = "0123456789*/?-,LW#JANFEBMONSUTHRIDCV";
  int roll = std::uniform_int_distribution<int>(0, 9)(rng);
  if (roll < 7) return pick(rng, plausible[static_cast<size_t>(index % 7)]);
  if (roll < 9) return pick(rng, plausible[std::uniform_int_distribution<size_t>(0, 6)(rng)]);
  std::string out;
  int len = std::uniform_int_distribution<int>(1, 6)(rng);
  for (int k = 0; k < len; ++k) out += junk[std::uniform_int_distribution<size_t>(0, junk.size() - 1)(rng)];
  return out;
}

TEST(CronRobustness, RandomExpressionsParseOrThrowCronError) {
  std::mt19937 rng(20240310);
  const auto after = testing::at("2024-03-09 12:00:00");
  int parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    int fields = std::uniform_int_distribution<int>(0, 9)(rng) == 0 ? std::uniform_int_distribution<int>(0, 9)(rng)
                                                                      : std::uniform_int_distribution<int>(6, 7)(rng);
    std::string text;
    for (int f = 0; f < fields; ++f) text += (f ? " " : "") + randomField(rng, f);
    try {
      auto cron = CronExpression::parse(text);
      ++parsed;
      auto next = cron.nextAfter(after, "America/New_York");
      if (next) {
        ASSERT_GT(*next, after) << text;
        auto again = cron.nextAfter(*next - std::chrono::seconds(1), "America/New_York");
        ASSERT_TRUE(again.has_value()) << text;
        ASSERT_EQ(*again, *next) << text;
      }
    } catch (const CronError& e) {
      ASSERT_GE(e.field, -1) << text;
      ASSERT_LE(e.field, 6) << text;
    }
  }
  EXPECT_GT(parsed, 300);  // the generator does produce valid expressions too
}

}  // namespace
}  // namespace porpoise::cron
