#include "params/java_date_format.h"

#include <gtest/gtest.h>

#include "params/param_error.h"

namespace porpoise::params {
namespace {

using namespace std::chrono_literals;

WallTime wall(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0, int ms = 0) {
  return WallTime{date::local_days{date::year{y} / m / d}.time_since_epoch()} + std::chrono::hours{hh} +
         std::chrono::minutes{mm} + std::chrono::seconds{ss} + std::chrono::milliseconds{ms};
}

std::string fmt(WallTime t, const char* pattern, const char* zone = "UTC") { return formatJavaDate(t, pattern, zone); }

TEST(JavaDateFormat, CommonDolphinSchedulerPatterns) {
  WallTime t = wall(2024, 3, 5, 9, 7, 3, 45);
  EXPECT_EQ(fmt(t, "yyyyMMdd"), "20240305");
  EXPECT_EQ(fmt(t, "yyyy-MM-dd"), "2024-03-05");
  EXPECT_EQ(fmt(t, "HHmmss"), "090703");
  EXPECT_EQ(fmt(t, "yyyyMMddHHmmss"), "20240305090703");
  EXPECT_EQ(fmt(t, "yyyy-MM-dd HH:mm:ss"), "2024-03-05 09:07:03");
  EXPECT_EQ(fmt(t, "yyyy/MM/dd_HH.mm.ss.SSS"), "2024/03/05_09.07.03.045");
}

TEST(JavaDateFormat, LetterCountsControlPaddingAndText) {
  WallTime t = wall(2024, 3, 5, 9, 7, 3, 45);
  EXPECT_EQ(fmt(t, "y"), "2024");
  EXPECT_EQ(fmt(t, "yy"), "24");
  EXPECT_EQ(fmt(t, "yyy"), "2024");
  EXPECT_EQ(fmt(t, "yyyyy"), "02024");
  EXPECT_EQ(fmt(t, "M"), "3");
  EXPECT_EQ(fmt(t, "MM"), "03");
  EXPECT_EQ(fmt(t, "MMM"), "Mar");
  EXPECT_EQ(fmt(t, "MMMM"), "March");
  EXPECT_EQ(fmt(t, "LLL"), "Mar");
  EXPECT_EQ(fmt(t, "d"), "5");
  EXPECT_EQ(fmt(t, "H:m:s"), "9:7:3");
  EXPECT_EQ(fmt(t, "S"), "45");
  EXPECT_EQ(fmt(t, "SSSS"), "0045");
  EXPECT_EQ(fmt(t, "G"), "AD");
  EXPECT_EQ(fmt(wall(2009, 1, 1), "yy"), "09");
}

TEST(JavaDateFormat, DayAndWeekdayFields) {
  WallTime friday = wall(2024, 3, 15);
  EXPECT_EQ(fmt(friday, "E"), "Fri");
  EXPECT_EQ(fmt(friday, "EEE"), "Fri");
  EXPECT_EQ(fmt(friday, "EEEE"), "Friday");
  EXPECT_EQ(fmt(friday, "u"), "5");
  EXPECT_EQ(fmt(wall(2024, 3, 17), "u EEEE"), "7 Sunday");
  EXPECT_EQ(fmt(friday, "D"), "75");  // 31 + 29 (leap February) + 15
  EXPECT_EQ(fmt(friday, "DDD"), "075");
  EXPECT_EQ(fmt(wall(2023, 12, 31), "D"), "365");
  EXPECT_EQ(fmt(wall(2024, 12, 31), "D"), "366");
  EXPECT_EQ(fmt(friday, "F"), "3");
}

TEST(JavaDateFormat, WeekFieldsUseUsRules) {
  // Weeks start on Sunday; week 1 contains 1 January.
  EXPECT_EQ(fmt(wall(2024, 3, 15), "w"), "11");
  EXPECT_EQ(fmt(wall(2024, 3, 15), "W"), "3");  // Mar 1-2, 3-9, 10-16
  EXPECT_EQ(fmt(wall(2024, 3, 2), "W"), "1");
  EXPECT_EQ(fmt(wall(2024, 3, 3), "W"), "2");
  EXPECT_EQ(fmt(wall(2024, 12, 31), "YYYY-ww"), "2025-01");
  EXPECT_EQ(fmt(wall(2024, 12, 31), "yyyy"), "2024");
  EXPECT_EQ(fmt(wall(2023, 1, 1), "YYYY w"), "2023 1");  // Sunday 1 January starts week 1
}

TEST(JavaDateFormat, HourFields) {
  EXPECT_EQ(fmt(wall(2024, 1, 1, 0, 5), "H k K h a"), "0 24 0 12 AM");
  EXPECT_EQ(fmt(wall(2024, 1, 1, 12, 5), "H k K h a"), "12 12 0 12 PM");
  EXPECT_EQ(fmt(wall(2024, 1, 1, 23, 5), "HH kk KK hh a"), "23 23 11 11 PM");
}

TEST(JavaDateFormat, QuotesAndLiterals) {
  WallTime t = wall(2024, 3, 5, 9, 7, 3);
  EXPECT_EQ(fmt(t, "yyyy-MM-dd'T'HH:mm:ss"), "2024-03-05T09:07:03");
  EXPECT_EQ(fmt(t, "'year' yyyy"), "year 2024");
  EXPECT_EQ(fmt(t, "''yyyy''"), "'2024'");
  EXPECT_EQ(fmt(t, "'it''s' d"), "it's 5");
  EXPECT_EQ(fmt(t, "dd.MM.yyyy, HH:mm"), "05.03.2024, 09:07");
  EXPECT_EQ(fmt(t, "yyyy年MM月dd日"), "2024年03月05日");
  EXPECT_EQ(fmt(t, ""), "");
}

TEST(JavaDateFormat, ZoneLetters) {
  WallTime summer = wall(2024, 7, 1, 12);
  WallTime winter = wall(2024, 1, 1, 12);
  EXPECT_EQ(fmt(summer, "Z", "America/New_York"), "-0400");
  EXPECT_EQ(fmt(winter, "Z", "America/New_York"), "-0500");
  EXPECT_EQ(fmt(summer, "X|XX|XXX", "America/New_York"), "-04|-0400|-04:00");
  EXPECT_EQ(fmt(summer, "z", "America/New_York"), "EDT");
  EXPECT_EQ(fmt(winter, "zzzz", "Europe/Berlin"), "CET");
  EXPECT_EQ(fmt(summer, "z", "Europe/Berlin"), "CEST");
  EXPECT_EQ(fmt(winter, "Z XXX", "Asia/Kolkata"), "+0530 +05:30");
  EXPECT_EQ(fmt(winter, "X", "UTC"), "Z");
  EXPECT_EQ(fmt(winter, "Z", "UTC"), "+0000");
}

TEST(JavaDateFormat, RejectsIllegalPatterns) {
  WallTime t = wall(2024, 3, 5);
  for (const char* bad : {"yyyyMMdd-x", "iiii", "'unterminated", "yyyy'MM", "XXXX", "b", "yyyyMMddT"}) {
    EXPECT_THROW(fmt(t, bad), ParamError) << bad;
  }
  EXPECT_THROW(fmt(t, "Z", "Not/AZone"), ParamError);
  EXPECT_EQ(fmt(t, "yyyy", "Not/AZone"), "2024");  // the zone is only needed for zone letters
}

TEST(JavaDateFormat, ErrorNamesPatternAndLetter) {
  try {
    fmt(wall(2024, 3, 5), "yyyyqq");
    FAIL() << "no error";
  } catch (const ParamError& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("yyyyqq"), std::string::npos) << message;
    EXPECT_NE(message.find("'q'"), std::string::npos) << message;
  }
}

TEST(WeekOfYear, IsoRulesMatchIsoCalendar) {
  auto iso = [](int y, unsigned m, unsigned d) {
    return weekOfYear(date::local_days{date::year{y} / m / d}, date::Monday, 4);
  };
  EXPECT_EQ(iso(2024, 3, 15).week, 11u);
  EXPECT_EQ(iso(2024, 3, 15).weekYear, 2024);
  EXPECT_EQ(iso(2024, 12, 30).week, 1u);
  EXPECT_EQ(iso(2024, 12, 30).weekYear, 2025);
  EXPECT_EQ(iso(2027, 1, 1).week, 53u);
  EXPECT_EQ(iso(2027, 1, 1).weekYear, 2026);
  EXPECT_EQ(iso(2021, 1, 3).week, 53u);
  EXPECT_EQ(iso(2021, 1, 3).weekYear, 2020);
  EXPECT_EQ(iso(2021, 1, 4).week, 1u);
}

}  // namespace
}  // namespace porpoise::params
