#include "exchange/yaml_pyds_config.h"

#include <cstdlib>
#include <utility>

namespace porpoise::exchange {

namespace {

struct ConfigItem {
  const char* attribute;
  const char* path;
  const char* defaultValue;
  bool envOverride;  // PYDS_<attribute> overrides it
};

// SDK 3.1 configuration attributes, their config-file paths and defaults.
constexpr ConfigItem kConfigItems[] = {
    {"JAVA_GATEWAY_ADDRESS", "java_gateway.address", "127.0.0.1", true},
    {"JAVA_GATEWAY_PORT", "java_gateway.port", "25333", true},
    {"JAVA_GATEWAY_AUTO_CONVERT", "java_gateway.auto_convert", "true", true},
    {"USER_NAME", "default.user.name", "userPythonGateway", true},
    {"USER_PASSWORD", "default.user.password", "userPythonGateway", true},
    {"USER_EMAIL", "default.user.email", "userPythonGateway@dolphinscheduler.com", true},
    {"USER_PHONE", "default.user.phone", "11111111111", true},
    {"USER_STATE", "default.user.state", "1", true},
    {"USER_TENANT", "default.user.tenant", "tenant_pydolphin", true},
    {"WORKFLOW_PROJECT", "default.workflow.project", "project-pydolphin", true},
    {"WORKFLOW_USER", "default.workflow.user", "userPythonGateway", true},
    {"WORKFLOW_QUEUE", "default.workflow.queue", "queuePythonGateway", true},
    {"WORKFLOW_WORKER_GROUP", "default.workflow.worker_group", "default", true},
    {"WORKFLOW_RELEASE_STATE", "default.workflow.release_state", "online", true},
    {"WORKFLOW_TIME_ZONE", "default.workflow.time_zone", "Asia/Shanghai", true},
    {"WORKFLOW_WARNING_TYPE", "default.workflow.warning_type", "NONE", true},
    {"WORKFLOW_EXECUTION_TYPE", "default.workflow.execution_type", "parallel", true},
};

}  // namespace

std::optional<std::string> processEnv(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

PydsConfig PydsConfig::defaults() {
  PydsConfig config;
  for (const auto& item : kConfigItems) config.values_[item.attribute] = item.defaultValue;
  return config;
}

PydsConfig PydsConfig::fromEnvironment(const EnvLookup& env) {
  PydsConfig config = defaults();
  for (const auto& item : kConfigItems) {
    if (!item.envOverride) continue;
    if (auto value = env(std::string("PYDS_") + item.attribute)) config.values_[item.attribute] = *value;
  }
  return config;
}

std::optional<std::string> PydsConfig::lookup(const std::string& key) const {
  if (auto it = values_.find(key); it != values_.end()) return it->second;
  for (const auto& item : kConfigItems) {
    if (key == item.path) return values_.at(item.attribute);
  }
  return std::nullopt;
}

void PydsConfig::set(const std::string& attribute, const std::string& value) { values_[attribute] = value; }

std::string PydsConfig::get(const std::string& attribute) const {
  auto it = values_.find(attribute);
  return it == values_.end() ? std::string() : it->second;
}

}  // namespace porpoise::exchange
