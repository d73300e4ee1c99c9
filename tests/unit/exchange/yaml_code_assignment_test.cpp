// Replacing task codes rewrites every place a workflow refers to its own tasks.
#include "exchange/yaml_code_assignment.h"

#include "yaml_test_support.h"

namespace porpoise::exchange {
namespace {

using testing::fixturesDir;
using testing::ScratchDir;

TEST(YamlCodeAssignment, RewritesConditionSwitchAndRelations) {
  ScratchDir dir;
  auto result = testing::loadWritten(dir, "wf.yaml", R"(workflow: {name: wf, param: {v: 1}}
tasks:
  - {name: a, task_type: Shell, command: x}
  - {name: ok, task_type: Shell, command: x}
  - {name: bad, task_type: Shell, command: x}
  - name: check
    task_type: Condition
    success_task: ok
    failed_task: bad
    op: or
    groups:
      - {op: and, groups: [{task: a, flag: false}]}
  - name: pick
    task_type: Switch
    deps: [ok]
    condition:
      - {task: a2, condition: "${v} > 0"}
      - {task: b2}
  - {name: a2, task_type: Shell, command: x}
  - {name: b2, task_type: Shell, command: x}
  - name: wait
    task_type: Dependent
    op: and
    groups: [{op: and, groups: [{project_name: p, workflow_name: w, dependent_task_name: t}]}]
)");
  auto& submission = result.submissions.at(0);
  std::map<std::string, int64_t> fresh;
  int64_t next = 9000;
  assignYamlTaskCodes(submission, [&](const std::string& name, int64_t) {
    fresh[name] = ++next;
    return YamlTaskIdentity{next, name == "a" ? 4 : 0};
  });
  auto task = [&](const std::string& name) {
    for (const auto& t : submission.taskDefinitions)
      if (t["name"] == name) return t;
    return Json();
  };
  EXPECT_EQ(task("a")["code"], fresh["a"]);
  EXPECT_EQ(task("a")["version"], 4);
  EXPECT_EQ(task("ok")["version"], 0);
  const Json condition = task("check")["taskParams"];
  EXPECT_EQ(condition["conditionResult"]["successNode"], Json::array({fresh["ok"]}));
  EXPECT_EQ(condition["conditionResult"]["failedNode"], Json::array({fresh["bad"]}));
  EXPECT_EQ(condition["dependence"]["dependTaskList"][0]["dependItemList"][0]["depTaskCode"], fresh["a"]);
  const Json pick = task("pick")["taskParams"]["switchResult"];
  EXPECT_EQ(pick["dependTaskList"][0]["nextNode"], fresh["a2"]);
  EXPECT_EQ(pick["nextNode"], fresh["b2"]);
  // Codes of other workflows stay as the submitter will fill them.
  EXPECT_EQ(task("wait")["taskParams"]["dependence"]["dependTaskList"][0]["dependItemList"][0]["depTaskCode"], 0);
  std::set<std::pair<int64_t, int64_t>> edges;
  for (const auto& relation : submission.taskRelations)
    edges.insert({relation["preTaskCode"].get<int64_t>(), relation["postTaskCode"].get<int64_t>()});
  EXPECT_TRUE(edges.count({0, fresh["a"]}));
  EXPECT_TRUE(edges.count({fresh["a"], fresh["check"]}));
  EXPECT_TRUE(edges.count({fresh["check"], fresh["ok"]}));
  EXPECT_TRUE(edges.count({fresh["ok"], fresh["pick"]}));
  EXPECT_TRUE(edges.count({fresh["pick"], fresh["b2"]}));
  EXPECT_EQ(edges.size(), submission.taskRelations.size());
}

TEST(YamlCodeAssignment, RejectsDuplicateCodes) {
  ScratchDir dir;
  auto result = testing::loadWritten(dir, "wf.yaml",
                                     "workflow: {name: wf}\ntasks:\n  - {name: a, task_type: Shell, command: x}\n  - "
                                     "{name: b, task_type: Shell, command: x}\n");
  EXPECT_THROW(assignYamlTaskCodes(result.submissions[0],
                                   [](const std::string&, int64_t) {
                                     return YamlTaskIdentity{7, 0};
                                   }),
               std::invalid_argument);
}

}  // namespace
}  // namespace porpoise::exchange
