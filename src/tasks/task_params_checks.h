// Shared checks and readers for taskParams, used by the task plugins' validate() and parse functions.
//
// Contract: every reader takes the task type (for messages) and a field path, and either returns the
// value in a normal form or throws TaskParamsError with a message "<TYPE> task: <field> <problem>".
// Readers are lenient where real clients differ: numbers may arrive as JSON strings ("42"), codes may
// be scalars or arrays, and null counts as absent. Nothing here has side effects.
#pragma once

#include <porpoise/task_plugin.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace porpoise::tasks {

using Json = nlohmann::json;

[[noreturn]] void failParams(std::string_view taskType, const std::string& problem);

// taskParams as an object: an object is returned as is, a JSON string holding an object is parsed.
Json taskParamsObject(std::string_view taskType, const Json& taskParams);

// The member `key` of `object`, or nullptr when it is absent or null.
const Json* member(const Json& object, std::string_view key);

// A required non-blank string (numbers are accepted and printed as text).
std::string requireText(std::string_view taskType, const Json& object, std::string_view key,
                        std::string_view path = "");
// An optional string; absent or null gives `fallback`. Numbers and booleans are printed as text.
std::string optionalText(std::string_view taskType, const Json& object, std::string_view key,
                         const std::string& fallback = "", std::string_view path = "");

// An integer given as a JSON number or a string of digits. Absent/null/"" gives std::nullopt.
std::optional<int64_t> optionalInteger(std::string_view taskType, const Json& object, std::string_view key,
                                       std::string_view path = "");

// A task or workflow code (positive integer, number or digit string).
int64_t requireCode(std::string_view taskType, const Json& object, std::string_view key, std::string_view path = "");

// A list of codes given as a scalar, an array, or absent. Empty strings and nulls are skipped
// (pydolphinscheduler sends [""] for an unset branch).
std::vector<int64_t> codeList(std::string_view taskType, const Json& object, std::string_view key,
                              std::string_view path = "");

// `localParams` (array of {prop, direct IN|OUT, type DataType, value}) and `resourceList` (array of objects)
// when present.
void checkLocalParams(std::string_view taskType, const Json& params);
void checkResourceList(std::string_view taskType, const Json& params);

// `value` upper-cased if it is one of `allowed` (compared case-insensitively), else a TaskParamsError
// naming the field and the allowed values.
std::string requireOneOf(std::string_view taskType, std::string_view field, const std::string& value,
                         const std::vector<std::string>& allowed);

// "\r\n" -> "\n", as DolphinScheduler does for scripts.
std::string normalizeLineEndings(std::string text);

// `text` as one bash word: unchanged if it only holds safe characters, else single-quoted.
std::string shellWord(const std::string& text);

// The execute directory joined with a file name (one '/' between them). Throws std::invalid_argument
// when the execute path or app id is missing from the context.
std::string executeFilePath(const TaskRenderContext& ctx, const std::string& fileName);

// ctx.substitute(text), or text unchanged when the context has no substitution function.
std::string substituteParams(const TaskRenderContext& ctx, const std::string& text);

}  // namespace porpoise::tasks
