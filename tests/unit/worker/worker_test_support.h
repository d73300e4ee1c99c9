// Shared helpers for the worker tests: a scratch directory, a launch builder and a recorder that
// collects the pool's callbacks and lets a test wait for them.
#pragma once

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "worker/worker_pool.h"

namespace porpoise::worker::testing {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class ScratchDir {
 public:
  ScratchDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() / ("pp_worker_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

inline std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void writeFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

// Waits (test-side only) until `done` holds or the deadline passes.
template <typename Predicate>
bool eventually(Predicate done, std::chrono::milliseconds limit = 10s) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

inline TaskLaunch makeLaunch(const ScratchDir& dir, int64_t id, const std::string& script) {
  TaskLaunch launch;
  launch.taskInstanceId = id;
  launch.workflowInstanceId = 7;
  launch.taskAppId = "7_" + std::to_string(id);
  launch.executePath = dir / ("exec/" + std::to_string(id));
  launch.logPath = dir / ("logs/" + std::to_string(id) + ".log");
  launch.rendered.script = script;
  return launch;
}

class Recorder {
 public:
  WorkerPool::Callbacks callbacks() {
    WorkerPool::Callbacks cb;
    cb.started = [this](int64_t id, int pid, std::string host) {
      std::lock_guard lock(mutex_);
      started_[id] = {pid, host};
      changed_.notify_all();
    };
    cb.finished = [this](const TaskOutcome& outcome) {
      std::lock_guard lock(mutex_);
      finishOrder_.push_back(outcome.taskInstanceId);
      outcomes_[outcome.taskInstanceId] = outcome;
      changed_.notify_all();
    };
    cb.timeoutWarning = [this](int64_t id) {
      std::lock_guard lock(mutex_);
      timeoutWarnings_.push_back(id);
      changed_.notify_all();
    };
    return cb;
  }

  std::optional<TaskOutcome> waitFinished(int64_t id, std::chrono::milliseconds limit = 20s) {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, limit, [&] { return outcomes_.count(id) != 0; })) return std::nullopt;
    return outcomes_[id];
  }

  std::optional<int> waitStarted(int64_t id, std::chrono::milliseconds limit = 20s) {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, limit, [&] { return started_.count(id) != 0; })) return std::nullopt;
    return started_[id].first;
  }

  bool hasFinished(int64_t id) {
    std::lock_guard lock(mutex_);
    return outcomes_.count(id) != 0;
  }
  bool hasStarted(int64_t id) {
    std::lock_guard lock(mutex_);
    return started_.count(id) != 0;
  }
  std::string startedHost(int64_t id) {
    std::lock_guard lock(mutex_);
    return started_[id].second;
  }
  std::vector<int64_t> finishOrder() {
    std::lock_guard lock(mutex_);
    return finishOrder_;
  }
  std::vector<int64_t> timeoutWarnings() {
    std::lock_guard lock(mutex_);
    return timeoutWarnings_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<int64_t, std::pair<int, std::string>> started_;
  std::map<int64_t, TaskOutcome> outcomes_;
  std::vector<int64_t> finishOrder_;
  std::vector<int64_t> timeoutWarnings_;
};

}  // namespace porpoise::worker::testing
