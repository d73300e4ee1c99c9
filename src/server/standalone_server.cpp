#include "server/standalone_server.h"

#include <signal.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>

#include "api/api_server.h"
#include "api/routes.h"
#include "http/http_server.h"
#include "store/store.h"
#include "util/time.h"

namespace porpoise::server {
namespace fs = std::filesystem;

namespace {

void setUpLogging(const Config& c, bool foreground) {
  fs::create_directories(c.logDir);
  std::vector<spdlog::sink_ptr> sinks;
  sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(c.logDir + "/porpoise-server.log",
                                                                         20 * 1024 * 1024, 5));
  if (foreground) sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  auto logger = std::make_shared<spdlog::logger>("porpoise", sinks.begin(), sinks.end());
  logger->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%l] %v");
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

}  // namespace

int runStandaloneServer(const Config& config, bool foreground) {
  setUpLogging(config, foreground);
  if (!config.timeZone.empty()) util::setDefaultTimeZone(config.timeZone);
  fs::create_directories(config.dataDir);
  fs::create_directories(config.executeDir);

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // threads started below inherit the mask
  signal(SIGPIPE, SIG_IGN);

  store::Store store(config.databasePath());
  api::ApiContext ctx{store, {}, nullptr};
  ctx.settings.sessionTimeout = config.sessionTimeout;
  ctx.settings.uiRoot = config.uiDir;
  ctx.settings.dataDir = config.dataDir;
  ctx.settings.logDir = config.logDir;
  ctx.settings.envScriptPath = config.envScript;
  api::ApiServer api(ctx);
  api::registerAllRoutes(api);

  http::ServerOptions options;
  options.address = config.address;
  options.port = static_cast<uint16_t>(config.port);
  options.threads = static_cast<size_t>(config.httpThreads);
  http::HttpServer server(options, [&api](http::Request& req) { return api.handle(req); });
  try {
    server.start();
  } catch (const std::exception& e) {
    spdlog::error("cannot listen on {}:{}: {}", config.address, config.port, e.what());
    return 1;
  }
  spdlog::info("Porpoise listening on http://{}:{}/dolphinscheduler/ui (data: {})", config.address,
               server.boundPort(), config.dataDir);

  int sig = 0;
  sigwait(&signals, &sig);
  spdlog::info("signal {} received, shutting down", sig);
  server.stop();
  spdlog::info("stopped");
  spdlog::shutdown();
  return 0;
}

}  // namespace porpoise::server
