// Small string helpers used across parts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace porpoise::util {

std::vector<std::string> split(std::string_view text, char sep, bool skipEmpty = true);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::string trim(std::string_view text);
std::string toUpper(std::string_view text);
std::string toLower(std::string_view text);
bool startsWith(std::string_view text, std::string_view prefix);
bool endsWith(std::string_view text, std::string_view suffix);
void replaceAll(std::string& text, std::string_view from, std::string_view to);
bool isValidUtf8(std::string_view text);
// Strict integer parsing: the whole text must be an integer in range.
std::optional<int64_t> parseInt64(std::string_view text);
std::optional<int> parseInt(std::string_view text);
// Number of Unicode code points (text assumed valid UTF-8).
size_t codePointCount(std::string_view text);
// Escapes %, _ and \ for use inside a LIKE pattern with ESCAPE '\'.
std::string escapeLike(std::string_view text);

}  // namespace porpoise::util
