// Engine: retries, delays, timeouts (task and workflow).
#include <nlohmann/json.hpp>

#include "engine_harness.h"
#include "params/var_pool.h"

namespace porpoise::engine::testing {
namespace {

TEST(EngineRetry, FailedTaskIsRetriedAfterItsIntervalAsANewAttempt) {
  DagBuilder b;
  auto& t = b.task(1, "flaky");
  t.failRetryTimes = 2;
  t.failRetryInterval = 1;
  EngineHarness h;
  int64_t wf = h.start(b.build());
  int64_t first = h.task(wf, "flaky").id;
  h.fail(wf, "flaky");
  EXPECT_EQ(h.taskState(wf, "flaky"), "FAILURE");  // the failed attempt stays visible until the retry
  EXPECT_EQ(h.state(wf), "RUNNING_EXECUTION");
  h.advance(59s);
  EXPECT_EQ(h.dispatcher.count("flaky"), 1);
  h.advance(1s);
  EXPECT_EQ(h.dispatcher.count("flaky"), 2);
  auto second = h.task(wf, "flaky");
  EXPECT_NE(second.id, first);
  EXPECT_EQ(second.retryTimes, 1);
  EXPECT_EQ(second.maxRetryTimes, 2);
  EXPECT_EQ(h.store.findTaskInstance(first)->flag, model::Flag::NO);
  EXPECT_EQ(second.firstSubmitTime, h.store.findTaskInstance(first)->firstSubmitTime);
  h.fail(wf, "flaky");
  h.advance(60s);
  EXPECT_EQ(h.task(wf, "flaky").retryTimes, 2);
  h.succeed(wf, "flaky");
  EXPECT_EQ(h.state(wf), "SUCCESS");
  EXPECT_EQ(h.attempts(wf, "flaky").size(), 3u);
  EXPECT_NE(h.observer.logOf(first).find("retry 1 of 2"), std::string::npos);
}

TEST(EngineRetry, ExhaustedRetriesFailTheWorkflow) {
  DagBuilder b;
  b.task(1, "bad").failRetryTimes = 1;
  b.task(2, "after");
  b.edge(1, 2);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.fail(wf, "bad");
  h.fail(wf, "bad");  // interval 0: retried at once
  EXPECT_EQ(h.attempts(wf, "bad").size(), 2u);
  EXPECT_EQ(h.taskState(wf, "after"), "-");
  EXPECT_EQ(h.state(wf), "FAILURE");
}

TEST(EngineRetry, RetriesSeeTheUpstreamVarPool) {
  DagBuilder b;
  b.task(1, "producer").taskParams["localParams"] =
      nlohmann::json::array({{{"prop", "token"}, {"direct", "OUT"}, {"type", "VARCHAR"}, {"value", ""}}});
  b.task(2, "consumer").failRetryTimes = 1;
  b.edge(1, 2);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.succeed(wf, "producer", {{"token", "abc"}});
  EXPECT_EQ(h.dispatcher.last("consumer").params.at("token"), "abc");
  h.fail(wf, "consumer");
  ASSERT_EQ(h.dispatcher.count("consumer"), 2);
  EXPECT_EQ(h.dispatcher.last("consumer").params.at("token"), "abc");
  EXPECT_NE(h.task(wf, "consumer").varPool.find("abc"), std::string::npos);
}

TEST(EngineRetry, KilledTaskIsNotRetried) {
  DagBuilder b;
  b.task(1, "a").failRetryTimes = 3;
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.finish(h.task(wf, "a").id, TaskState::KILL);
  EXPECT_EQ(h.attempts(wf, "a").size(), 1u);
  EXPECT_EQ(h.state(wf), "FAILURE");
}

TEST(EngineRetry, LateOrDuplicateResultsAreIgnored) {
  DagBuilder b;
  b.task(1, "a").failRetryTimes = 1;
  EngineHarness h;
  int64_t wf = h.start(b.build());
  int64_t first = h.task(wf, "a").id;
  h.fail(wf, "a");
  h.finish(first, TaskState::SUCCESS);  // stale report for the superseded attempt
  EXPECT_EQ(h.store.findTaskInstance(first)->state, TaskState::FAILURE);
  h.succeed(wf, "a");
  h.finish(h.task(wf, "a").id, TaskState::FAILURE);  // duplicate
  EXPECT_EQ(h.taskState(wf, "a"), "SUCCESS");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineDelay, DelayedTaskWaitsWithoutBeingDispatched) {
  DagBuilder b;
  b.task(1, "late").delayTime = 2;
  EngineHarness h;
  int64_t wf = h.start(b.build());
  EXPECT_EQ(h.taskState(wf, "late"), "DELAY_EXECUTION");
  EXPECT_TRUE(h.dispatcher.dispatched.empty());
  h.advance(119s);
  EXPECT_TRUE(h.dispatcher.dispatched.empty());
  h.advance(1s);
  EXPECT_EQ(h.taskState(wf, "late"), "DISPATCH");
  h.succeed(wf, "late");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineDelay, RetryAfterTheDelayIsNotDelayedAgain) {
  DagBuilder b;
  auto& t = b.task(1, "late");
  t.delayTime = 1;
  t.failRetryTimes = 1;
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.advance(60s);
  h.fail(wf, "late");
  EXPECT_EQ(h.taskState(wf, "late"), "DISPATCH");
  EXPECT_EQ(h.dispatcher.count("late"), 2);
}

TEST(EngineTimeout, WorkerTimeoutFailsTheTaskAndRetriesApply) {
  DagBuilder b;
  auto& t = b.task(1, "slow");
  t.timeoutFlag = model::TimeoutFlag::OPEN;
  t.timeout = 5;
  t.timeoutNotifyStrategy = model::TimeoutStrategy::FAILED;
  t.failRetryTimes = 1;
  EngineHarness h;
  int64_t wf = h.start(b.build());
  int64_t first = h.task(wf, "slow").id;
  h.finish(first, TaskState::KILL, {}, /*timedOut=*/true);
  EXPECT_EQ(h.store.findTaskInstance(first)->state, TaskState::FAILURE);
  EXPECT_NE(h.observer.logOf(first).find("timed out after 5 minute(s)"), std::string::npos);
  EXPECT_EQ(h.dispatcher.count("slow"), 2);
}

TEST(EngineTimeout, TimeoutWarningIsRecorded) {
  DagBuilder b;
  auto& t = b.task(1, "slow");
  t.timeoutFlag = model::TimeoutFlag::OPEN;
  t.timeout = 1;
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.engine->onTaskTimeoutWarning(h.task(wf, "slow").id);
  h.drain();
  ASSERT_EQ(h.observer.warnings.size(), 1u);
  EXPECT_EQ(h.observer.warnings[0].kind, EngineWarning::Kind::TaskTimeout);
  EXPECT_EQ(h.observer.warnings[0].taskInstanceId, h.task(wf, "slow").id);
  EXPECT_EQ(h.taskState(wf, "slow"), "DISPATCH");  // WARN does not stop the task
}

TEST(EngineTimeout, WorkflowTimeoutOnlyWarns) {
  DagBuilder b;
  b.workflow().timeout = 10;
  b.task(1, "a");
  EngineHarness h;
  int64_t wf = h.start(b.build());
  EXPECT_EQ(h.instance(wf).timeout, 10);
  h.advance(9min);
  EXPECT_TRUE(h.observer.warnings.empty());
  h.advance(1min);
  ASSERT_EQ(h.observer.warnings.size(), 1u);
  EXPECT_EQ(h.observer.warnings[0].kind, EngineWarning::Kind::WorkflowTimeout);
  EXPECT_EQ(h.observer.warnings[0].workflowInstanceId, wf);
  EXPECT_EQ(h.state(wf), "RUNNING_EXECUTION");
  h.succeed(wf, "a");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineTimeout, FinishedWorkflowCancelsItsTimeout) {
  DagBuilder b;
  b.workflow().timeout = 10;
  b.task(1, "a");
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.succeed(wf, "a");
  h.advance(20min);
  EXPECT_TRUE(h.observer.warnings.empty());
  EXPECT_EQ(h.clock.pendingTimers(), 0u);
}

}  // namespace
}  // namespace porpoise::engine::testing
