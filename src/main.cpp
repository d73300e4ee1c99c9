// porpoise: command-line entry point.
//   porpoise standalone-server [--config FILE] [--port N] [--data-dir DIR] [--daemon]
//   porpoise yaml -f FILE [--server URL] [--user U --password P | --token T]
//   porpoise version
//   porpoise --help
#include <cstring>
#include <iostream>
#include <string>

#include "cli/yaml_command.h"
#include "server/config.h"
#include "server/standalone_server.h"
#include "util/strings.h"

namespace {

constexpr const char* kVersion = "0.1.0";

void printHelp() {
  std::cout << "Porpoise " << kVersion << " - a DolphinScheduler-compatible workflow scheduler in one binary\n\n"
            << "Usage:\n"
            << "  porpoise standalone-server [options]   run the server (API, UI, scheduler, worker)\n"
            << "  porpoise yaml -f FILE [options]        submit pydolphinscheduler YAML workflows to a server\n"
            << "  porpoise version                       print the version\n"
            << "  porpoise --help                        show this help\n\n"
            << "Server options:\n"
            << "  --config FILE    configuration file (default conf/application.yaml)\n"
            << "  --port N         HTTP port (default 12345)\n"
            << "  --data-dir DIR   where the SQLite database, task logs and execute directories live\n"
            << "  --daemon         do not log to stderr (used by bin/dolphinscheduler-daemon.sh)\n";
}

int runServer(int argc, char** argv, const char* argv0) {
  porpoise::server::Overrides overrides;
  bool daemon = false;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* name) -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(std::string(name) + " needs a value");
      return argv[++i];
    };
    if (arg == "--config") {
      overrides.configFile = value("--config");
    } else if (arg == "--port") {
      auto p = porpoise::util::parseInt(value("--port"));
      if (!p || *p <= 0 || *p > 65535) throw std::runtime_error("--port must be a number from 1 to 65535");
      overrides.port = *p;
    } else if (arg == "--data-dir") {
      overrides.dataDir = value("--data-dir");
    } else if (arg == "--daemon") {
      daemon = true;
    } else {
      throw std::runtime_error("unknown option " + arg + " (see porpoise --help)");
    }
  }
  auto config = porpoise::server::loadConfig(porpoise::server::detectHomeDir(argv0), overrides);
  return porpoise::server::runStandaloneServer(config, !daemon);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
    printHelp();
    return argc < 2 ? 1 : 0;
  }
  std::string command = argv[1];
  try {
    if (command == "version" || command == "--version") {
      std::cout << "porpoise " << kVersion << "\n";
      return 0;
    }
    if (command == "standalone-server") return runServer(argc - 2, argv + 2, argv[0]);
    if (command == "yaml") return porpoise::cli::runYamlCommand(argc - 1, argv + 1);
    std::cerr << "porpoise: unknown command '" << command << "' (see porpoise --help)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "porpoise: " << e.what() << "\n";
    return 2;
  }
}
