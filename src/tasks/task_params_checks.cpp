#include "tasks/task_params_checks.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "util/strings.h"

namespace porpoise::tasks {
namespace {

std::string fieldName(std::string_view path, std::string_view key) {
  if (path.empty()) return std::string(key);
  return std::string(path) + "." + std::string(key);
}

// Largest code DolphinScheduler produces safely in JavaScript clients (2^53).
constexpr int64_t kMaxCode = int64_t{1} << 53;

std::optional<int64_t> integerFromJson(std::string_view taskType, const Json& v, const std::string& field) {
  if (v.is_null()) return std::nullopt;
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (d == static_cast<double>(static_cast<int64_t>(d))) return static_cast<int64_t>(d);
    failParams(taskType, field + " must be an integer, got " + v.dump());
  }
  if (v.is_string()) {
    std::string text = util::trim(v.get<std::string>());
    if (text.empty()) return std::nullopt;
    if (auto n = util::parseInt64(text)) return n;
    failParams(taskType, field + " must be an integer, got \"" + v.get<std::string>() + "\"");
  }
  failParams(taskType, field + " must be an integer, got " + v.dump());
}

std::string textFromJson(std::string_view taskType, const Json& v, const std::string& field) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number() || v.is_boolean()) return v.dump();
  failParams(taskType, field + " must be a string, got " + v.dump());
}

int64_t checkedCode(std::string_view taskType, int64_t code, const std::string& field) {
  if (code <= 0 || code > kMaxCode)
    failParams(taskType, field + " must be a positive code, got " + std::to_string(code));
  return code;
}

}  // namespace

void failParams(std::string_view taskType, const std::string& problem) {
  throw TaskParamsError(std::string(taskType) + " task: " + problem);
}

Json taskParamsObject(std::string_view taskType, const Json& taskParams) {
  if (taskParams.is_object()) return taskParams;
  if (taskParams.is_string()) {
    Json parsed = Json::parse(taskParams.get<std::string>(), nullptr, false);
    if (parsed.is_discarded()) failParams(taskType, "taskParams is not valid JSON");
    if (parsed.is_object()) return parsed;
  }
  if (taskParams.is_null()) failParams(taskType, "taskParams is required");
  failParams(taskType, "taskParams must be a JSON object");
}

const Json* member(const Json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(std::string(key));
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string requireText(std::string_view taskType, const Json& object, std::string_view key, std::string_view path) {
  std::string field = fieldName(path, key);
  const Json* v = member(object, key);
  if (!v) failParams(taskType, field + " is required");
  std::string text = textFromJson(taskType, *v, field);
  if (util::trim(text).empty()) failParams(taskType, field + " is required");
  return text;
}

std::string optionalText(std::string_view taskType, const Json& object, std::string_view key,
                         const std::string& fallback, std::string_view path) {
  const Json* v = member(object, key);
  if (!v) return fallback;
  return textFromJson(taskType, *v, fieldName(path, key));
}

std::optional<int64_t> optionalInteger(std::string_view taskType, const Json& object, std::string_view key,
                                       std::string_view path) {
  const Json* v = member(object, key);
  if (!v) return std::nullopt;
  return integerFromJson(taskType, *v, fieldName(path, key));
}

int64_t requireCode(std::string_view taskType, const Json& object, std::string_view key, std::string_view path) {
  std::string field = fieldName(path, key);
  auto code = optionalInteger(taskType, object, key, path);
  if (!code) failParams(taskType, field + " is required");
  return checkedCode(taskType, *code, field);
}

std::vector<int64_t> codeList(std::string_view taskType, const Json& object, std::string_view key,
                              std::string_view path) {
  std::string field = fieldName(path, key);
  std::vector<int64_t> out;
  const Json* v = member(object, key);
  if (!v) return out;
  auto add = [&](const Json& item, const std::string& itemField) {
    if (auto code = integerFromJson(taskType, item, itemField)) {
      int64_t c = checkedCode(taskType, *code, itemField);
      if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    }
  };
  if (v->is_array()) {
    for (size_t i = 0; i < v->size(); ++i) add((*v)[i], field + "[" + std::to_string(i) + "]");
  } else {
    add(*v, field);
  }
  return out;
}

void checkLocalParams(std::string_view taskType, const Json& params) {
  const Json* list = member(params, "localParams");
  if (!list) return;
  if (!list->is_array()) failParams(taskType, "localParams must be an array");
  static const std::vector<std::string> kDirects = {"IN", "OUT"};
  static const std::vector<std::string> kTypes = {"VARCHAR", "INTEGER", "LONG",      "FLOAT",   "DOUBLE",
                                                  "DATE",    "TIME",    "TIMESTAMP", "BOOLEAN", "LIST"};
  for (size_t i = 0; i < list->size(); ++i) {
    const Json& p = (*list)[i];
    std::string path = "localParams[" + std::to_string(i) + "]";
    if (!p.is_object()) failParams(taskType, path + " must be an object {prop, direct, type, value}");
    const Json* prop = member(p, "prop");
    if (!prop || !prop->is_string()) failParams(taskType, path + ".prop is required");
    if (const Json* d = member(p, "direct"))
      requireOneOf(taskType, path + ".direct", textFromJson(taskType, *d, path + ".direct"), kDirects);
    if (const Json* t = member(p, "type"))
      requireOneOf(taskType, path + ".type", textFromJson(taskType, *t, path + ".type"), kTypes);
  }
}

void checkResourceList(std::string_view taskType, const Json& params) {
  const Json* list = member(params, "resourceList");
  if (!list) return;
  if (!list->is_array()) failParams(taskType, "resourceList must be an array");
  for (size_t i = 0; i < list->size(); ++i)
    if (!(*list)[i].is_object()) failParams(taskType, "resourceList[" + std::to_string(i) + "] must be an object");
}

std::string requireOneOf(std::string_view taskType, std::string_view field, const std::string& value,
                         const std::vector<std::string>& allowed) {
  std::string upper = util::toUpper(util::trim(value));
  for (const auto& a : allowed)
    if (util::toUpper(a) == upper) return a;
  failParams(taskType, std::string(field) + " must be one of " + util::join(allowed, ", ") + ", got \"" + value + "\"");
}

std::string normalizeLineEndings(std::string text) {
  util::replaceAll(text, "\r\n", "\n");
  return text;
}

std::string shellWord(const std::string& text) {
  bool safe = !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '/' || c == '.' || c == '_' || c == '-' || c == '+' || c == ':' || c == '=' ||
           c == '@' || c == ',';
  });
  if (safe) return text;
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  out += "'";
  return out;
}

std::string executeFilePath(const TaskRenderContext& ctx, const std::string& fileName) {
  if (ctx.executePath.empty()) throw std::invalid_argument("task render: the execute path is not set");
  if (ctx.taskAppId.empty()) throw std::invalid_argument("task render: the task app id is not set");
  std::string dir = ctx.executePath;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return dir == "/" ? "/" + fileName : dir + "/" + fileName;
}

std::string substituteParams(const TaskRenderContext& ctx, const std::string& text) {
  return ctx.substitute ? ctx.substitute(text) : text;
}

}  // namespace porpoise::tasks
