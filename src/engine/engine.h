// The DAG master: one event loop that owns every running workflow instance (DESIGN.md "engine").
//
// Contract:
//  - All run state lives on the io_context given to the constructor, which the server runs on exactly one
//    thread (tests may drive it by hand with poll()). The public methods are thread-safe: they post to
//    that loop and return at once; commands answer through a future (an EngineError with a
//    DolphinScheduler status code when rejected).
//  - Each event (a command, a worker report, a timer) is handled in one RunStore::transaction; the
//    dispatches, kills and notifications it causes happen only after that transaction returned
//    ("persist, then act"). Nothing polls: timers and events drive everything.
//  - recover() must be the first call after construction when the store may hold unfinished instances:
//    it rebuilds them (crash recovery, spec ds-tasks.md §6.19 done right): tasks still running are
//    adopted through the dispatcher, lost ones are rerun once, SUBMITTED ones are submitted, stopping and
//    pausing instances finish their transition, serial queues are restored.
//  - Execution types of the definition apply to new instances: SERIAL_WAIT queues (state SERIAL_WAIT)
//    until no other instance of the same workflow runs; SERIAL_DISCARD ends a new instance as STOP when
//    one runs; SERIAL_PRIORITY stops the running ones and queues the new one until they have ended.
//    Revived instances (rerun, resume, recover) wait behind running ones for any serial type.
//  - Destroy the Engine on the loop thread or after the io_context stopped; handlers it posted that run
//    later do nothing (its futures then report a broken promise). Running tasks are not touched, so a
//    new Engine can recover() them.
//  - A serial backfill (StartRequest::complementDates) starts its next date when an instance ends SUCCESS.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <deque>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>

#include "engine/engine_error.h"
#include "engine/runner_host.h"
#include "engine/start_request.h"
#include "engine/workflow_runner.h"

namespace porpoise::engine {

class Engine : private RunnerHost {
 public:
  Engine(boost::asio::io_context& io, RunStore& store, TaskDispatcher& dispatcher, EngineClock& clock,
         RunObserver* observer = nullptr, EngineOptions options = {});
  ~Engine() override;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Start-up: rebuild unfinished instances from the store.
  std::future<void> recover();

  // A new instance of a workflow definition (already checked ONLINE by the caller). Gives its id.
  // Errors: 50003 definition version not found, 10001 bad start nodes or parameters, 50019 cycle.
  std::future<int64_t> start(StartRequest request);

  // executors/execute: STOP, PAUSE, RECOVER_SUSPENDED_PROCESS, REPEAT_RUNNING, START_FAILURE_TASK_PROCESS.
  // Errors: 50001 unknown instance, 50005 already stopping/pausing, 50006 state does not allow it.
  std::future<void> execute(int64_t workflowInstanceId, model::ExecuteType action);

  // task-instances/{id}/force-success. Errors: 10008 unknown task instance, 10166 state does not allow it.
  std::future<void> forceSuccess(int64_t taskInstanceId);

  // Reports from the worker (any thread).
  void onTaskStarted(int64_t taskInstanceId, int pid, std::string host);
  void onTaskFinished(TaskResult result);
  void onTaskTimeoutWarning(int64_t taskInstanceId);

  // Loop thread only (diagnostics, tests): instances the engine currently runs or queues.
  size_t activeInstanceCount() const { return runners_.size(); }
  bool isActive(int64_t workflowInstanceId) const { return runners_.count(workflowInstanceId) > 0; }

 private:
  // RunnerHost
  RunnerServices& services() override { return services_; }
  void defer(std::function<void()> effect) override { effects_.push_back(std::move(effect)); }
  void post(std::function<void()> event) override { queue_.push_back({std::move(event), {}}); }
  void trackTask(int64_t taskInstanceId, int64_t workflowInstanceId) override;
  void untrackTask(int64_t taskInstanceId) override;
  EngineClock::TimerId scheduleFor(int64_t workflowInstanceId, std::chrono::milliseconds delay,
                                   std::function<void(WorkflowRunner&)> fn) override;
  void watchDependents(int64_t workflowInstanceId, bool waiting) override;
  void runnerFinished(int64_t workflowInstanceId) override;
  void startSubWorkflow(SubWorkflowStart request) override;
  void controlSubWorkflow(int64_t parentTaskInstanceId, model::ExecuteType action) override;

  // Runs `work` as one event (and then every event it posted), each in its own transaction. If the
  // transaction fails, its actions are dropped and onError (if any) is told why.
  struct Event {
    std::function<void()> work;
    std::function<void(std::exception_ptr)> onError;
  };
  void process(std::function<void()> work, std::function<void(std::exception_ptr)> onError = {});
  template <typename T, typename F>
  std::future<T> command(F&& body);

  void dropUnpersistedRunners();
  WorkflowRunner* find(int64_t workflowInstanceId);
  WorkflowRunner& adopt(std::unique_ptr<WorkflowRunner> runner);
  void startOrQueue(WorkflowRunner& runner, bool isNew);
  void startNextSerial(int64_t workflowCode);
  int64_t doStart(StartRequest request);
  void doExecute(int64_t workflowInstanceId, model::ExecuteType action);
  void revive(model::WorkflowInstance instance, model::CommandType how);
  void doForceSuccess(int64_t taskInstanceId);
  void doRecover();
  void afterFinish(int64_t workflowInstanceId);
  void doStartSubWorkflow(const SubWorkflowStart& request);
  void startNextComplement(const model::WorkflowInstance& finished);

  boost::asio::io_context& io_;
  RunObserver ownObserver_;  // used when none is given
  EngineOptions options_;
  RunnerServices services_;
  std::map<int64_t, std::unique_ptr<WorkflowRunner>> runners_;
  std::unordered_map<int64_t, int64_t> taskOwner_;          // task instance id -> workflow instance id
  std::unordered_map<int64_t, int64_t> childByParentTask_;  // SUB_PROCESS task instance id -> child id
  std::map<int64_t, std::set<int64_t>> byDefinition_;       // workflow code -> active instance ids
  std::map<int64_t, std::deque<int64_t>> serialQueue_;      // workflow code -> waiting instance ids
  std::set<int64_t> dependentWatchers_;
  std::vector<std::function<void()>> effects_;
  std::deque<Event> queue_;
  bool processing_ = false;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);  // handlers still queued after destruction do nothing
};

}  // namespace porpoise::engine
