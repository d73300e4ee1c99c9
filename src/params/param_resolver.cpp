#include "params/param_resolver.h"

#include <nlohmann/json.hpp>

#include "params/param_error.h"
#include "params/time_expression.h"
#include "util/strings.h"

namespace porpoise::params {
namespace {

bool isInput(const model::Property& p) {
  std::string direct = util::toUpper(util::trim(p.direct));
  return direct.empty() || direct == "IN";
}

void put(ParamMap& map, const std::string& name, const std::string& value) {
  if (!name.empty()) map[name] = value;
}

// Resolves the value of `name` in `raw`: references first, then time expressions.
std::string resolveOne(const std::string& name, const ParamMap& raw, const TimeBase& base,
                       const SubstituteOptions& options) {
  try {
    return replaceTimeExpressions(expandParam(name, raw), base, options.onBadTimeExpression);
  } catch (const ParamError& e) {
    throw ParamError("parameter '" + name + "': " + e.what());
  }
}

std::string jsonText(const nlohmann::json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

}  // namespace

ParamMap resolveTaskParams(const ParamSources& sources, const BuiltinContext& context,
                           const SubstituteOptions& options) {
  ParamMap raw = builtinParams(context);
  for (const auto& p : sources.globalParams) put(raw, p.prop, p.value);
  for (const auto& [name, value] : sources.startParams) put(raw, name, value);
  for (const auto& p : sources.varPool) put(raw, p.prop, p.value);
  for (const auto& p : sources.localParams) {
    if (isInput(p)) put(raw, p.prop, p.value);
  }

  const TimeBase base = context.timeBase();
  ParamMap resolved;
  for (const auto& [name, value] : raw) {
    resolved[name] = value.find('$') == std::string::npos ? value : resolveOne(name, raw, base, options);
  }
  return resolved;
}

std::vector<model::Property> applyStartParams(std::vector<model::Property> globals, const ParamMap& startParams) {
  for (const auto& [name, value] : startParams) {
    if (name.empty()) continue;
    bool found = false;
    for (auto& p : globals) {
      if (p.prop == name) {
        p.value = value;
        found = true;
      }
    }
    if (!found) globals.push_back(model::Property{name, "IN", "VARCHAR", value});
  }
  return globals;
}

std::vector<model::Property> cureGlobalParams(std::vector<model::Property> globals, const BuiltinContext& context,
                                              const SubstituteOptions& options) {
  ParamMap raw = builtinParams(context);
  for (const auto& p : globals) put(raw, p.prop, p.value);
  const TimeBase base = context.timeBase();
  for (auto& p : globals) {
    if (!p.prop.empty() && p.value.find('$') != std::string::npos) p.value = resolveOne(p.prop, raw, base, options);
  }
  return globals;
}

ParamMap parseStartParams(std::string_view json) {
  std::string text = util::trim(json);
  if (text.empty() || text == "null") return {};
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw ParamError(std::string("startParams is not valid JSON: ") + e.what());
  }
  ParamMap params;
  if (doc.is_null()) return params;
  if (doc.is_object()) {
    for (const auto& [name, value] : doc.items()) put(params, name, jsonText(value));
    return params;
  }
  if (doc.is_array()) {
    for (const auto& item : doc) {
      if (!item.is_object() || !item.contains("prop")) {
        throw ParamError("startParams array entries must be objects with \"prop\" and \"value\"");
      }
      put(params, jsonText(item["prop"]), jsonText(item.value("value", nlohmann::json())));
    }
    return params;
  }
  throw ParamError("startParams must be a JSON object or array, got: " + text.substr(0, 80));
}

}  // namespace porpoise::params
