// Engine: DEPENDENT tasks (spec ds-tasks.md §3.6): judged against the runs in the store, waiting on
// timers and on finished workflows, never dispatched to a worker.
#include <nlohmann/json.hpp>

#include "engine_harness.h"

namespace porpoise::engine::testing {
namespace {

using Json = nlohmann::json;
using model::ExecuteType;

constexpr int64_t kUpstream = 300;

model::DagData upstreamDag() {
  DagBuilder b(kUpstream, "upstream");
  b.task(31, "u1");
  b.task(32, "u2");
  b.edge(31, 32);
  return b.build();
}

Json dependence(int64_t depTaskCode, const std::string& dateValue = "today", Json extra = Json::object()) {
  Json item = {{"projectCode", 1},
               {"definitionCode", kUpstream},
               {"depTaskCode", depTaskCode},
               {"cycle", "day"},
               {"dateValue", dateValue}};
  Json dep = {{"relation", "AND"},
              {"dependTaskList", Json::array({{{"relation", "AND"}, {"dependItemList", {item}}}})}};
  dep.update(extra);
  return {{"localParams", Json::array()}, {"dependence", dep}};
}

model::DagData dependentDag(Json params) {
  DagBuilder b(400, "downstream");
  b.task(41, "dep", "DEPENDENT").taskParams = std::move(params);
  b.task(42, "next");
  b.edge(41, 42);
  return b.build();
}

EngineOptions utc() {
  EngineOptions o;
  o.timezone = "UTC";
  o.dependentCheckInterval = std::chrono::milliseconds(30000);
  return o;
}

TEST(EngineDependent, SatisfiedByASuccessfulRunToday) {
  EngineHarness h(utc());
  int64_t up = h.start(upstreamDag());
  h.succeed(up, "u1");
  h.succeed(up, "u2");
  int64_t wf = h.start(dependentDag(dependence(0)));
  EXPECT_EQ(h.taskState(wf, "dep"), "SUCCESS");
  EXPECT_EQ(h.dispatcher.count("dep"), 0);
  EXPECT_EQ(h.taskState(wf, "next"), "DISPATCH");
  EXPECT_NE(h.observer.logOf(h.task(wf, "dep").id).find("succeeded"), std::string::npos);
}

TEST(EngineDependent, FailedRunFailsTheTask) {
  EngineHarness h(utc());
  int64_t up = h.start(upstreamDag());
  h.fail(up, "u1");
  int64_t wf = h.start(dependentDag(dependence(0)));
  EXPECT_EQ(h.taskState(wf, "dep"), "FAILURE");
  EXPECT_EQ(h.state(wf), "FAILURE");
}

TEST(EngineDependent, WaitsUntilTheUpstreamWorkflowFinishes) {
  EngineHarness h(utc());
  h.store.addWorkflow(upstreamDag());
  int64_t wf = h.start(dependentDag(dependence(0)));
  EXPECT_EQ(h.taskState(wf, "dep"), "RUNNING_EXECUTION");
  EXPECT_NE(h.observer.logOf(h.task(wf, "dep").id).find("no run of workflow 300"), std::string::npos);
  h.advance(5min);  // checks keep finding nothing
  EXPECT_EQ(h.taskState(wf, "dep"), "RUNNING_EXECUTION");
  int64_t up = h.start(upstreamDag());
  h.succeed(up, "u1");
  EXPECT_EQ(h.taskState(wf, "dep"), "RUNNING_EXECUTION");  // the whole workflow is not finished yet
  h.succeed(up, "u2");                                     // its end wakes the DEPENDENT task at once
  EXPECT_EQ(h.taskState(wf, "dep"), "SUCCESS");
  EXPECT_EQ(h.dispatcher.names(), (std::vector<std::string>{"u1", "u2", "next"}));
}

TEST(EngineDependent, CheckIntervalPicksUpRunsRecordedElsewhere) {
  EngineHarness h(utc());
  h.store.addWorkflow(upstreamDag());
  Json params = dependence(0, "today", {{"checkInterval", 20}});
  int64_t wf = h.start(dependentDag(params));
  model::WorkflowInstance other;  // e.g. written by another server sharing the database
  other.processDefinitionCode = kUpstream;
  other.state = WorkflowState::SUCCESS;
  other.startTime = h.clock.now();
  h.store.insertWorkflowInstance(other);
  h.advance(19s);
  EXPECT_EQ(h.taskState(wf, "dep"), "RUNNING_EXECUTION");
  h.advance(1s);
  EXPECT_EQ(h.taskState(wf, "dep"), "SUCCESS");
}

TEST(EngineDependent, SpecificTaskOfTheUpstreamWorkflow) {
  EngineHarness h(utc());
  int64_t up = h.start(upstreamDag());
  int64_t wf = h.start(dependentDag(dependence(31)));
  EXPECT_EQ(h.taskState(wf, "dep"), "RUNNING_EXECUTION");
  h.succeed(up, "u1");
  h.advance(30s);
  EXPECT_EQ(h.taskState(wf, "dep"), "SUCCESS");
  EXPECT_EQ(h.state(up), "RUNNING_EXECUTION");
}

TEST(EngineDependent, YesterdayWindowFollowsTheScheduleTime) {
  EngineHarness h(utc());
  StartRequest yesterday;
  yesterday.scheduleTime = util::parseDateTime("2024-02-29 05:00:00", "UTC");
  int64_t up = h.start(upstreamDag(), yesterday);
  h.succeed(up, "u1");
  h.succeed(up, "u2");
  StartRequest today;
  today.scheduleTime = util::parseDateTime("2024-03-01 05:00:00", "UTC");
  int64_t wf = h.start(dependentDag(dependence(0, "last1Days")), today);
  EXPECT_EQ(h.taskState(wf, "dep"), "SUCCESS");
  int64_t other = h.start(dependentDag(dependence(0, "today")), today);
  EXPECT_EQ(h.taskState(other, "dep"), "RUNNING_EXECUTION");
}

TEST(EngineDependent, UnknownUpstreamFailsTheTask) {
  EngineHarness h(utc());
  int64_t wf = h.start(dependentDag(dependence(0)));
  EXPECT_EQ(h.taskState(wf, "dep"), "FAILURE");
  EXPECT_NE(h.observer.logOf(h.task(wf, "dep").id).find("does not exist"), std::string::npos);
}

TEST(EngineDependent, TimeoutFailsAWaitingTask) {
  auto data = dependentDag(dependence(0));
  data.tasks[0].timeoutFlag = model::TimeoutFlag::OPEN;
  data.tasks[0].timeout = 2;
  data.tasks[0].timeoutNotifyStrategy = model::TimeoutStrategy::WARNFAILED;
  EngineHarness h(utc());
  h.store.addWorkflow(upstreamDag());
  int64_t wf = h.start(data);
  h.advance(2min);
  EXPECT_EQ(h.taskState(wf, "dep"), "FAILURE");
  ASSERT_EQ(h.observer.warnings.size(), 1u);
  EXPECT_EQ(h.state(wf), "FAILURE");
  EXPECT_EQ(h.clock.pendingTimers(), 0u);
}

TEST(EngineDependent, StopAndPauseWhileWaiting) {
  EngineHarness h(utc());
  h.store.addWorkflow(upstreamDag());
  int64_t stopped = h.start(dependentDag(dependence(0)));
  h.execute(stopped, ExecuteType::STOP);
  EXPECT_EQ(h.taskState(stopped, "dep"), "KILL");
  EXPECT_EQ(h.state(stopped), "STOP");

  int64_t paused = h.start(dependentDag(dependence(0)));
  h.execute(paused, ExecuteType::PAUSE);
  EXPECT_EQ(h.taskState(paused, "dep"), "PAUSE");
  EXPECT_EQ(h.state(paused), "PAUSE");
  int64_t up = h.start(upstreamDag());
  h.succeed(up, "u1");
  h.succeed(up, "u2");
  h.execute(paused, ExecuteType::RECOVER_SUSPENDED_PROCESS);
  EXPECT_EQ(h.taskState(paused, "dep"), "SUCCESS");
}

TEST(EngineDependent, FailureWaitingPolicyWaitsForALaterSuccess) {
  EngineHarness h(utc());
  int64_t bad = h.start(upstreamDag());
  h.fail(bad, "u1");
  Json params = dependence(0, "today", {{"failurePolicy", "DEPENDENT_FAILURE_WAITING"}, {"failureWaitingTime", 10}});
  int64_t wf = h.start(dependentDag(params));
  EXPECT_EQ(h.taskState(wf, "dep"), "RUNNING_EXECUTION");
  h.advance(1min);
  int64_t good = h.start(upstreamDag());
  h.succeed(good, "u1");
  h.succeed(good, "u2");
  EXPECT_EQ(h.taskState(wf, "dep"), "SUCCESS");

  int64_t late = h.start(upstreamDag());
  h.fail(late, "u1");
  int64_t gaveUp = h.start(dependentDag(params));
  h.advance(10min);
  EXPECT_EQ(h.taskState(gaveUp, "dep"), "FAILURE");
}

}  // namespace
}  // namespace porpoise::engine::testing
