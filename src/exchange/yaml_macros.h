// The string macros of pydolphinscheduler YAML files (spec pyds-yaml.md §2).
//
// Contract: expand() rewrites one string value, in the SDK's order:
//   $WORKFLOW{"p"}  every token replaced by the name of the workflow loaded from p (the loader
//                   loads those files first and passes their names in `workflowNames`);
//   $FILE{"p"}      when the value starts with $FILE, the whole value becomes the file's text;
//                   p is read relative to the working directory if it exists there (or is
//                   absolute), else relative to the YAML file's folder;
//   $ENV{VAR}       every occurrence becomes the variable's value, or "$VAR" when unset;
//   ${CONFIG.key}   the whole value becomes the SDK configuration value `key`.
// `${name}` placeholders are DolphinScheduler run-time parameters and are left alone.
// Errors (unreadable file, unknown config key, malformed macro) throw YamlLoadError.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exchange/yaml_pyds_config.h"
#include "exchange/yaml_value.h"

namespace porpoise::exchange {

struct YamlMacroContext {
  std::string yamlFile;          // file name used in error messages
  std::filesystem::path baseDir;  // folder of the YAML file
  std::filesystem::path cwd;      // working directory for relative paths
  bool allowFileAccess = true;    // false: $FILE and $WORKFLOW are errors
  EnvLookup env = processEnv;
  PydsConfig config = PydsConfig::defaults();
  std::map<std::string, std::string> workflowNames;  // $WORKFLOW path (as written) -> workflow name
};

class YamlMacroExpander {
 public:
  explicit YamlMacroExpander(YamlMacroContext context);

  Json expand(const std::string& text, const std::string& keyPath, int line) const;
  // expand() as a hook for yamlToJson().
  YamlStringHook hook() const;

  const YamlMacroContext& context() const { return context_; }

 private:
  std::string expandFile(const std::string& text, const std::string& key, int line) const;
  std::string expandEnv(const std::string& text) const;

  YamlMacroContext context_;
};

// The path of every $WORKFLOW{"path"} token in `text`, in order (duplicates included).
std::vector<std::string> findWorkflowReferences(std::string_view text);

// Where an included file is read from: `path` itself when it exists relative to `cwd` (or is
// absolute and exists), else `baseDir/path` when that exists, else nullopt.
std::optional<std::filesystem::path> resolveIncludePath(const std::string& path, const std::filesystem::path& cwd,
                                                        const std::filesystem::path& baseDir);

// Reads a whole file; nullopt when it cannot be opened or is not a regular file.
std::optional<std::string> readWholeFile(const std::filesystem::path& path);

// Last segment of a dot-joined key path ("tasks.command" -> "command").
std::string lastKeyOf(const std::string& keyPath);

}  // namespace porpoise::exchange
