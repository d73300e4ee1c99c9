// Engine: SUB_PROCESS tasks (spec ds-tasks.md §3.5): parameters down and up, state following the
// child, stop and pause propagation, reuse of the child on recovery.
#include <nlohmann/json.hpp>

#include "engine_harness.h"

namespace porpoise::engine::testing {
namespace {

using Json = nlohmann::json;
using model::ExecuteType;

constexpr int64_t kChild = 700;

Json prop(const std::string& name, const std::string& direct, const std::string& value = "") {
  return {{"prop", name}, {"direct", direct}, {"type", "VARCHAR"}, {"value", value}};
}

model::DagData childDag() {
  DagBuilder b(kChild, "child");
  b.workflow().globalParams = Json::array({prop("shared", "IN", "child-default"), prop("own", "IN", "c")}).dump();
  b.task(71, "c1").taskParams["localParams"] = Json::array({prop("result", "OUT")});
  return b.build();
}

// before -> sub -> after
model::DagData parentDag() {
  DagBuilder b(600, "parent");
  b.workflow().globalParams = Json::array({prop("shared", "IN", "from-parent")}).dump();
  b.task(1, "before").taskParams["localParams"] = Json::array({prop("x", "OUT")});
  auto& sub = b.task(2, "sub", "SUB_PROCESS");
  sub.taskParams = {{"processDefinitionCode", kChild},
                    {"localParams", Json::array({prop("x", "IN"), prop("result", "OUT")})}};
  b.task(3, "after");
  b.edge(1, 2).edge(2, 3);
  return b.build();
}

struct SubFixture {
  EngineHarness h;
  int64_t parent = 0;
  SubFixture(StartRequest r = {}) {
    h.store.addWorkflow(childDag());
    parent = h.start(parentDag(), r);
  }
  int64_t child() {
    auto c = h.store.findSubWorkflowInstance(h.task(parent, "sub").id);
    if (!c) throw std::runtime_error("no child");
    return c->id;
  }
};

TEST(EngineSubWorkflow, RunsTheChildAndPassesParametersDownAndUp) {
  SubFixture f;
  auto& h = f.h;
  h.succeed(f.parent, "before", {{"x", "hello"}});
  EXPECT_EQ(h.taskState(f.parent, "sub"), "RUNNING_EXECUTION");
  int64_t child = f.child();
  auto ci = h.instance(child);
  EXPECT_EQ(ci.isSubProcess, model::Flag::YES);
  EXPECT_EQ(ci.parentInstanceId, f.parent);
  EXPECT_EQ(ci.processDefinitionCode, kChild);
  EXPECT_EQ(ci.state, WorkflowState::RUNNING_EXECUTION);
  const auto& params = h.dispatcher.last("c1").params;
  EXPECT_EQ(params.at("x"), "hello");             // IN param of the SUB_PROCESS task, from the var pool
  EXPECT_EQ(params.at("shared"), "from-parent");  // parent globals override the child's
  EXPECT_EQ(params.at("own"), "c");
  h.succeed(child, "c1", {{"result", "r42"}});
  EXPECT_EQ(h.state(child), "SUCCESS");
  EXPECT_EQ(h.taskState(f.parent, "sub"), "SUCCESS");
  EXPECT_NE(h.task(f.parent, "sub").varPool.find("r42"), std::string::npos);
  EXPECT_EQ(h.dispatcher.last("after").params.at("result"), "r42");
  h.succeed(f.parent, "after");
  EXPECT_EQ(h.state(f.parent), "SUCCESS");
}

TEST(EngineSubWorkflow, ChildFailureFailsTheTask) {
  SubFixture f;
  auto& h = f.h;
  h.succeed(f.parent, "before");
  h.fail(f.child(), "c1");
  EXPECT_EQ(h.taskState(f.parent, "sub"), "FAILURE");
  EXPECT_EQ(h.taskState(f.parent, "after"), "-");
  EXPECT_EQ(h.state(f.parent), "FAILURE");
}

TEST(EngineSubWorkflow, StoppingTheParentStopsTheChild) {
  SubFixture f;
  auto& h = f.h;
  h.succeed(f.parent, "before");
  int64_t child = f.child();
  h.started(child, "c1");
  h.execute(f.parent, ExecuteType::STOP);
  EXPECT_EQ(h.state(child), "READY_STOP");
  ASSERT_EQ(h.dispatcher.kills.size(), 1u);
  EXPECT_EQ(h.dispatcher.kills[0], h.task(child, "c1").id);
  h.finish(h.task(child, "c1").id, TaskState::KILL);
  EXPECT_EQ(h.state(child), "STOP");
  EXPECT_EQ(h.taskState(f.parent, "sub"), "KILL");
  EXPECT_EQ(h.state(f.parent), "STOP");
}

TEST(EngineSubWorkflow, PausingTheParentPausesTheChildAndResumeContinuesIt) {
  SubFixture f;
  auto& h = f.h;
  h.succeed(f.parent, "before");
  int64_t child = f.child();
  h.execute(f.parent, ExecuteType::PAUSE);
  EXPECT_EQ(h.state(child), "READY_PAUSE");
  h.succeed(child, "c1");  // the running task finishes; the child has nothing else: SUCCESS
  EXPECT_EQ(h.state(child), "SUCCESS");
  EXPECT_EQ(h.taskState(f.parent, "sub"), "SUCCESS");
  EXPECT_EQ(h.taskState(f.parent, "after"), "PAUSE");
  EXPECT_EQ(h.state(f.parent), "PAUSE");
  h.execute(f.parent, ExecuteType::RECOVER_SUSPENDED_PROCESS);
  h.succeed(f.parent, "after");
  EXPECT_EQ(h.state(f.parent), "SUCCESS");
}

TEST(EngineSubWorkflow, PausedChildIsResumedWithItsParent) {
  DagBuilder cb(kChild, "child");
  cb.task(71, "c1");
  cb.task(72, "c2");
  cb.edge(71, 72);
  SubFixture f;
  auto& h = f.h;
  h.store.addWorkflow(cb.build());
  h.succeed(f.parent, "before");
  int64_t child = f.child();
  h.execute(f.parent, ExecuteType::PAUSE);
  h.succeed(child, "c1");
  EXPECT_EQ(h.state(child), "PAUSE");
  EXPECT_EQ(h.taskState(f.parent, "sub"), "PAUSE");
  EXPECT_EQ(h.state(f.parent), "PAUSE");

  h.execute(f.parent, ExecuteType::RECOVER_SUSPENDED_PROCESS);
  EXPECT_EQ(h.state(child), "RUNNING_EXECUTION");  // the same child instance continues
  EXPECT_EQ(f.child(), child);
  EXPECT_EQ(h.taskState(child, "c2"), "DISPATCH");
  EXPECT_EQ(h.dispatcher.count("c1"), 1);
  h.succeed(child, "c2");
  EXPECT_EQ(h.taskState(f.parent, "sub"), "SUCCESS");
  h.succeed(f.parent, "after");
  EXPECT_EQ(h.state(f.parent), "SUCCESS");
}

TEST(EngineSubWorkflow, RecoverFromFailureRecoversTheSameChild) {
  SubFixture f;
  auto& h = f.h;
  h.succeed(f.parent, "before");
  int64_t child = f.child();
  h.fail(child, "c1");
  ASSERT_EQ(h.state(f.parent), "FAILURE");
  h.execute(f.parent, ExecuteType::START_FAILURE_TASK_PROCESS);
  EXPECT_EQ(f.child(), child);
  EXPECT_EQ(h.instance(child).runTimes, 2);
  EXPECT_EQ(h.instance(child).commandType, model::CommandType::START_FAILURE_TASK_PROCESS);
  EXPECT_EQ(h.dispatcher.count("c1"), 2);
  h.succeed(child, "c1");
  h.succeed(f.parent, "after");
  EXPECT_EQ(h.state(f.parent), "SUCCESS");
}

TEST(EngineSubWorkflow, RerunOfTheParentRerunsTheChild) {
  SubFixture f;
  auto& h = f.h;
  h.succeed(f.parent, "before");
  int64_t child = f.child();
  h.succeed(child, "c1");
  h.succeed(f.parent, "after");
  ASSERT_EQ(h.state(f.parent), "SUCCESS");
  h.execute(f.parent, ExecuteType::REPEAT_RUNNING);
  h.succeed(f.parent, "before");
  EXPECT_EQ(f.child(), child);
  EXPECT_EQ(h.instance(child).commandType, model::CommandType::REPEAT_RUNNING);
  EXPECT_EQ(h.dispatcher.count("c1"), 2);
}

TEST(EngineSubWorkflow, MissingChildDefinitionFailsTheTask) {
  EngineHarness h;
  DagBuilder b;
  b.task(1, "sub", "SUB_PROCESS").taskParams = {{"processDefinitionCode", 4242}};
  int64_t wf = h.start(b.build());
  EXPECT_EQ(h.taskState(wf, "sub"), "FAILURE");
  EXPECT_NE(h.observer.logOf(h.task(wf, "sub").id).find("4242"), std::string::npos);
  EXPECT_EQ(h.state(wf), "FAILURE");
}

TEST(EngineSubWorkflow, SubWorkflowCallingItselfFails) {
  EngineHarness h;
  DagBuilder b(800, "loop");
  b.task(1, "again", "SUB_PROCESS").taskParams = {{"processDefinitionCode", 800}};
  int64_t wf = h.start(b.build());
  EXPECT_EQ(h.taskState(wf, "again"), "FAILURE");
  EXPECT_NE(h.observer.logOf(h.task(wf, "again").id).find("must not call themselves"), std::string::npos);
  EXPECT_EQ(h.store.allWorkflowInstances().size(), 1u);
}

TEST(EngineSubWorkflow, TimeoutStopsTheChildAndFailsTheTask) {
  auto parent = parentDag();
  for (auto& t : parent.tasks)
    if (t.name == "sub") {
      t.timeoutFlag = model::TimeoutFlag::OPEN;
      t.timeout = 3;
      t.timeoutNotifyStrategy = model::TimeoutStrategy::FAILED;
    }
  EngineHarness h;
  h.store.addWorkflow(childDag());
  int64_t wf = h.start(parent);
  h.succeed(wf, "before");
  int64_t child = h.store.findSubWorkflowInstance(h.task(wf, "sub").id)->id;
  h.advance(3min);
  EXPECT_EQ(h.state(child), "READY_STOP");
  h.finish(h.task(child, "c1").id, TaskState::KILL);
  EXPECT_EQ(h.state(child), "STOP");
  EXPECT_EQ(h.taskState(wf, "sub"), "FAILURE");
  EXPECT_EQ(h.state(wf), "FAILURE");
}

TEST(EngineSubWorkflow, DryRunIsInherited) {
  StartRequest r;
  r.dryRun = 1;
  SubFixture f(r);
  auto& h = f.h;
  EXPECT_EQ(h.state(f.parent), "SUCCESS");
  EXPECT_TRUE(h.dispatcher.dispatched.empty());
  EXPECT_EQ(h.store.allWorkflowInstances().size(), 2u);
}

}  // namespace
}  // namespace porpoise::engine::testing
