#include "params/int_expression.h"

#include <gtest/gtest.h>

#include "params/param_error.h"

namespace porpoise::params {
namespace {

TEST(IntExpression, EvaluatesLiteralsAndPrecedence) {
  EXPECT_EQ(evaluateIntExpression("7"), 7);
  EXPECT_EQ(evaluateIntExpression("7*2"), 14);
  EXPECT_EQ(evaluateIntExpression("1+2*3"), 7);
  EXPECT_EQ(evaluateIntExpression("(1+2)*3"), 9);
  EXPECT_EQ(evaluateIntExpression("10-4-3"), 3);
  EXPECT_EQ(evaluateIntExpression("1440*(1)/24/60"), 1);
  EXPECT_EQ(evaluateIntExpression(" 2 * ( 3 + 4 ) "), 14);
}

TEST(IntExpression, UnarySigns) {
  EXPECT_EQ(evaluateIntExpression("-3"), -3);
  EXPECT_EQ(evaluateIntExpression("+3"), 3);
  EXPECT_EQ(evaluateIntExpression("-3+-6*(+8)-(-5)"), -46);
  EXPECT_EQ(evaluateIntExpression("--2"), 2);
}

TEST(IntExpression, DivisionTruncatesTowardZero) {
  EXPECT_EQ(evaluateIntExpression("7/2"), 3);
  EXPECT_EQ(evaluateIntExpression("-7/2"), -3);
  EXPECT_EQ(evaluateIntExpression("1/24"), 0);
}

TEST(IntExpression, RejectsMalformedInput) {
  for (const char* bad : {"", "   ", "1+", "*2", "(1", "1)", "1 2", "x", "1+a", "2**3", "()"}) {
    EXPECT_THROW(evaluateIntExpression(bad), ParamError) << "'" << bad << "'";
  }
}

TEST(IntExpression, RejectsDivisionByZeroAndOverflow) {
  EXPECT_THROW(evaluateIntExpression("1/0"), ParamError);
  EXPECT_THROW(evaluateIntExpression("1/(2-2)"), ParamError);
  EXPECT_THROW(evaluateIntExpression("99999999999999999999"), ParamError);
  EXPECT_THROW(evaluateIntExpression("9223372036854775807+1"), ParamError);
  EXPECT_THROW(evaluateIntExpression("4611686018427387904*2"), ParamError);
  EXPECT_EQ(evaluateIntExpression("9223372036854775807"), INT64_MAX);
}

TEST(IntExpression, RejectsExcessiveNesting) {
  std::string deep(200, '(');
  deep += "1";
  deep += std::string(200, ')');
  EXPECT_THROW(evaluateIntExpression(deep), ParamError);
  EXPECT_THROW(evaluateIntExpression(std::string(200, '-') + "1"), ParamError);
}

TEST(IntExpression, ErrorNamesTheExpression) {
  try {
    evaluateIntExpression("3+q");
    FAIL() << "no error";
  } catch (const ParamError& e) {
    EXPECT_NE(std::string(e.what()).find("3+q"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace porpoise::params
