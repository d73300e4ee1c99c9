#include "tasks/openmldb_sql_split.h"

#include <cctype>

#include "tasks/task_params_checks.h"
#include "util/strings.h"

namespace porpoise::tasks {
namespace {

enum class Scan { kCode, kQuoted, kLineComment, kBlockComment };

class StatementCollector {
 public:
  void add(char c, bool isCode) {
    current_ += c;
    if (isCode && !std::isspace(static_cast<unsigned char>(c))) hasCode_ = true;
  }
  void finish() {
    if (hasCode_) statements_.push_back(util::trim(current_));
    current_.clear();
    hasCode_ = false;
  }
  std::vector<std::string> take() { return std::move(statements_); }

 private:
  std::string current_;
  bool hasCode_ = false;  // anything but whitespace and comments
  std::vector<std::string> statements_;
};

}  // namespace

std::vector<std::string> splitOpenmldbStatements(const std::string& sql) {
  StatementCollector out;
  Scan scan = Scan::kCode;
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    switch (scan) {
      case Scan::kCode:
        if (c == ';') {
          out.finish();
        } else if (c == '\'' || c == '"' || c == '`') {
          scan = Scan::kQuoted;
          quote = c;
          out.add(c, true);
        } else if (c == '-' && next == '-') {
          scan = Scan::kLineComment;
          out.add(c, false);
        } else if (c == '/' && next == '*') {
          scan = Scan::kBlockComment;
          out.add(c, false);
          out.add(next, false);
          ++i;
        } else {
          out.add(c, true);
        }
        break;
      case Scan::kQuoted:
        out.add(c, true);
        if (c == '\\' && i + 1 < sql.size()) {
          out.add(next, true);
          ++i;
        } else if (c == quote) {
          scan = Scan::kCode;
        }
        break;
      case Scan::kLineComment:
        out.add(c, false);
        if (c == '\n') scan = Scan::kCode;
        break;
      case Scan::kBlockComment:
        out.add(c, false);
        if (c == '*' && next == '/') {
          out.add(next, false);
          ++i;
          scan = Scan::kCode;
        }
        break;
    }
  }
  if (scan == Scan::kQuoted) failParams("OPENMLDB", std::string("sql has an unterminated ") + quote + " literal");
  if (scan == Scan::kBlockComment) failParams("OPENMLDB", "sql has an unterminated /* comment");
  out.finish();
  return out.take();
}

}  // namespace porpoise::tasks
