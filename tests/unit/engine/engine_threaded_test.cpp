// Engine on a real loop thread with the real Asio clock: commands from other threads, a dispatcher that
// completes tasks from its own thread, and a layered DAG of 1,000 tasks run to the end.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "dag_builder.h"
#include "engine/asio_engine_clock.h"
#include "engine/engine.h"
#include "in_memory_run_store.h"

namespace porpoise::engine::testing {
namespace {

using namespace std::chrono_literals;

TEST(AsioEngineClock, FiresTimersInOrderAndHonoursCancel) {
  boost::asio::io_context io;
  AsioEngineClock clock(io);
  std::vector<int> fired;
  clock.schedule(20ms, [&] { fired.push_back(2); });
  auto cancelled = clock.schedule(10ms, [&] { fired.push_back(99); });
  clock.schedule(5ms, [&] { fired.push_back(1); });
  clock.cancel(cancelled);
  clock.cancel(12345);  // unknown: nothing happens
  io.run_for(500ms);
  EXPECT_EQ(fired, (std::vector<int>{1, 2}));
}

// Completes every dispatched task from a thread of its own, the way the worker pool reports.
class ThreadedDispatcher : public TaskDispatcher {
 public:
  ~ThreadedDispatcher() override {
    for (auto& t : threads_) t.join();
  }
  TaskPaths pathsFor(const model::WorkflowInstance&, const model::TaskInstance& t) override {
    return {"/tmp/x/" + std::to_string(t.id), "/tmp/x/" + std::to_string(t.id) + ".log"};
  }
  void dispatch(const DispatchRequest& request) override {
    int64_t id = request.task.id;
    threads_.emplace_back([this, id] {
      engine->onTaskStarted(id, 1, "w");
      TaskResult r;
      r.taskInstanceId = id;
      r.state = model::TaskState::SUCCESS;
      engine->onTaskFinished(r);
    });
  }
  void kill(int64_t) override {}
  void adopt(const model::WorkflowInstance&, const model::TaskInstance&, const model::TaskDefinition&) override {}

  Engine* engine = nullptr;

 private:
  std::vector<std::thread> threads_;
};

class DoneObserver : public RunObserver {
 public:
  void workflowFinished(const model::WorkflowInstance& instance) override {
    std::lock_guard lock(mu);
    finished.push_back(instance);
    cv.notify_all();
  }
  bool waitFor(size_t n, std::chrono::seconds limit) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, limit, [&] { return finished.size() >= n; });
  }
  std::mutex mu;
  std::condition_variable cv;
  std::vector<model::WorkflowInstance> finished;
};

TEST(EngineThreaded, LayeredDagOfAThousandTasksRunsToSuccess) {
  DagBuilder b;
  const int layers = 10, width = 100;
  for (int l = 0; l < layers; ++l)
    for (int w = 0; w < width; ++w) {
      int64_t code = 1 + l * width + w;
      b.task(code, "t" + std::to_string(code));
      if (l > 0) {
        b.edge(code - width, code);
        b.edge(1 + (l - 1) * width + (w + 1) % width, code);
      }
    }
  InMemoryRunStore store;
  store.addWorkflow(b.build());
  boost::asio::io_context io;
  auto guard = boost::asio::make_work_guard(io);
  AsioEngineClock clock(io);
  ThreadedDispatcher dispatcher;
  DoneObserver observer;
  Engine engine(io, store, dispatcher, clock, &observer);
  dispatcher.engine = &engine;
  std::thread loop([&] { io.run(); });

  StartRequest r;
  r.workflowCode = b.build().workflow.code;
  int64_t id = engine.start(r).get();
  ASSERT_TRUE(observer.waitFor(1, 60s));
  EXPECT_EQ(observer.finished[0].id, id);
  EXPECT_EQ(observer.finished[0].state, model::WorkflowState::SUCCESS);
  size_t succeeded = 0;
  for (const auto& t : store.allTaskInstances()) succeeded += t.state == model::TaskState::SUCCESS;
  EXPECT_EQ(succeeded, static_cast<size_t>(layers * width));

  std::promise<size_t> active;
  boost::asio::post(io, [&] { active.set_value(engine.activeInstanceCount()); });
  EXPECT_EQ(active.get_future().get(), 0u);
  guard.reset();
  io.stop();
  loop.join();
}

}  // namespace
}  // namespace porpoise::engine::testing
