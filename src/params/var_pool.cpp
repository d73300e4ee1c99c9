#include "params/var_pool.h"

#include <nlohmann/json.hpp>

#include "params/param_error.h"
#include "util/strings.h"

namespace porpoise::params {
namespace {

model::Property* findProp(std::vector<model::Property>& pool, const std::string& name) {
  for (auto& p : pool) {
    if (p.prop == name) return &p;
  }
  return nullptr;
}

}  // namespace

std::vector<model::Property> mergeVarPool(const std::vector<model::Property>& existing,
                                          const std::vector<model::Property>& added) {
  std::vector<model::Property> merged;
  for (const auto& p : existing) {
    if (p.prop.empty()) continue;
    if (model::Property* same = findProp(merged, p.prop)) {
      *same = p;
    } else {
      merged.push_back(p);
    }
  }
  for (const auto& p : added) {
    if (p.prop.empty()) continue;
    if (model::Property* same = findProp(merged, p.prop)) {
      *same = p;
    } else {
      merged.push_back(p);
    }
  }
  return merged;
}

std::vector<model::Property> mergeUpstreamVarPools(
    const std::vector<std::vector<model::Property>>& poolsInFinishOrder) {
  std::vector<model::Property> merged;
  for (const auto& pool : poolsInFinishOrder) {
    for (model::Property p : pool) {
      if (p.prop.empty()) continue;
      p.direct = "IN";
      model::Property* same = findProp(merged, p.prop);
      if (same == nullptr) {
        merged.push_back(p);
      } else if (same->value.empty() && !p.value.empty()) {
        *same = p;
      }
    }
  }
  return merged;
}

std::string varPoolToJson(const std::vector<model::Property>& pool) { return model::propertiesToJson(pool).dump(); }

std::vector<model::Property> varPoolFromJson(std::string_view json) {
  std::string text = util::trim(json);
  if (text.empty() || text == "null") return {};
  try {
    return model::parseProperties(nlohmann::json::parse(text));
  } catch (const nlohmann::json::exception& e) {
    throw ParamError(std::string("var pool is not valid JSON: ") + e.what());
  } catch (const std::invalid_argument& e) {
    throw ParamError(std::string("var pool is not a list of parameters: ") + e.what());
  }
}

}  // namespace porpoise::params
