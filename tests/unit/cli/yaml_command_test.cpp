// `porpoise yaml` end to end against an in-process fake of the DolphinScheduler REST API:
// the calls it makes, in order, and what the server ends up holding.
#include "cli/yaml_command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "fake_ds_server.h"

namespace porpoise::cli {
namespace {

namespace fs = std::filesystem;
using testing::FakeDsServer;
using testing::Json;

class Scratch {
 public:
  Scratch() {
    std::random_device random;
    path_ = fs::temp_directory_path() / ("porpoise-cli-" + std::to_string(random()) + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name) << text;
    return (path_ / name).string();
  }

 private:
  fs::path path_;
};

struct CommandRun {
  int exitCode;
  std::string out;
  std::string err;
};

CommandRun runCommand(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = runYamlCommand(args, out, err);
  return {code, out.str(), err.str()};
}

CommandRun submit(FakeDsServer& server, const std::string& file) {
  return runCommand({"yaml", "-f", file, "--server", server.url(), "--user", "admin", "--password", "secret"});
}

const char* kConditionWorkflow = R"(workflow:
  name: dvc_init
  run: true
  param: {port: 7002}
tasks:
  - {name: create_repo, task_type: Shell, command: "git init /tmp/repo"}
  - name: init_dvc
    deps: [create_repo]
    task_type: DVCInit
    repository: /tmp/repo
    store_url: /data/dvc
    local_params:
      - {prop: size, direct: IN, type: INTEGER, value: 3}
  - {name: success, task_type: Shell, command: echo ok, deps: [condition]}
  - {name: failure, task_type: Shell, command: echo bad, deps: [condition]}
  - name: condition
    task_type: Condition
    success_task: success
    failed_task: failure
    op: AND
    groups:
      - op: AND
        groups:
          - {task: init_dvc, flag: true}
)";

Json taskNamed(const Json& tasks, const std::string& name) {
  for (const auto& task : tasks)
    if (task["name"] == name) return task;
  return Json();
}

TEST(YamlCommand, CreatesReleasesAndStartsAWorkflowWithACondition) {
  FakeDsServer server;
  Scratch dir;
  const CommandRun run = submit(server, dir.write("dvc.yaml", kConditionWorkflow));
  ASSERT_EQ(run.exitCode, 0) << run.err;

  EXPECT_EQ(server.calls(), (std::vector<std::string>{
                                "POST /dolphinscheduler/login",
                                "GET /dolphinscheduler/projects",
                                "POST /dolphinscheduler/projects",
                                "GET /dolphinscheduler/projects/101/process-definition/query-by-name",
                                "GET /dolphinscheduler/projects/101/task-definition/gen-task-codes",
                                "POST /dolphinscheduler/projects/101/process-definition",
                                "POST /dolphinscheduler/projects/101/process-definition/107/release",
                                "POST /dolphinscheduler/projects/101/executors/start-process-instance",
                            }));
  const auto requests = server.requests();
  EXPECT_EQ(requests[0].params.at("userName"), "admin");
  EXPECT_EQ(requests[0].headers.at("Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(requests[1].headers.at("sessionId"), "session-1");
  EXPECT_EQ(requests[2].params.at("projectName"), "project-pydolphin");
  EXPECT_EQ(requests[4].params.at("genNum"), "5");
  EXPECT_EQ(requests[6].params.at("releaseState"), "ONLINE");
  EXPECT_EQ(requests[7].params.at("failureStrategy"), "CONTINUE");
  EXPECT_EQ(requests[7].params.at("processDefinitionCode"), "107");

  const auto workflow = server.workflow("dvc_init");
  ASSERT_TRUE(workflow.has_value());
  EXPECT_EQ(workflow->releaseState, "ONLINE");
  EXPECT_EQ(workflow->form.at("tenantCode"), "default");
  EXPECT_EQ(workflow->form.at("executionType"), "PARALLEL");
  EXPECT_EQ(Json::parse(workflow->form.at("globalParams")),
            Json::parse(R"([{"prop":"port","direct":"IN","type":"VARCHAR","value":"7002"}])"));
  // Codes come from gen-task-codes, and the condition refers to them.
  const Json condition = taskNamed(workflow->tasks, "condition");
  const Json initDvc = taskNamed(workflow->tasks, "init_dvc");
  EXPECT_EQ(initDvc["code"], 103000);  // the second code gen-task-codes gave
  EXPECT_EQ(initDvc["environmentCode"], -1);
  EXPECT_EQ(initDvc["description"], "");
  EXPECT_FALSE(initDvc.contains("version"));
  EXPECT_EQ(initDvc["taskParams"]["localParams"][0]["value"], "3");
  EXPECT_EQ(condition["taskParams"]["dependence"]["dependTaskList"][0]["dependItemList"][0]["depTaskCode"],
            initDvc["code"]);
  EXPECT_EQ(condition["taskParams"]["conditionResult"]["successNode"][0],
            taskNamed(workflow->tasks, "success")["code"]);
  EXPECT_EQ(workflow->relations.size(), 5u);
  for (const auto& relation : workflow->relations) EXPECT_EQ(relation["conditionType"], "NONE");
  EXPECT_EQ(workflow->locations.size(), 5u);
  EXPECT_EQ(server.startedWorkflows(), std::vector<int64_t>{107});

  EXPECT_NE(run.out.find("logged in to " + server.url() + " as admin"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("project 'project-pydolphin': created (code 101)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("workflow 'dvc_init': created (code 107, 5 tasks"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("workflow 'dvc_init': released ONLINE"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("workflow 'dvc_init': started (instance 1)"), std::string::npos) << run.out;
}

TEST(YamlCommand, SubmittingAgainUpdatesTheWorkflowAndKeepsTaskCodes) {
  FakeDsServer server;
  Scratch dir;
  const std::string file = dir.write("dvc.yaml", kConditionWorkflow);
  ASSERT_EQ(submit(server, file).exitCode, 0);
  const auto first = server.workflow("dvc_init");
  const size_t before = server.requests().size();

  std::string changed = kConditionWorkflow;
  changed += "  - {name: extra, task_type: Shell, command: echo extra, deps: [success]}\n";
  const CommandRun run = submit(server, dir.write("dvc.yaml", changed));
  ASSERT_EQ(run.exitCode, 0) << run.err;

  std::vector<std::string> calls = server.calls();
  calls.erase(calls.begin(), calls.begin() + static_cast<long>(before));
  EXPECT_EQ(calls, (std::vector<std::string>{
                       "POST /dolphinscheduler/login",
                       "GET /dolphinscheduler/projects",
                       "GET /dolphinscheduler/projects/101/process-definition/query-by-name",
                       "GET /dolphinscheduler/projects/101/task-definition/gen-task-codes",
                       "POST /dolphinscheduler/projects/101/process-definition/107/release",
                       "PUT /dolphinscheduler/projects/101/process-definition/107",
                       "POST /dolphinscheduler/projects/101/process-definition/107/release",
                       "POST /dolphinscheduler/projects/101/executors/start-process-instance",
                   }));
  const auto second = server.workflow("dvc_init");
  EXPECT_EQ(second->version, 2);
  EXPECT_EQ(second->code, first->code);
  EXPECT_EQ(second->tasks.size(), 6u);
  for (const char* name : {"create_repo", "init_dvc", "success", "failure", "condition"}) {
    EXPECT_EQ(taskNamed(second->tasks, name)["code"], taskNamed(first->tasks, name)["code"]) << name;
    EXPECT_EQ(taskNamed(second->tasks, name)["version"], 1) << name;
  }
  EXPECT_EQ(server.requests()[before + 3].params.at("genNum"), "1");
  EXPECT_NE(run.out.find("workflow 'dvc_init': released OFFLINE"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("workflow 'dvc_init': updated as a new version (code 107, 6 tasks)"), std::string::npos)
      << run.out;
}

TEST(YamlCommand, SubWorkflowsAreSubmittedFirstAndLinked) {
  FakeDsServer server;
  Scratch dir;
  dir.write("child.yaml",
            "workflow: {name: child, project: ml, release_state: offline}\n"
            "tasks:\n  - {name: c, task_type: Shell, command: echo child}\n");
  const std::string parent = dir.write("parent.yaml", R"(workflow: {name: parent, project: ml, run: true}
tasks:
  - {name: first, task_type: SubProcess, process_definition_name: $WORKFLOW{"child.yaml"}}
  - {name: after, task_type: Shell, command: echo done, deps: [first]}
)");
  const CommandRun run = submit(server, parent);
  ASSERT_EQ(run.exitCode, 0) << run.err;
  const auto child = server.workflow("child");
  const auto parentWf = server.workflow("parent");
  ASSERT_TRUE(child && parentWf);
  EXPECT_LT(child->code, parentWf->code);
  EXPECT_EQ(taskNamed(parentWf->tasks, "first")["taskParams"]["processDefinitionCode"], child->code);
  // The child asked to stay offline, but a parent can only run with its sub-workflows online.
  EXPECT_EQ(child->releaseState, "ONLINE");
  EXPECT_NE(run.out.find("workflow 'child': released ONLINE (used as a sub-workflow)"), std::string::npos) << run.out;
  EXPECT_EQ(server.startedWorkflows(), std::vector<int64_t>{parentWf->code});
}

TEST(YamlCommand, ScheduleReleaseStateAndRunFollowTheSdk) {
  FakeDsServer server;
  Scratch dir;
  const std::string file = dir.write("tutorial.yaml", R"(workflow:
  name: tutorial
  schedule: "0 0 0 * * ? *"
  start_time: "2021-01-01"
  tenant: etl
  release_state: "offline"
  run: true
tasks:
  - {name: a, task_type: Shell, command: echo a}
)");
  const CommandRun run = submit(server, file);
  ASSERT_EQ(run.exitCode, 0) << run.err;
  const auto calls = server.calls();
  const std::vector<std::string> expectedTail = {
      "POST /dolphinscheduler/projects/101/process-definition",
      "POST /dolphinscheduler/projects/101/process-definition/103/release",
      "GET /dolphinscheduler/projects/101/schedules",
      "POST /dolphinscheduler/projects/101/schedules",
      "POST /dolphinscheduler/projects/101/schedules/1/online",
      "POST /dolphinscheduler/projects/101/process-definition/103/release",
      "POST /dolphinscheduler/projects/101/process-definition/103/release",
      "POST /dolphinscheduler/projects/101/executors/start-process-instance",
  };
  ASSERT_GE(calls.size(), expectedTail.size());
  EXPECT_EQ(std::vector<std::string>(calls.end() - static_cast<long>(expectedTail.size()), calls.end()), expectedTail);
  const auto schedules = server.schedules();
  ASSERT_EQ(schedules.size(), 1u);
  EXPECT_EQ(schedules[0].schedule, Json::parse(R"({"startTime":"2021-01-01 00:00:00","endTime":"9999-12-31 23:59:59",
                                                   "crontab":"0 0 0 * * ? *","timezoneId":"Asia/Shanghai"})"));
  // Released OFFLINE as the file asks (which takes the schedule offline), then ONLINE to run.
  EXPECT_EQ(schedules[0].releaseState, "OFFLINE");
  EXPECT_EQ(server.workflow("tutorial")->releaseState, "ONLINE");
  EXPECT_EQ(server.workflow("tutorial")->form.at("tenantCode"), "etl");
  EXPECT_NE(run.out.find("tenant 'etl': created"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("schedule 1 created (\"0 0 0 * * ? *\" in Asia/Shanghai"), std::string::npos) << run.out;

  // Again: the existing schedule is updated rather than duplicated.
  const CommandRun again = submit(server, file);
  ASSERT_EQ(again.exitCode, 0) << again.err;
  EXPECT_EQ(server.schedules().size(), 1u);
  EXPECT_NE(again.out.find("schedule 1 updated"), std::string::npos) << again.out;
}

TEST(YamlCommand, DependentItemsAndDatasourcesAreResolvedOnTheServer) {
  FakeDsServer server;
  server.addDatasource(42, "warehouse", "MYSQL");
  Scratch dir;
  dir.write("upstream.yaml",
            "workflow: {name: upstream, project: etl}\n"
            "tasks:\n  - {name: load, task_type: Shell, command: echo load}\n");
  const std::string file = dir.write("wait.yaml", R"(workflow: {name: wait, project: etl}
tasks:
  - name: wait
    task_type: Dependent
    op: and
    groups:
      - op: or
        groups:
          - {project_name: etl, workflow_name: $WORKFLOW{"upstream.yaml"}, dependent_task_name: load}
          - {project_name: etl, workflow_name: upstream, dependent_task_name: "0", dependent_date: last1Days}
  - {name: query, task_type: Sql, datasource_name: warehouse, sql: "select 1", deps: [wait]}
)");
  const CommandRun run = submit(server, file);
  ASSERT_EQ(run.exitCode, 0) << run.err;
  const auto upstream = server.workflow("upstream");
  const auto wait = server.workflow("wait");
  const Json items = taskNamed(wait->tasks, "wait")["taskParams"]["dependence"]["dependTaskList"][0]["dependItemList"];
  EXPECT_EQ(items[0]["projectCode"], server.projectCode("etl"));
  EXPECT_EQ(items[0]["definitionCode"], upstream->code);
  EXPECT_EQ(items[0]["depTaskCode"], upstream->tasks[0]["code"]);
  EXPECT_EQ(items[1]["depTaskCode"], 0);
  EXPECT_EQ(items[1]["cycle"], "day");
  const Json query = taskNamed(wait->tasks, "query")["taskParams"];
  EXPECT_EQ(query["datasource"], 42);
  EXPECT_EQ(query["type"], "MYSQL");
}

TEST(YamlCommand, UnknownNamesAndServerErrorsStopWithAMessage) {
  FakeDsServer server;
  Scratch dir;
  const CommandRun missing =
      submit(server, dir.write("sql.yaml",
                               "workflow: {name: q}\n"
                               "tasks:\n  - {name: q, task_type: Sql, datasource_name: nope, sql: select 1}\n"));
  EXPECT_EQ(missing.exitCode, 1);
  EXPECT_NE(missing.err.find("sql.yaml:3: datasource 'nope' not found"), std::string::npos) << missing.err;
  EXPECT_FALSE(server.workflow("q").has_value());

  server.failNext("POST /projects/101/executors/start-process-instance", 10025, "no master registered");
  const CommandRun failed = submit(server, dir.write("run.yaml",
                                                     "workflow: {name: r, run: true}\n"
                                                     "tasks:\n  - {name: a, task_type: Shell, command: echo}\n"));
  EXPECT_EQ(failed.exitCode, 1);
  EXPECT_NE(failed.err.find("workflow 'r': starting it failed: no master registered (code 10025)"), std::string::npos)
      << failed.err;
  EXPECT_NE(failed.out.find("workflow 'r': released ONLINE"), std::string::npos) << failed.out;
}

TEST(YamlCommand, AuthenticationProblems) {
  FakeDsServer server;
  Scratch dir;
  const std::string file =
      dir.write("a.yaml", "workflow: {name: a}\ntasks:\n  - {name: a, task_type: Shell, command: x}\n");
  const CommandRun badPassword =
      runCommand({"-f", file, "--server", server.url(), "--user", "admin", "--password", "wrong"});
  EXPECT_EQ(badPassword.exitCode, 1);
  EXPECT_NE(badPassword.err.find("as admin failed: user name or password error"), std::string::npos) << badPassword.err;

  const CommandRun badToken = runCommand({"-f", file, "--server", server.url(), "--token", "stale"});
  EXPECT_EQ(badToken.exitCode, 1);
  EXPECT_NE(badToken.err.find("not authenticated"), std::string::npos) << badToken.err;

  const CommandRun goodToken =
      runCommand({"-f", file, "--server", server.url(), "--token", "good-token", "--project", "p2"});
  EXPECT_EQ(goodToken.exitCode, 0) << goodToken.err;
  EXPECT_EQ(server.requests().back().headers.at("token"), "good-token");
  EXPECT_NE(server.projectCode("p2"), 0);
}

TEST(YamlCommand, LoadErrorsAndUnreachableServers) {
  Scratch dir;
  const CommandRun bad =
      runCommand({"-f", dir.write("bad.yaml", "workflow: {name: a}\ntasks:\n  - {name: a, task_type: Nope}\n"),
                  "--server", "http://127.0.0.1:1"});
  EXPECT_EQ(bad.exitCode, 1);
  EXPECT_NE(bad.err.find("bad.yaml:3: unknown task type 'Nope'"), std::string::npos) << bad.err;

  const std::string good =
      dir.write("good.yaml", "workflow: {name: a}\ntasks:\n  - {name: a, task_type: Shell, command: x}\n");
  const CommandRun unreachable = runCommand({"-f", good, "--server", "http://127.0.0.1:1"});
  EXPECT_EQ(unreachable.exitCode, 1);
  EXPECT_NE(unreachable.err.find("POST http://127.0.0.1:1/dolphinscheduler/login failed"), std::string::npos)
      << unreachable.err;

  const CommandRun dry = runCommand({"-f", good, "--server", "http://127.0.0.1:1", "--dry-run"});
  EXPECT_EQ(dry.exitCode, 0) << dry.err;
  const Json printed = Json::parse(dry.out);
  ASSERT_EQ(printed.size(), 1u);
  EXPECT_EQ(printed[0]["name"], "a");
  EXPECT_EQ(printed[0]["taskDefinitionJson"][0]["taskParams"]["rawScript"], "x");
}

}  // namespace
}  // namespace porpoise::cli
