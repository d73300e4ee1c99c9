// Engine: the event loop, routing of worker reports, commands on instances, serial execution types,
// sub-workflow plumbing and start-up recovery.
#include "engine/engine.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

#include "engine/instance_factory.h"
#include "engine/start_nodes.h"
#include "engine/state_history.h"

namespace porpoise::engine {

using model::CommandType;
using model::ExecuteType;
using model::WorkflowState;

Engine::Engine(boost::asio::io_context& io, RunStore& store, TaskDispatcher& dispatcher, EngineClock& clock,
               RunObserver* observer, EngineOptions options)
    : io_(io),
      options_(std::move(options)),
      services_{store, dispatcher, clock, observer ? *observer : ownObserver_, options_} {}

Engine::~Engine() { runners_.clear(); }

// ---------------------------------------------------------------------------------------------------
// The loop.

void Engine::process(std::function<void()> work, std::function<void(std::exception_ptr)> onError) {
  queue_.push_back({std::move(work), std::move(onError)});
  if (processing_) return;
  processing_ = true;
  while (!queue_.empty()) {
    auto event = std::move(queue_.front());
    queue_.pop_front();
    try {
      services_.store.transaction(event.work);
    } catch (const std::exception& e) {
      spdlog::error("engine: an event could not be persisted, its actions are dropped: {}", e.what());
      effects_.clear();
      dropUnpersistedRunners();
      if (event.onError) event.onError(std::current_exception());
    }
    auto effects = std::move(effects_);
    effects_.clear();
    for (auto& effect : effects) {
      try {
        effect();
      } catch (const std::exception& e) {
        spdlog::error("engine: an action failed: {}", e.what());
      }
    }
  }
  processing_ = false;
}

// After a failed transaction: instances whose row was never committed must not live on in memory.
void Engine::dropUnpersistedRunners() {
  for (auto it = runners_.begin(); it != runners_.end();) {
    bool stored = false;
    try {
      stored = services_.store.findWorkflowInstance(it->first).has_value();
    } catch (const std::exception&) {
      stored = true;  // cannot tell; keep it
    }
    if (stored) {
      ++it;
      continue;
    }
    const auto& instance = it->second->instance();
    byDefinition_[instance.processDefinitionCode].erase(instance.id);
    dependentWatchers_.erase(instance.id);
    it = runners_.erase(it);
  }
}

template <typename T, typename F>
std::future<T> Engine::command(F&& body) {
  auto promise = std::make_shared<std::promise<T>>();
  auto future = promise->get_future();
  boost::asio::post(io_, [this, alive = std::weak_ptr<int>(alive_), promise, body = std::forward<F>(body)]() mutable {
    if (alive.expired()) return;  // the engine is gone: the promise breaks
    process(
        [this, promise, body = std::move(body)]() mutable {
          try {
            if constexpr (std::is_void_v<T>) {
              body();
              defer([promise] { promise->set_value(); });
            } else {
              T value = body();
              defer([promise, value] { promise->set_value(value); });
            }
          } catch (const EngineError& e) {
            spdlog::info("engine: command rejected ({}): {}", e.status(), e.what());
            promise->set_exception(std::current_exception());  // rejected before anything was written
          }
          // Anything else propagates: the transaction rolls back and onError below answers.
        },
        [promise](std::exception_ptr error) { promise->set_exception(error); });
  });
  return future;
}

std::future<void> Engine::recover() {
  return command<void>([this] { doRecover(); });
}

std::future<int64_t> Engine::start(StartRequest request) {
  return command<int64_t>([this, request = std::move(request)]() mutable { return doStart(std::move(request)); });
}

std::future<void> Engine::execute(int64_t workflowInstanceId, ExecuteType action) {
  return command<void>([this, workflowInstanceId, action] { doExecute(workflowInstanceId, action); });
}

std::future<void> Engine::forceSuccess(int64_t taskInstanceId) {
  return command<void>([this, taskInstanceId] { doForceSuccess(taskInstanceId); });
}

void Engine::onTaskStarted(int64_t taskInstanceId, int pid, std::string host) {
  boost::asio::post(io_, [this, alive = std::weak_ptr<int>(alive_), taskInstanceId, pid, host = std::move(host)] {
    if (alive.expired()) return;
    process([this, taskInstanceId, pid, host] {
      auto owner = taskOwner_.find(taskInstanceId);
      if (owner == taskOwner_.end()) return;
      if (auto* runner = find(owner->second)) runner->taskStarted(taskInstanceId, pid, host);
    });
  });
}

void Engine::onTaskFinished(TaskResult result) {
  boost::asio::post(io_, [this, alive = std::weak_ptr<int>(alive_), result = std::move(result)] {
    if (alive.expired()) return;
    process([this, result] {
      auto owner = taskOwner_.find(result.taskInstanceId);
      if (owner == taskOwner_.end()) {
        spdlog::debug("engine: result for unknown task instance {} ignored", result.taskInstanceId);
        return;
      }
      if (auto* runner = find(owner->second))
        runner->taskFinished(result);
      else
        taskOwner_.erase(owner);
    });
  });
}

void Engine::onTaskTimeoutWarning(int64_t taskInstanceId) {
  boost::asio::post(io_, [this, alive = std::weak_ptr<int>(alive_), taskInstanceId] {
    if (alive.expired()) return;
    process([this, taskInstanceId] {
      auto owner = taskOwner_.find(taskInstanceId);
      if (owner == taskOwner_.end()) return;
      if (auto* runner = find(owner->second)) runner->taskTimeoutWarning(taskInstanceId);
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// RunnerHost.

void Engine::trackTask(int64_t taskInstanceId, int64_t workflowInstanceId) {
  taskOwner_[taskInstanceId] = workflowInstanceId;
}

void Engine::untrackTask(int64_t taskInstanceId) { taskOwner_.erase(taskInstanceId); }

EngineClock::TimerId Engine::scheduleFor(int64_t workflowInstanceId, std::chrono::milliseconds delay,
                                         std::function<void(WorkflowRunner&)> fn) {
  return services_.clock.schedule(delay, [this, workflowInstanceId, fn = std::move(fn)] {
    process([this, workflowInstanceId, fn] {
      if (auto* runner = find(workflowInstanceId)) fn(*runner);
    });
  });
}

void Engine::watchDependents(int64_t workflowInstanceId, bool waiting) {
  if (waiting)
    dependentWatchers_.insert(workflowInstanceId);
  else
    dependentWatchers_.erase(workflowInstanceId);
}

void Engine::runnerFinished(int64_t workflowInstanceId) {
  post([this, workflowInstanceId] { afterFinish(workflowInstanceId); });
}

void Engine::startSubWorkflow(SubWorkflowStart request) {
  post([this, request = std::move(request)] { doStartSubWorkflow(request); });
}

void Engine::controlSubWorkflow(int64_t parentTaskInstanceId, ExecuteType action) {
  post([this, parentTaskInstanceId, action] {
    auto child = childByParentTask_.find(parentTaskInstanceId);
    if (child == childByParentTask_.end()) return;
    WorkflowRunner* runner = find(child->second);
    if (!runner || runner->finished()) return;
    WorkflowState state = runner->instance().state;
    if (action == ExecuteType::STOP && state != WorkflowState::READY_STOP)
      runner->stop();
    else if (action == ExecuteType::PAUSE && state == WorkflowState::RUNNING_EXECUTION)
      runner->pause();
  });
}

// ---------------------------------------------------------------------------------------------------
// Instances.

WorkflowRunner* Engine::find(int64_t workflowInstanceId) {
  auto it = runners_.find(workflowInstanceId);
  return it == runners_.end() ? nullptr : it->second.get();
}

WorkflowRunner& Engine::adopt(std::unique_ptr<WorkflowRunner> runner) {
  const auto& instance = runner->instance();
  byDefinition_[instance.processDefinitionCode].insert(instance.id);
  if (instance.parentTaskInstanceId) childByParentTask_[instance.parentTaskInstanceId] = instance.id;
  auto& slot = runners_[instance.id];
  slot = std::move(runner);
  return *slot;
}

void Engine::startOrQueue(WorkflowRunner& runner, bool isNew) {
  auto type = runner.definition().executionType;
  int64_t code = runner.instance().processDefinitionCode;
  std::vector<WorkflowRunner*> others;
  if (type != model::ExecutionType::PARALLEL)
    for (int64_t id : byDefinition_[code])
      if (id != runner.id())
        if (auto* other = find(id); other && !other->finished()) others.push_back(other);
  if (others.empty()) {
    runner.start();
    return;
  }
  if (type == model::ExecutionType::SERIAL_DISCARD && isNew) {
    runner.stop();  // never started: ends as STOP
    return;
  }
  if (type == model::ExecutionType::SERIAL_PRIORITY && isNew)
    for (auto* other : others)
      if (other->instance().state != WorkflowState::READY_STOP) other->stop();
  runner.waitInSerialQueue();
  serialQueue_[code].push_back(runner.id());
}

void Engine::startNextSerial(int64_t workflowCode) {
  auto queue = serialQueue_.find(workflowCode);
  if (queue == serialQueue_.end()) return;
  for (int64_t id : byDefinition_[workflowCode])
    if (auto* r = find(id); r && r->started() && !r->finished()) return;
  while (!queue->second.empty()) {
    int64_t id = queue->second.front();
    queue->second.pop_front();
    if (auto* r = find(id); r && !r->started() && !r->finished()) {
      r->start();
      return;
    }
  }
  serialQueue_.erase(queue);
}

int64_t Engine::doStart(StartRequest request) {
  auto data = services_.store.loadWorkflow(request.workflowCode, request.workflowVersion);
  if (!data)
    throw EngineError(EngineError::kWorkflowDefinitionNotFound,
                      "process definition " + std::to_string(request.workflowCode) +
                          (request.workflowVersion ? " version " + std::to_string(request.workflowVersion) : "") +
                          " does not exist");
  try {
    selectRunNodes(Dag::build(*data), request.startNodes, request.taskDependType);
  } catch (const DagError& e) {
    throw EngineError(e.kind() == DagError::Kind::Cycle ? EngineError::kDagHasCycle : EngineError::kStartFailed,
                      e.what());
  } catch (const std::invalid_argument& e) {
    throw EngineError(EngineError::kRequestParamsNotValid, e.what());
  }
  if (!request.complementDates.empty()) request.commandType = CommandType::COMPLEMENT_DATA;
  auto instance = makeWorkflowInstance(*data, request, services_.clock.now(), options_.timezone);
  services_.store.insertWorkflowInstance(instance);
  auto& runner = adopt(std::make_unique<WorkflowRunner>(static_cast<RunnerHost&>(*this), instance, *data, false));
  startOrQueue(runner, true);
  return instance.id;
}

void Engine::doRecover() {
  std::vector<WorkflowRunner*> toStart;
  for (auto& instance : services_.store.unfinishedWorkflowInstances()) {
    if (runners_.count(instance.id)) continue;
    auto data = services_.store.loadWorkflow(instance.processDefinitionCode, instance.processDefinitionVersion);
    try {
      if (!data) throw EngineError(EngineError::kWorkflowDefinitionNotFound, "its definition version is missing");
      instance.recovery = model::Flag::YES;
      auto& runner = adopt(std::make_unique<WorkflowRunner>(static_cast<RunnerHost&>(*this), instance, *data, true));
      if (instance.state == WorkflowState::SERIAL_WAIT)
        serialQueue_[instance.processDefinitionCode].push_back(instance.id);
      else
        toStart.push_back(&runner);
    } catch (const EngineError& e) {
      spdlog::error("engine: workflow instance {} cannot be recovered ({}); marking it failed", instance.id, e.what());
      auto now = services_.clock.now();
      instance.state = WorkflowState::FAILURE;
      instance.endTime = now;
      instance.stateHistory =
          appendStateHistory(instance.stateHistory, now, instance.state, std::string("not recoverable: ") + e.what());
      services_.store.updateWorkflowInstance(instance);
    }
  }
  for (auto* runner : toStart) {
    if (runner->instance().state == WorkflowState::SUBMITTED_SUCCESS)
      startOrQueue(*runner, false);
    else
      runner->start();
  }
  std::vector<int64_t> codes;
  for (const auto& [code, queue] : serialQueue_) codes.push_back(code);
  for (int64_t code : codes) startNextSerial(code);
}

void Engine::afterFinish(int64_t workflowInstanceId) {
  auto it = runners_.find(workflowInstanceId);
  if (it == runners_.end()) return;
  std::unique_ptr<WorkflowRunner> runner = std::move(it->second);
  runners_.erase(it);
  model::WorkflowInstance done = runner->instance();
  runner.reset();  // cancels its timers
  byDefinition_[done.processDefinitionCode].erase(done.id);
  if (byDefinition_[done.processDefinitionCode].empty()) byDefinition_.erase(done.processDefinitionCode);
  dependentWatchers_.erase(done.id);
  if (auto child = childByParentTask_.find(done.parentTaskInstanceId);
      child != childByParentTask_.end() && child->second == done.id)
    childByParentTask_.erase(child);

  if (done.parentInstanceId)
    if (auto* parent = find(done.parentInstanceId)) parent->childFinished(done);
  if (done.commandType == CommandType::COMPLEMENT_DATA && done.state == WorkflowState::SUCCESS)
    startNextComplement(done);
  startNextSerial(done.processDefinitionCode);
  std::vector<int64_t> watchers(dependentWatchers_.begin(), dependentWatchers_.end());
  for (int64_t id : watchers)
    if (auto* r = find(id)) r->recheckDependents();
}

}  // namespace porpoise::engine
