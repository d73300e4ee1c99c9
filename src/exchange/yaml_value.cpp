#include "exchange/yaml_value.h"

#include <charconv>
#include <cstdlib>
#include <regex>
#include <set>

#include "exchange/yaml_load_error.h"

namespace porpoise::exchange {

namespace {

bool isPlain(const YAML::Node& node) { return node.Tag() == "?" || node.Tag().empty(); }

std::optional<Json> parseCoreInteger(const std::string& text) {
  static const std::regex decimal("[-+]?[0-9]+");
  static const std::regex octal("0o[0-7]+");
  static const std::regex hex("0x[0-9a-fA-F]+");
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (std::regex_match(text, decimal)) {
    if (*begin == '+') ++begin;
    int64_t value = 0;
    auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec == std::errc() && ptr == end) return Json(value);
    uint64_t unsignedValue = 0;
    auto [uptr, uec] = std::from_chars(begin, end, unsignedValue);
    if (uec == std::errc() && uptr == end) return Json(unsignedValue);
    return Json(std::strtod(text.c_str(), nullptr));
  }
  int base = 0;
  if (std::regex_match(text, octal)) base = 8;
  if (std::regex_match(text, hex)) base = 16;
  if (base == 0) return std::nullopt;
  uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(begin + 2, end, value, base);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  if (value <= static_cast<uint64_t>(INT64_MAX)) return Json(static_cast<int64_t>(value));
  return Json(value);
}

std::optional<Json> parseCoreFloat(const std::string& text) {
  static const std::regex number(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (!std::regex_match(text, number)) return std::nullopt;
  return Json(std::strtod(text.c_str(), nullptr));
}

void mergeInto(std::vector<YamlEntry>& entries, std::set<std::string>& seen, const YAML::Node& source,
               const std::string& file, int line) {
  if (!source.IsMap())
    throw YamlLoadError(file, line, "<<", "a merge key must refer to a mapping or a list of mappings");
  for (const auto& entry : yamlMappingEntries(source, file)) {
    if (seen.insert(entry.key).second) entries.push_back(entry);
  }
}

}  // namespace

int yamlLine(const YAML::Node& node) {
  if (!node.IsDefined()) return 0;
  const YAML::Mark mark = node.Mark();
  if (mark.is_null() || mark.line < 0) return 0;
  return mark.line + 1;
}

std::vector<YamlEntry> yamlMappingEntries(const YAML::Node& mapping, const std::string& file) {
  std::vector<YamlEntry> entries;
  std::set<std::string> seen;
  std::vector<std::pair<YAML::Node, int>> merges;
  for (auto it = mapping.begin(); it != mapping.end(); ++it) {
    const int line = yamlLine(it->first);
    if (!it->first.IsScalar()) throw YamlLoadError(file, line, "", "mapping keys must be plain text");
    const std::string key = it->first.Scalar();
    if (key == "<<" && isPlain(it->first)) {
      merges.emplace_back(it->second, line);
      continue;
    }
    if (!seen.insert(key).second) throw YamlLoadError(file, line, key, "duplicate key");
    entries.push_back({key, it->second, line});
  }
  for (const auto& [source, line] : merges) {
    if (source.IsSequence()) {
      for (const auto& item : source) mergeInto(entries, seen, item, file, line);
    } else {
      mergeInto(entries, seen, source, file, line);
    }
  }
  return entries;
}

Json yamlScalarToJson(const YAML::Node& scalar) {
  if (scalar.IsNull() || !scalar.IsDefined()) return nullptr;
  const std::string& text = scalar.Scalar();
  if (!isPlain(scalar)) return text;
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return nullptr;
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  if (auto integer = parseCoreInteger(text)) return *integer;
  if (auto number = parseCoreFloat(text)) return *number;
  return text;
}

Json yamlToJson(const YAML::Node& node, const std::string& file, const std::string& keyPath, int line,
                const YamlStringHook& onString) {
  if (!node.IsDefined() || node.IsNull()) return nullptr;
  if (node.IsScalar()) {
    Json value = yamlScalarToJson(node);
    if (value.is_string() && onString) return onString(value.get<std::string>(), keyPath, line);
    return value;
  }
  if (node.IsSequence()) {
    Json list = Json::array();
    for (const auto& item : node) {
      const int itemLine = yamlLine(item) > 0 ? yamlLine(item) : line;
      list.push_back(yamlToJson(item, file, keyPath, itemLine, onString));
    }
    return list;
  }
  Json object = Json::object();
  for (const auto& entry : yamlMappingEntries(node, file)) {
    const std::string childPath = keyPath.empty() ? entry.key : keyPath + "." + entry.key;
    object[entry.key] = yamlToJson(entry.value, file, childPath, entry.line, onString);
  }
  return object;
}

std::string jsonTypeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "empty";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "an integer";
    case Json::value_t::number_float:
      return "a number";
    case Json::value_t::string:
      return "text";
    case Json::value_t::array:
      return "a list";
    case Json::value_t::object:
      return "a mapping";
    default:
      return "an unsupported value";
  }
}

}  // namespace porpoise::exchange
