// engine::TaskDispatcher on the worker pool: renders a task with its plugin and runs it.
//
// Contract: pathsFor() gives <executeDir>/<workflowCode>_<version>/<instanceId>/<taskInstanceId>
// and <logDir>/tasks/<yyyyMMdd>/<workflowCode>_<version>-<instanceId>-<taskInstanceId>.log.
// dispatch() renders on the calling (engine) thread and queues the process on the pool; a plugin
// that fails to render is reported as a FAILURE with the reason written to the task log. Worker
// callbacks are forwarded to the engine attached with attach(). Adopted tasks whose process was
// lost are reported NEED_FAULT_TOLERANCE.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "engine/engine.h"
#include "engine/task_dispatcher.h"
#include "store/store.h"
#include "worker/worker_pool.h"

namespace porpoise::server {

struct DispatcherSettings {
  std::string executeDir;
  std::string logDir;
  std::string envScript;
  bool sudo = false;
  size_t slots = 8;
  std::chrono::milliseconds killGrace{5000};
  std::string host;
  std::map<std::string, std::string> taskSettings;
};

class WorkerDispatcher : public engine::TaskDispatcher {
 public:
  WorkerDispatcher(DispatcherSettings settings, store::Store& store);
  ~WorkerDispatcher() override;
  void attach(engine::Engine* engine);
  // Leaves running processes alone (they are adopted after the next start).
  void shutdown();

  engine::TaskPaths pathsFor(const model::WorkflowInstance& workflow, const model::TaskInstance& task) override;
  void dispatch(const engine::DispatchRequest& request) override;
  void kill(int64_t taskInstanceId) override;
  void adopt(const model::WorkflowInstance& workflow, const model::TaskInstance& task,
             const model::TaskDefinition& definition) override;

 private:
  void finished(const worker::TaskOutcome& outcome);
  void failEarly(const model::TaskInstance& task, const std::string& message);
  std::string environmentConfig(int64_t environmentCode);

  DispatcherSettings settings_;
  store::Store& store_;
  std::unique_ptr<worker::WorkerPool> pool_;
  std::mutex mu_;
  engine::Engine* engine_ = nullptr;
  std::set<int64_t> adopted_;
};

}  // namespace porpoise::server
