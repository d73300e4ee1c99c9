// The keys of one YAML task (or of the `workflow:` mapping) after the string macros, with the lines they were written
// on.
//
// Contract: a task mapper reads keys through take()/require(); every read key is marked, so
// unreadKeys() lists what no mapper understood (reported as warnings, as SDK 4.x ignores
// them). A key can be written in the SDK's snake_case (`min_cpu_cores`) or in the camelCase of
// the DolphinScheduler field (`minCpuCores`). A key present with an empty (null) value counts
// as absent. Type problems and missing required keys throw YamlLoadError naming the key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "exchange/yaml_value.h"

namespace porpoise::exchange {

class YamlTaskSource {
 public:
  struct Entry {
    std::string key;
    Json value;
    int line = 0;
    std::string text;  // scalar as written (after macros); empty for lists and mappings
    YAML::Node node;   // the YAML value, for the lines of nested items
    bool read = false;
  };

  // `subject` names the owner in messages, e.g. "task 'train' (Shell)" or "workflow 'etl'".
  YamlTaskSource(std::string file, int line, std::string name, std::string typeName, std::string subject);

  void add(Entry entry);

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& name() const { return name_; }
  const std::string& typeName() const { return typeName_; }
  const std::string& subject() const { return subject_; }

  // The entry for `key` (snake or camel spelling) when present and not null; marks it read.
  const Entry* take(const std::string& key);
  const Entry& require(const std::string& key);

  // Scalars as text (numbers and booleans keep their written form).
  std::string requireText(const std::string& key);
  std::string textOr(const std::string& key, const std::string& fallback);
  std::optional<std::string> optionalText(const std::string& key);
  // The value as it is (any JSON type), or `fallback`.
  Json jsonOr(const std::string& key, Json fallback);
  int64_t intOr(const std::string& key, int64_t fallback);
  bool boolOr(const std::string& key, bool fallback);

  std::vector<const Entry*> unreadKeys() const;
  int lineOf(const std::string& key) const;

  [[noreturn]] void fail(const std::string& key, const std::string& message) const;
  [[noreturn]] void failAt(int line, const std::string& key, const std::string& message) const;

  // Text of a scalar entry; fails for lists and mappings.
  std::string textOf(const Entry& entry) const;
  int64_t intOf(const Entry& entry) const;
  // Keys of a mapping entry in the order they were written (JSON objects sort their keys).
  std::vector<std::string> keysInOrder(const Entry& entry) const;
  bool boolOf(const Entry& entry) const;

 private:
  Entry* find(const std::string& key);
  const Entry* find(const std::string& key) const;

  std::string file_;
  int line_;
  std::string name_;
  std::string typeName_;
  std::string subject_;
  std::vector<Entry> entries_;
};

// The entries of a YAML mapping with every string value passed through `onString` (the
// macros); the key path given to the hook starts at each entry's key.
std::vector<YamlTaskSource::Entry> readYamlEntries(const YAML::Node& mapping, const std::string& file,
                                                   const YamlStringHook& onString);

// "min_cpu_cores" -> "minCpuCores".
std::string snakeToCamel(const std::string& key);

}  // namespace porpoise::exchange
