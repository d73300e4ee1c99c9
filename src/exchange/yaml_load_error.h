// The one error type of the pydolphinscheduler YAML loader.
//
// Contract: every problem found while loading a YAML workflow file (syntax, unknown task type,
// missing required key, unknown dependency, unreadable $FILE, cycle, bad value) is reported as a
// YamlLoadError naming the file, the 1-based line (0 when no line applies) and the key involved
// (empty when none). what() reads "FILE:LINE: MESSAGE (key 'KEY')".
#pragma once

#include <stdexcept>
#include <string>

namespace porpoise::exchange {

class YamlLoadError : public std::runtime_error {
 public:
  YamlLoadError(std::string file, int line, std::string key, std::string message);

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& key() const { return key_; }
  // The message without the file/line/key prefix and suffix.
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  int line_;
  std::string key_;
  std::string message_;
};

}  // namespace porpoise::exchange
