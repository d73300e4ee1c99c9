#include "exchange/yaml_task_source.h"

#include <cctype>

#include "exchange/yaml_load_error.h"
#include "util/strings.h"

namespace porpoise::exchange {

std::string snakeToCamel(const std::string& key) {
  std::string out;
  bool upperNext = false;
  for (char c : key) {
    if (c == '_') {
      upperNext = !out.empty();
      continue;
    }
    out += upperNext ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upperNext = false;
  }
  return out;
}

std::vector<YamlTaskSource::Entry> readYamlEntries(const YAML::Node& mapping, const std::string& file,
                                                   const YamlStringHook& onString) {
  std::vector<YamlTaskSource::Entry> entries;
  for (const auto& yamlEntry : yamlMappingEntries(mapping, file)) {
    YamlTaskSource::Entry entry;
    entry.key = yamlEntry.key;
    entry.line = yamlEntry.line;
    entry.node = yamlEntry.value;
    entry.value = yamlToJson(yamlEntry.value, file, yamlEntry.key, yamlEntry.line, onString);
    if (entry.value.is_string())
      entry.text = entry.value.get<std::string>();
    else if (yamlEntry.value.IsScalar())
      entry.text = yamlEntry.value.Scalar();
    entries.push_back(std::move(entry));
  }
  return entries;
}

YamlTaskSource::YamlTaskSource(std::string file, int line, std::string name, std::string typeName, std::string subject)
    : file_(std::move(file)),
      line_(line),
      name_(std::move(name)),
      typeName_(std::move(typeName)),
      subject_(std::move(subject)) {}

void YamlTaskSource::add(Entry entry) { entries_.push_back(std::move(entry)); }

YamlTaskSource::Entry* YamlTaskSource::find(const std::string& key) {
  return const_cast<Entry*>(static_cast<const YamlTaskSource*>(this)->find(key));
}

const YamlTaskSource::Entry* YamlTaskSource::find(const std::string& key) const {
  for (const auto& entry : entries_)
    if (entry.key == key) return &entry;
  const std::string camel = snakeToCamel(key);
  if (camel == key) return nullptr;
  for (const auto& entry : entries_)
    if (entry.key == camel) return &entry;
  return nullptr;
}

const YamlTaskSource::Entry* YamlTaskSource::take(const std::string& key) {
  Entry* entry = find(key);
  if (entry == nullptr) return nullptr;
  entry->read = true;
  return entry->value.is_null() ? nullptr : entry;
}

const YamlTaskSource::Entry& YamlTaskSource::require(const std::string& key) {
  const Entry* entry = take(key);
  if (entry == nullptr) {
    const Entry* present = find(key);
    failAt(present ? present->line : line_, key, subject_ + " is missing the required key '" + key + "'");
  }
  return *entry;
}

std::string YamlTaskSource::textOf(const Entry& entry) const {
  if (entry.value.is_array() || entry.value.is_object())
    failAt(entry.line, entry.key, "expected a single value but found " + jsonTypeName(entry.value));
  if (entry.value.is_string()) return entry.value.get<std::string>();
  return entry.text.empty() ? entry.value.dump() : entry.text;
}

int64_t YamlTaskSource::intOf(const Entry& entry) const {
  if (entry.value.is_number_integer()) return entry.value.get<int64_t>();
  if (entry.value.is_string()) {
    if (auto parsed = util::parseInt64(util::trim(entry.value.get<std::string>()))) return *parsed;
  }
  if (entry.value.is_number_float()) {
    const double number = entry.value.get<double>();
    if (number == static_cast<double>(static_cast<int64_t>(number))) return static_cast<int64_t>(number);
  }
  failAt(entry.line, entry.key, "expected a whole number but found " + jsonTypeName(entry.value));
}

bool YamlTaskSource::boolOf(const Entry& entry) const {
  if (entry.value.is_boolean()) return entry.value.get<bool>();
  if (entry.value.is_string()) {
    const std::string text = util::toLower(util::trim(entry.value.get<std::string>()));
    if (text == "true" || text == "yes" || text == "on") return true;
    if (text == "false" || text == "no" || text == "off") return false;
  }
  if (entry.value.is_number_integer()) return entry.value.get<int64_t>() != 0;
  failAt(entry.line, entry.key, "expected true or false but found " + jsonTypeName(entry.value));
}

std::vector<std::string> YamlTaskSource::keysInOrder(const Entry& entry) const {
  std::vector<std::string> keys;
  if (entry.node.IsMap()) {
    for (const auto& yamlEntry : yamlMappingEntries(entry.node, file_)) keys.push_back(yamlEntry.key);
  } else if (entry.value.is_object()) {
    for (const auto& item : entry.value.items()) keys.push_back(item.key());
  }
  return keys;
}

std::string YamlTaskSource::requireText(const std::string& key) { return textOf(require(key)); }

std::string YamlTaskSource::textOr(const std::string& key, const std::string& fallback) {
  const Entry* entry = take(key);
  return entry ? textOf(*entry) : fallback;
}

std::optional<std::string> YamlTaskSource::optionalText(const std::string& key) {
  const Entry* entry = take(key);
  if (entry == nullptr) return std::nullopt;
  return textOf(*entry);
}

Json YamlTaskSource::jsonOr(const std::string& key, Json fallback) {
  const Entry* entry = take(key);
  return entry ? entry->value : fallback;
}

int64_t YamlTaskSource::intOr(const std::string& key, int64_t fallback) {
  const Entry* entry = take(key);
  return entry ? intOf(*entry) : fallback;
}

bool YamlTaskSource::boolOr(const std::string& key, bool fallback) {
  const Entry* entry = take(key);
  return entry ? boolOf(*entry) : fallback;
}

std::vector<const YamlTaskSource::Entry*> YamlTaskSource::unreadKeys() const {
  std::vector<const Entry*> unread;
  for (const auto& entry : entries_)
    if (!entry.read) unread.push_back(&entry);
  return unread;
}

int YamlTaskSource::lineOf(const std::string& key) const {
  const Entry* entry = find(key);
  return entry ? entry->line : line_;
}

void YamlTaskSource::fail(const std::string& key, const std::string& message) const {
  failAt(lineOf(key), key, message);
}

void YamlTaskSource::failAt(int line, const std::string& key, const std::string& message) const {
  throw YamlLoadError(file_, line, key, message);
}

}  // namespace porpoise::exchange
