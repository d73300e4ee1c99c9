// Engine: CONDITIONS and SWITCH branches and skip propagation (spec ds-tasks.md §3.3, §3.4, §8).
#include <nlohmann/json.hpp>

#include "engine_harness.h"

namespace porpoise::engine::testing {
namespace {

using Json = nlohmann::json;

struct Item {
  int64_t code;
  const char* status;
};

// CONDITIONS params: one group per inner vector, groups joined with `outer`, items with `inner`.
Json conditions(const std::vector<std::vector<Item>>& groups, std::vector<int64_t> success, std::vector<int64_t> failed,
                const char* outer = "AND", const char* inner = "AND") {
  Json list = Json::array();
  for (const auto& g : groups) {
    Json items = Json::array();
    for (const auto& i : g) items.push_back({{"depTaskCode", i.code}, {"status", i.status}});
    list.push_back({{"relation", inner}, {"dependItemList", items}});
  }
  return {{"localParams", Json::array()},
          {"dependence", {{"relation", outer}, {"dependTaskList", list}}},
          {"conditionResult", {{"successNode", success}, {"failedNode", failed}}}};
}

Json switchOf(const std::vector<std::pair<std::string, int64_t>>& branches, std::optional<int64_t> fallback) {
  Json list = Json::array();
  for (const auto& [condition, next] : branches) list.push_back({{"condition", condition}, {"nextNode", next}});
  Json result = {{"dependTaskList", list}};
  result["nextNode"] = fallback ? Json(*fallback) : Json("");
  return {{"localParams", Json::array()}, {"switchResult", result}};
}

Json globals(const std::string& name, const std::string& value) {
  return Json::array({{{"prop", name}, {"direct", "IN"}, {"type", "VARCHAR"}, {"value", value}}});
}

// a -> cond -> ok | bad
model::DagData conditionsDag() {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "cond", "CONDITIONS").taskParams = conditions({{{1, "SUCCESS"}}}, {3}, {4});
  b.task(3, "ok");
  b.task(4, "bad");
  b.edge(1, 2).edge(2, 3).edge(2, 4);
  return b.build();
}

TEST(EngineConditions, TrueConditionRunsTheSuccessBranchAndSkipsTheOther) {
  EngineHarness h;
  int64_t wf = h.start(conditionsDag());
  h.succeed(wf, "a");
  EXPECT_EQ(h.taskState(wf, "cond"), "SUCCESS");
  EXPECT_EQ(Json::parse(h.task(wf, "cond").taskParams)["conditionResult"]["conditionSuccess"], true);
  EXPECT_EQ(h.taskState(wf, "ok"), "DISPATCH");
  EXPECT_EQ(h.taskState(wf, "bad"), "SKIPPED");
  EXPECT_NE(h.task(wf, "bad").skipReason.find("cond"), std::string::npos);
  EXPECT_EQ(h.dispatcher.count("cond"), 0);  // logic tasks never go to the worker
  h.succeed(wf, "ok");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineConditions, FalseConditionRunsTheFailureBranchAndTheWorkflowSucceeds) {
  EngineHarness h;
  int64_t wf = h.start(conditionsDag());
  h.fail(wf, "a");
  EXPECT_EQ(h.taskState(wf, "cond"), "SUCCESS");
  EXPECT_EQ(Json::parse(h.task(wf, "cond").taskParams)["conditionResult"]["conditionSuccess"], false);
  EXPECT_EQ(h.taskState(wf, "ok"), "SKIPPED");
  EXPECT_EQ(h.taskState(wf, "bad"), "DISPATCH");
  h.succeed(wf, "bad");
  EXPECT_EQ(h.state(wf), "SUCCESS");  // the failure was handled by the CONDITIONS task
  EXPECT_NE(h.observer.logOf(h.task(wf, "cond").id).find("failure branch"), std::string::npos);
}

TEST(EngineConditions, FailureBranchRunsUnderFailureStrategyEnd) {
  auto data = conditionsDag();
  data.tasks.push_back(data.tasks[0]);
  data.tasks.back().code = 9;
  data.tasks.back().name = "other";
  data.relations.push_back(model::TaskRelation{});
  data.relations.back().postTaskCode = 9;
  EngineHarness h;
  StartRequest r;
  r.failureStrategy = model::FailureStrategy::END;
  int64_t wf = h.start(data, r);
  h.fail(wf, "a");
  EXPECT_TRUE(h.dispatcher.kills.empty());
  EXPECT_EQ(h.taskState(wf, "bad"), "DISPATCH");
  h.succeed(wf, "bad");
  h.succeed(wf, "other");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineConditions, JudgesSeveralUpstreamTasks) {
  // a, b -> cond(a SUCCESS AND b SUCCESS) -> ok | bad
  auto build = [](const char* outer, const char* inner, bool oneGroup) {
    DagBuilder d;
    d.task(1, "a");
    d.task(2, "b");
    auto groups = oneGroup ? std::vector<std::vector<Item>>{{{1, "SUCCESS"}, {2, "SUCCESS"}}}
                           : std::vector<std::vector<Item>>{{{1, "SUCCESS"}}, {{2, "SUCCESS"}}};
    d.task(3, "cond", "CONDITIONS").taskParams = conditions(groups, {4}, {5}, outer, inner);
    d.task(4, "ok");
    d.task(5, "bad");
    d.edge(1, 3).edge(2, 3).edge(3, 4).edge(3, 5);
    return d.build();
  };
  {
    EngineHarness h;
    int64_t wf = h.start(build("AND", "AND", true));
    h.succeed(wf, "a");
    EXPECT_EQ(h.taskState(wf, "cond"), "-");  // waits for every upstream task
    h.fail(wf, "b");
    EXPECT_EQ(h.taskState(wf, "bad"), "DISPATCH");
    EXPECT_EQ(h.taskState(wf, "ok"), "SKIPPED");
  }
  {
    EngineHarness h;
    int64_t wf = h.start(build("AND", "OR", true));
    h.succeed(wf, "a");
    h.fail(wf, "b");
    EXPECT_EQ(h.taskState(wf, "ok"), "DISPATCH");
  }
  {
    EngineHarness h;
    int64_t wf = h.start(build("OR", "AND", false));
    h.fail(wf, "a");
    h.succeed(wf, "b");
    EXPECT_EQ(h.taskState(wf, "ok"), "DISPATCH");
    h.succeed(wf, "ok");
    EXPECT_EQ(h.state(wf), "SUCCESS");
  }
}

TEST(EngineConditions, FailureWithAnotherKindOfSuccessorStillFailsTheWorkflow) {
  // a -> cond -> ok | bad ; a -> d
  auto data = conditionsDag();
  data.tasks.push_back(data.tasks[0]);
  data.tasks.back().code = 6;
  data.tasks.back().name = "d";
  data.relations.push_back(model::TaskRelation{});
  data.relations.back().preTaskCode = 1;
  data.relations.back().postTaskCode = 6;
  EngineHarness h;
  int64_t wf = h.start(data);
  h.fail(wf, "a");
  EXPECT_EQ(h.taskState(wf, "d"), "-");
  h.succeed(wf, "bad");
  EXPECT_EQ(h.state(wf), "FAILURE");
}

TEST(EngineConditions, BranchThatIsNotADownstreamTaskFailsWithAMessage) {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "cond", "CONDITIONS").taskParams = conditions({{{1, "SUCCESS"}}}, {3}, {777});
  b.task(3, "ok");
  b.edge(1, 2).edge(2, 3);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.succeed(wf, "a");
  EXPECT_EQ(h.taskState(wf, "cond"), "FAILURE");
  EXPECT_NE(h.observer.logOf(h.task(wf, "cond").id).find("777"), std::string::npos);
  EXPECT_EQ(h.state(wf), "FAILURE");
}

// sw -> one | two | other
model::DagData switchDag(std::optional<int64_t> fallback = 4) {
  DagBuilder b;
  b.workflow().globalParams = globals("v", "A").dump();
  b.task(1, "sw", "SWITCH").taskParams = switchOf({{"${v} == \"A\"", 2}, {"${v} == 'B'", 3}}, fallback);
  b.task(2, "one");
  b.task(3, "two");
  b.task(4, "other");
  b.edge(1, 2).edge(1, 3).edge(1, 4);
  return b.build();
}

TEST(EngineSwitch, EachBranchAndTheDefault) {
  struct Case {
    std::string value, runs;
  };
  for (const auto& c : std::vector<Case>{{"A", "one"}, {"B", "two"}, {"Z", "other"}}) {
    EngineHarness h;
    StartRequest r;
    r.startParams = {{"v", c.value}};
    int64_t wf = h.start(switchDag(), r);
    EXPECT_EQ(h.taskState(wf, "sw"), "SUCCESS") << c.value;
    for (const std::string name : {"one", "two", "other"})
      EXPECT_EQ(h.taskState(wf, name), name == c.runs ? "DISPATCH" : "SKIPPED") << c.value << " " << name;
    h.succeed(wf, c.runs);
    EXPECT_EQ(h.state(wf), "SUCCESS");
  }
}

TEST(EngineSwitch, NoMatchAndNoDefaultFailsTheSwitch) {
  EngineHarness h;
  StartRequest r;
  r.startParams = {{"v", "Z"}};
  int64_t wf = h.start(switchDag(std::nullopt), r);
  EXPECT_EQ(h.taskState(wf, "sw"), "FAILURE");
  EXPECT_NE(h.observer.logOf(h.task(wf, "sw").id).find("no SWITCH condition matched"), std::string::npos);
  EXPECT_EQ(h.state(wf), "FAILURE");
  EXPECT_TRUE(h.dispatcher.dispatched.empty());
}

TEST(EngineSwitch, ForcingAFailedSwitchToSuccessSkipsEveryBranch) {
  DagBuilder b;
  b.task(1, "x");
  b.task(2, "sw", "SWITCH").taskParams = switchOf({{"1 == 2", 3}}, std::nullopt);
  b.task(3, "one");
  b.task(4, "after");
  b.edge(2, 3).edge(3, 4);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  ASSERT_EQ(h.taskState(wf, "sw"), "FAILURE");
  h.wait(h.engine->forceSuccess(h.task(wf, "sw").id));
  EXPECT_EQ(h.taskState(wf, "one"), "SKIPPED");
  EXPECT_EQ(h.taskState(wf, "after"), "SKIPPED");
  h.succeed(wf, "x");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineSwitch, ConditionErrorsCountAsFalse) {
  DagBuilder b;
  b.task(1, "sw", "SWITCH").taskParams = switchOf({{"${missing} == 1", 2}, {"1 ==", 2}}, 3);
  b.task(2, "one");
  b.task(3, "fallback");
  b.edge(1, 2).edge(1, 3);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  EXPECT_EQ(h.taskState(wf, "fallback"), "DISPATCH");
  EXPECT_NE(h.observer.logOf(h.task(wf, "sw").id).find("cannot be evaluated"), std::string::npos);
}

TEST(EngineSwitch, ReadsUpstreamOutValues) {
  DagBuilder b;
  b.task(1, "probe").taskParams["localParams"] =
      Json::array({{{"prop", "score"}, {"direct", "OUT"}, {"type", "VARCHAR"}, {"value", ""}}});
  b.task(2, "sw", "SWITCH").taskParams = switchOf({{"${score} > 0.9", 3}}, 4);
  b.task(3, "deploy");
  b.task(4, "retrain");
  b.edge(1, 2).edge(2, 3).edge(2, 4);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  h.succeed(wf, "probe", {{"score", "0.95"}});
  EXPECT_EQ(h.taskState(wf, "deploy"), "DISPATCH");
  EXPECT_EQ(h.taskState(wf, "retrain"), "SKIPPED");
}

TEST(EngineSwitch, SwitchAfterSwitch) {
  // s1 -> s2 | x ; s2 -> y | z
  DagBuilder b;
  b.workflow().globalParams = Json::array({{{"prop", "a"}, {"value", "1"}}, {{"prop", "b"}, {"value", "2"}}}).dump();
  b.task(1, "s1", "SWITCH").taskParams = switchOf({{"${a} == 1", 2}}, 3);
  b.task(2, "s2", "SWITCH").taskParams = switchOf({{"${b} == 1", 4}}, 5);
  b.task(3, "x");
  b.task(4, "y");
  b.task(5, "z");
  b.edge(1, 2).edge(1, 3).edge(2, 4).edge(2, 5);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  EXPECT_EQ(h.taskState(wf, "s2"), "SUCCESS");
  EXPECT_EQ(h.taskState(wf, "x"), "SKIPPED");
  EXPECT_EQ(h.taskState(wf, "y"), "SKIPPED");
  EXPECT_EQ(h.taskState(wf, "z"), "DISPATCH");
  h.succeed(wf, "z");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineSkip, SkipPropagatesDownAChain) {
  // sw -> one -> two -> three ; sw -> other
  DagBuilder b;
  b.task(1, "sw", "SWITCH").taskParams = switchOf({{"1 == 2", 2}}, 5);
  b.task(2, "one");
  b.task(3, "two");
  b.task(4, "three");
  b.task(5, "other");
  b.edge(1, 2).edge(2, 3).edge(3, 4).edge(1, 5);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  EXPECT_EQ(h.taskState(wf, "one"), "SKIPPED");
  EXPECT_EQ(h.taskState(wf, "two"), "SKIPPED");
  EXPECT_EQ(h.taskState(wf, "three"), "SKIPPED");
  EXPECT_NE(h.task(wf, "three").skipReason.find("'two' was skipped"), std::string::npos);
  h.succeed(wf, "other");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineSkip, BranchesMergeBackAfterTheTakenBranch) {
  // sw -> left | right -> join (both -> join)
  DagBuilder b;
  b.task(1, "sw", "SWITCH").taskParams = switchOf({{"1 == 1", 2}}, 3);
  b.task(2, "left");
  b.task(3, "right");
  b.task(4, "join");
  b.edge(1, 2).edge(1, 3).edge(2, 4).edge(3, 4);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  EXPECT_EQ(h.taskState(wf, "right"), "SKIPPED");
  EXPECT_EQ(h.taskState(wf, "join"), "-");
  h.succeed(wf, "left");
  EXPECT_EQ(h.taskState(wf, "join"), "DISPATCH");
  h.succeed(wf, "join");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineSkip, SkippedTaskWithASecondPredecessorThatRan) {
  // sw -> chosen | notChosen ; notChosen -> after ; x -> after
  DagBuilder b;
  b.task(1, "sw", "SWITCH").taskParams = switchOf({{"true", 2}}, 3);
  b.task(2, "chosen");
  b.task(3, "notChosen");
  b.task(4, "after");
  b.task(5, "x");
  b.edge(1, 2).edge(1, 3).edge(3, 4).edge(5, 4);
  EngineHarness h;
  int64_t wf = h.start(b.build());
  EXPECT_EQ(h.taskState(wf, "notChosen"), "SKIPPED");
  EXPECT_EQ(h.taskState(wf, "after"), "-");  // x has not finished
  h.succeed(wf, "x");
  EXPECT_EQ(h.taskState(wf, "after"), "DISPATCH");
  h.succeed(wf, "after");
  h.succeed(wf, "chosen");
  EXPECT_EQ(h.state(wf), "SUCCESS");
}

TEST(EngineSkip, NestedBranches) {
  // sw -> (a -> cond(a) -> ok | bad) | b
  DagBuilder d;
  d.task(1, "sw", "SWITCH").taskParams = switchOf({{"true", 2}}, 6);
  d.task(2, "a");
  d.task(3, "cond", "CONDITIONS").taskParams = conditions({{{2, "SUCCESS"}}}, {4}, {5});
  d.task(4, "ok");
  d.task(5, "bad");
  d.task(6, "b");
  d.edge(1, 2).edge(2, 3).edge(3, 4).edge(3, 5).edge(1, 6);
  {
    EngineHarness h;
    int64_t wf = h.start(d.build());
    EXPECT_EQ(h.taskState(wf, "b"), "SKIPPED");
    h.fail(wf, "a");
    EXPECT_EQ(h.taskState(wf, "ok"), "SKIPPED");
    h.succeed(wf, "bad");
    EXPECT_EQ(h.state(wf), "SUCCESS");
  }
  {
    d.get(1).taskParams = switchOf({{"false", 2}}, 6);
    EngineHarness h;
    int64_t wf = h.start(d.build());
    for (const std::string name : {"a", "cond", "ok", "bad"}) EXPECT_EQ(h.taskState(wf, name), "SKIPPED") << name;
    h.succeed(wf, "b");
    EXPECT_EQ(h.state(wf), "SUCCESS");
  }
}

}  // namespace
}  // namespace porpoise::engine::testing
