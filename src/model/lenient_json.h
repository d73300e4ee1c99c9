// Lenient readers for JSON sent by real clients: numbers may arrive as strings ("0"), enums as
// names or codes, empty strings mean "not set".
//
// Contract: each reader returns the fallback when the key is missing, null or "", and throws
// std::invalid_argument naming the key when the value is present but cannot be read.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "model/enums.h"

namespace porpoise::model {

using Json = nlohmann::json;

bool isUnset(const Json& obj, const std::string& key);
int64_t lenientInt64(const Json& obj, const std::string& key, int64_t fallback);
int lenientInt(const Json& obj, const std::string& key, int fallback);
std::string lenientString(const Json& obj, const std::string& key, const std::string& fallback = "");
// A value that may be a JSON object/array or a string holding JSON text.
Json lenientJson(const Json& obj, const std::string& key, const Json& fallback);

template <typename E>
std::optional<E> lenientEnum(const Json& obj, const std::string& key) {
  if (isUnset(obj, key)) return std::nullopt;
  const Json& v = obj.at(key);
  if (v.is_number_integer()) {
    auto e = enumFromCode<E>(v.get<int>());
    if (!e) throw std::invalid_argument(key + " has an unknown value " + v.dump());
    return e;
  }
  if (v.is_string()) {
    auto s = v.get<std::string>();
    if (auto e = enumFromName<E>(s)) return e;
    try {
      size_t used = 0;
      int code = std::stoi(s, &used);
      if (used == s.size())
        if (auto e = enumFromCode<E>(code)) return e;
    } catch (...) {
    }
    throw std::invalid_argument(key + " has an unknown value '" + s + "'");
  }
  throw std::invalid_argument(key + " has an unknown value " + v.dump());
}

template <typename E>
E lenientEnum(const Json& obj, const std::string& key, E fallback) {
  return lenientEnum<E>(obj, key).value_or(fallback);
}

}  // namespace porpoise::model
