// Engine: crash recovery. The harness's restart() drops the Engine without telling anyone (as a crash
// would) and builds a new one over the same store, which must continue every unfinished instance
// without running any task twice unless its retry policy says so.
#include <nlohmann/json.hpp>

#include "engine_harness.h"

namespace porpoise::engine::testing {
namespace {

using Json = nlohmann::json;
using model::ExecuteType;

model::DagData chain() {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "b");
  b.edge(1, 2);
  return b.build();
}

TEST(EngineRecovery, RunningTaskIsAdoptedNotRerun) {
  EngineHarness h;
  int64_t wf = h.start(chain());
  h.started(wf, "a", 777);
  h.restart();
  ASSERT_EQ(h.dispatcher.adopted.size(), 1u);
  EXPECT_EQ(h.dispatcher.adopted[0].name, "a");
  EXPECT_EQ(h.dispatcher.adopted[0].pid, 777);
  EXPECT_TRUE(h.dispatcher.dispatched.empty());
  EXPECT_EQ(h.instance(wf).recovery, model::Flag::YES);
  h.succeed(wf, "a");
  EXPECT_EQ(h.dispatcher.names(), (std::vector<std::string>{"b"}));
  h.succeed(wf, "b");
  EXPECT_EQ(h.state(wf), "SUCCESS");
  EXPECT_EQ(h.attempts(wf, "a").size(), 1u);
}

TEST(EngineRecovery, DispatchedTaskIsAdoptedToo) {
  EngineHarness h;
  int64_t wf = h.start(chain());
  h.restart();
  ASSERT_EQ(h.dispatcher.adopted.size(), 1u);
  EXPECT_EQ(h.dispatcher.adopted[0].state, TaskState::DISPATCH);
  h.succeed(wf, "a");
  EXPECT_EQ(h.taskState(wf, "b"), "DISPATCH");
}

TEST(EngineRecovery, LostProcessIsFailedOverAndRunOnce) {
  EngineHarness h;
  int64_t wf = h.start(chain());
  h.started(wf, "a");
  int64_t lost = h.task(wf, "a").id;
  h.restart();
  h.finish(lost, TaskState::NEED_FAULT_TOLERANCE, {}, false, "process lost");
  auto history = h.store.findTaskInstance(lost);
  EXPECT_EQ(history->state, TaskState::NEED_FAULT_TOLERANCE);
  EXPECT_EQ(history->flag, model::Flag::NO);
  EXPECT_EQ(h.dispatcher.count("a"), 1);
  EXPECT_EQ(h.task(wf, "a").retryTimes, 0);  // a failover is not a retry
  h.succeed(wf, "a");
  h.succeed(wf, "b");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineRecovery, SubmittedTaskIsSubmittedAgain) {
  EngineHarness h;
  int64_t wf = h.start(chain());
  auto t = h.task(wf, "a");
  t.state = TaskState::SUBMITTED_SUCCESS;  // crashed between creating the row and dispatching it
  h.store.updateTaskInstance(t);
  h.restart();
  EXPECT_TRUE(h.dispatcher.adopted.empty());
  EXPECT_EQ(h.dispatcher.names(), (std::vector<std::string>{"a"}));
  EXPECT_EQ(h.task(wf, "a").id, t.id);
}

TEST(EngineRecovery, DelayContinuesWhereItWas) {
  DagBuilder b;
  b.task(1, "late").delayTime = 5;
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.advance(2min);
  h.restart();
  h.advance(179s);
  EXPECT_TRUE(h.dispatcher.dispatched.empty());
  h.advance(1s);
  EXPECT_EQ(h.dispatcher.names(), (std::vector<std::string>{"late"}));
  EXPECT_EQ(h.taskState(wf, "late"), "DISPATCH");
}

TEST(EngineRecovery, PendingRetryHappensAfterTheRestOfItsInterval) {
  DagBuilder b;
  auto& a = b.task(1, "a");
  a.failRetryTimes = 1;
  a.failRetryInterval = 5;
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.fail(wf, "a");
  h.advance(2min);
  h.restart();
  h.advance(2min);
  EXPECT_TRUE(h.dispatcher.dispatched.empty());
  h.advance(1min);
  EXPECT_EQ(h.dispatcher.count("a"), 1);
  EXPECT_EQ(h.task(wf, "a").retryTimes, 1);
}

TEST(EngineRecovery, StoppingInstanceFinishesItsStop) {
  EngineHarness h;
  int64_t wf = h.start(chain());
  h.started(wf, "a");
  h.execute(wf, ExecuteType::STOP);
  h.restart();
  ASSERT_EQ(h.dispatcher.adopted.size(), 1u);
  ASSERT_EQ(h.dispatcher.kills.size(), 1u);
  EXPECT_EQ(h.dispatcher.kills[0], h.task(wf, "a").id);
  h.finish(h.task(wf, "a").id, TaskState::KILL);
  EXPECT_EQ(h.state(wf), "STOP");
  EXPECT_EQ(h.taskState(wf, "b"), "-");
}

TEST(EngineRecovery, PausingInstanceFinishesItsPause) {
  EngineHarness h;
  int64_t wf = h.start(chain());
  h.execute(wf, ExecuteType::PAUSE);
  h.restart();
  EXPECT_TRUE(h.dispatcher.kills.empty());
  h.succeed(wf, "a");
  EXPECT_EQ(h.taskState(wf, "b"), "PAUSE");
  EXPECT_EQ(h.state(wf), "PAUSE");
}

TEST(EngineRecovery, EndStrategyKillsTasksThatSurvivedTheCrash) {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "x");
  EngineHarness h;
  StartRequest r;
  r.failureStrategy = model::FailureStrategy::END;
  int64_t wf = h.start(b.build(), r);
  h.fail(wf, "a");
  h.restart();
  ASSERT_EQ(h.dispatcher.kills.size(), 1u);
  h.finish(h.task(wf, "x").id, TaskState::KILL);
  EXPECT_EQ(h.state(wf), "FAILURE");
}

TEST(EngineRecovery, SerialQueueIsRestored) {
  DagBuilder b(500, "serial");
  b.workflow().executionType = model::ExecutionType::SERIAL_WAIT;
  b.task(1, "only");
  EngineHarness h;
  int64_t one = h.start(b.build());
  int64_t two = h.start(b.build());
  h.restart();
  EXPECT_EQ(h.state(two), "SERIAL_WAIT");
  h.succeed(one, "only");
  EXPECT_EQ(h.state(two), "RUNNING_EXECUTION");
}

TEST(EngineRecovery, BranchChoiceSurvivesARestart) {
  DagBuilder b;
  b.task(1, "sw", "SWITCH").taskParams = {
      {"switchResult", {{"dependTaskList", Json::array({{{"condition", "true"}, {"nextNode", 2}}})}, {"nextNode", 3}}}};
  b.task(2, "left");
  b.task(3, "right");
  b.task(4, "join");
  b.edge(1, 2).edge(1, 3).edge(2, 4).edge(3, 4);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  ASSERT_EQ(h.taskState(wf, "right"), "SKIPPED");
  h.restart();
  EXPECT_EQ(h.dispatcher.adopted.size(), 1u);
  h.succeed(wf, "left");
  EXPECT_EQ(h.taskState(wf, "join"), "DISPATCH");
  EXPECT_EQ(h.taskState(wf, "right"), "SKIPPED");
  EXPECT_EQ(h.attempts(wf, "sw").size(), 1u);
}

TEST(EngineRecovery, SubWorkflowParentAndChildBothContinue) {
  DagBuilder child(700, "child");
  child.task(71, "c1");
  DagBuilder parent(600, "parent");
  parent.task(1, "sub", "SUB_PROCESS").taskParams = {{"processDefinitionCode", 700}};
  parent.task(2, "after");
  parent.edge(1, 2);
  EngineHarness h;
  h.store.addWorkflow(child.build());
  int64_t wf = h.start(parent.build());
  int64_t childId = h.store.findSubWorkflowInstance(h.task(wf, "sub").id)->id;
  h.started(childId, "c1");
  h.restart();
  EXPECT_EQ(h.store.allWorkflowInstances().size(), 2u);  // no second child
  ASSERT_EQ(h.dispatcher.adopted.size(), 1u);
  h.succeed(childId, "c1");
  EXPECT_EQ(h.taskState(wf, "sub"), "SUCCESS");
  h.succeed(wf, "after");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineRecovery, ChildThatFinishedDuringTheCrashIsNoticed) {
  DagBuilder child(700, "child");
  child.task(71, "c1");
  DagBuilder parent(600, "parent");
  parent.task(1, "sub", "SUB_PROCESS").taskParams = {{"processDefinitionCode", 700}};
  EngineHarness h;
  h.store.addWorkflow(child.build());
  int64_t wf = h.start(parent.build());
  auto c = *h.store.findSubWorkflowInstance(h.task(wf, "sub").id);
  c.state = WorkflowState::SUCCESS;  // the child's end was written, the parent never heard of it
  h.store.updateWorkflowInstance(c);
  h.restart();
  EXPECT_EQ(h.taskState(wf, "sub"), "SUCCESS");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineRecovery, InstanceWithoutItsDefinitionIsMarkedFailed) {
  EngineHarness h;
  int64_t wf = h.start(chain());
  h.store = InMemoryRunStore();  // wipe everything...
  model::WorkflowInstance orphan;
  orphan.processDefinitionCode = 12345;
  orphan.state = WorkflowState::RUNNING_EXECUTION;
  h.store.insertWorkflowInstance(orphan);  // ...but one instance whose definition is gone
  h.restart();
  EXPECT_EQ(h.state(orphan.id), "FAILURE");
  (void)wf;
}

}  // namespace
}  // namespace porpoise::engine::testing
