#include "model/lenient_json.h"

#include <charconv>
#include <cmath>

namespace porpoise::model {

bool isUnset(const Json& obj, const std::string& key) {
  if (!obj.is_object()) return true;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return true;
  return it->is_string() && it->get_ref<const std::string&>().empty();
}

int64_t lenientInt64(const Json& obj, const std::string& key, int64_t fallback) {
  if (isUnset(obj, key)) return fallback;
  const Json& v = obj.at(key);
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (std::floor(d) == d && std::fabs(d) < 9.2e18) return static_cast<int64_t>(d);
  }
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    int64_t out = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc() && p == s.data() + s.size()) return out;
  }
  if (v.is_boolean()) return v.get<bool>() ? 1 : 0;
  throw std::invalid_argument(key + " must be an integer, got " + v.dump());
}

int lenientInt(const Json& obj, const std::string& key, int fallback) {
  int64_t v = lenientInt64(obj, key, fallback);
  if (v < INT32_MIN || v > INT32_MAX) throw std::invalid_argument(key + " is out of range");
  return static_cast<int>(v);
}

std::string lenientString(const Json& obj, const std::string& key, const std::string& fallback) {
  if (!obj.is_object()) return fallback;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return fallback;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number() || it->is_boolean()) return it->dump();
  throw std::invalid_argument(key + " must be a string");
}

Json lenientJson(const Json& obj, const std::string& key, const Json& fallback) {
  if (isUnset(obj, key)) return fallback;
  const Json& v = obj.at(key);
  if (v.is_string()) {
    try {
      return Json::parse(v.get<std::string>());
    } catch (const Json::exception&) {
      throw std::invalid_argument(key + " is not valid JSON");
    }
  }
  return v;
}

}  // namespace porpoise::model
