// Reading yaml-cpp nodes the way pydolphinscheduler's YAML 1.2 loader sees them.
//
// Contract: scalars are typed by the YAML 1.2 core schema (quoted and block scalars are always
// strings; plain `true`/`false`, integers, floats and `null`/`~`/empty get their types; `yes`,
// `on`, dates and everything else stay strings). Mappings honour merge keys (`<<: *anchor`,
// explicit keys win) and reject duplicate keys. Lines are 1-based. Problems throw YamlLoadError.
#pragma once

#include <yaml-cpp/yaml.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace porpoise::exchange {

using Json = nlohmann::json;

// 1-based line of a node, 0 when the node has no position.
int yamlLine(const YAML::Node& node);

// One key of a mapping with its value and the line where the key was written.
struct YamlEntry {
  std::string key;
  YAML::Node value;
  int line = 0;
};

// The entries of a mapping in document order, merge keys applied, duplicates rejected.
std::vector<YamlEntry> yamlMappingEntries(const YAML::Node& mapping, const std::string& file);

// A plain (unquoted) scalar's core-schema value; quoted scalars give the string itself.
Json yamlScalarToJson(const YAML::Node& scalar);

// Rewrites one string value found at `keyPath` (dot-joined mapping keys; list items keep their
// parent's path) on `line`. Used to apply the string macros while converting.
using YamlStringHook = std::function<Json(const std::string& text, const std::string& keyPath, int line)>;

// Deep conversion of a node to JSON; every string value passes through `onString` when given.
Json yamlToJson(const YAML::Node& node, const std::string& file, const std::string& keyPath, int line,
                const YamlStringHook& onString);

// Readable name of a JSON value's type for error messages ("a string", "a list", ...).
std::string jsonTypeName(const Json& value);

}  // namespace porpoise::exchange
