#include "server/config.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <stdexcept>

namespace porpoise::server {
namespace fs = std::filesystem;

namespace {

std::string absolute(const std::string& home, const std::string& p) {
  if (p.empty()) return p;
  fs::path path(p);
  return (path.is_absolute() ? path : fs::path(home) / path).lexically_normal().string();
}

template <typename T>
void readKey(const YAML::Node& node, const std::string& key, T& out) {
  if (!node || !node[key]) return;
  try {
    out = node[key].as<T>();
  } catch (const YAML::Exception& e) {
    throw std::runtime_error("configuration key " + key + " has a bad value: " + e.what());
  }
}

void flatten(const YAML::Node& node, const std::string& prefix, std::map<std::string, std::string>& out) {
  if (node.IsMap()) {
    for (const auto& kv : node) flatten(kv.second, prefix.empty() ? kv.first.as<std::string>() : prefix + "." + kv.first.as<std::string>(), out);
  } else if (node.IsScalar()) {
    out[prefix] = node.as<std::string>();
  }
}

}  // namespace

std::string detectHomeDir(const char* argv0) {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0);
  fs::path dir = exe.parent_path();
  for (int i = 0; i < 4 && !dir.empty(); ++i) {
    if (fs::exists(dir / "conf" / "application.yaml")) return dir.string();
    dir = dir.parent_path();
  }
  return fs::current_path().string();
}

Config loadConfig(const std::string& homeDir, const Overrides& overrides) {
  Config c;
  c.homeDir = homeDir;
  c.configFile = overrides.configFile.empty() ? absolute(homeDir, "conf/application.yaml") : overrides.configFile;
  if (fs::exists(c.configFile)) {
    YAML::Node root;
    try {
      root = YAML::LoadFile(c.configFile);
    } catch (const YAML::Exception& e) {
      throw std::runtime_error("cannot read " + c.configFile + ": " + e.what());
    }
    auto server = root["server"];
    readKey(server, "address", c.address);
    readKey(server, "port", c.port);
    readKey(server, "http-threads", c.httpThreads);
    readKey(server, "time-zone", c.timeZone);
    int sessionSeconds = static_cast<int>(c.sessionTimeout.count());
    readKey(server, "session-timeout-seconds", sessionSeconds);
    c.sessionTimeout = std::chrono::seconds(sessionSeconds);
    auto paths = root["paths"];
    readKey(paths, "data-dir", c.dataDir);
    readKey(paths, "log-dir", c.logDir);
    readKey(paths, "ui-dir", c.uiDir);
    readKey(paths, "env-script", c.envScript);
    readKey(paths, "execute-dir", c.executeDir);
    auto worker = root["worker"];
    readKey(worker, "slots", c.workerSlots);
    int grace = static_cast<int>(c.killGrace.count());
    readKey(worker, "kill-grace-seconds", grace);
    c.killGrace = std::chrono::seconds(grace);
    readKey(worker, "sudo-enable", c.sudoEnable);
    auto scheduler = root["scheduler"];
    readKey(scheduler, "catch-up", c.catchUp);
    if (root["tasks"]) flatten(root["tasks"], "", c.taskSettings);
  } else if (!overrides.configFile.empty()) {
    throw std::runtime_error("configuration file " + overrides.configFile + " does not exist");
  }
  if (overrides.port) c.port = overrides.port;
  bool dataOverridden = !overrides.dataDir.empty();
  if (dataOverridden) c.dataDir = overrides.dataDir;
  if (c.port <= 0 || c.port > 65535) throw std::runtime_error("configuration key server.port must be 1-65535");
  if (c.workerSlots <= 0) throw std::runtime_error("configuration key worker.slots must be positive");
  if (c.httpThreads <= 0) throw std::runtime_error("configuration key server.http-threads must be positive");
  if (c.sessionTimeout.count() <= 0) throw std::runtime_error("configuration key server.session-timeout-seconds must be positive");
  if (c.catchUp != "last" && c.catchUp != "all" && c.catchUp != "none")
    throw std::runtime_error("configuration key scheduler.catch-up must be last, all or none");
  c.dataDir = absolute(homeDir, c.dataDir);
  // With --data-dir, logs and execute directories follow the data directory unless configured absolutely.
  c.logDir = dataOverridden && !fs::path(c.logDir).is_absolute() ? absolute(c.dataDir, "logs") : absolute(homeDir, c.logDir);
  c.executeDir = dataOverridden && !fs::path(c.executeDir).is_absolute() ? absolute(c.dataDir, "exec")
                                                                         : absolute(homeDir, c.executeDir);
  c.uiDir = absolute(homeDir, c.uiDir);
  c.envScript = absolute(homeDir, c.envScript);
  return c;
}

}  // namespace porpoise::server
