// Engine: dependencies, ordering, parameters, var pool, dry run, start nodes, persist-then-act.
#include <nlohmann/json.hpp>

#include "engine_harness.h"
#include "params/var_pool.h"

namespace porpoise::engine::testing {
namespace {

model::DagData chain() {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "b");
  b.task(3, "c");
  b.edge(1, 2).edge(2, 3);
  return b.build();
}

TEST(EngineBasics, ChainRunsInOrderAndSucceeds) {
  EngineHarness h;
  int64_t wf = h.start(chain());
  EXPECT_EQ(h.state(wf), "RUNNING_EXECUTION");
  EXPECT_EQ(h.dispatcher.names(), (std::vector<std::string>{"a"}));
  EXPECT_EQ(h.taskState(wf, "a"), "DISPATCH");
  EXPECT_EQ(h.taskState(wf, "b"), "-");
  h.started(wf, "a", 100);
  EXPECT_EQ(h.taskState(wf, "a"), "RUNNING_EXECUTION");
  EXPECT_EQ(h.task(wf, "a").pid, 100);
  EXPECT_EQ(h.task(wf, "a").host, "worker-1:1234");
  h.succeed(wf, "a");
  EXPECT_EQ(h.dispatcher.names(), (std::vector<std::string>{"a", "b"}));
  h.succeed(wf, "b");
  h.succeed(wf, "c");
  EXPECT_EQ(h.state(wf), "SUCCESS");
  auto pi = h.instance(wf);
  EXPECT_TRUE(pi.endTime.has_value());
  EXPECT_EQ(pi.name.rfind("wf-1-", 0), 0u) << pi.name;
  EXPECT_NE(pi.stateHistory.find("RUNNING_EXECUTION"), std::string::npos);
  EXPECT_NE(pi.stateHistory.find("SUCCESS"), std::string::npos);
  ASSERT_EQ(h.observer.finished.size(), 1u);
  EXPECT_EQ(h.observer.finished[0].state, WorkflowState::SUCCESS);
  EXPECT_FALSE(h.engine->isActive(wf));
  EXPECT_EQ(h.dispatcher.violations, 0);
}

TEST(EngineBasics, FanOutAndFanIn) {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "b");
  b.task(3, "c");
  b.task(4, "d");
  b.task(5, "join");
  b.edge(1, 2).edge(1, 3).edge(1, 4).edge(2, 5).edge(3, 5).edge(4, 5);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.succeed(wf, "a");
  EXPECT_EQ(sorted(h.running(wf)), (std::vector<std::string>{"b", "c", "d"}));
  h.succeed(wf, "c");
  h.succeed(wf, "b");
  EXPECT_EQ(h.taskState(wf, "join"), "-");
  h.succeed(wf, "d");
  EXPECT_EQ(h.taskState(wf, "join"), "DISPATCH");
  h.succeed(wf, "join");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineBasics, IndependentRootsStartTogether) {
  DagBuilder b;
  b.task(1, "x");
  b.task(2, "y");
  EngineHarness h;
  int64_t wf = h.start(b.build());
  EXPECT_EQ(sorted(h.running(wf)), (std::vector<std::string>{"x", "y"}));
}

TEST(EngineBasics, ReadyTasksAreSubmittedHighestPriorityFirst) {
  DagBuilder b;
  b.task(1, "low").taskPriority = model::Priority::LOW;
  b.task(2, "highest").taskPriority = model::Priority::HIGHEST;
  b.task(3, "medium").taskPriority = model::Priority::MEDIUM;
  b.task(4, "lowest").taskPriority = model::Priority::LOWEST;
  EngineHarness h;
  StartRequest request;
  request.priority = model::Priority::HIGH;
  int64_t wf = h.start(b.build(), request);
  EXPECT_EQ(h.dispatcher.names(), (std::vector<std::string>{"highest", "medium", "low", "lowest"}));
  EXPECT_EQ(h.dispatcher.last("highest").queuePriority, 1 * 5 + 0);
  EXPECT_EQ(h.dispatcher.last("lowest").queuePriority, 1 * 5 + 4);
  EXPECT_EQ(h.task(wf, "low").taskInstancePriority, model::Priority::LOW);
  EXPECT_LT(h.task(wf, "highest").id, h.task(wf, "lowest").id);
}

TEST(EngineBasics, ParametersAreResolvedWithStartParamsOverridingGlobals) {
  DagBuilder b;
  b.workflow().globalParams = R"([{"prop":"x","direct":"IN","type":"VARCHAR","value":"1"},
                                   {"prop":"g","direct":"IN","type":"VARCHAR","value":"global"}])";
  auto& a = b.task(1, "a");
  a.taskParams["localParams"] =
      nlohmann::json::array({{{"prop", "y"}, {"direct", "IN"}, {"type", "VARCHAR"}, {"value", "${x}-${g}"}}});
  EngineHarness h;
  StartRequest request;
  request.startParams = {{"x", "2"}, {"extra", "e"}};
  int64_t wf = h.start(b.build(), request);
  const auto& params = h.dispatcher.last("a").params;
  EXPECT_EQ(params.at("x"), "2");
  EXPECT_EQ(params.at("y"), "2-global");
  EXPECT_EQ(params.at("extra"), "e");
  EXPECT_EQ(params.at("system.task.instance.id"), std::to_string(h.task(wf, "a").id));
  EXPECT_EQ(params.at("system.workflow.instance.id"), std::to_string(wf));
  EXPECT_EQ(params.at("system.task.execute.path"), h.task(wf, "a").executePath);
  EXPECT_FALSE(h.task(wf, "a").executePath.empty());
  EXPECT_FALSE(h.task(wf, "a").logPath.empty());
  EXPECT_NE(h.instance(wf).globalParams.find("\"extra\""), std::string::npos);
}

TEST(EngineBasics, ScheduleTimeDrivesBuiltinDates) {
  DagBuilder b;
  b.task(1, "a");
  EngineHarness h;
  StartRequest request;
  request.commandType = model::CommandType::SCHEDULER;
  request.scheduleTime = util::parseDateTime("2023-05-10 02:00:00", "UTC");
  request.timezone = "UTC";
  h.start(b.build(), request);
  const auto& params = h.dispatcher.last("a").params;
  EXPECT_EQ(params.at("system.biz.date"), "20230509");
  EXPECT_EQ(params.at("system.datetime"), "20230510020000");
}

TEST(EngineBasics, OutParamsFlowDownstreamThroughTheVarPool) {
  DagBuilder b;
  b.task(1, "producer").taskParams["localParams"] =
      nlohmann::json::array({{{"prop", "answer"}, {"direct", "OUT"}, {"type", "VARCHAR"}, {"value", ""}}});
  b.task(2, "consumer");
  b.edge(1, 2);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.succeed(wf, "producer", {{"answer", "42"}, {"undeclared", "x"}});
  const auto& params = h.dispatcher.last("consumer").params;
  EXPECT_EQ(params.at("answer"), "42");
  EXPECT_EQ(params.count("undeclared"), 0u);
  auto producerPool = params::varPoolFromJson(h.task(wf, "producer").varPool);
  ASSERT_EQ(producerPool.size(), 1u);
  EXPECT_EQ(producerPool[0].direct, "OUT");
  auto consumerPool = params::varPoolFromJson(h.task(wf, "consumer").varPool);
  ASSERT_EQ(consumerPool.size(), 1u);
  EXPECT_EQ(consumerPool[0].direct, "IN");
  EXPECT_NE(h.instance(wf).varPool.find("42"), std::string::npos);
}

TEST(EngineBasics, EarlierFinisherWinsAVarPoolClash) {
  nlohmann::json out = nlohmann::json::array({{{"prop", "k"}, {"direct", "OUT"}, {"type", "VARCHAR"}, {"value", ""}}});
  DagBuilder b;
  b.task(1, "first").taskParams["localParams"] = out;
  b.task(2, "second").taskParams["localParams"] = out;
  b.task(3, "empty").taskParams["localParams"] = out;
  b.task(4, "join");
  b.edge(1, 4).edge(2, 4).edge(3, 4);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.succeed(wf, "empty", {{"other", "1"}});  // finishes first, but its k is dropped (captured nothing for k)
  h.succeed(wf, "second", {{"k", "from-second"}});
  h.succeed(wf, "first", {{"k", "from-first"}});
  EXPECT_EQ(h.dispatcher.last("join").params.at("k"), "from-second");
}

TEST(EngineBasics, DryRunCompletesWorkerTasksWithoutDispatching) {
  DagBuilder b;
  b.task(1, "a").taskParams["localParams"] =
      nlohmann::json::array({{{"prop", "o"}, {"direct", "OUT"}, {"type", "VARCHAR"}, {"value", "default"}}});
  b.task(2, "b");
  b.edge(1, 2);
  EngineHarness h;
  StartRequest request;
  request.dryRun = 1;
  int64_t wf = h.start(b.build(), request);
  EXPECT_TRUE(h.dispatcher.dispatched.empty());
  EXPECT_EQ(h.taskState(wf, "a"), "SUCCESS");
  EXPECT_EQ(h.task(wf, "a").dryRun, 1);
  EXPECT_EQ(h.task(wf, "a").varPool, "[]");  // no OUT values in a dry run
  EXPECT_EQ(h.taskState(wf, "b"), "SUCCESS");
  EXPECT_EQ(h.state(wf), "SUCCESS");
  EXPECT_NE(h.observer.logOf(h.task(wf, "a").id).find("dry run"), std::string::npos);
}

TEST(EngineBasics, StartNodesWithTheThreeDependTypes) {
  auto data = chain();
  {
    EngineHarness h;
    StartRequest r;
    r.startNodes = {2};
    r.taskDependType = model::TaskDependType::TASK_POST;
    int64_t wf = h.start(data, r);
    EXPECT_EQ(h.dispatcher.names(), (std::vector<std::string>{"b"}));
    h.succeed(wf, "b");
    h.succeed(wf, "c");
    EXPECT_EQ(h.state(wf), "SUCCESS");
    EXPECT_EQ(h.taskState(wf, "a"), "-");
  }
  {
    EngineHarness h;
    StartRequest r;
    r.startNodes = {2};
    r.taskDependType = model::TaskDependType::TASK_PRE;
    int64_t wf = h.start(data, r);
    EXPECT_EQ(h.dispatcher.names(), (std::vector<std::string>{"a"}));
    h.succeed(wf, "a");
    h.succeed(wf, "b");
    EXPECT_EQ(h.state(wf), "SUCCESS");
    EXPECT_EQ(h.taskState(wf, "c"), "-");
  }
  {
    EngineHarness h;
    StartRequest r;
    r.startNodes = {2};
    r.taskDependType = model::TaskDependType::TASK_ONLY;
    int64_t wf = h.start(data, r);
    EXPECT_EQ(h.dispatcher.names(), (std::vector<std::string>{"b"}));
    h.succeed(wf, "b");
    EXPECT_EQ(h.state(wf), "SUCCESS");
    EXPECT_EQ(h.instance(wf).taskDependType, model::TaskDependType::TASK_ONLY);
  }
}

TEST(EngineBasics, BadStartRequestsAreRejectedWithStatusCodes) {
  EngineHarness h;
  StartRequest r;
  r.startNodes = {99};
  try {
    h.start(chain(), r);
    FAIL();
  } catch (const EngineError& e) {
    EXPECT_EQ(e.status(), EngineError::kRequestParamsNotValid);
    EXPECT_NE(std::string(e.what()).find("99"), std::string::npos);
  }
  StartRequest unknown;
  unknown.workflowCode = 12345;
  try {
    h.wait(h.engine->start(unknown));
    FAIL();
  } catch (const EngineError& e) {
    EXPECT_EQ(e.status(), EngineError::kWorkflowDefinitionNotFound);
  }
  EXPECT_TRUE(h.store.allWorkflowInstances().empty());
}

TEST(EngineBasics, BadParameterFailsTheTaskWithAMessage) {
  DagBuilder b;
  b.task(1, "a").taskParams["localParams"] = nlohmann::json::array(
      {{{"prop", "p"}, {"direct", "IN"}, {"type", "VARCHAR"}, {"value", "$[add_months(yyyyMMdd,x)]"}}});
  EngineHarness h;
  int64_t wf = h.start(b.build());
  EXPECT_TRUE(h.dispatcher.dispatched.empty());
  EXPECT_EQ(h.taskState(wf, "a"), "FAILURE");
  EXPECT_NE(h.observer.logOf(h.task(wf, "a").id).find("cannot resolve"), std::string::npos);
  EXPECT_EQ(h.state(wf), "FAILURE");
}

TEST(EngineBasics, WorkerGroupOfTheInstanceAppliesToDefaultTasks) {
  DagBuilder b;
  b.task(1, "plain");
  b.task(2, "pinned").workerGroup = "cpu";
  EngineHarness h;
  StartRequest r;
  r.workerGroup = "gpu";
  r.environmentCode = 7;
  int64_t wf = h.start(b.build(), r);
  EXPECT_EQ(h.task(wf, "plain").workerGroup, "gpu");
  EXPECT_EQ(h.task(wf, "plain").environmentCode, 7);
  EXPECT_EQ(h.task(wf, "pinned").workerGroup, "cpu");
}

TEST(EngineBasics, NothingIsDispatchedWhenTheWritesCannotBeCommitted) {
  EngineHarness h;
  h.store.addWorkflow(chain());
  h.store.failNextCommit();
  StartRequest r;
  r.workflowCode = chain().workflow.code;
  EXPECT_THROW(h.wait(h.engine->start(r)), std::runtime_error);
  EXPECT_TRUE(h.dispatcher.dispatched.empty());
  EXPECT_TRUE(h.store.allWorkflowInstances().empty());
  EXPECT_EQ(h.engine->activeInstanceCount(), 0u);
  int64_t wf = h.wait(h.engine->start(r));  // the next attempt works normally
  EXPECT_EQ(h.dispatcher.names(), (std::vector<std::string>{"a"}));
  EXPECT_EQ(h.state(wf), "RUNNING_EXECUTION");
}

TEST(EngineBasics, EachEventIsOneTransaction) {
  EngineHarness h;
  int64_t wf = h.start(chain());
  int before = h.store.transactions();
  h.succeed(wf, "a");
  EXPECT_EQ(h.store.transactions(), before + 1);
}

}  // namespace
}  // namespace porpoise::engine::testing
