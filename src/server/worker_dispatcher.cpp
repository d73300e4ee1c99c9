#include "server/worker_dispatcher.h"

#include <porpoise/task_plugin.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>

#include "params/builtin_params.h"
#include "params/placeholder.h"
#include "store/resource_repository.h"
#include "tasks/builtin_plugins.h"

namespace porpoise::server {
namespace fs = std::filesystem;

namespace {

void appendLog(const std::string& path, const std::string& line) {
  if (path.empty()) return;
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  std::ofstream out(path, std::ios::app);
  out << "[porpoise " << util::formatDateTime(util::now()) << "] " << line << "\n";
}

}  // namespace

WorkerDispatcher::WorkerDispatcher(DispatcherSettings settings, store::Store& store)
    : settings_(std::move(settings)), store_(store) {
  tasks::registerBuiltinPlugins();
  worker::WorkerOptions options;
  options.slots = settings_.slots;
  options.killGrace = settings_.killGrace;
  options.host = settings_.host;
  worker::WorkerPool::Callbacks callbacks;
  callbacks.started = [this](int64_t id, int pid, std::string host) {
    std::lock_guard lock(mu_);
    if (engine_) engine_->onTaskStarted(id, pid, std::move(host));
  };
  callbacks.finished = [this](const worker::TaskOutcome& outcome) { finished(outcome); };
  callbacks.timeoutWarning = [this](int64_t id) {
    std::lock_guard lock(mu_);
    if (engine_) engine_->onTaskTimeoutWarning(id);
  };
  pool_ = std::make_unique<worker::WorkerPool>(options, callbacks);
}

WorkerDispatcher::~WorkerDispatcher() { shutdown(); }

void WorkerDispatcher::attach(engine::Engine* engine) {
  std::lock_guard lock(mu_);
  engine_ = engine;
}

void WorkerDispatcher::shutdown() {
  if (pool_) pool_->shutdown(false);
  attach(nullptr);
}

engine::TaskPaths WorkerDispatcher::pathsFor(const model::WorkflowInstance& workflow, const model::TaskInstance& task) {
  std::string prefix = std::to_string(workflow.processDefinitionCode) + "_" + std::to_string(workflow.processDefinitionVersion);
  std::string day = util::formatPattern(task.firstSubmitTime.value_or(util::now()), "%Y%m%d");
  engine::TaskPaths paths;
  paths.executePath = (fs::path(settings_.executeDir) / prefix / std::to_string(workflow.id) / std::to_string(task.id)).string();
  paths.logPath = (fs::path(settings_.logDir) / "tasks" / day /
                   (prefix + "-" + std::to_string(workflow.id) + "-" + std::to_string(task.id) + ".log"))
                      .string();
  return paths;
}

std::string WorkerDispatcher::environmentConfig(int64_t environmentCode) {
  if (environmentCode < 0) return "";
  auto env = store_.read([&](store::Database& db) { return store::environments::findByCode(db, environmentCode); });
  return env ? env->config : "";
}

void WorkerDispatcher::failEarly(const model::TaskInstance& task, const std::string& message) {
  appendLog(task.logPath, message);
  engine::TaskResult result;
  result.taskInstanceId = task.id;
  result.state = model::TaskState::FAILURE;
  result.message = message;
  std::lock_guard lock(mu_);
  if (engine_) engine_->onTaskFinished(result);
}

void WorkerDispatcher::dispatch(const engine::DispatchRequest& request) {
  const auto& task = request.task;
  const auto& def = request.definition;
  const TaskPlugin* plugin = TaskPluginRegistry::instance().find(def.taskType);
  if (!plugin || !plugin->runsOnWorker()) {
    failEarly(task, "task type " + def.taskType + " cannot run on a worker");
    return;
  }
  params::BuiltinContext timeCtx;
  timeCtx.scheduleTime = request.workflow.scheduleTime;
  timeCtx.startTime = request.workflow.startTime.value_or(util::now());
  TaskRenderContext ctx;
  ctx.taskParams = def.taskParams;
  ctx.params = request.params;
  ctx.substitute = params::makeSubstituter(request.params, timeCtx.timeBase());
  ctx.executePath = task.executePath;
  ctx.taskAppId = std::to_string(request.workflow.id) + "_" + std::to_string(task.id);
  ctx.taskName = task.name;
  ctx.taskInstanceId = task.id;
  ctx.workflowInstanceId = request.workflow.id;
  ctx.settings = settings_.taskSettings;
  worker::TaskLaunch launch;
  try {
    launch.rendered = plugin->render(ctx);
  } catch (const std::exception& e) {
    failEarly(task, std::string("cannot prepare the task: ") + e.what());
    return;
  }
  launch.taskInstanceId = task.id;
  launch.workflowInstanceId = request.workflow.id;
  launch.taskAppId = ctx.taskAppId;
  launch.executePath = task.executePath;
  launch.logPath = task.logPath;
  launch.envScriptPath = settings_.envScript;
  launch.environmentConfig = task.environmentConfig.empty() ? environmentConfig(task.environmentCode) : task.environmentConfig;
  launch.tenant = request.workflow.tenantCode;
  launch.sudo = settings_.sudo && !launch.tenant.empty() && launch.tenant != "default";
  if (def.timeoutFlag == model::TimeoutFlag::OPEN && def.timeout > 0) {
    launch.timeout = std::chrono::seconds(int64_t(def.timeout) * 60);
    launch.killOnTimeout = def.timeoutNotifyStrategy == model::TimeoutStrategy::FAILED ||
                           def.timeoutNotifyStrategy == model::TimeoutStrategy::WARNFAILED;
  }
  launch.priority = request.queuePriority;
  launch.order = request.queueOrder;
  launch.dryRun = task.dryRun != 0;
  try {
    pool_->submit(std::move(launch));
  } catch (const std::exception& e) {
    failEarly(task, std::string("cannot queue the task: ") + e.what());
  }
}

void WorkerDispatcher::kill(int64_t taskInstanceId) { pool_->kill(taskInstanceId); }

void WorkerDispatcher::adopt(const model::WorkflowInstance& workflow, const model::TaskInstance& task,
                             const model::TaskDefinition& definition) {
  (void)workflow;
  {
    std::lock_guard lock(mu_);
    adopted_.insert(task.id);
  }
  std::chrono::seconds left{0};
  bool killOnTimeout = false;
  if (definition.timeoutFlag == model::TimeoutFlag::OPEN && definition.timeout > 0) {
    auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(util::now() - task.startTime.value_or(util::now()));
    left = std::max(std::chrono::seconds(1), std::chrono::seconds(int64_t(definition.timeout) * 60) - elapsed);
    killOnTimeout = definition.timeoutNotifyStrategy == model::TimeoutStrategy::FAILED ||
                    definition.timeoutNotifyStrategy == model::TimeoutStrategy::WARNFAILED;
  }
  appendLog(task.logPath, "server restarted: following the task process again (pid " + std::to_string(task.pid) + ")");
  pool_->adopt(task.id, task.pid, task.executePath, task.logPath, left, killOnTimeout);
}

void WorkerDispatcher::finished(const worker::TaskOutcome& outcome) {
  engine::TaskResult result;
  result.taskInstanceId = outcome.taskInstanceId;
  result.timedOut = outcome.timedOut;
  result.message = outcome.message;
  for (const auto& [k, v] : outcome.setValues) result.setValues.push_back({k, v});
  std::lock_guard lock(mu_);
  bool wasAdopted = adopted_.erase(outcome.taskInstanceId) > 0;
  switch (outcome.classify()) {
    case worker::TaskOutcome::Result::SUCCESS:
      result.state = model::TaskState::SUCCESS;
      break;
    case worker::TaskOutcome::Result::KILL:
      result.state = model::TaskState::KILL;
      break;
    case worker::TaskOutcome::Result::FAILURE:
      result.state = wasAdopted && outcome.exitCode == -1 ? model::TaskState::NEED_FAULT_TOLERANCE
                                                          : model::TaskState::FAILURE;
      break;
  }
  if (engine_) engine_->onTaskFinished(result);
}

}  // namespace porpoise::server
