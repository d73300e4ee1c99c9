// The string macros of pydolphinscheduler YAML files (spec pyds-yaml.md §2).
//
// Contract: $WORKFLOW{"p"} works on the raw text before YAML parsing, as in the SDK: the
// loader loads every file named that way first and replaceWorkflowReferences() puts each
// workflow's name in place of its tokens (so the token also works inside flow mappings).
// expand() then rewrites one string value, in the SDK's order:
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
  std::string yamlFile;           // file name used in error messages
  std::filesystem::path baseDir;  // folder of the YAML file
  std::filesystem::path cwd;      // working directory for relative paths
  bool allowFileAccess = true;    // false: $FILE and $WORKFLOW are errors
  EnvLookup env = processEnv;
  PydsConfig config = PydsConfig::defaults();
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

// A $WORKFLOW{"path"} token found in raw text.
struct WorkflowReference {
  std::string path;
  int line = 0;     // 1-based
  std::string key;  // the YAML key written before it on its line, if any
};

// Every $WORKFLOW{"path"} token in `text`, in order (duplicates included).
std::vector<WorkflowReference> findWorkflowReferences(std::string_view text);

// `text` with every $WORKFLOW{"path"} token replaced by names.at(path).
std::string replaceWorkflowReferences(std::string_view text, const std::map<std::string, std::string>& names);

// Where an included file is read from: `path` itself when it exists relative to `cwd` (or is
// absolute and exists), else `baseDir/path` when that exists, else nullopt.
std::optional<std::filesystem::path> resolveIncludePath(const std::string& path, const std::filesystem::path& cwd,
                                                        const std::filesystem::path& baseDir);

// Reads a whole file; nullopt when it cannot be opened or is not a regular file.
std::optional<std::string> readWholeFile(const std::filesystem::path& path);

// Last segment of a dot-joined key path ("tasks.command" -> "command").
std::string lastKeyOf(const std::string& keyPath);

}  // namespace porpoise::exchange
