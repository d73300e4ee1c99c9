// The timing dialog's preview: next five fire times after max(now, start), before end, in the zone.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cron/schedule_preview.h"
#include "cron_test_support.h"

namespace porpoise::cron {
namespace {

using testing::at;
using Times = std::vector<std::string>;

const std::string kShanghai = "Asia/Shanghai";

TEST(SchedulePreview, FiveTimesFromNowWhenStartIsPast) {
  auto cron = CronExpression::parse("0 0 * * * ? *");
  auto preview = previewFireTimes(cron, at("2023-04-10 10:20:00", kShanghai), at("2023-01-01 00:00:00", kShanghai),
                                  at("2024-01-01 00:00:00", kShanghai), kShanghai);
  EXPECT_EQ(preview, (Times{"2023-04-10 11:00:00", "2023-04-10 12:00:00", "2023-04-10 13:00:00",
                            "2023-04-10 14:00:00", "2023-04-10 15:00:00"}));
}

TEST(SchedulePreview, FromStartWhenStartIsLater) {
  auto cron = CronExpression::parse("0 0 0 * * ?");
  auto preview = previewFireTimes(cron, at("2023-04-10 10:20:00", kShanghai), at("2023-05-01 00:00:00", kShanghai),
                                  at("2024-01-01 00:00:00", kShanghai), kShanghai);
  // Strictly after the start: May 1st's midnight is the start itself.
  EXPECT_EQ(preview, (Times{"2023-05-02 00:00:00", "2023-05-03 00:00:00", "2023-05-04 00:00:00",
                            "2023-05-05 00:00:00", "2023-05-06 00:00:00"}));
}

TEST(SchedulePreview, EndIsExclusive) {
  auto cron = CronExpression::parse("0 0 * * * ?");
  auto preview = previewFireTimes(cron, at("2023-04-10 10:20:00", kShanghai), at("2023-01-01 00:00:00", kShanghai),
                                  at("2023-04-10 13:00:00", kShanghai), kShanghai);
  EXPECT_EQ(preview, (Times{"2023-04-10 11:00:00", "2023-04-10 12:00:00"}));
}

TEST(SchedulePreview, EmptyWhenWindowIsOverOrNothingFires) {
  auto hourly = CronExpression::parse("0 0 * * * ?");
  EXPECT_TRUE(previewFireTimes(hourly, at("2023-04-10 10:20:00", kShanghai), at("2023-01-01 00:00:00", kShanghai),
                               at("2023-02-01 00:00:00", kShanghai), kShanghai)
                  .empty());
  auto never = CronExpression::parse("0 0 0 30 2 ?");
  EXPECT_TRUE(previewFireTimes(never, at("2023-04-10 10:20:00", kShanghai), at("2023-01-01 00:00:00", kShanghai),
                               at("2099-01-01 00:00:00", kShanghai), kShanghai)
                  .empty());
}

TEST(SchedulePreview, RenderedInTheScheduleZone) {
  // The same instants, previewed for a schedule in New York: midnight there, rendered there.
  auto cron = CronExpression::parse("0 0 0 * * ?");
  auto now = at("2024-01-10 12:00:00", "UTC");
  auto preview = previewFireTimes(cron, now, now, at("2025-01-01 00:00:00", "UTC"), "America/New_York", 2);
  EXPECT_EQ(preview, (Times{"2024-01-11 00:00:00", "2024-01-12 00:00:00"}));
  auto shanghai = previewFireTimes(cron, now, now, at("2025-01-01 00:00:00", "UTC"), kShanghai, 2);
  EXPECT_EQ(shanghai, (Times{"2024-01-11 00:00:00", "2024-01-12 00:00:00"}));
  // They are different instants: the UTC renderings differ.
  auto nyUtc = cron.nextAfter(now, "America/New_York");
  auto shUtc = cron.nextAfter(now, kShanghai);
  EXPECT_EQ(testing::show(nyUtc), "2024-01-11 05:00:00");
  EXPECT_EQ(testing::show(shUtc), "2024-01-10 16:00:00");
}

TEST(SchedulePreview, CountIsRespected) {
  auto cron = CronExpression::parse("0 * * * * ?");
  auto preview = previewFireTimes(cron, at("2023-04-10 10:20:30"), at("2023-04-10 10:20:30"),
                                  at("2023-05-01 00:00:00"), "UTC", 3);
  EXPECT_EQ(preview, (Times{"2023-04-10 10:21:00", "2023-04-10 10:22:00", "2023-04-10 10:23:00"}));
}

}  // namespace
}  // namespace porpoise::cron
