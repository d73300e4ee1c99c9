#include "exchange/yaml_macros.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "exchange/yaml_load_error.h"

namespace porpoise::exchange {

namespace fs = std::filesystem;

namespace {

const std::regex& workflowTokenPattern() {
  static const std::regex pattern(R"re(\$WORKFLOW\{"(.*?)"\})re");
  return pattern;
}

}  // namespace

std::string lastKeyOf(const std::string& keyPath) {
  const auto dot = keyPath.rfind('.');
  return dot == std::string::npos ? keyPath : keyPath.substr(dot + 1);
}

std::vector<WorkflowReference> findWorkflowReferences(std::string_view text) {
  static const std::regex keyBefore(R"(([A-Za-z_][\w.-]*)\s*:[^:]*$)");
  std::vector<WorkflowReference> references;
  const std::string copy(text);
  for (auto it = std::sregex_iterator(copy.begin(), copy.end(), workflowTokenPattern()); it != std::sregex_iterator();
       ++it) {
    const size_t offset = static_cast<size_t>(it->position(0));
    const size_t lineStart = copy.rfind('\n', offset == 0 ? 0 : offset - 1);
    const std::string before = copy.substr(lineStart == std::string::npos ? 0 : lineStart + 1,
                                           offset - (lineStart == std::string::npos ? 0 : lineStart + 1));
    WorkflowReference reference;
    reference.path = (*it)[1].str();
    reference.line = 1 + static_cast<int>(std::count(copy.begin(), copy.begin() + static_cast<long>(offset), '\n'));
    std::smatch key;
    if (std::regex_search(before, key, keyBefore)) reference.key = key[1].str();
    references.push_back(std::move(reference));
  }
  return references;
}

std::string replaceWorkflowReferences(std::string_view text, const std::map<std::string, std::string>& names) {
  const std::string copy(text);
  std::string replaced;
  auto last = copy.cbegin();
  for (auto it = std::sregex_iterator(copy.begin(), copy.end(), workflowTokenPattern()); it != std::sregex_iterator();
       ++it) {
    replaced.append(last, (*it)[0].first);
    replaced += names.at((*it)[1].str());
    last = (*it)[0].second;
  }
  replaced.append(last, copy.cend());
  return replaced;
}

std::optional<fs::path> resolveIncludePath(const std::string& path, const fs::path& cwd, const fs::path& baseDir) {
  std::error_code ec;
  const fs::path given(path);
  const fs::path fromCwd = given.is_absolute() ? given : cwd / given;
  if (fs::exists(fromCwd, ec)) return fromCwd.lexically_normal();
  if (given.is_absolute()) return std::nullopt;
  const fs::path fromYaml = baseDir / given;
  if (fs::exists(fromYaml, ec)) return fromYaml.lexically_normal();
  return std::nullopt;
}

std::optional<std::string> readWholeFile(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return content.str();
}

YamlMacroExpander::YamlMacroExpander(YamlMacroContext context) : context_(std::move(context)) {}

YamlStringHook YamlMacroExpander::hook() const {
  return [this](const std::string& text, const std::string& keyPath, int line) { return expand(text, keyPath, line); };
}

Json YamlMacroExpander::expand(const std::string& original, const std::string& keyPath, int line) const {
  const std::string key = lastKeyOf(keyPath);
  std::string text = original;

  if (text.rfind("$FILE", 0) == 0) text = expandFile(text, key, line);
  if (text.find("$ENV") != std::string::npos) text = expandEnv(text);

  if (text.find("${CONFIG") != std::string::npos) {
    static const std::regex configPattern(R"(\$\{CONFIG\.(.*?)\})");
    std::smatch match;
    if (!std::regex_search(text, match, configPattern))
      throw YamlLoadError(context_.yamlFile, line, key, "malformed configuration macro, expected ${CONFIG.name}");
    const std::string name = match[1].str();
    auto value = context_.config.lookup(name);
    if (!value) throw YamlLoadError(context_.yamlFile, line, key, "unknown configuration key '" + name + "'");
    text = *value;
  }
  return text;
}

std::string YamlMacroExpander::expandFile(const std::string& text, const std::string& key, int line) const {
  static const std::regex filePattern(R"re(\$FILE\{"(.*?)"\})re");
  std::smatch match;
  if (!std::regex_search(text, match, filePattern))
    throw YamlLoadError(context_.yamlFile, line, key, "malformed $FILE macro, expected $FILE{\"path\"}");
  const std::string path = match[1].str();
  if (!context_.allowFileAccess)
    throw YamlLoadError(context_.yamlFile, line, key, "$FILE{\"" + path + "\"} is not allowed here");
  auto resolved = resolveIncludePath(path, context_.cwd, context_.baseDir);
  if (!resolved)
    throw YamlLoadError(context_.yamlFile, line, key,
                        "cannot read file '" + path + "' named by $FILE: not found in " + context_.cwd.string() +
                            " nor in " + context_.baseDir.string());
  auto content = readWholeFile(*resolved);
  if (!content)
    throw YamlLoadError(context_.yamlFile, line, key, "cannot read file '" + resolved->string() + "' named by $FILE");
  return *content;
}

std::string YamlMacroExpander::expandEnv(const std::string& text) const {
  static const std::regex envPattern(R"(\$ENV\{(.*?)\})");
  std::set<std::string> names;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), envPattern); it != std::sregex_iterator(); ++it)
    names.insert((*it)[1].str());
  std::string result = text;
  for (const auto& name : names) {
    const std::string token = "$ENV{" + name + "}";
    const std::string value = context_.env(name).value_or("$" + name);
    for (size_t pos = result.find(token); pos != std::string::npos; pos = result.find(token, pos + value.size()))
      result.replace(pos, token.size(), value);
  }
  return result;
}

}  // namespace porpoise::exchange
