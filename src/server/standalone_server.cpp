#include "server/standalone_server.h"

#include <signal.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include <boost/asio/post.hpp>

#include "api/api_server.h"
#include "api/definition_service.h"
#include "api/routes.h"
#include "engine/asio_engine_clock.h"
#include "engine/engine.h"
#include "scheduler/cron_scheduler.h"
#include "server/run_logger.h"
#include "server/sqlite_run_store.h"
#include "server/worker_dispatcher.h"
#include "store/definition_repository.h"
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
  std::string host = "127.0.0.1:" + std::to_string(config.port);

  // Engine: one loop thread owns all run state.
  boost::asio::io_context engineIo;
  auto engineWork = boost::asio::make_work_guard(engineIo);
  engine::AsioEngineClock clock(engineIo);
  SqliteRunStore runStore(store);
  DispatcherSettings dispatch;
  dispatch.executeDir = config.executeDir;
  dispatch.logDir = config.logDir;
  dispatch.envScript = config.envScript;
  dispatch.sudo = config.sudoEnable;
  dispatch.slots = static_cast<size_t>(config.workerSlots);
  dispatch.killGrace = std::chrono::duration_cast<std::chrono::milliseconds>(config.killGrace);
  dispatch.host = host;
  dispatch.taskSettings = config.taskSettings;
  WorkerDispatcher dispatcher(dispatch, store);
  RunLogger runLogger;
  engine::EngineOptions engineOptions;
  engineOptions.host = host;
  engineOptions.timezone = util::defaultTimeZone();
  auto engine = std::make_unique<engine::Engine>(engineIo, runStore, dispatcher, clock, &runLogger, engineOptions);
  dispatcher.attach(engine.get());
  std::thread engineThread([&engineIo] { engineIo.run(); });
  try {
    engine->recover().get();
  } catch (const std::exception& e) {
    spdlog::error("recovering unfinished workflow instances failed: {}", e.what());
  }

  // Cron schedules start workflows through the engine.
  scheduler::CronSchedulerOptions schedulerOptions;
  schedulerOptions.missedFires = scheduler::parseMissedFirePolicy(config.catchUp).value_or(scheduler::MissedFirePolicy::LAST);
  scheduler::CronScheduler cron(
      store,
      [&](const model::Schedule& s, util::TimePoint fireTime) {
        engine::StartRequest req;
        req.workflowCode = s.processDefinitionCode;
        req.commandType = model::CommandType::SCHEDULER;
        req.scheduleTime = fireTime;
        req.failureStrategy = s.failureStrategy;
        req.warningType = s.warningType;
        req.warningGroupId = s.warningGroupId;
        req.priority = s.processInstancePriority;
        req.workerGroup = s.workerGroup;
        req.environmentCode = s.environmentCode;
        req.executorId = s.userId;
        req.timezone = s.timezoneId;
        store.read([&](store::Database& db) {
          if (auto w = store::definitions::findWorkflow(db, s.processDefinitionCode))
            if (auto tenant = api::resolveRunTenant(db, *w)) {
              req.tenantId = tenant->first;
              req.tenantCode = tenant->second;
            }
        });
        auto started = engine->start(req);
        (void)started;  // errors are logged by the engine; a schedule never blocks on a run
      },
      schedulerOptions);
  cron.start();

  api::ApiContext ctx{store, {}, engine.get(), &cron};
  ctx.settings.sessionTimeout = config.sessionTimeout;
  ctx.settings.uiRoot = config.uiDir;
  ctx.settings.dataDir = config.dataDir;
  ctx.settings.logDir = config.logDir;
  ctx.settings.envScriptPath = config.envScript;
  ctx.settings.host = host;
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
    cron.stop();
    dispatcher.shutdown();
    engineWork.reset();
    engineIo.stop();
    engineThread.join();
    return 1;
  }
  spdlog::info("Porpoise listening on http://{}:{}/dolphinscheduler/ui (data: {})", config.address,
               server.boundPort(), config.dataDir);

  int sig = 0;
  sigwait(&signals, &sig);
  spdlog::info("signal {} received, shutting down", sig);
  server.stop();
  cron.stop();
  // Running task processes keep running; the next start adopts them.
  dispatcher.shutdown();
  boost::asio::post(engineIo, [&engine, &engineIo] {
    engine.reset();
    engineIo.stop();
  });
  engineWork.reset();
  engineThread.join();
  spdlog::info("stopped");
  spdlog::shutdown();
  return 0;
}

}  // namespace porpoise::server
