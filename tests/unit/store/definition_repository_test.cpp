// Versioned workflow definitions in SQLite: versions, switch, move, paging, and the statements pages cost.
#include "store/definition_repository.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "store/project_repository.h"
#include "store/store.h"
#include "util/crypto.h"
#include "util/time.h"

namespace fs = std::filesystem;
using namespace porpoise;
namespace defs = store::definitions;
using model::DagData;
using model::Json;

namespace {

struct DefinitionDb {
  fs::path dir = fs::temp_directory_path() / ("porpoise-defrepo-" + util::randomHex(6));
  std::unique_ptr<store::Store> store;
  util::TimePoint t0 = *util::parseDateTime("2024-05-01 12:00:00", "UTC");

  DefinitionDb() {
    fs::create_directories(dir);
    store = std::make_unique<store::Store>((dir / "test.db").string());
    for (int64_t code : {10, 20}) {
      store->write([&](store::Database& db) {
        model::Project p;
        p.code = code;
        p.name = "p" + std::to_string(code);
        p.userId = 1;
        p.createTime = p.updateTime = t0;
        store::projects::insert(db, p);
      });
    }
  }
  ~DefinitionDb() {
    store.reset();
    fs::remove_all(dir);
  }

  defs::SaveOutcome save(const DagData& d, util::TimePoint when) {
    return store->write([&](store::Database& db) { return defs::saveDag(db, d, 1, when); });
  }
  template <typename F>
  auto read(F&& f) {
    return store->read(std::forward<F>(f));
  }
  template <typename F>
  auto write(F&& f) {
    return store->write(std::forward<F>(f));
  }
};

model::TaskDefinition shell(int64_t code, const std::string& name, const std::string& script = "echo") {
  model::TaskDefinition t;
  t.code = code;
  t.name = name;
  t.taskType = "SHELL";
  t.taskParams = {{"rawScript", script}};
  return t;
}

model::TaskRelation edge(int64_t pre, int64_t post) {
  model::TaskRelation r;
  r.preTaskCode = pre;
  r.postTaskCode = post;
  return r;
}

// a -> b, in project 10.
DagData twoTasks(int64_t code = 500, const std::string& name = "wf") {
  DagData d;
  d.workflow.code = code;
  d.workflow.name = name;
  d.workflow.projectCode = 10;
  d.workflow.userId = 1;
  d.tasks = {shell(code * 10 + 1, "a"), shell(code * 10 + 2, "b")};
  d.relations = {edge(0, code * 10 + 1), edge(code * 10 + 1, code * 10 + 2)};
  return d;
}

int versionOf(const DagData& d, const std::string& task) {
  for (const auto& t : d.tasks)
    if (t.name == task) return t.version;
  return -1;
}

// Collects the SQL of every statement run on a connection while alive.
class StatementLog {
 public:
  explicit StatementLog(store::Database& db) : db_(db) {
    sqlite3_trace_v2(db_.handle(), SQLITE_TRACE_STMT, &StatementLog::onStatement, this);
  }
  ~StatementLog() { sqlite3_trace_v2(db_.handle(), 0, nullptr, nullptr); }
  const std::vector<std::string>& sql() const { return sql_; }

 private:
  static int onStatement(unsigned, void* self, void* stmt, void*) {
    const char* text = sqlite3_sql(static_cast<sqlite3_stmt*>(stmt));
    std::string s = text ? text : "";
    if (s != "BEGIN" && s != "COMMIT") static_cast<StatementLog*>(self)->sql_.push_back(s);
    return 0;
  }
  store::Database& db_;
  std::vector<std::string> sql_;
};

// EXPLAIN QUERY PLAN lines of `sql` (parameters unbound).
std::vector<std::string> queryPlan(store::Database& db, const std::string& sql) {
  auto st = db.prepare("EXPLAIN QUERY PLAN " + sql);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.getText(3));
  return out;
}

}  // namespace

TEST(DefinitionRepository, FirstSaveIsVersionOne) {
  DefinitionDb t;
  auto out = t.save(twoTasks(), t.t0);
  EXPECT_TRUE(out.newVersion);
  EXPECT_EQ(out.dag.workflow.version, 1);
  EXPECT_EQ(out.dag.workflow.releaseState, model::ReleaseState::OFFLINE);
  ASSERT_EQ(out.dag.tasks.size(), 2u);
  EXPECT_EQ(out.dag.tasks[0].name, "a");  // relation order
  EXPECT_EQ(versionOf(out.dag, "a"), 1);
  ASSERT_EQ(out.dag.relations.size(), 2u);
  EXPECT_EQ(out.dag.relations[1].preTaskVersion, 1);
  EXPECT_EQ(out.dag.relations[1].postTaskVersion, 1);
  EXPECT_EQ(out.dag.relations[1].processDefinitionVersion, 1);
  EXPECT_EQ(out.dag.tasks[0].projectCode, 10);
  EXPECT_EQ(out.dag.tasks[0].operatorId, 1);
  EXPECT_EQ(out.dag.workflow.createTime, t.t0);
}

TEST(DefinitionRepository, UnchangedSaveMakesNoVersionAndChangedTaskBumpsOnlyItself) {
  DefinitionDb t;
  t.save(twoTasks(), t.t0);
  auto same = t.save(twoTasks(), t.t0 + std::chrono::minutes(1));
  EXPECT_FALSE(same.newVersion);
  EXPECT_EQ(same.dag.workflow.version, 1);

  DagData changed = twoTasks();
  changed.tasks[1].taskParams["rawScript"] = "echo changed";
  auto v2 = t.save(changed, t.t0 + std::chrono::minutes(2));
  EXPECT_TRUE(v2.newVersion);
  EXPECT_EQ(v2.dag.workflow.version, 2);
  EXPECT_EQ(versionOf(v2.dag, "a"), 1);
  EXPECT_EQ(versionOf(v2.dag, "b"), 2);
  EXPECT_EQ(v2.dag.relations[1].postTaskVersion, 2);
  // Version 1 still reads as it was.
  auto v1 = t.read([](store::Database& db) { return defs::loadDagVersion(db, 500, 1); });
  ASSERT_TRUE(v1);
  EXPECT_EQ(v1->tasks[1].taskParams["rawScript"], "echo");
  // Only workflow fields changed: new workflow version, same task versions.
  DagData renamed = changed;
  renamed.workflow.description = "now described";
  auto v3 = t.save(renamed, t.t0 + std::chrono::minutes(3));
  EXPECT_EQ(v3.dag.workflow.version, 3);
  EXPECT_EQ(versionOf(v3.dag, "b"), 2);
  // Only the edges changed.
  DagData rewired = renamed;
  rewired.relations = {edge(0, 5001), edge(0, 5002)};
  auto v4 = t.save(rewired, t.t0 + std::chrono::minutes(4));
  EXPECT_EQ(v4.dag.workflow.version, 4);
  EXPECT_EQ(v4.dag.relations.size(), 2u);
  auto versions = t.read([](store::Database& db) { return defs::versions(db, 500, {1, 10}); });
  EXPECT_EQ(versions.total, 4);
  EXPECT_EQ(versions.items[0].workflow.version, 4);  // newest first
  EXPECT_EQ(versions.items[0].modifyBy, "admin");
}

TEST(DefinitionRepository, DroppedTaskLeavesTheMainTableButKeepsHistory) {
  DefinitionDb t;
  t.save(twoTasks(), t.t0);
  DagData one = twoTasks();
  one.tasks.pop_back();
  one.relations.pop_back();
  t.save(one, t.t0 + std::chrono::minutes(1));
  EXPECT_FALSE(t.read([](store::Database& db) { return defs::findTask(db, 5002); }));
  auto v1 = t.read([](store::Database& db) { return defs::loadDagVersion(db, 500, 1); });
  EXPECT_EQ(v1->tasks.size(), 2u);
}

TEST(DefinitionRepository, SwitchVersionMirrorsThatVersionInTheMainTables) {
  DefinitionDb t;
  t.save(twoTasks(), t.t0);
  DagData three = twoTasks();
  three.tasks.push_back(shell(5003, "c"));
  three.relations.push_back(edge(5002, 5003));
  three.tasks[0].taskParams["rawScript"] = "echo v2";
  t.save(three, t.t0 + std::chrono::minutes(1));
  ASSERT_TRUE(
      t.write([&](store::Database& db) { return defs::switchVersion(db, 500, 1, t.t0 + std::chrono::minutes(2)); }));
  auto now = t.read([](store::Database& db) { return defs::loadDag(db, 500); });
  EXPECT_EQ(now->workflow.version, 1);
  EXPECT_EQ(now->tasks.size(), 2u);
  EXPECT_EQ(now->tasks[0].taskParams["rawScript"], "echo");
  // Task c exists only in version 2: it must not linger as a task of the workflow.
  EXPECT_FALSE(t.read([](store::Database& db) { return defs::findTask(db, 5003); }));
  EXPECT_EQ(t.read([](store::Database& db) { return defs::findTask(db, 5001); })->version, 1);
  auto relations = t.read([](store::Database& db) {
    auto st = db.prepare("SELECT COUNT(*) FROM t_process_task_relation WHERE process_definition_code=500");
    st.step();
    return st.getInt(0);
  });
  EXPECT_EQ(relations, 2);
  // Saving after a switch continues the numbering.
  auto v3 = t.save(three, t.t0 + std::chrono::minutes(3));
  EXPECT_EQ(v3.dag.workflow.version, 3);
  EXPECT_FALSE(t.write([&](store::Database& db) { return defs::switchVersion(db, 500, 9, t.t0); }));
}

TEST(DefinitionRepository, DeleteVersionKeepsTheOthers) {
  DefinitionDb t;
  t.save(twoTasks(), t.t0);
  DagData changed = twoTasks();
  changed.workflow.description = "x";
  t.save(changed, t.t0 + std::chrono::minutes(1));
  t.write([](store::Database& db) { defs::deleteVersion(db, 500, 1); });
  EXPECT_FALSE(t.read([](store::Database& db) { return defs::loadDagVersion(db, 500, 1); }));
  EXPECT_TRUE(t.read([](store::Database& db) { return defs::loadDag(db, 500); }));
  EXPECT_EQ(t.read([](store::Database& db) { return defs::maxVersion(db, 500); }), 2);
}

TEST(DefinitionRepository, MovedWorkflowReadsAsPartOfItsNewProject) {
  DefinitionDb t;
  t.save(twoTasks(), t.t0);
  t.write([&](store::Database& db) { defs::moveWorkflow(db, 500, 20, t.t0); });
  auto d = t.read([](store::Database& db) { return defs::loadDag(db, 500); });
  EXPECT_EQ(d->workflow.projectCode, 20);
  for (const auto& task : d->tasks) EXPECT_EQ(task.projectCode, 20) << task.name;
  for (const auto& r : d->relations) EXPECT_EQ(r.projectCode, 20);
  EXPECT_EQ(t.read([](store::Database& db) { return defs::findTask(db, 5001); })->projectCode, 20);
  // An unchanged save after the move is still "unchanged".
  DagData again = twoTasks();
  again.workflow.projectCode = 20;
  EXPECT_FALSE(t.save(again, t.t0 + std::chrono::minutes(1)).newVersion);
  EXPECT_EQ(t.read([](store::Database& db) { return defs::page(db, 10, "", 0, {1, 10}); }).total, 0);
  EXPECT_EQ(t.read([](store::Database& db) { return defs::page(db, 20, "", 0, {1, 10}); }).total, 1);
}

TEST(DefinitionRepository, PageOrdersSearchesAndEscapes) {
  DefinitionDb t;
  t.save(twoTasks(1, "alpha_1"), t.t0);
  t.save(twoTasks(2, "alphaX1"), t.t0 + std::chrono::minutes(1));
  DagData described = twoTasks(3, "gamma");
  described.workflow.description = "100% done";
  t.save(described, t.t0 + std::chrono::minutes(2));
  auto all = t.read([](store::Database& db) { return defs::page(db, 10, "", 0, {1, 2}); });
  EXPECT_EQ(all.total, 3);
  ASSERT_EQ(all.items.size(), 2u);
  EXPECT_EQ(all.items[0].workflow.name, "gamma");  // newest update first
  EXPECT_EQ(all.items[0].userName, "admin");
  EXPECT_EQ(all.items[0].modifyBy, "admin");
  auto underscore = t.read([](store::Database& db) { return defs::page(db, 10, "a_1", 0, {1, 10}); });
  ASSERT_EQ(underscore.total, 1);  // "_" is literal, so alphaX1 does not match
  EXPECT_EQ(underscore.items[0].workflow.name, "alpha_1");
  auto percent = t.read([](store::Database& db) { return defs::page(db, 10, "0% d", 0, {1, 10}); });
  ASSERT_EQ(percent.total, 1);  // description search, "%" literal
  EXPECT_EQ(percent.items[0].workflow.name, "gamma");
  EXPECT_EQ(t.read([](store::Database& db) { return defs::page(db, 10, "", 2, {1, 10}); }).total, 0);
  EXPECT_EQ(t.read([](store::Database& db) { return defs::page(db, 10, "", 1, {1, 10}); }).total, 3);
  auto last = t.read([](store::Database& db) { return defs::page(db, 10, "", 0, {2, 2}); });
  ASSERT_EQ(last.items.size(), 1u);
  EXPECT_EQ(last.items[0].workflow.name, "alpha_1");
}

TEST(DefinitionRepository, PagesCostAFixedNumberOfIndexedStatements) {
  DefinitionDb t;
  for (int i = 1; i <= 30; ++i) t.save(twoTasks(i, "wf" + std::to_string(i)), t.t0 + std::chrono::seconds(i));
  auto statementsFor = [&](int pageSize, bool tasks) {
    return t.read([&](store::Database& db) {
      StatementLog log(db);
      if (tasks)
        defs::taskPage(db, 10, "", "", "", model::TaskExecuteType::BATCH, {1, pageSize});
      else
        defs::page(db, 10, "", 0, {1, pageSize});
      return log.sql();
    });
  };
  for (bool tasks : {false, true}) {
    auto small = statementsFor(2, tasks);
    auto large = statementsFor(25, tasks);
    EXPECT_EQ(small.size(), large.size()) << (tasks ? "taskPage" : "page") << " runs a statement per row";
    EXPECT_LE(large.size(), 3u);
    for (const auto& sql : large) {
      auto plan = t.read([&](store::Database& db) { return queryPlan(db, sql); });
      for (const auto& line : plan) EXPECT_EQ(line.rfind("SCAN", 0), std::string::npos) << line << "\n  in " << sql;
    }
  }
  auto tasks = t.read([](store::Database& db) {
    return defs::taskPage(db, 10, "wf7", "b", "SHELL", model::TaskExecuteType::BATCH, {1, 10});
  });
  ASSERT_EQ(tasks.total, 1);
  EXPECT_EQ(tasks.items[0].workflowName, "wf7");
  EXPECT_EQ(tasks.items[0].upstreamCodes, std::vector<int64_t>{71});
  EXPECT_EQ(t.read([](store::Database& db) {
               return defs::taskPage(db, 10, "", "", "", model::TaskExecuteType::STREAM, {1, 10});
             }).total,
            0);
  EXPECT_EQ(t.read([](store::Database& db) {
               return defs::taskPage(db, 10, "", "", "", std::nullopt, {1, 10});
             }).total,
            60);
}

TEST(DefinitionRepository, ReferencesFromSubProcessAndDependentTasks) {
  DefinitionDb t;
  t.save(twoTasks(500, "child"), t.t0);
  DagData parent;
  parent.workflow.code = 600;
  parent.workflow.name = "parent";
  parent.workflow.projectCode = 10;
  model::TaskDefinition sub;
  sub.code = 6001;
  sub.name = "run-child";
  sub.taskType = "SUB_PROCESS";
  sub.taskParams = {{"processDefinitionCode", "500"}};
  model::TaskDefinition dep;
  dep.code = 6002;
  dep.name = "wait";
  dep.taskType = "DEPENDENT";
  dep.taskParams =
      Json::parse(R"({"dependence":{"dependTaskList":[{"dependItemList":[{"definitionCode":500,"depTaskCode":0}]}]}})");
  model::TaskDefinition lookalike = shell(6003, "echo-5000", "echo 5000");
  model::TaskDefinition otherSub = sub;
  otherSub.code = 6004;
  otherSub.name = "other";
  otherSub.taskParams = {{"processDefinitionCode", 5000}};  // 500 is a substring, not a reference
  parent.tasks = {sub, dep, lookalike, otherSub};
  parent.relations = {edge(0, 6001), edge(0, 6002), edge(0, 6003), edge(0, 6004)};
  t.save(parent, t.t0);
  auto refs = t.read([](store::Database& db) { return defs::referencesTo(db, 500); });
  EXPECT_EQ(refs, (std::vector<std::string>{"parent.run-child", "parent.wait"}));
  EXPECT_TRUE(t.read([](store::Database& db) { return defs::referencesTo(db, 600); }).empty());
}
