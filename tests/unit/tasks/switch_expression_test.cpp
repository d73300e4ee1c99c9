#include "tasks/switch_expression.h"

#include <gtest/gtest.h>

namespace porpoise::tasks {
namespace {

using Params = std::map<std::string, std::string>;

bool eval(const std::string& expr, const Params& params = {}) { return evaluateSwitchCondition(expr, params); }

// The message and position of the error `expr` raises.
std::pair<std::string, size_t> errorOf(const std::string& expr, const Params& params = {}) {
  try {
    evaluateSwitchCondition(expr, params);
  } catch (const SwitchExpressionError& e) {
    return {e.what(), e.position()};
  }
  return {"", 0};
}

TEST(SwitchExpression, FormsUsersWrite) {
  Params p = {{"x", "a"}, {"n", "7"}, {"v", "A"}, {"var", "1"}};
  EXPECT_TRUE(eval("${x} == \"a\"", p));
  EXPECT_TRUE(eval("\"${x}\" == \"a\"", p));
  EXPECT_TRUE(eval("'${x}' == 'a'", p));  // DolphinScheduler turns this into a syntax error; we do not.
  EXPECT_TRUE(eval("${v} == 'A'", p));
  EXPECT_FALSE(eval("${v} == \"B\"", p));
  EXPECT_TRUE(eval("${n} > 5", p));
  EXPECT_FALSE(eval("${n} > 7", p));
  EXPECT_TRUE(eval("${n} >= 7", p));
  EXPECT_FALSE(eval("${var} > 1", p));  // the Switch.yaml example with var = 1
  EXPECT_TRUE(eval("${ n } != 8", p));
  EXPECT_TRUE(eval("${x} === 'a' && ${n} !== 3", p));
}

TEST(SwitchExpression, NumericWhenBothSidesAreNumbers) {
  Params p = {{"big", "10"}, {"small", "9"}, {"padded", "007"}, {"f", "2.50"}, {"neg", "-3"}, {"word", "10a"}};
  EXPECT_TRUE(eval("${big} > ${small}", p));  // text "10" < "9", numbers 10 > 9
  EXPECT_TRUE(eval("\"${big}\" > \"${small}\"", p));
  EXPECT_TRUE(eval("${padded} == 7", p));
  EXPECT_TRUE(eval("${f} == 2.5", p));
  EXPECT_TRUE(eval("${neg} < 0", p));
  EXPECT_TRUE(eval("${f} == 25e-1", p));
  EXPECT_TRUE(eval(".5 < 1", p));
  EXPECT_FALSE(eval("${word} > 9", p));  // "10a" is not a number: compared as text, and "10a" < "9"
  EXPECT_TRUE(eval("${word} < 9", p));
}

TEST(SwitchExpression, StringComparisons) {
  Params p = {{"d", "2024-03-01"}, {"e", ""}};
  EXPECT_TRUE(eval("${d} < '2024-10-01'", p));
  EXPECT_TRUE(eval("${d} >= \"2024-03-01\"", p));
  EXPECT_TRUE(eval("${e} == ''", p));
  EXPECT_TRUE(eval("'b' > 'a' && 'abc' < 'abd'", p));
  EXPECT_TRUE(eval("'it\\'s' == \"it's\"", p));
  EXPECT_TRUE(eval("'a\\\\b' != 'a\\b'", p));
  EXPECT_TRUE(eval("'${d}-x' == '2024-03-01-x'", p));
}

TEST(SwitchExpression, LogicAndPrecedence) {
  Params p = {{"a", "1"}, {"b", "2"}, {"flag", "true"}, {"off", "FALSE"}};
  EXPECT_TRUE(eval("true"));
  EXPECT_FALSE(eval("false"));
  EXPECT_TRUE(eval("!false"));
  EXPECT_TRUE(eval("!!true"));
  EXPECT_TRUE(eval("true || false && false"));  // && binds tighter
  EXPECT_FALSE(eval("(true || false) && false"));
  EXPECT_TRUE(eval("${a} == 1 && ${b} == 2 || ${a} == 9", p));
  EXPECT_TRUE(eval("!(${a} > ${b})", p));
  EXPECT_TRUE(eval("${flag}", p));
  EXPECT_FALSE(eval("${off}", p));
  EXPECT_TRUE(eval("${flag} == true", p));
  EXPECT_TRUE(eval("${off} != true", p));
  EXPECT_TRUE(eval("${a}", p));  // non-zero number
  EXPECT_FALSE(eval("0"));
  EXPECT_TRUE(eval("(${a} < ${b}) == true", p));
}

TEST(SwitchExpression, Arithmetic) {
  Params p = {{"a", "4"}, {"b", "6"}, {"s", "x"}};
  EXPECT_TRUE(eval("${a} + ${b} == 10", p));
  EXPECT_TRUE(eval("${b} - ${a} * 2 == -2", p));
  EXPECT_TRUE(eval("${b} / ${a} == 1.5", p));
  EXPECT_TRUE(eval("${b} % ${a} == 2", p));
  EXPECT_TRUE(eval("-${a} < 0", p));
  EXPECT_TRUE(eval("(${a} + 1) * 2 == 10", p));
  EXPECT_TRUE(eval("${s} + 'y' == 'xy'", p));
  EXPECT_TRUE(eval("${s} + ${a} == 'x4'", p));
}

TEST(SwitchExpression, ShortCircuitSkipsUnknownParameters) {
  Params p = {{"a", "1"}};
  EXPECT_TRUE(eval("${a} == 1 || ${missing} == 2", p));
  EXPECT_FALSE(eval("${a} == 2 && ${missing} == 2", p));
}

TEST(SwitchExpression, ErrorsNameProblemAndColumn) {
  auto [unknown, unknownPos] = errorOf("${a} == 1 && ${missing} > 2", {{"a", "1"}});
  EXPECT_EQ(unknown, "switch condition \"${a} == 1 && ${missing} > 2\": unknown parameter 'missing' (column 14)");
  EXPECT_EQ(unknownPos, 13u);

  EXPECT_EQ(errorOf("${x} = 1", {{"x", "1"}}).first,
            "switch condition \"${x} = 1\": '=' does not compare; use '==' (column 6)");
  EXPECT_EQ(errorOf("x == 1").first,
            "switch condition \"x == 1\": unknown name 'x'; write ${x} to read a parameter, or quote text (column 1)");
  EXPECT_EQ(errorOf("'abc").first, "switch condition \"'abc\": string starting here has no closing ' (column 1)");
  EXPECT_EQ(errorOf("${abc == 1").first, "switch condition \"${abc == 1\": '${' has no closing '}' (column 1)");
  EXPECT_EQ(errorOf("${} == 1").first, "switch condition \"${} == 1\": empty parameter name in '${}' (column 1)");
  EXPECT_EQ(errorOf("(1 == 1").first, "switch condition \"(1 == 1\": missing ')' for the '(' here (column 1)");
  EXPECT_EQ(errorOf("1 == 1)").first,
            "switch condition \"1 == 1)\": unexpected ')' after a complete condition (column 7)");
  EXPECT_EQ(errorOf("1 ==").first,
            "switch condition \"1 ==\": the condition ends where a value is expected (column 5)");
  EXPECT_EQ(errorOf("").first, "switch condition \"\": the condition is empty (column 1)");
  EXPECT_EQ(errorOf("   ").first, "switch condition \"   \": the condition is empty (column 1)");
  EXPECT_EQ(errorOf("1 < 2 < 3").first,
            "switch condition \"1 < 2 < 3\": comparisons cannot be chained; join them with && or || (column 7)");
  EXPECT_EQ(errorOf("1 & 1").first, "switch condition \"1 & 1\": use '&&' for a logical and (column 3)");
  EXPECT_EQ(errorOf("1 | 1").first, "switch condition \"1 | 1\": use '||' for a logical or (column 3)");
  EXPECT_EQ(errorOf("1 == 1; rm -rf /").first,
            "switch condition \"1 == 1; rm -rf /\": unexpected character ';' (column 7)");
  EXPECT_EQ(errorOf("$[yyyyMMdd] > 1").first,
            "switch condition \"$[yyyyMMdd] > 1\": time expressions $[...] are not supported in a switch condition "
            "(column 1)");
  EXPECT_EQ(errorOf("12abc == 1").first, "switch condition \"12abc == 1\": malformed number '12a' (column 1)");
  EXPECT_EQ(errorOf("1e+ == 1").first, "switch condition \"1e+ == 1\": malformed number exponent (column 2)");
  EXPECT_EQ(errorOf("${x}", {{"x", "maybe"}}).first,
            "switch condition \"${x}\": the condition gives \"maybe\", which is neither true nor false (column 1)");
  EXPECT_EQ(errorOf("${x} * 2 > 1", {{"x", "abc"}}).first,
            "switch condition \"${x} * 2 > 1\": '*' needs numbers, got \"abc\" (column 6)");
  EXPECT_EQ(errorOf("1 / 0 > 1").first, "switch condition \"1 / 0 > 1\": division by zero (column 3)");
  EXPECT_EQ(errorOf("true < false").first,
            "switch condition \"true < false\": '<' cannot order true/false values (column 6)");
  EXPECT_EQ(errorOf("!'maybe'").first, "switch condition \"!'maybe'\": \"maybe\" is neither true nor false (column 2)");
  EXPECT_EQ(errorOf("${a_${b}} == 1").first,
            "switch condition \"${a_${b}} == 1\": nested ${...} placeholders are not supported (column 1)");
}

TEST(SwitchExpression, ParameterValuesAreDataNotCode) {
  // A value that looks like an expression stays a string.
  Params p = {{"x", "1 || true"}, {"q", "\" || \"1\" == \"1"}};
  EXPECT_FALSE(eval("${x} == 1", p));
  EXPECT_TRUE(eval("${x} == '1 || true'", p));
  EXPECT_FALSE(eval("${q} == 'a'", p));
  EXPECT_FALSE(eval("\"${q}\" == \"a\"", p));
}

TEST(SwitchExpression, HostileInputIsBounded) {
  std::string deep(500, '(');
  EXPECT_THROW(eval(deep + "1" + std::string(500, ')')), SwitchExpressionError);
  std::string bangs(300, '!');
  EXPECT_THROW(eval(bangs + "true"), SwitchExpressionError);
  std::string longSum = "1";
  for (int i = 0; i < 600; ++i) longSum += "+1";
  EXPECT_THROW(eval(longSum + " > 0"), SwitchExpressionError);
  std::string okSum = "1";
  for (int i = 0; i < 100; ++i) okSum += "+1";
  EXPECT_TRUE(eval(okSum + " == 101"));
  EXPECT_TRUE(eval(std::string(50, '(') + "true" + std::string(50, ')')));
}

TEST(SwitchExpression, SyntaxCheckAndParameterList) {
  EXPECT_NO_THROW(checkSwitchConditionSyntax("${unknown} > 5"));
  EXPECT_THROW(checkSwitchConditionSyntax("${x} >"), SwitchExpressionError);
  EXPECT_EQ(switchConditionParameters("${a} == 1 && '${b}-${a}' != ${c}"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_THROW(switchConditionParameters("${a"), SwitchExpressionError);
}

}  // namespace
}  // namespace porpoise::tasks
