#include "engine/dag.h"

#include <gtest/gtest.h>

#include "dag_builder.h"
#include "engine/start_nodes.h"

namespace porpoise::engine {
namespace {

using testing::DagBuilder;

// a -> b -> d, a -> c -> d, e alone
model::DagData diamond() {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "b");
  b.task(3, "c");
  b.task(4, "d");
  b.task(5, "e");
  b.edge(1, 2).edge(1, 3).edge(2, 4).edge(3, 4);
  return b.build();
}

std::vector<int64_t> codesOf(const Dag& dag, const std::vector<bool>& in) {
  std::vector<int64_t> out;
  for (size_t i = 0; i < dag.size(); ++i)
    if (in[i]) out.push_back(dag.code(i));
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Dag, BuildsSuccessorsPredecessorsAndRoots) {
  Dag dag = Dag::build(diamond());
  ASSERT_EQ(dag.size(), 5u);
  auto roots = dag.roots();
  std::sort(roots.begin(), roots.end());
  EXPECT_EQ(roots, (std::vector<int64_t>{1, 5}));
  size_t d = *dag.indexOf(4);
  ASSERT_EQ(dag.predecessors(d).size(), 2u);
  EXPECT_EQ(dag.task(d).name, "d");
  EXPECT_EQ(dag.successors(*dag.indexOf(1)).size(), 2u);
  EXPECT_FALSE(dag.contains(99));
}

TEST(Dag, IndicesAreTopological) {
  Dag dag = Dag::build(diamond());
  for (size_t i = 0; i < dag.size(); ++i)
    for (size_t s : dag.successors(i)) EXPECT_LT(i, s);
  auto order = dag.topologicalOrder();
  auto pos = [&](int64_t c) { return std::find(order.begin(), order.end(), c) - order.begin(); };
  EXPECT_LT(pos(1), pos(2));
  EXPECT_LT(pos(3), pos(4));
}

TEST(Dag, DuplicateRelationsCollapse) {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "b");
  b.edge(1, 2).edge(1, 2);
  Dag dag = Dag::build(b.build());
  EXPECT_EQ(dag.successors(*dag.indexOf(1)).size(), 1u);
}

TEST(Dag, TasksWithoutRelationsAreNotNodes) {
  DagBuilder b;
  b.task(1, "a");
  auto data = b.build();
  model::TaskDefinition loose;
  loose.code = 7;
  loose.name = "loose";
  data.tasks.push_back(loose);
  EXPECT_FALSE(Dag::build(data).contains(7));
}

TEST(Dag, CycleIsRejectedWithTaskNames) {
  DagBuilder b;
  b.task(1, "a");
  b.task(2, "b");
  b.task(3, "c");
  b.task(4, "root");
  b.edge(4, 1).edge(1, 2).edge(2, 3).edge(3, 1);
  auto data = b.build();
  auto cycle = findCycle(data);
  ASSERT_TRUE(cycle.has_value());
  EXPECT_EQ(*cycle, (std::vector<std::string>{"a", "b", "c", "a"}));
  try {
    Dag::build(data);
    FAIL() << "cycle accepted";
  } catch (const DagError& e) {
    EXPECT_EQ(e.kind(), DagError::Kind::Cycle);
    EXPECT_NE(std::string(e.what()).find("a -> b -> c -> a"), std::string::npos);
  }
}

TEST(Dag, SelfLoopIsACycle) {
  DagBuilder b;
  b.task(1, "a");
  b.edge(0, 1).edge(1, 1);
  auto cycle = findCycle(b.build());
  ASSERT_TRUE(cycle.has_value());
  EXPECT_EQ(*cycle, (std::vector<std::string>{"a", "a"}));
}

TEST(Dag, AcyclicHasNoCycle) { EXPECT_FALSE(findCycle(diamond()).has_value()); }

TEST(Dag, UnknownTaskCodeIsRejected) {
  DagBuilder b;
  b.task(1, "a");
  b.edge(1, 42);
  try {
    Dag::build(b.build());
    FAIL();
  } catch (const DagError& e) {
    EXPECT_EQ(e.kind(), DagError::Kind::UnknownTask);
    EXPECT_NE(std::string(e.what()).find("42"), std::string::npos);
  }
}

TEST(Dag, ZeroPostTaskIsRejected) {
  DagBuilder b;
  b.task(1, "a");
  b.edge(1, 0);
  EXPECT_THROW(Dag::build(b.build()), DagError);
}

TEST(StartNodes, EmptyListWithPostMeansWholeDag) {
  Dag dag = Dag::build(diamond());
  EXPECT_EQ(codesOf(dag, selectRunNodes(dag, {}, model::TaskDependType::TASK_POST)),
            (std::vector<int64_t>{1, 2, 3, 4, 5}));
}

TEST(StartNodes, PostTakesDescendants) {
  Dag dag = Dag::build(diamond());
  EXPECT_EQ(codesOf(dag, selectRunNodes(dag, {2}, model::TaskDependType::TASK_POST)), (std::vector<int64_t>{2, 4}));
}

TEST(StartNodes, PreTakesAncestors) {
  Dag dag = Dag::build(diamond());
  EXPECT_EQ(codesOf(dag, selectRunNodes(dag, {4}, model::TaskDependType::TASK_PRE)),
            (std::vector<int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(codesOf(dag, selectRunNodes(dag, {2, 5}, model::TaskDependType::TASK_PRE)),
            (std::vector<int64_t>{1, 2, 5}));
}

TEST(StartNodes, OnlyTakesJustTheStartNodes) {
  Dag dag = Dag::build(diamond());
  EXPECT_EQ(codesOf(dag, selectRunNodes(dag, {2, 3}, model::TaskDependType::TASK_ONLY)), (std::vector<int64_t>{2, 3}));
}

TEST(StartNodes, BadInputIsRejected) {
  Dag dag = Dag::build(diamond());
  EXPECT_THROW(selectRunNodes(dag, {}, model::TaskDependType::TASK_ONLY), std::invalid_argument);
  EXPECT_THROW(selectRunNodes(dag, {}, model::TaskDependType::TASK_PRE), std::invalid_argument);
  EXPECT_THROW(selectRunNodes(dag, {77}, model::TaskDependType::TASK_POST), std::invalid_argument);
}

}  // namespace
}  // namespace porpoise::engine
