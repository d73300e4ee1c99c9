#include "params/int_expression.h"

#include <string>

#include "params/param_error.h"

namespace porpoise::params {
namespace {

constexpr int kMaxDepth = 64;

// Recursive-descent parser over the expression text:
//   sum     := product (('+' | '-') product)*
//   product := unary (('*' | '/') unary)*
//   unary   := ('+' | '-') unary | primary
//   primary := digits | '(' sum ')'
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  int64_t parseAll() {
    skipSpaces();
    if (pos_ == text_.size()) fail("empty expression");
    int64_t value = sum(0);
    skipSpaces();
    if (pos_ != text_.size()) fail(std::string("unexpected '") + text_[pos_] + "'");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw ParamError("invalid number expression '" + std::string(text_) + "': " + why);
  }

  void skipSpaces() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }

  bool accept(char c) {
    skipSpaces();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  int64_t sum(int depth) {
    int64_t value = product(depth);
    for (;;) {
      int64_t rhs = 0;
      if (accept('+')) {
        rhs = product(depth);
        if (__builtin_add_overflow(value, rhs, &value)) fail("overflow");
      } else if (accept('-')) {
        rhs = product(depth);
        if (__builtin_sub_overflow(value, rhs, &value)) fail("overflow");
      } else {
        return value;
      }
    }
  }

  int64_t product(int depth) {
    int64_t value = unary(depth);
    for (;;) {
      if (accept('*')) {
        int64_t rhs = unary(depth);
        if (__builtin_mul_overflow(value, rhs, &value)) fail("overflow");
      } else if (accept('/')) {
        int64_t rhs = unary(depth);
        if (rhs == 0) fail("division by zero");
        if (rhs == -1) {
          if (__builtin_sub_overflow(int64_t{0}, value, &value)) fail("overflow");
        } else {
          value /= rhs;
        }
      } else {
        return value;
      }
    }
  }

  int64_t unary(int depth) {
    if (depth > kMaxDepth) fail("nested too deeply");
    if (accept('+')) return unary(depth + 1);
    if (accept('-')) {
      int64_t value = unary(depth + 1);
      int64_t negated = 0;
      if (__builtin_sub_overflow(int64_t{0}, value, &negated)) fail("overflow");
      return negated;
    }
    return primary(depth);
  }

  int64_t primary(int depth) {
    skipSpaces();
    if (pos_ == text_.size()) fail("missing number at the end");
    if (accept('(')) {
      int64_t value = sum(depth + 1);
      if (!accept(')')) fail("missing ')'");
      return value;
    }
    char c = text_[pos_];
    if (c < '0' || c > '9') fail(std::string("unexpected '") + c + "'");
    int64_t value = 0;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      int digit = text_[pos_] - '0';
      if (__builtin_mul_overflow(value, int64_t{10}, &value) || __builtin_add_overflow(value, digit, &value)) {
        fail("number too large");
      }
      ++pos_;
    }
    return value;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

int64_t evaluateIntExpression(std::string_view expression) { return Parser(expression).parseAll(); }

}  // namespace porpoise::params
