// Test harness: an Engine on a hand-driven io_context with the in-memory store, the fake dispatcher,
// a manual clock and a recording observer, plus short-hands to start workflows and finish tasks.
//
// Contract: every action drains the io_context, so when a helper returns the engine has handled
// everything that was posted. Tasks are addressed by (workflow instance id, task name); task() returns
// the valid attempt (flag YES) and throws when there is none.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <future>
#include <map>
#include <string>
#include <vector>

#include "dag_builder.h"
#include "engine/engine.h"
#include "fake_dispatcher.h"
#include "in_memory_run_store.h"
#include "manual_clock.h"

namespace porpoise::engine::testing {

using namespace std::chrono_literals;
using model::TaskState;
using model::WorkflowState;

class RecordingObserver : public RunObserver {
 public:
  void taskLog(const model::TaskInstance& task, const std::string& line) override { logs[task.id].push_back(line); }
  void warning(const EngineWarning& warning) override { warnings.push_back(warning); }
  void workflowFinished(const model::WorkflowInstance& instance) override { finished.push_back(instance); }

  std::string logOf(int64_t taskInstanceId) const {
    std::string out;
    auto it = logs.find(taskInstanceId);
    if (it != logs.end())
      for (const auto& line : it->second) out += line + "\n";
    return out;
  }

  std::map<int64_t, std::vector<std::string>> logs;
  std::vector<EngineWarning> warnings;
  std::vector<model::WorkflowInstance> finished;
};

class EngineHarness {
 public:
  explicit EngineHarness(EngineOptions options = {})
      : dispatcher(&store), engine(std::make_unique<Engine>(io, store, dispatcher, clock, &observer, options)) {}

  void drain() {
    io.restart();
    io.poll();
  }

  template <typename T>
  T wait(std::future<T> future) {
    drain();
    if (future.wait_for(0s) != std::future_status::ready) throw std::runtime_error("engine did not answer");
    return future.get();
  }

  int64_t start(const model::DagData& data, StartRequest request = {}) {
    store.addWorkflow(data);
    request.workflowCode = data.workflow.code;
    return wait(engine->start(request));
  }

  void execute(int64_t workflow, model::ExecuteType action) { wait(engine->execute(workflow, action)); }

  // Simulates a server restart: a new Engine over the same store, recovering unfinished instances.
  void restart(EngineOptions options = {}) {
    engine.reset();
    drain();
    dispatcher.dispatched.clear();
    dispatcher.kills.clear();
    dispatcher.adopted.clear();
    engine = std::make_unique<Engine>(io, store, dispatcher, clock, &observer, options);
    wait(engine->recover());
  }

  std::optional<model::TaskInstance> findTask(int64_t workflow, const std::string& name) {
    std::optional<model::TaskInstance> found;
    for (const auto& t : store.taskInstancesOf(workflow))
      if (t.name == name && t.flag == model::Flag::YES) found = t;
    return found;
  }
  model::TaskInstance task(int64_t workflow, const std::string& name) {
    auto t = findTask(workflow, name);
    if (!t)
      throw std::out_of_range("no valid task instance '" + name + "' in workflow instance " + std::to_string(workflow));
    return *t;
  }
  // "-" when the task has no valid instance.
  std::string taskState(int64_t workflow, const std::string& name) {
    auto t = findTask(workflow, name);
    return t ? model::enumName(t->state) : "-";
  }
  std::vector<model::TaskInstance> attempts(int64_t workflow, const std::string& name) {
    std::vector<model::TaskInstance> out;
    for (const auto& t : store.taskInstancesOf(workflow))
      if (t.name == name) out.push_back(t);
    return out;
  }
  model::WorkflowInstance instance(int64_t workflow) { return *store.findWorkflowInstance(workflow); }
  std::string state(int64_t workflow) { return model::enumName(instance(workflow).state); }

  void started(int64_t workflow, const std::string& name, int pid = 4242) {
    engine->onTaskStarted(task(workflow, name).id, pid, "worker-1:1234");
    drain();
  }
  void finish(int64_t taskInstanceId, TaskState state, std::vector<params::SetValue> setValues = {},
              bool timedOut = false, const std::string& message = "") {
    TaskResult r;
    r.taskInstanceId = taskInstanceId;
    r.state = state;
    r.setValues = std::move(setValues);
    r.timedOut = timedOut;
    r.message = message;
    engine->onTaskFinished(r);
    drain();
  }
  void succeed(int64_t workflow, const std::string& name, std::vector<params::SetValue> setValues = {}) {
    finish(task(workflow, name).id, TaskState::SUCCESS, std::move(setValues));
  }
  void fail(int64_t workflow, const std::string& name) {
    finish(task(workflow, name).id, TaskState::FAILURE, {}, false, "exit code 1");
  }
  void advance(std::chrono::milliseconds d) {
    clock.advance(d);
    drain();
  }

  // Names of tasks that were dispatched and whose valid attempt is still DISPATCH/RUNNING.
  std::vector<std::string> running(int64_t workflow) {
    std::vector<std::string> out;
    for (const auto& t : store.taskInstancesOf(workflow))
      if (t.flag == model::Flag::YES && (t.state == TaskState::DISPATCH || t.state == TaskState::RUNNING_EXECUTION) &&
          t.taskType != "DEPENDENT" && t.taskType != "SUB_PROCESS")
        out.push_back(t.name);
    return out;
  }

  boost::asio::io_context io;
  InMemoryRunStore store;
  FakeDispatcher dispatcher;
  ManualClock clock;
  RecordingObserver observer;
  std::unique_ptr<Engine> engine;
};

inline std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace porpoise::engine::testing
