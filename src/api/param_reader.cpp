#include "api/param_reader.h"

namespace porpoise::api {

std::string ParamReader::required(const std::string& name) const {
  auto v = req_.param(name);
  if (!v) throw ParamError("parameter " + name + " is required");
  return *v;
}

std::string ParamReader::opt(const std::string& name, const std::string& fallback) const {
  return req_.param(name).value_or(fallback);
}

int64_t ParamReader::requiredInt64(const std::string& name) const {
  auto raw = required(name);
  auto v = util::parseInt64(raw);
  if (!v) throw ParamError("parameter " + name + " must be an integer, got '" + raw + "'");
  return *v;
}

int ParamReader::requiredInt(const std::string& name) const {
  auto raw = required(name);
  auto v = util::parseInt(raw);
  if (!v) throw ParamError("parameter " + name + " must be an integer, got '" + raw + "'");
  return *v;
}

std::optional<int64_t> ParamReader::maybeInt64(const std::string& name) const {
  auto raw = req_.param(name);
  if (!raw) return std::nullopt;
  auto v = util::parseInt64(*raw);
  if (!v) throw ParamError("parameter " + name + " must be an integer, got '" + *raw + "'");
  return v;
}

int64_t ParamReader::optInt64(const std::string& name, int64_t fallback) const {
  return maybeInt64(name).value_or(fallback);
}

int ParamReader::optInt(const std::string& name, int fallback) const {
  auto raw = req_.param(name);
  if (!raw) return fallback;
  auto v = util::parseInt(*raw);
  if (!v) throw ParamError("parameter " + name + " must be an integer, got '" + *raw + "'");
  return *v;
}

bool ParamReader::optBool(const std::string& name, bool fallback) const {
  auto raw = req_.param(name);
  if (!raw) return fallback;
  std::string v = util::toLower(*raw);
  if (v == "true" || v == "1" || v == "yes") return true;
  if (v == "false" || v == "0" || v == "no") return false;
  throw ParamError("parameter " + name + " must be true or false, got '" + *raw + "'");
}

nlohmann::json ParamReader::requiredJson(const std::string& name) const {
  auto raw = required(name);
  try {
    return nlohmann::json::parse(raw);
  } catch (const nlohmann::json::exception& e) {
    throw ParamError("parameter " + name + " is not valid JSON: " + e.what());
  }
}

nlohmann::json ParamReader::optJson(const std::string& name, nlohmann::json fallback) const {
  if (!req_.param(name)) return fallback;
  return requiredJson(name);
}

store::PageRequest ParamReader::page() const {
  store::PageRequest p;
  auto check = [&](const std::string& name, int& out, int max) {
    auto raw = req_.param(name);
    auto v = raw ? util::parseInt(*raw) : std::nullopt;
    if (!v || *v <= 0 || *v > max) throw ApiError(Status::REQUEST_PARAMS_NOT_VALID_ERROR, {name});
    out = *v;
  };
  check("pageNo", p.pageNo, 1000000);
  check("pageSize", p.pageSize, 1000);
  return p;
}

}  // namespace porpoise::api
