#include "exchange/yaml_load_error.h"

namespace porpoise::exchange {

namespace {

std::string formatLoadError(const std::string& file, int line, const std::string& key, const std::string& message) {
  std::string text = file.empty() ? std::string("<yaml>") : file;
  if (line > 0) text += ":" + std::to_string(line);
  text += ": " + message;
  if (!key.empty()) text += " (key '" + key + "')";
  return text;
}

}  // namespace

YamlLoadError::YamlLoadError(std::string file, int line, std::string key, std::string message)
    : std::runtime_error(formatLoadError(file, line, key, message)),
      file_(std::move(file)),
      line_(line),
      key_(std::move(key)),
      message_(std::move(message)) {}

}  // namespace porpoise::exchange
