// The pydolphinscheduler configuration values a YAML file can see through `${CONFIG.key}`
// and that supply the SDK's defaults (project, tenant, worker group, time zone, ...).
//
// Contract: defaults() holds the SDK 3.1 defaults; fromEnvironment() overlays the SDK's
// PYDS_* environment overrides. lookup() accepts both spellings the SDK accepts: the
// attribute name (`WORKFLOW_PROJECT`) and the dotted config path (`default.workflow.project`).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace porpoise::exchange {

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Reads the real process environment.
std::optional<std::string> processEnv(const std::string& name);

class PydsConfig {
 public:
  static PydsConfig defaults();
  static PydsConfig fromEnvironment(const EnvLookup& env = processEnv);

  std::optional<std::string> lookup(const std::string& key) const;
  // Sets a value by attribute name (e.g. "WORKFLOW_PROJECT"); unknown names are added as is.
  void set(const std::string& attribute, const std::string& value);
  // Value by attribute name; must be one of the known attributes.
  std::string get(const std::string& attribute) const;

 private:
  std::map<std::string, std::string> values_;  // by attribute name
};

}  // namespace porpoise::exchange
