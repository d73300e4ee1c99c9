// Engine: forbidden tasks, failure strategies CONTINUE and END, force success.
#include "engine_harness.h"

namespace porpoise::engine::testing {
namespace {

TEST(EngineForbidden, ForbiddenTaskIsPassedThrough) {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "off").flag = model::Flag::NO;
  b.task(3, "c");
  b.edge(1, 2).edge(2, 3);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.succeed(wf, "a");
  EXPECT_EQ(h.dispatcher.names(), (std::vector<std::string>{"a", "c"}));
  EXPECT_TRUE(h.attempts(wf, "off").empty());
  h.succeed(wf, "c");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineForbidden, ForbiddenRootLetsItsSuccessorsStart) {
  DagBuilder b;
  b.task(1, "off").flag = model::Flag::NO;
  b.task(2, "c");
  b.edge(1, 2);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  EXPECT_EQ(h.dispatcher.names(), (std::vector<std::string>{"c"}));
  h.succeed(wf, "c");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineForbidden, VarPoolPassesThroughAForbiddenTask) {
  DagBuilder b;
  b.task(1, "a").taskParams["localParams"] =
      nlohmann::json::array({{{"prop", "v"}, {"direct", "OUT"}, {"type", "VARCHAR"}, {"value", ""}}});
  b.task(2, "off").flag = model::Flag::NO;
  b.task(3, "c");
  b.edge(1, 2).edge(2, 3);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.succeed(wf, "a", {{"v", "through"}});
  EXPECT_EQ(h.dispatcher.last("c").params.at("v"), "through");
}

TEST(EngineForbidden, FailureUpstreamOfAForbiddenTaskStillBlocksItsSuccessor) {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "off").flag = model::Flag::NO;
  b.task(3, "c");
  b.edge(1, 2).edge(2, 3);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.fail(wf, "a");
  EXPECT_EQ(h.taskState(wf, "c"), "-");
  EXPECT_EQ(h.state(wf), "FAILURE");
}

model::DagData twoBranches() {
  // a -> b ; x -> y  (independent branches)
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "b");
  b.task(3, "x");
  b.task(4, "y");
  b.edge(1, 2).edge(3, 4);
  return b.build();
}

TEST(EngineFailureStrategy, ContinueRunsIndependentBranchesThenFails) {
  EngineHarness h;
  StartRequest r;
  r.failureStrategy = model::FailureStrategy::CONTINUE;
  int64_t wf = h.start(twoBranches(), r);
  h.fail(wf, "a");
  EXPECT_EQ(h.taskState(wf, "b"), "-");
  EXPECT_EQ(h.state(wf), "RUNNING_EXECUTION");
  h.succeed(wf, "x");
  EXPECT_EQ(h.taskState(wf, "y"), "DISPATCH");
  h.succeed(wf, "y");
  EXPECT_EQ(h.state(wf), "FAILURE");
  EXPECT_TRUE(h.dispatcher.kills.empty());
}

TEST(EngineFailureStrategy, EndKillsRunningTasksAndSubmitsNothingMore) {
  EngineHarness h;
  StartRequest r;
  r.failureStrategy = model::FailureStrategy::END;
  int64_t wf = h.start(twoBranches(), r);
  h.started(wf, "x");
  h.fail(wf, "a");
  ASSERT_EQ(h.dispatcher.kills.size(), 1u);
  EXPECT_EQ(h.dispatcher.kills[0], h.task(wf, "x").id);
  EXPECT_EQ(h.state(wf), "RUNNING_EXECUTION");  // until the worker confirms the kill
  EXPECT_EQ(h.taskState(wf, "x"), "RUNNING_EXECUTION");
  h.finish(h.task(wf, "x").id, TaskState::KILL);
  EXPECT_EQ(h.taskState(wf, "x"), "KILL");
  EXPECT_EQ(h.taskState(wf, "y"), "-");
  EXPECT_EQ(h.taskState(wf, "b"), "-");
  EXPECT_EQ(h.state(wf), "FAILURE");
}

TEST(EngineFailureStrategy, EndKeepsATaskThatSucceededBeforeTheKillLanded) {
  EngineHarness h;
  StartRequest r;
  r.failureStrategy = model::FailureStrategy::END;
  int64_t wf = h.start(twoBranches(), r);
  h.fail(wf, "a");
  h.finish(h.task(wf, "x").id, TaskState::SUCCESS);
  EXPECT_EQ(h.taskState(wf, "x"), "SUCCESS");
  EXPECT_EQ(h.taskState(wf, "y"), "-");
  EXPECT_EQ(h.state(wf), "FAILURE");
}

TEST(EngineFailureStrategy, EndKillsADelayedTaskAtOnce) {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "late").delayTime = 5;
  EngineHarness h;
  StartRequest r;
  r.failureStrategy = model::FailureStrategy::END;
  int64_t wf = h.start(b.build(), r);
  h.fail(wf, "a");
  EXPECT_EQ(h.taskState(wf, "late"), "KILL");
  EXPECT_TRUE(h.dispatcher.kills.empty());
  EXPECT_EQ(h.state(wf), "FAILURE");
  h.advance(10min);
  EXPECT_EQ(h.dispatcher.count("late"), 0);
}

TEST(EngineFailureStrategy, EndAppliesOnlyAfterRetries) {
  DagBuilder b;
  b.task(1, "a").failRetryTimes = 1;
  b.task(2, "x");
  EngineHarness h;
  StartRequest r;
  r.failureStrategy = model::FailureStrategy::END;
  int64_t wf = h.start(b.build(), r);
  h.fail(wf, "a");
  EXPECT_TRUE(h.dispatcher.kills.empty());
  h.succeed(wf, "a");
  h.succeed(wf, "x");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineForceSuccess, FinishedInstanceBecomesSuccessWhenItWasTheOnlyFailure) {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "b");
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.succeed(wf, "b");
  h.fail(wf, "a");
  EXPECT_EQ(h.state(wf), "FAILURE");
  h.wait(h.engine->forceSuccess(h.task(wf, "a").id));
  EXPECT_EQ(h.taskState(wf, "a"), "FORCED_SUCCESS");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineForceSuccess, FinishedInstanceStaysFailedWhenTasksNeverRan) {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "b");
  b.edge(1, 2);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.fail(wf, "a");
  h.wait(h.engine->forceSuccess(h.task(wf, "a").id));
  EXPECT_EQ(h.taskState(wf, "a"), "FORCED_SUCCESS");
  EXPECT_EQ(h.state(wf), "FAILURE");  // b never ran: recover the failure to run it
}

TEST(EngineForceSuccess, PendingRetryIsDroppedAndSuccessorsRun) {
  DagBuilder b;
  auto& a = b.task(1, "a");
  a.failRetryTimes = 3;
  a.failRetryInterval = 10;
  b.task(2, "b");
  b.edge(1, 2);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.fail(wf, "a");
  h.wait(h.engine->forceSuccess(h.task(wf, "a").id));
  EXPECT_EQ(h.taskState(wf, "b"), "DISPATCH");
  h.advance(30min);
  EXPECT_EQ(h.attempts(wf, "a").size(), 1u);
  h.succeed(wf, "b");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineForceSuccess, RunningInstanceReopensTasksBlockedByTheFailure) {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "b");
  b.task(3, "c");
  b.task(4, "x");
  b.edge(1, 2).edge(2, 3);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.fail(wf, "a");
  EXPECT_EQ(h.state(wf), "RUNNING_EXECUTION");  // x still runs
  h.wait(h.engine->forceSuccess(h.task(wf, "a").id));
  EXPECT_EQ(h.taskState(wf, "b"), "DISPATCH");
  h.succeed(wf, "b");
  h.succeed(wf, "c");
  h.succeed(wf, "x");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineForceSuccess, RejectsWrongStatesAndUnknownIds) {
  DagBuilder b;
  b.task(1, "a");
  EngineHarness h;
  int64_t wf = h.start(b.build());
  try {
    h.wait(h.engine->forceSuccess(h.task(wf, "a").id));
    FAIL();
  } catch (const EngineError& e) {
    EXPECT_EQ(e.status(), EngineError::kTaskInstanceStateError);
  }
  try {
    h.wait(h.engine->forceSuccess(999));
    FAIL();
  } catch (const EngineError& e) {
    EXPECT_EQ(e.status(), EngineError::kTaskInstanceNotFound);
  }
  h.succeed(wf, "a");
  EXPECT_THROW(h.wait(h.engine->forceSuccess(h.task(wf, "a").id)), EngineError);
}

}  // namespace
}  // namespace porpoise::engine::testing
