// Server configuration: conf/application.yaml plus command-line overrides.
//
// Contract: loadConfig() reads the YAML file (missing keys keep defaults; a missing file is an
// error only when it was named explicitly), resolves relative paths against the installation
// root (the folder holding bin/ and conf/), and validates values (port range, slots > 0).
// Throws std::runtime_error with a message naming the key on bad values.
#pragma once

#include <chrono>
#include <map>
#include <string>

namespace porpoise::server {

struct Config {
  std::string homeDir;  // installation root
  std::string configFile;
  std::string address = "0.0.0.0";
  int port = 12345;
  int httpThreads = 4;
  std::string dataDir = "data";
  std::string logDir = "logs";
  std::string uiDir = "web/dist";
  std::string envScript = "conf/dolphinscheduler_env.sh";
  std::string executeDir = "data/exec";
  int workerSlots = 8;
  std::chrono::seconds sessionTimeout{7200};
  std::chrono::seconds killGrace{5};
  bool sudoEnable = false;
  std::string timeZone;  // empty = system zone
  std::string catchUp = "last";  // missed schedule fires after downtime: "last" (one run) | "all" | "none"
  std::map<std::string, std::string> taskSettings;  // e.g. ml.mlflow.preset_repository

  std::string databasePath() const { return dataDir + "/porpoise.db"; }
};

struct Overrides {
  std::string configFile;
  int port = 0;
  std::string dataDir;
};

// The installation root: the parent of the folder holding the running binary's bin/ or build/bin/.
std::string detectHomeDir(const char* argv0);
Config loadConfig(const std::string& homeDir, const Overrides& overrides);

}  // namespace porpoise::server
