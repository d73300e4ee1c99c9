// Parsing: which values each syntax element selects, and what is accepted.
#include <gtest/gtest.h>

#include <vector>

#include "cron/cron_expression.h"

namespace porpoise::cron {
namespace {

std::vector<int> valuesOf(const ValueSet& set) {
  std::vector<int> out;
  for (int v = set.min(); v <= set.max(); ++v) {
    if (set.contains(v)) out.push_back(v);
  }
  return out;
}

std::vector<int> range(int from, int to, int step = 1) {
  std::vector<int> out;
  for (int v = from; v <= to; v += step) out.push_back(v);
  return out;
}

CronFields fieldsOf(const char* text) { return CronExpression::parse(text).fields(); }

TEST(CronParse, DolphinSchedulerDefaultIsValid) {
  CronFields f = fieldsOf("0 0 * * * ? *");
  EXPECT_EQ(valuesOf(f.seconds), std::vector<int>{0});
  EXPECT_EQ(valuesOf(f.minutes), std::vector<int>{0});
  EXPECT_EQ(valuesOf(f.hours), range(0, 23));
  EXPECT_EQ(f.days.rule, DayRule::kDaysOfMonth);
  EXPECT_EQ(valuesOf(f.days.daysOfMonth), range(1, 31));
  EXPECT_EQ(valuesOf(f.months), range(1, 12));
  EXPECT_EQ(valuesOf(f.years), range(1970, 2099));
}

TEST(CronParse, SixFieldsMeanEveryYear) {
  EXPECT_EQ(valuesOf(fieldsOf("0 0 0 * * ?").years), range(1970, 2099));
}

TEST(CronParse, QuestionMarkInDayOfMonthSelectsByWeekday) {
  CronFields f = fieldsOf("0 0 0 ? * *");
  EXPECT_EQ(f.days.rule, DayRule::kDaysOfWeek);
  EXPECT_EQ(valuesOf(f.days.daysOfWeek), range(1, 7));
}

TEST(CronParse, SingleValuesRangesAndLists) {
  CronFields f = fieldsOf("5 10-12 1,3,5-6 2 4 ?");
  EXPECT_EQ(valuesOf(f.seconds), std::vector<int>{5});
  EXPECT_EQ(valuesOf(f.minutes), (std::vector<int>{10, 11, 12}));
  EXPECT_EQ(valuesOf(f.hours), (std::vector<int>{1, 3, 5, 6}));
  EXPECT_EQ(valuesOf(f.days.daysOfMonth), std::vector<int>{2});
  EXPECT_EQ(valuesOf(f.months), std::vector<int>{4});
}

TEST(CronParse, Steps) {
  EXPECT_EQ(valuesOf(fieldsOf("*/15 0 0 * * ?").seconds), (std::vector<int>{0, 15, 30, 45}));
  EXPECT_EQ(valuesOf(fieldsOf("5/20 0 0 * * ?").seconds), (std::vector<int>{5, 25, 45}));
  EXPECT_EQ(valuesOf(fieldsOf("0 10-30/10 0 * * ?").minutes), (std::vector<int>{10, 20, 30}));
  EXPECT_EQ(valuesOf(fieldsOf("0 0 */6 * * ?").hours), (std::vector<int>{0, 6, 12, 18}));
  EXPECT_EQ(valuesOf(fieldsOf("0 0 0 */10 * ?").days.daysOfMonth), (std::vector<int>{1, 11, 21, 31}));
  EXPECT_EQ(valuesOf(fieldsOf("0 0 0 1 */4 ?").months), (std::vector<int>{1, 5, 9}));
  EXPECT_EQ(valuesOf(fieldsOf("0 0 0 1 1 ? 2030/20").years), (std::vector<int>{2030, 2050, 2070, 2090}));
  // Quartz reads a bare "/n" like "*/n".
  EXPECT_EQ(valuesOf(fieldsOf("/20 0 0 * * ?").seconds), (std::vector<int>{0, 20, 40}));
  // A step larger than the range leaves only the start.
  EXPECT_EQ(valuesOf(fieldsOf("50/20 0 0 * * ?").seconds), std::vector<int>{50});
}

TEST(CronParse, RangesWrapAroundLikeQuartz) {
  EXPECT_EQ(valuesOf(fieldsOf("0 0 22-2 * * ?").hours), (std::vector<int>{0, 1, 2, 22, 23}));
  EXPECT_EQ(valuesOf(fieldsOf("0 0 22-2/2 * * ?").hours), (std::vector<int>{0, 2, 22}));
  EXPECT_EQ(valuesOf(fieldsOf("0 0 0 ? * FRI-MON").days.daysOfWeek), (std::vector<int>{1, 2, 6, 7}));
  EXPECT_EQ(valuesOf(fieldsOf("0 0 0 1 NOV-FEB ?").months), (std::vector<int>{1, 2, 11, 12}));
  EXPECT_EQ(valuesOf(fieldsOf("0 0 0 30-2 * ?").days.daysOfMonth), (std::vector<int>{1, 2, 30, 31}));
}

TEST(CronParse, MonthAndDayNamesAnyCase) {
  CronFields f = fieldsOf("0 0 0 ? jan,Mar-MAY sun,Wed-fri");
  EXPECT_EQ(valuesOf(f.months), (std::vector<int>{1, 3, 4, 5}));
  EXPECT_EQ(valuesOf(f.days.daysOfWeek), (std::vector<int>{1, 4, 5, 6}));
  CronFields all = fieldsOf("0 0 0 ? JAN,FEB,MAR,APR,MAY,JUN,JUL,AUG,SEP,OCT,NOV,DEC SUN,MON,TUE,WED,THU,FRI,SAT");
  EXPECT_EQ(valuesOf(all.months), range(1, 12));
  EXPECT_EQ(valuesOf(all.days.daysOfWeek), range(1, 7));
}

TEST(CronParse, QuartzDayNumbering) {
  EXPECT_EQ(valuesOf(fieldsOf("0 0 0 ? * SUN").days.daysOfWeek), std::vector<int>{1});
  EXPECT_EQ(valuesOf(fieldsOf("0 0 0 ? * SAT").days.daysOfWeek), std::vector<int>{7});
  EXPECT_EQ(valuesOf(fieldsOf("0 0 0 ? * MON-FRI").days.daysOfWeek), range(2, 6));
  // A lone L in day-of-week is Saturday.
  EXPECT_EQ(valuesOf(fieldsOf("0 0 0 ? * L").days.daysOfWeek), std::vector<int>{7});
}

TEST(CronParse, LastDayForms) {
  DaySpec l = fieldsOf("0 0 0 L * ?").days;
  EXPECT_EQ(l.rule, DayRule::kLastDayOfMonth);
  EXPECT_EQ(l.offset, 0);
  EXPECT_FALSE(l.nearestWeekday);

  DaySpec l3 = fieldsOf("0 0 0 L-3 * ?").days;
  EXPECT_EQ(l3.rule, DayRule::kLastDayOfMonth);
  EXPECT_EQ(l3.offset, 3);

  DaySpec lw = fieldsOf("0 0 0 lw * ?").days;
  EXPECT_EQ(lw.rule, DayRule::kLastDayOfMonth);
  EXPECT_TRUE(lw.nearestWeekday);

  DaySpec l2w = fieldsOf("0 0 0 L-2W * ?").days;
  EXPECT_EQ(l2w.offset, 2);
  EXPECT_TRUE(l2w.nearestWeekday);
}

TEST(CronParse, NearestWeekdayLastWeekdayAndNth) {
  DaySpec w = fieldsOf("0 0 0 15w * ?").days;
  EXPECT_EQ(w.rule, DayRule::kNearestWeekday);
  EXPECT_EQ(w.day, 15);

  DaySpec last = fieldsOf("0 0 0 ? * 5L").days;
  EXPECT_EQ(last.rule, DayRule::kLastWeekdayOfMonth);
  EXPECT_EQ(last.day, 5);
  EXPECT_EQ(fieldsOf("0 0 0 ? * friL").days.day, 6);

  DaySpec nth = fieldsOf("0 0 0 ? * 6#3").days;
  EXPECT_EQ(nth.rule, DayRule::kNthWeekdayOfMonth);
  EXPECT_EQ(nth.day, 6);
  EXPECT_EQ(nth.nth, 3);
  DaySpec named = fieldsOf("0 0 0 ? * mon#5").days;
  EXPECT_EQ(named.day, 2);
  EXPECT_EQ(named.nth, 5);
}

TEST(CronParse, WhitespaceBetweenFieldsIsFlexible) {
  CronExpression spaced = CronExpression::parse("  0\t0  12 *  * ?\n");
  EXPECT_EQ(spaced.fields().hours, fieldsOf("0 0 12 * * ?").hours);
  EXPECT_EQ(spaced.text(), "  0\t0  12 *  * ?\n");  // the text is kept as given
}

TEST(CronParse, IsValidMatchesParse) {
  EXPECT_TRUE(CronExpression::isValid("0 0 0 * * ? *"));
  EXPECT_TRUE(CronExpression::isValid("0 15 10 ? * 6L 2002-2005"));
  EXPECT_FALSE(CronExpression::isValid("0 0 0 * * *"));
  EXPECT_FALSE(CronExpression::isValid(""));
}

TEST(CronParse, QuartzDocumentationExamplesAreAccepted) {
  for (const char* text : {"0 0 12 * * ?", "0 15 10 ? * *", "0 15 10 * * ?", "0 15 10 * * ? *", "0 15 10 * * ? 2005",
                           "0 * 14 * * ?", "0 0/5 14 * * ?", "0 0/5 14,18 * * ?", "0 0-5 14 * * ?",
                           "0 10,44 14 ? 3 WED", "0 15 10 ? * MON-FRI", "0 15 10 15 * ?", "0 15 10 L * ?",
                           "0 15 10 L-2 * ?", "0 15 10 ? * 6L", "0 15 10 ? * 6L 2002-2005", "0 15 10 ? * 6#3",
                           "0 0 12 1/5 * ?", "0 11 11 11 11 ?"}) {
    EXPECT_TRUE(CronExpression::isValid(text)) << text;
  }
}

}  // namespace
}  // namespace porpoise::cron
