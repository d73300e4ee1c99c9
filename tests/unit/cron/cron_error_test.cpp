// Invalid expressions: each is rejected with CronError naming the field and the offending text.
#include <gtest/gtest.h>

#include <string>

#include "cron/cron_expression.h"

namespace porpoise::cron {
namespace {

CronError errorOf(const std::string& text) {
  try {
    CronExpression::parse(text);
  } catch (const CronError& e) {
    return e;
  }
  ADD_FAILURE() << "expected a CronError for \"" << text << "\"";
  return CronError("", -2, "");
}

void expectError(const std::string& text, int field, const std::string& fragment) {
  CronError e = errorOf(text);
  EXPECT_EQ(e.field, field) << text << " -> " << e.what();
  EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos)
      << text << " -> " << e.what() << " (expected to contain: " << fragment << ")";
  EXPECT_EQ(std::string(e.what()).rfind("invalid cron expression \"", 0), 0u) << e.what();
}

TEST(CronError, MessageQuotesExpressionFieldAndValue) {
  CronError e = errorOf("0 0 25 * * ?");
  EXPECT_STREQ(e.what(), "invalid cron expression \"0 0 25 * * ?\": hours field \"25\" is out of range 0-23");
  EXPECT_EQ(e.field, 2);
  EXPECT_EQ(e.fieldName, "hours");
}

TEST(CronError, PartOfAListIsQuotedSeparately) {
  CronError e = errorOf("0 0 1,25 * * ?");
  EXPECT_STREQ(e.what(),
               "invalid cron expression \"0 0 1,25 * * ?\": hours field \"1,25\": \"25\" is out of range 0-23");
}

TEST(CronError, EveryFieldIsRangeChecked) {
  expectError("60 0 0 * * ?", 0, "seconds field \"60\" is out of range 0-59");
  expectError("0 60 0 * * ?", 1, "minutes field \"60\" is out of range 0-59");
  expectError("0 0 24 * * ?", 2, "hours field \"24\" is out of range 0-23");
  expectError("0 0 0 32 * ?", 3, "day-of-month field \"32\" is out of range 1-31");
  expectError("0 0 0 0 * ?", 3, "day-of-month field \"0\" is out of range 1-31");
  expectError("0 0 0 * 13 ?", 4, "month field \"13\" is out of range 1-12");
  expectError("0 0 0 * 0 ?", 4, "month field \"0\" is out of range 1-12");
  expectError("0 0 0 ? * 8", 5, "day-of-week field \"8\" is out of range 1-7");
  expectError("0 0 0 ? * 0", 5, "day-of-week field \"0\" is out of range 1-7");
  expectError("0 0 0 * * ? 1969", 6, "year field \"1969\" is out of range 1970-2099");
  expectError("0 0 0 * * ? 2100", 6, "year field \"2100\" is out of range 1970-2099");
  expectError("0 0 10-24 * * ?", 2, "\"24\" is out of range 0-23");
  expectError("0 0 0 1-32 * ?", 3, "\"32\" is out of range 1-31");
}

TEST(CronError, FieldNamesAreReported) {
  EXPECT_EQ(errorOf("x 0 0 * * ?").fieldName, "seconds");
  EXPECT_EQ(errorOf("0 x 0 * * ?").fieldName, "minutes");
  EXPECT_EQ(errorOf("0 0 x * * ?").fieldName, "hours");
  EXPECT_EQ(errorOf("0 0 0 x * ?").fieldName, "day-of-month");
  EXPECT_EQ(errorOf("0 0 0 * x ?").fieldName, "month");
  EXPECT_EQ(errorOf("0 0 0 ? * x").fieldName, "day-of-week");
  EXPECT_EQ(errorOf("0 0 0 * * ? x").fieldName, "year");
}

TEST(CronError, WrongFieldCount) {
  expectError("0 0 12 * *", -1, "expected 6 or 7 fields");
  expectError("0 0 12 * *", -1, "found 5");
  expectError("0", -1, "found 1");
  expectError("0 0 12 * * ? 2024 2025", -1, "found 8");
  EXPECT_EQ(errorOf("0 0 12 * *").fieldName, "");
}

TEST(CronError, EmptyOrBlank) {
  expectError("", -1, "the expression is empty");
  expectError("   \t ", -1, "the expression is empty");
}

TEST(CronError, BothDayFieldsGiven) {
  expectError("0 0 0 * * *", 5,
              "support for specifying both a day-of-week AND a day-of-month parameter is not implemented");
  expectError("0 0 0 1 * MON", 5, "day-of-month \"1\" and day-of-week \"MON\" are both given");
  expectError("0 0 0 L * 6#3", 5, "not implemented");
}

TEST(CronError, BothDayFieldsQuestionMark) {
  expectError("0 0 0 ? * ?", 5, "are both '?'");
}

TEST(CronError, QuestionMarkOnlyInDayFields) {
  expectError("? 0 0 * * ?", 0, "'?' can only be used in day-of-month or day-of-week");
  expectError("0 ? 0 * * ?", 1, "'?' can only be used");
  expectError("0 0 ? * * ?", 2, "'?' can only be used");
  expectError("0 0 0 * ? ?", 4, "'?' can only be used");
  expectError("0 0 0 * * ? ?", 6, "'?' can only be used");
  expectError("0 0 0 ?,1 * ?", 3, "'?' cannot be combined");
  expectError("0 0 0 ? * ?,MON", 5, "'?' cannot be combined");
}

TEST(CronError, BadNames) {
  expectError("0 0 0 * FOO ?", 4, "month field \"FOO\" is not a month (1-12 or JAN-DEC)");
  expectError("0 0 0 * JANUARY ?", 4, "is not a month");
  expectError("0 0 0 ? * FUN", 5, "day-of-week field \"FUN\" is not a day of the week (1-7 or SUN-SAT)");
  expectError("0 0 0 ? * MONDAY", 5, "is not a day of the week");
  expectError("0 0 0 ? MON *", 4, "is not a month");
  expectError("0 0 0 ? * JAN", 5, "is not a day of the week");
  expectError("0 0 MON * * ?", 2, "hours field \"MON\" is not a number");
  expectError("0 0 0 JAN * ?", 3, "is not a number");
}

TEST(CronError, OriginalSpellingIsQuoted) {
  expectError("0 0 0 * jAnuary ?", 4, "month field \"jAnuary\"");
  expectError("0 0 0 ? * Mon-Fun", 5, "day-of-week field \"Mon-Fun\": \"Fun\" is not a day of the week");
}

TEST(CronError, Garbage) {
  expectError("hello world this is not cron", 0, "seconds field \"hello\" is not a number");
  expectError("0 0 0 * * ? $%", 6, "is not a number");
  expectError("0 0 0 * * ? \xff\xfe", 6, "is not a number");
  expectError("0 0 0 1-* * ?", 3, "\"*\" is not a number");
  expectError("0 0 1.5 * * ?", 2, "is not a number");
  expectError("0 0 -1 * * ?", 2, "is not a valid range");
  expectError("0 0 5- * * ?", 2, "is not a valid range");
  expectError("0 0 1-2-3 * * ?", 2, "\"2-3\" is not a number");
  expectError("0 0 1,,2 * * ?", 2, "has an empty entry in its list");
  expectError("0 0 1, * * ?", 2, "has an empty entry in its list");
  expectError("L 0 0 * * ?", 0, "is not a number");
  expectError("0 0 0 ? * 1W", 5, "is not a day of the week");
}

TEST(CronError, HugeNumbersAreOutOfRangeNotOverflow) {
  expectError("99999999999999999999 0 0 * * ?", 0, "is out of range 0-59");
  expectError("0 0 0 4294967297 * ?", 3, "is out of range 1-31");
  expectError("0 */99999999999999 0 * * ?", 1, "is out of range 1-59 for a step");
  expectError("0 0 0 ? * 6#99999999999", 5, "is not a valid occurrence after '#' (1-5)");
  expectError("0 0 0 L-99999999999 * ?", 3, "is out of range 0-30");
}

TEST(CronError, BadSteps) {
  expectError("*/0 0 0 * * ?", 0, "\"0\" is out of range 1-59 for a step");
  expectError("*/60 0 0 * * ?", 0, "out of range 1-59 for a step");
  expectError("0 0 */24 * * ?", 2, "out of range 1-23 for a step");
  expectError("0 0 0 */32 * ?", 3, "out of range 1-31 for a step");
  expectError("0 0 0 1 */13 ?", 4, "out of range 1-12 for a step");
  expectError("0 0 0 ? * */8", 5, "out of range 1-7 for a step");
  expectError("*/ 0 0 * * ?", 0, "has '/' without a step after it");
  expectError("*/x 0 0 * * ?", 0, "\"x\" is not a valid step");
  expectError("1/2/3 0 0 * * ?", 0, "is not a valid step");
}

TEST(CronError, YearRangeMustNotRunBackwards) {
  expectError("0 0 0 * * ? 2030-2025", 6, "is a range that ends before it starts");
}

TEST(CronError, MisusedLastAndWeekdayForms) {
  expectError("0 0 0 L,5 * ?", 3, "cannot combine 'L' or 'W' with other days of the month");
  expectError("0 0 0 15W,20 * ?", 3, "cannot combine 'L' or 'W'");
  expectError("0 0 0 L-31 * ?", 3, "\"31\" is out of range 0-30");
  expectError("0 0 0 L-x * ?", 3, "is not a valid 'L' form");
  expectError("0 0 0 L- * ?", 3, "is not a valid 'L' form");
  expectError("0 0 0 LL * ?", 3, "is not a valid 'L' form");
  expectError("0 0 0 32W * ?", 3, "\"32\" is out of range 1-31");
  expectError("0 0 0 0W * ?", 3, "\"0\" is out of range 1-31");
  expectError("0 0 0 W * ?", 3, "is not a valid 'W' form");
  expectError("0 0 0 W15 * ?", 3, "is not a valid day of the month");
  expectError("0 0 0 ? * 5L,6", 5, "cannot combine 'L' with other days of the week");
  expectError("0 0 0 ? * 8L", 5, "\"8\" is out of range 1-7");
  expectError("0 0 0 ? * L-2", 5, "is not a valid 'L' form");
  expectError("0 0 0 ? * LL", 5, "\"L\" is not a day of the week");
  expectError("0 0 0 ? * 2-5L", 5, "\"2-5\" is not a day of the week");
}

TEST(CronError, MisusedNthWeekday) {
  expectError("0 0 0 ? * 6#6", 5, "\"6\" is not a valid occurrence after '#' (1-5)");
  expectError("0 0 0 ? * 6#0", 5, "is not a valid occurrence");
  expectError("0 0 0 ? * 6#", 5, "is not a valid occurrence");
  expectError("0 0 0 ? * #3", 5, "is not a day of the week");
  expectError("0 0 0 ? * 9#3", 5, "\"9\" is out of range 1-7");
  expectError("0 0 0 ? * 6#3,2#1", 5, "cannot combine '#' with other days of the week");
  expectError("0 0 0 ? * 6#3#2", 5, "has more than one '#'");
}

TEST(CronError, VeryLongInputIsShortenedInTheMessage) {
  std::string text(5000, '7');
  CronError e = errorOf(text);
  EXPECT_EQ(e.field, -1);
  EXPECT_LT(std::string(e.what()).size(), 400u);
  EXPECT_NE(std::string(e.what()).find("...\""), std::string::npos);
}

TEST(CronError, IsAnInvalidArgument) {
  EXPECT_THROW(CronExpression::parse("0 0 0 * * *"), std::invalid_argument);
}

}  // namespace
}  // namespace porpoise::cron
