#include "tasks/switch_expression.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <memory>
#include <optional>

#include "util/strings.h"

namespace porpoise::tasks {
namespace {

constexpr int kMaxDepth = 200;
// Bounds the syntax tree (and so the evaluator's recursion) for any input.
constexpr size_t kMaxTokens = 1000;

// ---- tokens --------------------------------------------------------------------------------------------

enum class TokenKind { Number, String, Param, True, False, Operator, End };

struct StringPart {
  bool isParam = false;
  std::string text;  // literal text, or the parameter name
  size_t pos = 0;
};

struct Token {
  TokenKind kind = TokenKind::End;
  std::string text;  // operator spelling, number literal, or parameter name
  size_t pos = 0;
  std::vector<StringPart> parts;  // for String
};

class Lexer {
 public:
  explicit Lexer(const std::string& source) : src_(source) {}

  std::vector<Token> tokens() {
    std::vector<Token> out;
    while (true) {
      skipSpace();
      if (i_ >= src_.size()) {
        out.push_back({TokenKind::End, "", i_, {}});
        return out;
      }
      if (out.size() >= kMaxTokens) fail("the condition is too long (more than 1000 tokens)", i_);
      out.push_back(next());
    }
  }

 private:
  [[noreturn]] void fail(const std::string& message, size_t pos) const { throw SwitchExpressionError(message, pos); }

  void skipSpace() {
    while (i_ < src_.size() && std::isspace(static_cast<unsigned char>(src_[i_]))) ++i_;
  }

  bool at(std::string_view s) const { return src_.compare(i_, s.size(), s) == 0; }

  Token next() {
    size_t start = i_;
    char c = src_[i_];
    if (at("${")) return {TokenKind::Param, readParamName(), start, {}};
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && i_ + 1 < src_.size() && std::isdigit(static_cast<unsigned char>(src_[i_ + 1]))))
      return readNumber();
    if (c == '"' || c == '\'') return readString();
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') return readWord();
    for (std::string_view op : {"===", "!==", "==", "!=", "<=", ">=", "&&", "||"}) {
      if (at(op)) {
        i_ += op.size();
        return {TokenKind::Operator, std::string(op), start, {}};
      }
    }
    if (c == '=') fail("'=' does not compare; use '=='", start);
    if (c == '&') fail("use '&&' for a logical and", start);
    if (c == '|') fail("use '||' for a logical or", start);
    if (std::string_view("<>!+-*/%()").find(c) != std::string_view::npos) {
      ++i_;
      return {TokenKind::Operator, std::string(1, c), start, {}};
    }
    if (c == '$' && i_ + 1 < src_.size() && src_[i_ + 1] == '[')
      fail("time expressions $[...] are not supported in a switch condition", start);
    fail(std::string("unexpected character '") + c + "'", start);
  }

  // At "${": reads up to the closing brace and returns the trimmed name.
  std::string readParamName() {
    size_t start = i_;
    size_t close = src_.find('}', i_ + 2);
    if (close == std::string::npos) fail("'${' has no closing '}'", start);
    std::string inner = src_.substr(i_ + 2, close - i_ - 2);
    if (inner.find("${") != std::string::npos) fail("nested ${...} placeholders are not supported", start);
    std::string name = util::trim(inner);
    if (name.empty()) fail("empty parameter name in '${}'", start);
    i_ = close + 1;
    return name;
  }

  Token readNumber() {
    size_t start = i_;
    auto digits = [&] {
      while (i_ < src_.size() && std::isdigit(static_cast<unsigned char>(src_[i_]))) ++i_;
    };
    digits();
    if (i_ < src_.size() && src_[i_] == '.') {
      ++i_;
      digits();
    }
    if (i_ < src_.size() && (src_[i_] == 'e' || src_[i_] == 'E')) {
      size_t mark = i_++;
      if (i_ < src_.size() && (src_[i_] == '+' || src_[i_] == '-')) ++i_;
      if (i_ >= src_.size() || !std::isdigit(static_cast<unsigned char>(src_[i_])))
        fail("malformed number exponent", mark);
      digits();
    }
    if (i_ < src_.size() && (std::isalnum(static_cast<unsigned char>(src_[i_])) || src_[i_] == '_' || src_[i_] == '.'))
      fail("malformed number '" + src_.substr(start, i_ - start + 1) + "'", start);
    return {TokenKind::Number, src_.substr(start, i_ - start), start, {}};
  }

  Token readString() {
    size_t start = i_;
    char quote = src_[i_++];
    Token token{TokenKind::String, "", start, {}};
    std::string literal;
    size_t literalPos = i_;
    auto flush = [&] {
      if (!literal.empty()) token.parts.push_back({false, literal, literalPos});
      literal.clear();
    };
    while (true) {
      if (i_ >= src_.size()) fail(std::string("string starting here has no closing ") + quote, start);
      char c = src_[i_];
      if (c == quote) {
        ++i_;
        break;
      }
      if (c == '\\') {
        if (i_ + 1 >= src_.size()) fail("backslash at the end of the condition", i_);
        char e = src_[i_ + 1];
        literal += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
        i_ += 2;
        continue;
      }
      if (at("${")) {
        flush();
        size_t pos = i_;
        token.parts.push_back({true, readParamName(), pos});
        literalPos = i_;
        continue;
      }
      literal += c;
      ++i_;
    }
    flush();
    return token;
  }

  Token readWord() {
    size_t start = i_;
    while (i_ < src_.size() && (std::isalnum(static_cast<unsigned char>(src_[i_])) || src_[i_] == '_')) ++i_;
    std::string word = src_.substr(start, i_ - start);
    if (word == "true") return {TokenKind::True, word, start, {}};
    if (word == "false") return {TokenKind::False, word, start, {}};
    fail("unknown name '" + word + "'; write ${" + word + "} to read a parameter, or quote text", start);
  }

  const std::string& src_;
  size_t i_ = 0;
};

// ---- syntax tree ---------------------------------------------------------------------------------------

struct Node {
  enum Kind { NumberLiteral, Text, Param, BoolLiteral, Unary, Binary } kind;
  size_t pos = 0;
  std::string text;               // number literal / operator / parameter name
  std::vector<StringPart> parts;  // Text
  bool boolean = false;
  std::unique_ptr<Node> left, right;
};
using NodePtr = std::unique_ptr<Node>;

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  NodePtr parseAll() {
    if (peek().kind == TokenKind::End) throw SwitchExpressionError("the condition is empty", 0);
    NodePtr root = parseOr(0);
    if (peek().kind != TokenKind::End)
      fail("unexpected '" + describe(peek()) + "' after a complete condition", peek().pos);
    return root;
  }

 private:
  [[noreturn]] static void fail(const std::string& message, size_t pos) { throw SwitchExpressionError(message, pos); }

  static std::string describe(const Token& t) {
    switch (t.kind) {
      case TokenKind::String:
        return "string";
      case TokenKind::Param:
        return "${" + t.text + "}";
      case TokenKind::End:
        return "end of condition";
      default:
        return t.text;
    }
  }

  const Token& peek() const { return tokens_[pos_]; }
  bool isOp(std::initializer_list<std::string_view> ops) const {
    if (peek().kind != TokenKind::Operator) return false;
    return std::find(ops.begin(), ops.end(), peek().text) != ops.end();
  }

  static NodePtr binary(std::string op, size_t pos, NodePtr l, NodePtr r) {
    auto n = std::make_unique<Node>();
    n->kind = Node::Binary;
    n->text = std::move(op);
    n->pos = pos;
    n->left = std::move(l);
    n->right = std::move(r);
    return n;
  }

  void enter(int depth) const {
    if (depth > kMaxDepth) fail("the condition nests too deeply", peek().pos);
  }

  NodePtr parseOr(int depth) {
    enter(depth);
    NodePtr left = parseAnd(depth);
    while (isOp({"||"})) {
      Token op = tokens_[pos_++];
      left = binary(op.text, op.pos, std::move(left), parseAnd(depth));
    }
    return left;
  }

  NodePtr parseAnd(int depth) {
    NodePtr left = parseEquality(depth);
    while (isOp({"&&"})) {
      Token op = tokens_[pos_++];
      left = binary(op.text, op.pos, std::move(left), parseEquality(depth));
    }
    return left;
  }

  NodePtr parseEquality(int depth) {
    NodePtr left = parseRelation(depth);
    if (isOp({"==", "!=", "===", "!=="})) {
      Token op = tokens_[pos_++];
      left = binary(op.text, op.pos, std::move(left), parseRelation(depth));
      if (isOp({"==", "!=", "===", "!=="})) fail("comparisons cannot be chained; join them with && or ||", peek().pos);
    }
    return left;
  }

  NodePtr parseRelation(int depth) {
    NodePtr left = parseSum(depth);
    if (isOp({"<", "<=", ">", ">="})) {
      Token op = tokens_[pos_++];
      left = binary(op.text, op.pos, std::move(left), parseSum(depth));
      if (isOp({"<", "<=", ">", ">="})) fail("comparisons cannot be chained; join them with && or ||", peek().pos);
    }
    return left;
  }

  NodePtr parseSum(int depth) {
    NodePtr left = parseProduct(depth);
    while (isOp({"+", "-"})) {
      Token op = tokens_[pos_++];
      left = binary(op.text, op.pos, std::move(left), parseProduct(depth));
    }
    return left;
  }

  NodePtr parseProduct(int depth) {
    NodePtr left = parseUnary(depth);
    while (isOp({"*", "/", "%"})) {
      Token op = tokens_[pos_++];
      left = binary(op.text, op.pos, std::move(left), parseUnary(depth));
    }
    return left;
  }

  NodePtr parseUnary(int depth) {
    enter(depth);
    if (isOp({"!", "-", "+"})) {
      Token op = tokens_[pos_++];
      auto n = std::make_unique<Node>();
      n->kind = Node::Unary;
      n->text = op.text;
      n->pos = op.pos;
      n->left = parseUnary(depth + 1);
      return n;
    }
    return parsePrimary(depth);
  }

  NodePtr parsePrimary(int depth) {
    const Token& t = peek();
    auto n = std::make_unique<Node>();
    n->pos = t.pos;
    switch (t.kind) {
      case TokenKind::Number:
        n->kind = Node::NumberLiteral;
        n->text = t.text;
        break;
      case TokenKind::String:
        n->kind = Node::Text;
        n->parts = t.parts;
        break;
      case TokenKind::Param:
        n->kind = Node::Param;
        n->text = t.text;
        break;
      case TokenKind::True:
      case TokenKind::False:
        n->kind = Node::BoolLiteral;
        n->boolean = t.kind == TokenKind::True;
        break;
      case TokenKind::Operator:
        if (t.text == "(") {
          ++pos_;
          NodePtr inner = parseOr(depth + 1);
          if (!isOp({")"})) fail("missing ')' for the '(' here", t.pos);
          ++pos_;
          return inner;
        }
        fail("expected a value but found '" + t.text + "'", t.pos);
      case TokenKind::End:
        fail("the condition ends where a value is expected", t.pos);
    }
    ++pos_;
    return n;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

// ---- evaluation ----------------------------------------------------------------------------------------

struct Value {
  enum Kind { Bool, Number, Text } kind = Text;
  bool boolean = false;
  double number = 0;
  std::string text;  // Text: the text; Number: its spelling
};

std::optional<double> readNumber(std::string_view raw) {
  std::string t = util::trim(raw);
  std::string_view s = t;
  if (s.empty()) return std::nullopt;
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || !(std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '.')) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value, std::chars_format::general);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return negative ? -value : value;
}

std::string numberText(double n) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(n);
}

std::optional<double> numericOf(const Value& v) {
  if (v.kind == Value::Number) return v.number;
  if (v.kind == Value::Text) return readNumber(v.text);
  return std::nullopt;
}

std::string textOf(const Value& v) {
  if (v.kind == Value::Bool) return v.boolean ? "true" : "false";
  return v.text;
}

std::optional<bool> booleanOf(const Value& v) {
  if (v.kind == Value::Bool) return v.boolean;
  if (v.kind == Value::Number) return v.number != 0;
  std::string lower = util::toLower(util::trim(v.text));
  if (lower == "true") return true;
  if (lower == "false" || lower.empty()) return false;
  if (auto n = readNumber(v.text)) return *n != 0;
  return std::nullopt;
}

Value makeBool(bool b) {
  Value v;
  v.kind = Value::Bool;
  v.boolean = b;
  return v;
}

Value makeNumber(double n) {
  Value v;
  v.kind = Value::Number;
  v.number = n;
  v.text = numberText(n);
  return v;
}

class Evaluator {
 public:
  explicit Evaluator(const std::map<std::string, std::string>& params) : params_(params) {}

  bool condition(const Node& root) {
    Value v = eval(root);
    auto b = booleanOf(v);
    if (!b) fail("the condition gives \"" + textOf(v) + "\", which is neither true nor false", root.pos);
    return *b;
  }

 private:
  [[noreturn]] static void fail(const std::string& message, size_t pos) { throw SwitchExpressionError(message, pos); }

  const std::string& param(const std::string& name, size_t pos) const {
    auto it = params_.find(name);
    if (it == params_.end()) fail("unknown parameter '" + name + "'", pos);
    return it->second;
  }

  bool truth(const Node& n) {
    Value v = eval(n);
    auto b = booleanOf(v);
    if (!b) fail("\"" + textOf(v) + "\" is neither true nor false", n.pos);
    return *b;
  }

  double number(const Node& n, const std::string& op, size_t opPos) {
    Value v = eval(n);
    auto d = numericOf(v);
    if (!d) fail("'" + op + "' needs numbers, got \"" + textOf(v) + "\"", opPos);
    return *d;
  }

  Value eval(const Node& n) {
    switch (n.kind) {
      case Node::NumberLiteral: {
        Value v;
        v.kind = Value::Number;
        v.number = readNumber(n.text).value_or(0);
        v.text = n.text;
        return v;
      }
      case Node::Text: {
        Value v;
        for (const auto& part : n.parts) v.text += part.isParam ? param(part.text, part.pos) : part.text;
        return v;
      }
      case Node::Param: {
        Value v;
        v.text = param(n.text, n.pos);
        return v;
      }
      case Node::BoolLiteral:
        return makeBool(n.boolean);
      case Node::Unary:
        if (n.text == "!") return makeBool(!truth(*n.left));
        if (n.text == "-") return makeNumber(-number(*n.left, "-", n.pos));
        return makeNumber(number(*n.left, "+", n.pos));
      case Node::Binary:
        return binary(n);
    }
    fail("internal error: unknown node", n.pos);
  }

  Value binary(const Node& n) {
    const std::string& op = n.text;
    if (op == "&&") return makeBool(truth(*n.left) && truth(*n.right));
    if (op == "||") return makeBool(truth(*n.left) || truth(*n.right));
    if (op == "+") {
      Value l = eval(*n.left), r = eval(*n.right);
      auto ln = numericOf(l), rn = numericOf(r);
      if (ln && rn) return makeNumber(*ln + *rn);
      if (l.kind == Value::Bool || r.kind == Value::Bool) fail("'+' cannot add true/false", n.pos);
      Value v;
      v.text = textOf(l) + textOf(r);
      return v;
    }
    if (op == "-" || op == "*" || op == "/" || op == "%") {
      double l = number(*n.left, op, n.pos), r = number(*n.right, op, n.pos);
      if (op == "-") return makeNumber(l - r);
      if (op == "*") return makeNumber(l * r);
      if (r == 0) fail("division by zero", n.pos);
      return makeNumber(op == "/" ? l / r : std::fmod(l, r));
    }
    return makeBool(compare(op, eval(*n.left), eval(*n.right), n.pos));
  }

  static bool compare(const std::string& op, const Value& l, const Value& r, size_t pos) {
    bool equality = op == "==" || op == "===" || op == "!=" || op == "!==";
    bool negate = op == "!=" || op == "!==";
    if (l.kind == Value::Bool || r.kind == Value::Bool) {
      if (!equality) fail("'" + op + "' cannot order true/false values", pos);
      auto lb = booleanOf(l), rb = booleanOf(r);
      bool same = lb && rb && *lb == *rb;
      return negate ? !same : same;
    }
    int order;
    auto ln = numericOf(l), rn = numericOf(r);
    if (ln && rn) {
      order = *ln < *rn ? -1 : *ln > *rn ? 1 : 0;
    } else {
      int c = textOf(l).compare(textOf(r));
      order = c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    if (equality) return negate ? order != 0 : order == 0;
    if (op == "<") return order < 0;
    if (op == "<=") return order <= 0;
    if (op == ">") return order > 0;
    return order >= 0;
  }

  const std::map<std::string, std::string>& params_;
};

std::string withColumn(const std::string& expression, const SwitchExpressionError& e) {
  return "switch condition \"" + expression + "\": " + e.what() + " (column " + std::to_string(e.position() + 1) + ")";
}

NodePtr parseExpression(const std::string& expression) {
  try {
    return Parser(Lexer(expression).tokens()).parseAll();
  } catch (const SwitchExpressionError& e) {
    throw SwitchExpressionError(withColumn(expression, e), e.position());
  }
}

}  // namespace

bool evaluateSwitchCondition(const std::string& expression, const std::map<std::string, std::string>& params) {
  NodePtr root = parseExpression(expression);
  try {
    return Evaluator(params).condition(*root);
  } catch (const SwitchExpressionError& e) {
    throw SwitchExpressionError(withColumn(expression, e), e.position());
  }
}

void checkSwitchConditionSyntax(const std::string& expression) { parseExpression(expression); }

std::vector<std::string> switchConditionParameters(const std::string& expression) {
  parseExpression(expression);
  std::vector<std::string> names;
  auto add = [&](const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  for (const auto& t : Lexer(expression).tokens()) {
    if (t.kind == TokenKind::Param) add(t.text);
    for (const auto& part : t.parts)
      if (part.isParam) add(part.text);
  }
  return names;
}

}  // namespace porpoise::tasks
