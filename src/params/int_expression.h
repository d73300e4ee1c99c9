// Integer arithmetic used by time-expression offsets ("$[yyyyMMdd-7*2]", "add_months(yyyyMMdd,-(1+2))").
//
// Contract: evaluates + - * / with parentheses and unary signs over non-negative decimal literals,
// with the usual precedence and left-to-right association. Division truncates toward zero (as in
// Java). Spaces are ignored. Empty input, any other character, unbalanced parentheses, division by
// zero, overflow of 64-bit integers or nesting deeper than 64 throw ParamError naming the expression.
#pragma once

#include <cstdint>
#include <string_view>

namespace porpoise::params {

int64_t evaluateIntExpression(std::string_view expression);

}  // namespace porpoise::params
