// A small, safe evaluator for SWITCH branch conditions (spec ds-tasks.md §3.4, §8 #6).
//
// Contract: no code runs but this grammar (JavaScript-like, as DolphinScheduler users write it):
//   expr      := or
//   or        := and ('||' and)*
//   and       := equality ('&&' equality)*
//   equality  := relation [('==' | '!=' | '===' | '!==') relation]
//   relation  := sum [('<' | '<=' | '>' | '>=') sum]
//   sum       := product (('+' | '-') product)*
//   product   := unary (('*' | '/' | '%') unary)*
//   unary     := ('!' | '-' | '+') unary | primary
//   primary   := number | string | ${name} | true | false | '(' expr ')'
// Strings use single or double quotes, with backslash escapes; ${name} inside a string is replaced by the
// parameter's text, so "${x}" == 'a', ${x} == "a" and '${x}' == 'a' all mean the same thing.
// A parameter's value is text. Comparisons are numeric when both sides read as decimal numbers
// ("7" > 5, "10" > "9"), boolean when one side is true/false, and byte-wise string comparisons otherwise.
// '+' adds numbers and otherwise joins text; '-', '*', '/', '%' need numbers. && and || short-circuit.
// The whole condition must come out true or false: numbers are true when non-zero, texts "true"/"false"
// (any case) and "" (false) are accepted, any other text is an error.
// Errors (syntax, unknown parameter, type, division by zero) throw SwitchExpressionError with the
// 0-based position in the expression; the message names the problem and the column.
#pragma once

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace porpoise::tasks {

class SwitchExpressionError : public std::runtime_error {
 public:
  SwitchExpressionError(const std::string& message, size_t position)
      : std::runtime_error(message), position_(position) {}
  size_t position() const { return position_; }

 private:
  size_t position_;
};

bool evaluateSwitchCondition(const std::string& expression, const std::map<std::string, std::string>& params);

// Parses without evaluating: throws SwitchExpressionError on a syntax error.
void checkSwitchConditionSyntax(const std::string& expression);

// The parameter names the condition reads (${name}, also inside strings), in order, without repeats.
// Throws SwitchExpressionError on a syntax error.
std::vector<std::string> switchConditionParameters(const std::string& expression);

}  // namespace porpoise::tasks
