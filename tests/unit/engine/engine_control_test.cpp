// Engine: stop, pause, resume, rerun, recover from failure, serial execution types, serial backfill.
#include "engine_harness.h"
#include "params/var_pool.h"

namespace porpoise::engine::testing {
namespace {

using model::ExecuteType;

model::DagData chain2() {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "b");
  b.edge(1, 2);
  return b.build();
}

int statusOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const EngineError& e) {
    return e.status();
  }
  return 0;
}

TEST(EngineStop, StopKillsRunningTasksAndEndsAsStop) {
  EngineHarness h;
  int64_t wf = h.start(chain2());
  h.started(wf, "a");
  h.execute(wf, ExecuteType::STOP);
  EXPECT_EQ(h.state(wf), "READY_STOP");
  ASSERT_EQ(h.dispatcher.kills.size(), 1u);
  EXPECT_EQ(statusOf([&] { h.execute(wf, ExecuteType::STOP); }), EngineError::kInstanceAlreadyChanged);
  h.finish(h.task(wf, "a").id, TaskState::KILL);
  EXPECT_EQ(h.taskState(wf, "a"), "KILL");
  EXPECT_EQ(h.taskState(wf, "b"), "-");
  EXPECT_EQ(h.state(wf), "STOP");
  EXPECT_EQ(statusOf([&] { h.execute(wf, ExecuteType::STOP); }), EngineError::kInstanceStateError);
}

TEST(EngineStop, StopSuppressesRetries) {
  DagBuilder b;
  auto& a = b.task(1, "a");
  a.failRetryTimes = 2;
  a.failRetryInterval = 5;
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.fail(wf, "a");
  h.execute(wf, ExecuteType::STOP);
  EXPECT_EQ(h.state(wf), "STOP");
  h.advance(10min);
  EXPECT_EQ(h.attempts(wf, "a").size(), 1u);
}

TEST(EnginePause, PauseLetsRunningTasksFinishAndHoldsTheRest) {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "b");
  b.task(3, "late").delayTime = 10;
  b.edge(1, 2);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.execute(wf, ExecuteType::PAUSE);
  EXPECT_EQ(h.state(wf), "READY_PAUSE");
  EXPECT_EQ(h.taskState(wf, "late"), "PAUSE");
  EXPECT_TRUE(h.dispatcher.kills.empty());
  EXPECT_EQ(statusOf([&] { h.execute(wf, ExecuteType::PAUSE); }), EngineError::kInstanceAlreadyChanged);
  h.succeed(wf, "a");
  EXPECT_EQ(h.taskState(wf, "b"), "PAUSE");
  EXPECT_EQ(h.dispatcher.count("b"), 0);
  EXPECT_EQ(h.state(wf), "PAUSE");

  h.execute(wf, ExecuteType::RECOVER_SUSPENDED_PROCESS);
  EXPECT_EQ(h.state(wf), "RUNNING_EXECUTION");
  EXPECT_EQ(h.instance(wf).runTimes, 2);
  EXPECT_EQ(h.dispatcher.count("a"), 1);  // completed tasks are not repeated
  EXPECT_EQ(h.taskState(wf, "b"), "DISPATCH");
  EXPECT_EQ(h.attempts(wf, "b").size(), 2u);
  EXPECT_EQ(h.taskState(wf, "late"), "DELAY_EXECUTION");  // its delay counts from the first submit
  h.advance(10min);
  h.succeed(wf, "b");
  h.succeed(wf, "late");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EnginePause, PendingRetryBecomesAPausedAttempt) {
  DagBuilder b;
  auto& a = b.task(1, "a");
  a.failRetryTimes = 1;
  a.failRetryInterval = 5;
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.fail(wf, "a");
  h.execute(wf, ExecuteType::PAUSE);
  EXPECT_EQ(h.taskState(wf, "a"), "PAUSE");
  EXPECT_EQ(h.state(wf), "PAUSE");
  h.execute(wf, ExecuteType::RECOVER_SUSPENDED_PROCESS);
  EXPECT_EQ(h.dispatcher.count("a"), 2);
  EXPECT_EQ(h.task(wf, "a").retryTimes, 1);
  h.succeed(wf, "a");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineResume, ResumeAfterStopRerunsKilledTasks) {
  EngineHarness h;
  int64_t wf = h.start(chain2());
  h.execute(wf, ExecuteType::STOP);
  h.finish(h.task(wf, "a").id, TaskState::KILL);
  ASSERT_EQ(h.state(wf), "STOP");
  h.execute(wf, ExecuteType::RECOVER_SUSPENDED_PROCESS);
  EXPECT_EQ(h.dispatcher.count("a"), 2);
  EXPECT_EQ(h.attempts(wf, "a").size(), 2u);
  h.succeed(wf, "a");
  h.succeed(wf, "b");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineCommands, StateChecksAndUnknownInstances) {
  EngineHarness h;
  int64_t wf = h.start(chain2());
  EXPECT_EQ(statusOf([&] { h.execute(wf, ExecuteType::RECOVER_SUSPENDED_PROCESS); }), EngineError::kInstanceStateError);
  EXPECT_EQ(statusOf([&] { h.execute(wf, ExecuteType::REPEAT_RUNNING); }), EngineError::kInstanceStateError);
  EXPECT_EQ(statusOf([&] { h.execute(wf, ExecuteType::START_FAILURE_TASK_PROCESS); }),
            EngineError::kInstanceStateError);
  EXPECT_EQ(statusOf([&] { h.execute(777, ExecuteType::STOP); }), EngineError::kWorkflowInstanceNotFound);
  EXPECT_EQ(statusOf([&] { h.execute(wf, ExecuteType::NONE); }), EngineError::kRequestParamsNotValid);
  h.succeed(wf, "a");
  h.succeed(wf, "b");
  EXPECT_EQ(statusOf([&] { h.execute(wf, ExecuteType::PAUSE); }), EngineError::kInstanceStateError);
  EXPECT_EQ(statusOf([&] { h.execute(wf, ExecuteType::START_FAILURE_TASK_PROCESS); }),
            EngineError::kInstanceStateError);
}

TEST(EngineRerun, RepeatRunningRunsEverythingAgain) {
  DagBuilder b;
  b.workflow().globalParams = R"([{"prop":"p","direct":"IN","type":"VARCHAR","value":"default"}])";
  b.task(1, "a").taskParams["localParams"] =
      nlohmann::json::array({{{"prop", "o"}, {"direct", "OUT"}, {"type", "VARCHAR"}, {"value", ""}}});
  b.task(2, "b");
  b.edge(1, 2);
  EngineHarness h;
  StartRequest r;
  r.startParams = {{"p", "given"}};
  int64_t wf = h.start(b.build(), r);
  h.succeed(wf, "a", {{"o", "1"}});
  h.succeed(wf, "b");
  ASSERT_EQ(h.state(wf), "SUCCESS");
  int64_t firstA = h.task(wf, "a").id;

  h.execute(wf, ExecuteType::REPEAT_RUNNING);
  EXPECT_EQ(h.state(wf), "RUNNING_EXECUTION");
  EXPECT_EQ(h.instance(wf).runTimes, 2);
  EXPECT_EQ(h.instance(wf).commandType, model::CommandType::REPEAT_RUNNING);
  EXPECT_EQ(h.instance(wf).varPool, "[]");
  EXPECT_EQ(h.store.findTaskInstance(firstA)->flag, model::Flag::NO);
  EXPECT_EQ(h.dispatcher.last("a").params.at("p"), "given");
  EXPECT_EQ(h.taskState(wf, "b"), "-");
  h.succeed(wf, "a", {{"o", "2"}});
  EXPECT_EQ(h.dispatcher.last("b").params.at("o"), "2");
  h.succeed(wf, "b");
  EXPECT_EQ(h.state(wf), "SUCCESS");
  EXPECT_EQ(h.attempts(wf, "a").size(), 2u);
}

TEST(EngineRecoverFailure, RerunsFailedTasksAndWhatFollowsKeepingSuccesses) {
  // a -> b -> c ; x
  DagBuilder b;
  b.task(1, "a").taskParams["localParams"] =
      nlohmann::json::array({{{"prop", "from_a"}, {"direct", "OUT"}, {"type", "VARCHAR"}, {"value", ""}}});
  b.task(2, "b");
  b.task(3, "c");
  b.task(4, "x");
  b.edge(1, 2).edge(2, 3);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.succeed(wf, "x");
  h.succeed(wf, "a", {{"from_a", "kept"}});
  h.fail(wf, "b");
  ASSERT_EQ(h.state(wf), "FAILURE");

  h.execute(wf, ExecuteType::START_FAILURE_TASK_PROCESS);
  EXPECT_EQ(h.state(wf), "RUNNING_EXECUTION");
  EXPECT_EQ(h.dispatcher.count("a"), 1);
  EXPECT_EQ(h.dispatcher.count("x"), 1);
  EXPECT_EQ(h.dispatcher.count("b"), 2);
  EXPECT_EQ(h.dispatcher.last("b").params.at("from_a"), "kept");
  h.succeed(wf, "b");
  h.succeed(wf, "c");
  EXPECT_EQ(h.state(wf), "SUCCESS");
  EXPECT_EQ(h.taskState(wf, "a"), "SUCCESS");
}

TEST(EngineRecoverFailure, KilledTasksUnderEndAreRerunToo) {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "x");
  b.task(3, "y");
  b.edge(2, 3);
  EngineHarness h;
  StartRequest r;
  r.failureStrategy = model::FailureStrategy::END;
  int64_t wf = h.start(b.build(), r);
  h.fail(wf, "a");
  h.finish(h.task(wf, "x").id, TaskState::KILL);
  ASSERT_EQ(h.state(wf), "FAILURE");
  h.execute(wf, ExecuteType::START_FAILURE_TASK_PROCESS);
  EXPECT_EQ(sorted(h.running(wf)), (std::vector<std::string>{"a", "x"}));
  h.succeed(wf, "a");
  h.succeed(wf, "x");
  h.succeed(wf, "y");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

model::DagData serial(model::ExecutionType type) {
  DagBuilder b(500, "serial");
  b.workflow().executionType = type;
  b.task(1, "only");
  return b.build();
}

TEST(EngineSerial, ParallelInstancesRunTogether) {
  EngineHarness h;
  int64_t one = h.start(serial(model::ExecutionType::PARALLEL));
  int64_t two = h.start(serial(model::ExecutionType::PARALLEL));
  EXPECT_EQ(h.state(one), "RUNNING_EXECUTION");
  EXPECT_EQ(h.state(two), "RUNNING_EXECUTION");
}

TEST(EngineSerial, SerialWaitQueuesUntilThePreviousEnds) {
  EngineHarness h;
  auto data = serial(model::ExecutionType::SERIAL_WAIT);
  int64_t one = h.start(data);
  int64_t two = h.start(data);
  int64_t three = h.start(data);
  EXPECT_EQ(h.state(two), "SERIAL_WAIT");
  EXPECT_EQ(h.state(three), "SERIAL_WAIT");
  EXPECT_EQ(h.dispatcher.count("only"), 1);
  h.succeed(one, "only");
  EXPECT_EQ(h.state(two), "RUNNING_EXECUTION");
  EXPECT_EQ(h.state(three), "SERIAL_WAIT");
  h.fail(two, "only");
  EXPECT_EQ(h.state(three), "RUNNING_EXECUTION");
  h.succeed(three, "only");
  EXPECT_EQ(h.engine->activeInstanceCount(), 0u);
}

TEST(EngineSerial, WaitingInstanceCanBeStopped) {
  EngineHarness h;
  auto data = serial(model::ExecutionType::SERIAL_WAIT);
  int64_t one = h.start(data);
  int64_t two = h.start(data);
  h.execute(two, ExecuteType::STOP);
  EXPECT_EQ(h.state(two), "STOP");
  h.succeed(one, "only");
  EXPECT_EQ(h.state(two), "STOP");
  EXPECT_EQ(h.dispatcher.count("only"), 1);
}

TEST(EngineSerial, SerialDiscardStopsTheNewInstance) {
  EngineHarness h;
  auto data = serial(model::ExecutionType::SERIAL_DISCARD);
  int64_t one = h.start(data);
  int64_t two = h.start(data);
  EXPECT_EQ(h.state(one), "RUNNING_EXECUTION");
  EXPECT_EQ(h.state(two), "STOP");
  EXPECT_TRUE(h.store.taskInstancesOf(two).empty());
}

TEST(EngineSerial, SerialPriorityStopsTheRunningInstance) {
  EngineHarness h;
  auto data = serial(model::ExecutionType::SERIAL_PRIORITY);
  int64_t one = h.start(data);
  int64_t two = h.start(data);
  EXPECT_EQ(h.state(one), "READY_STOP");
  EXPECT_EQ(h.state(two), "SERIAL_WAIT");
  h.finish(h.task(one, "only").id, TaskState::KILL);
  EXPECT_EQ(h.state(one), "STOP");
  EXPECT_EQ(h.state(two), "RUNNING_EXECUTION");
}

TEST(EngineBackfill, SerialBackfillRunsOneDateAfterAnother) {
  DagBuilder b;
  b.task(1, "a");
  EngineHarness h;
  StartRequest r;
  r.timezone = "UTC";
  for (auto d : {"2024-01-01 00:00:00", "2024-01-02 00:00:00", "2024-01-03 00:00:00"})
    r.complementDates.push_back(*util::parseDateTime(d, "UTC"));
  int64_t first = h.start(b.build(), r);
  EXPECT_EQ(h.instance(first).commandType, model::CommandType::COMPLEMENT_DATA);
  EXPECT_EQ(h.dispatcher.last("a").params.at("system.biz.curdate"), "20240101");
  h.succeed(first, "a");
  auto all = h.store.allWorkflowInstances();
  ASSERT_EQ(all.size(), 2u);
  int64_t second = all[1].id;
  EXPECT_EQ(h.dispatcher.last("a").params.at("system.biz.curdate"), "20240102");
  h.fail(second, "a");
  EXPECT_EQ(h.store.allWorkflowInstances().size(), 2u);  // a failure ends the chain
}

}  // namespace
}  // namespace porpoise::engine::testing
