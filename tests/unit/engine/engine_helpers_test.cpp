// Small engine helpers: commandParam text, new instance rows, task-instance rows, DEPENDENT item checks.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "dag_builder.h"
#include "engine/command_param.h"
#include "engine/dependent_check.h"
#include "engine/engine_error.h"
#include "engine/instance_factory.h"
#include "engine/state_history.h"
#include "engine/task_instance_factory.h"
#include "in_memory_run_store.h"

namespace porpoise::engine {
namespace {

using Json = nlohmann::json;
using testing::DagBuilder;

util::TimePoint at(const char* text) { return *util::parseDateTime(text, "UTC"); }

TEST(CommandParam, RoundTripsAndUsesDolphinSchedulerKeys) {
  CommandParams p;
  p.startNodes = {11, 22};
  p.startParams = {{"k", "v"}, {"n", "1"}};
  p.complementDates = {at("2024-01-02 00:00:00"), at("2024-01-03 00:00:00")};
  p.timezone = "Asia/Shanghai";
  std::string text = writeCommandParam(p);
  Json j = Json::parse(text);
  EXPECT_EQ(j["StartNodeList"], "11,22");
  EXPECT_TRUE(j["StartParams"].is_string());
  EXPECT_EQ(Json::parse(j["StartParams"].get<std::string>())["k"], "v");
  EXPECT_EQ(j["complementScheduleDateList"], "2024-01-02 00:00:00,2024-01-03 00:00:00");
  CommandParams back = readCommandParam(text);
  EXPECT_EQ(back.startNodes, p.startNodes);
  EXPECT_EQ(back.startParams, p.startParams);
  EXPECT_EQ(back.complementDates, p.complementDates);
  EXPECT_EQ(back.timezone, p.timezone);
  EXPECT_EQ(writeCommandParam({}), "{}");
}

TEST(CommandParam, ReadsLenientlyAndNeverThrows) {
  EXPECT_TRUE(readCommandParam("not json").startNodes.empty());
  EXPECT_TRUE(readCommandParam("[1]").startParams.empty());
  auto p = readCommandParam(R"({"StartNodeList":"5, x ,6","StartParams":{"a":"b"},"complementScheduleDateList":7})");
  EXPECT_EQ(p.startNodes, (std::vector<int64_t>{5, 6}));
  EXPECT_EQ(p.startParams.at("a"), "b");
  EXPECT_TRUE(p.complementDates.empty());
}

TEST(StateHistory, AppendsEntries) {
  std::string h =
      appendStateHistory("garbage", at("2024-01-01 00:00:00"), model::WorkflowState::RUNNING_EXECUTION, "go");
  h = appendStateHistory(h, at("2024-01-01 00:00:05"), model::WorkflowState::SUCCESS, "done");
  Json j = Json::parse(h);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["state"], "RUNNING_EXECUTION");
  EXPECT_EQ(j[1]["desc"], "done");
}

TEST(InstanceFactory, FillsTheRowAndCuresGlobals) {
  DagBuilder b(77, "etl", 3);
  b.workflow().globalParams = R"([{"prop":"day","value":"$[yyyyMMdd]"},{"prop":"keep","value":"k"},
                                   {"prop":"shared","value":"mine"}])";
  b.workflow().timeout = 30;
  b.task(1, "a");
  StartRequest r;
  r.startParams = {{"keep", "override"}, {"added", "x"}};
  r.scheduleTime = at("2024-02-10 08:00:00");
  r.priority = model::Priority::HIGH;
  r.failureStrategy = model::FailureStrategy::END;
  std::vector<model::Property> inherited{{"shared", "IN", "VARCHAR", "parent"}};
  auto pi = makeWorkflowInstance(b.build(), r, at("2024-03-01 10:00:00"), "UTC", &inherited);
  EXPECT_EQ(pi.name, "etl-3-20240301100000000");
  EXPECT_EQ(pi.processDefinitionCode, 77);
  EXPECT_EQ(pi.processDefinitionVersion, 3);
  EXPECT_EQ(pi.state, model::WorkflowState::SUBMITTED_SUCCESS);
  EXPECT_EQ(pi.timeout, 30);
  EXPECT_EQ(pi.processInstancePriority, model::Priority::HIGH);
  EXPECT_EQ(pi.failureStrategy, model::FailureStrategy::END);
  std::map<std::string, std::string> globals;
  for (const auto& p : model::parseProperties(Json::parse(pi.globalParams))) globals[p.prop] = p.value;
  EXPECT_EQ(globals["day"], "20240210");  // cured at the schedule time
  EXPECT_EQ(globals["keep"], "override");
  EXPECT_EQ(globals["added"], "x");
  EXPECT_EQ(globals["shared"], "parent");
}

TEST(InstanceFactory, BadGlobalsAreRejected) {
  DagBuilder b;
  b.workflow().globalParams = "{not json";
  b.task(1, "a");
  try {
    makeWorkflowInstance(b.build(), {}, at("2024-03-01 10:00:00"), "UTC");
    FAIL();
  } catch (const EngineError& e) {
    EXPECT_EQ(e.status(), EngineError::kRequestParamsNotValid);
  }
}

TEST(TaskInstanceFactory, CopiesDefinitionAndAttempts) {
  model::WorkflowInstance pi;
  pi.id = 5;
  pi.executorId = 9;
  pi.dryRun = 1;
  pi.workerGroup = "default";
  model::TaskDefinition t;
  t.code = 3;
  t.version = 2;
  t.name = "n";
  t.taskType = "SHELL";
  t.failRetryTimes = 4;
  t.failRetryInterval = 2;
  t.delayTime = 1;
  t.workerGroup = "gpu";
  auto ti = newTaskInstance(pi, t, at("2024-03-01 10:00:00"));
  EXPECT_EQ(ti.processInstanceId, 5);
  EXPECT_EQ(ti.taskDefinitionVersion, 2);
  EXPECT_EQ(ti.maxRetryTimes, 4);
  EXPECT_EQ(ti.retryInterval, 2);
  EXPECT_EQ(ti.workerGroup, "gpu");
  EXPECT_EQ(ti.dryRun, 1);
  EXPECT_EQ(ti.executorId, 9);
  ti.id = 10;
  ti.state = model::TaskState::FAILURE;
  ti.pid = 3;
  ti.varPool = R"([{"prop":"x","direct":"IN","type":"VARCHAR","value":"1"}])";
  auto retry = nextAttempt(ti, true, at("2024-03-01 10:05:00"));
  EXPECT_EQ(retry.id, 0);
  EXPECT_EQ(retry.retryTimes, 1);
  EXPECT_EQ(retry.state, model::TaskState::SUBMITTED_SUCCESS);
  EXPECT_EQ(retry.pid, 0);
  EXPECT_EQ(retry.varPool, ti.varPool);
  EXPECT_EQ(retry.firstSubmitTime, ti.firstSubmitTime);
  EXPECT_EQ(nextAttempt(ti, false, at("2024-03-01 10:05:00")).retryTimes, 0);
  EXPECT_TRUE(isLogicTaskType("SUB_WORKFLOW"));
  EXPECT_FALSE(isLogicTaskType("SHELL"));
}

TEST(DependentCheck, JudgesEveryWindowInOrder) {
  testing::InMemoryRunStore store;
  tasks::DependentItem item;
  item.definitionCode = 300;
  item.cycle = "day";
  item.dateValue = "last2Days";
  auto base = at("2024-03-03 12:00:00");
  EXPECT_EQ(checkDependentItem(store, item, base, "UTC").result, tasks::DependResult::WAITING);
  model::WorkflowInstance day1;
  day1.processDefinitionCode = 300;
  day1.scheduleTime = at("2024-03-01 01:00:00");
  day1.state = model::WorkflowState::SUCCESS;
  store.insertWorkflowInstance(day1);
  auto judged = checkDependentItem(store, item, base, "UTC");
  EXPECT_EQ(judged.result, tasks::DependResult::WAITING);  // the second day has no run yet
  EXPECT_NE(judged.detail.find("2024-03-02"), std::string::npos);
  model::WorkflowInstance day2 = day1;
  day2.scheduleTime = at("2024-03-02 01:00:00");
  day2.state = model::WorkflowState::FAILURE;
  store.insertWorkflowInstance(day2);
  EXPECT_EQ(checkDependentItem(store, item, base, "UTC").result, tasks::DependResult::FAILED);
  model::WorkflowInstance rerun = day2;  // a later run of the same day wins
  rerun.state = model::WorkflowState::SUCCESS;
  store.insertWorkflowInstance(rerun);
  EXPECT_EQ(checkDependentItem(store, item, base, "UTC").result, tasks::DependResult::SUCCESS);
  item.dateValue = "nonsense";
  auto bad = checkDependentItem(store, item, base, "UTC");
  EXPECT_EQ(bad.result, tasks::DependResult::FAILED);
  EXPECT_NE(bad.detail.find("bad dependency window"), std::string::npos);
}

TEST(DependentCheck, SpecificTaskOfARun) {
  testing::InMemoryRunStore store;
  model::WorkflowInstance run;
  run.processDefinitionCode = 300;
  run.startTime = at("2024-03-03 09:00:00");
  run.state = model::WorkflowState::RUNNING_EXECUTION;
  store.insertWorkflowInstance(run);
  tasks::DependentItem item;
  item.definitionCode = 300;
  item.depTaskCode = 31;
  item.cycle = "day";
  item.dateValue = "today";
  auto base = at("2024-03-03 12:00:00");
  EXPECT_EQ(checkDependentItem(store, item, base, "UTC").result, tasks::DependResult::WAITING);
  model::TaskInstance t;
  t.processInstanceId = run.id;
  t.taskCode = 31;
  t.state = model::TaskState::FORCED_SUCCESS;
  store.insertTaskInstance(t);
  EXPECT_EQ(checkDependentItem(store, item, base, "UTC").result, tasks::DependResult::SUCCESS);
  t.state = model::TaskState::KILL;
  store.updateTaskInstance(t);
  EXPECT_EQ(checkDependentItem(store, item, base, "UTC").result, tasks::DependResult::FAILED);
  item.depTaskCode = 32;  // never ran, and the run is finished
  run.state = model::WorkflowState::SUCCESS;
  store.updateWorkflowInstance(run);
  EXPECT_EQ(checkDependentItem(store, item, base, "UTC").result, tasks::DependResult::FAILED);
}

}  // namespace
}  // namespace porpoise::engine
