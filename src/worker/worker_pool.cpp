#include "worker/worker_pool.h"

#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "worker/execute_dir.h"
#include "worker/launch_queue.h"
#include "worker/set_value_scanner.h"
#include "worker/task_log.h"
#include "worker/task_process.h"
#include "worker/wrapper_script.h"

namespace porpoise::worker {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

std::string machineHostName() {
  char name[256] = {};
  if (::gethostname(name, sizeof(name) - 1) != 0) return "localhost";
  return name;
}

// Best effort: a log line that cannot be written must not hide the real problem.
void tryLogLine(const std::string& logPath, LogLevel level, const std::string& message) {
  try {
    appendLogLine(logPath, level, message);
  } catch (const std::exception& e) {
    spdlog::warn("worker: {}", e.what());
  }
}

std::string describeExit(int exitCode, bool killed, bool timedOut, bool requested) {
  std::string code = exitCode >= 0 ? "exit code " + std::to_string(exitCode) : "no exit code";
  if (timedOut) return "timed out and killed (" + code + ")";
  if (requested) return "killed on request (" + code + ")";
  if (killed) return "exit code 137: the process was killed (SIGKILL, e.g. by the OOM killer or `kill -9`)";
  return code;
}

}  // namespace

// One process the pool follows, started here or adopted after a restart.
struct RunningTask {
  explicit RunningTask(asio::io_context& io) : exitWatch(io), timeoutTimer(io), graceTimer(io) {}
  int64_t id = 0;
  pid_t pid = 0;
  std::string executePath;
  std::string logPath;
  uint64_t outputOffset = 0;  // where the task's own output starts in the log
  bool killOnTimeout = false;
  bool killRequested = false;                // kill() or shutdown(true) asked for it
  bool timedOut = false;                     // the timeout killed it
  bool terminating = false;                  // SIGTERM sent, SIGKILL scheduled
  asio::posix::stream_descriptor exitWatch;  // the pidfd; readable once the process has exited
  asio::steady_timer timeoutTimer;
  asio::steady_timer graceTimer;
};

class WorkerPool::Impl {
 public:
  Impl(WorkerOptions options, Callbacks callbacks)
      : options_(std::move(options)), callbacks_(std::move(callbacks)), guard_(asio::make_work_guard(io_)) {
    if (options_.slots == 0) throw std::invalid_argument("a worker pool needs at least one slot");
    if (options_.host.empty()) options_.host = machineHostName();
    thread_ = std::thread([this] { runLoop(); });
  }

  ~Impl() { shutdown(false); }

  const std::string& host() const { return options_.host; }

  void submit(TaskLaunch launch) {
    claimId(launch.taskInstanceId);
    asio::post(io_, [this, launch = std::move(launch)]() mutable {
      if (launch.dryRun) {
        TaskOutcome outcome;
        outcome.taskInstanceId = launch.taskInstanceId;
        outcome.exitCode = 0;
        outcome.message = "dry run: nothing was executed";
        report(std::move(outcome));
        return;
      }
      queue_.push(std::move(launch));
      startReady();
    });
  }

  bool kill(int64_t taskInstanceId) {
    {
      std::lock_guard lock(mutex_);
      if (closed_ || activeIds_.count(taskInstanceId) == 0) return false;
    }
    asio::post(io_, [this, taskInstanceId] { killOnLoop(taskInstanceId); });
    return true;
  }

  void adopt(int64_t taskInstanceId, int pid, const std::string& executePath, const std::string& logPath,
             std::chrono::seconds timeoutLeft, bool killOnTimeout) {
    claimId(taskInstanceId);
    asio::post(io_, [=, this] { adoptOnLoop(taskInstanceId, pid, executePath, logPath, timeoutLeft, killOnTimeout); });
  }

  void shutdown(bool killRunning) {
    if (std::this_thread::get_id() == thread_.get_id()) {
      throw std::logic_error("WorkerPool::shutdown() must not be called from a worker callback");
    }
    {
      std::lock_guard lock(mutex_);
      if (closed_) return;
      closed_ = true;
    }
    asio::post(io_, [this, killRunning] {
      if (killRunning) {
        stopping_ = true;
        for (auto& launch : queue_.drain()) reportKilledBeforeStart(launch);
        for (auto& [id, task] : running_) {
          task->killRequested = true;
          terminate(*task, "the worker is shutting down");
        }
        stopWhenIdle();
      } else {
        queue_.drain();
        running_.clear();  // closes the pidfds; the processes keep running and can be adopted later
        io_.stop();
      }
    });
    thread_.join();
  }

 private:
  void runLoop() {
    while (true) {
      try {
        io_.run();
        return;
      } catch (const std::exception& e) {
        spdlog::error("worker: unexpected error in the worker loop: {}", e.what());
      } catch (...) {
        spdlog::error("worker: unexpected non-standard exception in the worker loop");
      }
    }
  }

  void claimId(int64_t taskInstanceId) {
    std::lock_guard lock(mutex_);
    if (closed_) throw std::logic_error("the worker pool is shut down");
    if (!activeIds_.insert(taskInstanceId).second) {
      throw std::invalid_argument("task instance " + std::to_string(taskInstanceId) +
                                  " is already queued or running in the worker pool");
    }
  }

  void stopWhenIdle() {
    if (stopping_ && running_.empty()) io_.stop();
  }

  // --- everything below runs on the pool's thread ---

  void report(TaskOutcome outcome) {
    {
      std::lock_guard lock(mutex_);
      activeIds_.erase(outcome.taskInstanceId);
    }
    if (!callbacks_.finished) return;
    try {
      callbacks_.finished(outcome);
    } catch (const std::exception& e) {
      spdlog::error("worker: the finished callback for task {} threw: {}", outcome.taskInstanceId, e.what());
    }
  }

  void reportFailure(int64_t id, const std::string& logPath, const std::string& message) {
    tryLogLine(logPath, LogLevel::ERROR, "task " + std::to_string(id) + " could not run: " + message);
    TaskOutcome outcome;
    outcome.taskInstanceId = id;
    outcome.exitCode = -1;
    outcome.message = message;
    report(std::move(outcome));
  }

  void reportKilledBeforeStart(const TaskLaunch& launch) {
    if (!launch.logPath.empty()) {
      tryLogLine(launch.logPath, LogLevel::WARN,
                 "task " + std::to_string(launch.taskInstanceId) + " was killed before it started");
    }
    TaskOutcome outcome;
    outcome.taskInstanceId = launch.taskInstanceId;
    outcome.exitCode = -1;
    outcome.killed = true;
    outcome.message = "killed before it started";
    report(std::move(outcome));
  }

  void startReady() {
    while (!stopping_ && running_.size() < options_.slots && !queue_.empty()) start(*queue_.pop());
  }

  void start(TaskLaunch launch) {
    const int64_t id = launch.taskInstanceId;
    uint64_t outputOffset = 0;
    pid_t pid = 0;
    try {
      std::string wrapperPath = launch.executePath + "/" + launch.taskAppId + ".command";
      std::string runAs = launch.sudo ? " as tenant " + launch.tenant : "";
      outputOffset = appendLogLine(launch.logPath, LogLevel::INFO,
                                   "task " + std::to_string(id) + " (" + launch.taskAppId + ") starting" + runAs +
                                       ": bash " + wrapperPath + " in " + launch.executePath);
      if (launch.sudo) checkTenant(launch.tenant);
      std::string wrapperText = wrapperScript(launch.envScriptPath, launch.environmentConfig, launch.rendered.script);
      wrapperPath = prepareExecuteDir(launch.executePath, launch.taskAppId, launch.rendered, wrapperText,
                                      launch.sudo ? launch.tenant : "");
      RunnerCommand command{options_.bashPath, options_.sudoPath,  launch.sudo, launch.tenant,
                            launch.taskAppId,  launch.executePath, wrapperPath};
      pid = spawnInSession(runnerArguments(command), launch.executePath, launch.logPath);
    } catch (const std::exception& e) {
      reportFailure(id, launch.logPath, e.what());
      return;
    }
    int pidfd = openPidfd(pid);
    if (pidfd < 0) {
      // Without a pidfd the exit cannot be seen: do not leave an unwatched process behind.
      std::string reason = std::strerror(errno);
      killAndReap(pid);
      reportFailure(id, launch.logPath, "cannot watch the task process: " + reason);
      return;
    }
    // The runner records its pid too, but only once it runs; this makes it known before started() returns.
    if (!writeStatusNumber(launch.executePath, kPidFileName, pid)) {
      spdlog::warn("worker: task {}: cannot write {}/{}", id, launch.executePath, kPidFileName);
    }
    auto task = std::make_unique<RunningTask>(io_);
    task->id = id;
    task->pid = pid;
    task->executePath = launch.executePath;
    task->logPath = launch.logPath;
    task->outputOffset = outputOffset;
    task->killOnTimeout = launch.killOnTimeout;
    follow(std::move(task), pidfd, launch.timeout);
    if (callbacks_.started) {
      try {
        callbacks_.started(id, pid, options_.host);
      } catch (const std::exception& e) {
        spdlog::error("worker: the started callback for task {} threw: {}", id, e.what());
      }
    }
  }

  static void checkTenant(const std::string& tenant) {
    if (tenant.empty()) throw std::invalid_argument("sudo is enabled but the task has no tenant");
    if (!findOsUser(tenant)) {
      throw std::invalid_argument("tenant '" + tenant + "' does not exist as an OS user on this host");
    }
  }

  void follow(std::unique_ptr<RunningTask> task, int pidfd, std::chrono::seconds timeout) {
    const int64_t id = task->id;
    task->exitWatch.assign(pidfd);
    task->exitWatch.async_wait(asio::posix::stream_descriptor::wait_read, [this, id](const error_code& ec) {
      if (ec != asio::error::operation_aborted) onExit(id);
    });
    if (timeout.count() > 0) {
      task->timeoutTimer.expires_after(timeout);
      task->timeoutTimer.async_wait([this, id, timeout](const error_code& ec) {
        if (!ec) onTimeout(id, timeout);
      });
    }
    running_[id] = std::move(task);
  }

  RunningTask* findRunning(int64_t id) {
    auto it = running_.find(id);
    return it == running_.end() ? nullptr : it->second.get();
  }

  void onTimeout(int64_t id, std::chrono::seconds timeout) {
    RunningTask* task = findRunning(id);
    if (task == nullptr) return;
    if (callbacks_.timeoutWarning) {
      try {
        callbacks_.timeoutWarning(id);
      } catch (const std::exception& e) {
        spdlog::error("worker: the timeout callback for task {} threw: {}", id, e.what());
      }
    }
    task = findRunning(id);  // the callback may have killed it
    if (task == nullptr) return;
    std::string limit = "timeout of " + std::to_string(timeout.count()) + " s reached";
    if (!task->killOnTimeout) {
      tryLogLine(task->logPath, LogLevel::WARN, limit + "; the task keeps running (warning only)");
      return;
    }
    if (task->terminating) return;
    task->timedOut = true;
    terminate(*task, limit);
  }

  void killOnLoop(int64_t id) {
    if (auto queued = queue_.remove(id)) {
      reportKilledBeforeStart(*queued);
      return;
    }
    RunningTask* task = findRunning(id);
    if (task == nullptr) return;
    task->killRequested = true;
    terminate(*task, "kill requested");
  }

  // SIGTERM to the group now, SIGKILL after the grace period if the leader still runs. Once per task.
  void terminate(RunningTask& task, const std::string& reason) {
    if (task.terminating) return;
    task.terminating = true;
    tryLogLine(task.logPath, LogLevel::WARN, reason + ": sending SIGTERM to process group " + std::to_string(task.pid));
    signalGroup(task.pid, SIGTERM);
    const int64_t id = task.id;
    task.graceTimer.expires_after(options_.killGrace);
    task.graceTimer.async_wait([this, id](const error_code& ec) {
      if (ec) return;
      if (RunningTask* still = findRunning(id)) {
        tryLogLine(
            still->logPath, LogLevel::WARN,
            "still running after the grace period: sending SIGKILL to process group " + std::to_string(still->pid));
        signalGroup(still->pid, SIGKILL);
      }
    });
  }

  void onExit(int64_t id) {
    auto it = running_.find(id);
    if (it == running_.end()) return;
    std::unique_ptr<RunningTask> task = std::move(it->second);
    running_.erase(it);
    task->timeoutTimer.cancel();
    task->graceTimer.cancel();
    // The leader is gone (a zombie still holds its pid if it is our child): clear out the rest of the group.
    if (task->terminating) signalGroup(task->pid, SIGKILL);
    std::optional<int> exitCode = reapIfChild(task->pid);
    if (!exitCode) exitCode = readStatusNumber(task->executePath, kExitCodeFileName);
    finishTask(task->id, task->pid, exitCode, task->killRequested, task->timedOut, task->executePath, task->logPath,
               task->outputOffset);
    startReady();
    stopWhenIdle();
  }

  void finishTask(int64_t id, pid_t pid, std::optional<int> exitCode, bool killRequested, bool timedOut,
                  const std::string& executePath, const std::string& logPath, uint64_t outputOffset) {
    TaskOutcome outcome;
    outcome.taskInstanceId = id;
    outcome.pid = pid;
    outcome.exitCode = exitCode.value_or(-1);
    outcome.timedOut = timedOut;
    outcome.killed = killRequested || (!timedOut && exitCode == 137);
    if (exitCode || killRequested || timedOut) {
      outcome.message = describeExit(outcome.exitCode, outcome.killed, timedOut, killRequested);
    } else {
      outcome.message =
          "process lost: it ended without recording an exit code in " + executePath + "/" + kExitCodeFileName;
    }
    std::string scanError;
    outcome.setValues = scanLogFile(logPath, outputOffset, scanError);
    if (!scanError.empty()) {
      spdlog::warn("worker: task {}: {}", id, scanError);
      outcome.message += "; " + scanError;
    }
    LogLevel level = outcome.classify() == TaskOutcome::Result::SUCCESS ? LogLevel::INFO
                     : outcome.killed                                   ? LogLevel::WARN
                                                                        : LogLevel::ERROR;
    tryLogLine(logPath, level,
               "task " + std::to_string(id) + " (pid " + std::to_string(pid) + ") finished: " + outcome.message);
    report(std::move(outcome));
  }

  void adoptOnLoop(int64_t id, int pid, const std::string& executePath, const std::string& logPath,
                   std::chrono::seconds timeoutLeft, bool killOnTimeout) {
    std::optional<int> recordedPid = readStatusNumber(executePath, kPidFileName);
    if (pid <= 0) pid = recordedPid.value_or(0);
    int pidfd = openPidfd(pid);
    if (pidfd >= 0 && looksLikeTask(pid, executePath)) {
      tryLogLine(logPath, LogLevel::INFO,
                 "following task process " + std::to_string(pid) + " again after a server restart");
      auto task = std::make_unique<RunningTask>(io_);
      task->id = id;
      task->pid = pid;
      task->executePath = executePath;
      task->logPath = logPath;
      task->killOnTimeout = killOnTimeout;
      follow(std::move(task), pidfd, timeoutLeft);
      return;
    }
    if (pidfd >= 0) ::close(pidfd);
    // Gone. If it was our own child (an earlier pool in this process), collect its status and its zombie.
    std::optional<int> exitCode;
    if (pid > 0 && recordedPid == pid) exitCode = reapIfChild(pid);
    if (!exitCode) exitCode = readStatusNumber(executePath, kExitCodeFileName);
    finishTask(id, pid, exitCode, false, false, executePath, logPath, 0);
  }

  WorkerOptions options_;
  Callbacks callbacks_;
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_;

  std::mutex mutex_;  // guards closed_ and activeIds_, which callers on other threads read
  bool closed_ = false;
  std::unordered_set<int64_t> activeIds_;

  // Owned by the pool's thread.
  bool stopping_ = false;
  LaunchQueue queue_;
  std::unordered_map<int64_t, std::unique_ptr<RunningTask>> running_;

  std::thread thread_;
};

namespace {
WorkerOptions optionsWithSlots(size_t slots) {
  WorkerOptions options;
  options.slots = slots;
  return options;
}
}  // namespace

WorkerPool::WorkerPool(size_t slots, Callbacks callbacks) : WorkerPool(optionsWithSlots(slots), std::move(callbacks)) {}

WorkerPool::WorkerPool(WorkerOptions options, Callbacks callbacks)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(callbacks))) {}

WorkerPool::~WorkerPool() = default;

void WorkerPool::submit(TaskLaunch launch) { impl_->submit(std::move(launch)); }

bool WorkerPool::kill(int64_t taskInstanceId) { return impl_->kill(taskInstanceId); }

void WorkerPool::adopt(int64_t taskInstanceId, int pid, const std::string& executePath, const std::string& logPath,
                       std::chrono::seconds timeoutLeft, bool killOnTimeout) {
  impl_->adopt(taskInstanceId, pid, executePath, logPath, timeoutLeft, killOnTimeout);
}

void WorkerPool::shutdown(bool killRunning) { impl_->shutdown(killRunning); }

const std::string& WorkerPool::host() const { return impl_->host(); }

}  // namespace porpoise::worker
