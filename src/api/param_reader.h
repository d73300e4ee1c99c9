// Typed access to request parameters with DolphinScheduler's conventions.
//
// Contract: an empty value counts as absent. required*() throw ParamError naming the parameter
// when it is absent or malformed; opt*() return the default when absent and throw ParamError when
// present but malformed. page() validates pageNo/pageSize (>0, pageSize ≤ 1000) and throws
// ApiError 10001 naming the bad one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "api/api_error.h"
#include "http/request.h"
#include "model/enums.h"
#include "store/page.h"
#include "util/strings.h"

namespace porpoise::api {

class ParamReader {
 public:
  explicit ParamReader(const http::Request& req) : req_(req) {}

  std::string required(const std::string& name) const;
  std::string opt(const std::string& name, const std::string& fallback = "") const;
  std::optional<std::string> maybe(const std::string& name) const { return req_.param(name); }
  int64_t requiredInt64(const std::string& name) const;
  int requiredInt(const std::string& name) const;
  int64_t optInt64(const std::string& name, int64_t fallback) const;
  int optInt(const std::string& name, int fallback) const;
  std::optional<int64_t> maybeInt64(const std::string& name) const;
  bool optBool(const std::string& name, bool fallback) const;
  nlohmann::json requiredJson(const std::string& name) const;
  nlohmann::json optJson(const std::string& name, nlohmann::json fallback) const;
  store::PageRequest page() const;

  template <typename E>
  E requiredEnum(const std::string& name) const {
    auto v = model::enumFromName<E>(required(name));
    if (!v) throw ParamError("parameter " + name + " has an unknown value '" + required(name) + "'");
    return *v;
  }
  template <typename E>
  E optEnum(const std::string& name, E fallback) const {
    auto raw = req_.param(name);
    if (!raw) return fallback;
    auto v = model::enumFromName<E>(*raw);
    if (!v) throw ParamError("parameter " + name + " has an unknown value '" + *raw + "'");
    return *v;
  }

 private:
  const http::Request& req_;
};

}  // namespace porpoise::api
