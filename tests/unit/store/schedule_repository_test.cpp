#include "store/schedule_repository.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "store/project_repository.h"
#include "store/row_time.h"
#include "store/store.h"
#include "util/crypto.h"
#include "util/time.h"

namespace fs = std::filesystem;
using namespace porpoise;
namespace schedules = store::schedules;

namespace {

struct ScheduleDb {
  fs::path dir = fs::temp_directory_path() / ("porpoise-schedrepo-" + util::randomHex(6));
  std::unique_ptr<store::Store> store;
  util::TimePoint now = *util::parseDateTime("2024-05-01 12:00:00", "UTC");

  ScheduleDb() {
    fs::create_directories(dir);
    store = std::make_unique<store::Store>((dir / "test.db").string());
  }
  ~ScheduleDb() {
    store.reset();
    fs::remove_all(dir);
  }

  template <typename F>
  auto write(F&& f) {
    return store->write(std::forward<F>(f));
  }

  void addProject(int64_t code, const std::string& name) {
    write([&](store::Database& db) {
      model::Project p;
      p.code = code;
      p.name = name;
      p.userId = 1;
      p.createTime = p.updateTime = now;
      store::projects::insert(db, p);
    });
  }

  void addWorkflow(int64_t code, int64_t projectCode, const std::string& name, model::ReleaseState state,
                   int relations = 1, const std::string& description = "") {
    write([&](store::Database& db) {
      db.prepare(
            "INSERT INTO t_process_definition(code,name,version,release_state,project_code,description,user_id,"
            "create_time,update_time) VALUES(?,?,3,?,?,?,1,?,?)")
          .bind(1, code)
          .bind(2, name)
          .bind(3, model::enumCode(state))
          .bind(4, projectCode)
          .bind(5, description)
          .bind(6, store::ms(now))
          .bind(7, store::ms(now))
          .run();
      for (int i = 0; i < relations; ++i) addRelation(db, code, projectCode, code * 100 + i);
    });
  }

  static void addRelation(store::Database& db, int64_t workflowCode, int64_t projectCode, int64_t taskCode) {
    db.prepare(
          "INSERT INTO t_process_task_relation(process_definition_version,project_code,process_definition_code,"
          "pre_task_code,post_task_code,create_time,update_time) VALUES(1,?,?,0,?,0,0)")
        .bind(1, projectCode)
        .bind(2, workflowCode)
        .bind(3, taskCode)
        .run();
  }

  // A SUB_PROCESS task in `parent` that runs `child`.
  void addSubProcess(int64_t parent, int64_t projectCode, int64_t taskCode, const std::string& taskParams) {
    write([&](store::Database& db) {
      db.prepare(
            "INSERT INTO t_task_definition(code,name,version,project_code,user_id,task_type,task_params,create_time,"
            "update_time) VALUES(?,?,1,?,1,'SUB_PROCESS',?,0,0)")
          .bind(1, taskCode)
          .bind(2, "sub-" + std::to_string(taskCode))
          .bind(3, projectCode)
          .bind(4, taskParams)
          .run();
      addRelation(db, parent, projectCode, taskCode);
    });
  }

  model::Schedule schedule(int64_t workflowCode, int64_t projectCode) const {
    model::Schedule s;
    s.processDefinitionCode = workflowCode;
    s.projectCode = projectCode;
    s.startTime = *util::parseDateTime("2024-01-01 00:00:00", "UTC");
    s.endTime = *util::parseDateTime("2025-01-01 00:00:00", "UTC");
    s.timezoneId = "Asia/Shanghai";
    s.crontab = "0 0 * * * ? *";
    s.failureStrategy = model::FailureStrategy::END;
    s.warningType = model::WarningType::FAILURE;
    s.warningGroupId = 2;
    s.processInstancePriority = model::Priority::HIGH;
    s.workerGroup = "gpu";
    s.environmentCode = 1234567;
    s.userId = 1;
    s.createTime = s.updateTime = now;
    return s;
  }

  int insert(const model::Schedule& s) {
    return write([&](store::Database& db) { return schedules::insert(db, s); });
  }
  std::optional<model::Schedule> find(int id) {
    return store->read([&](store::Database& db) { return schedules::findById(db, id); });
  }
};

}  // namespace

TEST(ScheduleRepository, InsertAndFindJoinsNames) {
  ScheduleDb t;
  t.addProject(10, "analytics");
  t.addWorkflow(1001, 10, "daily-report", model::ReleaseState::ONLINE, 1, "builds the report");
  int id = t.insert(t.schedule(1001, 10));
  auto s = t.find(id);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->id, id);
  EXPECT_EQ(s->processDefinitionCode, 1001);
  EXPECT_EQ(s->projectCode, 10);
  EXPECT_EQ(util::formatDateTime(s->startTime, "UTC"), "2024-01-01 00:00:00");
  EXPECT_EQ(util::formatDateTime(s->endTime, "UTC"), "2025-01-01 00:00:00");
  EXPECT_EQ(s->timezoneId, "Asia/Shanghai");
  EXPECT_EQ(s->crontab, "0 0 * * * ? *");
  EXPECT_EQ(s->failureStrategy, model::FailureStrategy::END);
  EXPECT_EQ(s->warningType, model::WarningType::FAILURE);
  EXPECT_EQ(s->warningGroupId, 2);
  EXPECT_EQ(s->processInstancePriority, model::Priority::HIGH);
  EXPECT_EQ(s->workerGroup, "gpu");
  EXPECT_EQ(s->environmentCode, 1234567);
  EXPECT_EQ(s->releaseState, model::ReleaseState::OFFLINE);
  EXPECT_FALSE(s->lastFireTime);
  EXPECT_EQ(s->processDefinitionName, "daily-report");
  EXPECT_EQ(s->definitionDescription, "builds the report");
  EXPECT_EQ(s->projectName, "analytics");
  EXPECT_EQ(s->userName, "admin");

  auto byCode = t.store->read([](store::Database& db) { return schedules::findByWorkflowCode(db, 1001); });
  ASSERT_TRUE(byCode);
  EXPECT_EQ(byCode->id, id);
  EXPECT_FALSE(t.find(id + 1));
  EXPECT_FALSE(t.store->read([](store::Database& db) { return schedules::findByWorkflowCode(db, 999); }));
}

TEST(ScheduleRepository, OneSchedulePerWorkflow) {
  ScheduleDb t;
  t.addProject(10, "p");
  t.addWorkflow(1001, 10, "w", model::ReleaseState::ONLINE);
  t.insert(t.schedule(1001, 10));
  try {
    t.insert(t.schedule(1001, 10));
    FAIL() << "a second schedule for the same workflow was accepted";
  } catch (const store::SqliteError& e) {
    EXPECT_TRUE(e.isConstraint());
  }
}

TEST(ScheduleRepository, UpdateWritesEditableFieldsOnly) {
  ScheduleDb t;
  t.addProject(10, "p");
  t.addWorkflow(1001, 10, "w", model::ReleaseState::ONLINE);
  int id = t.insert(t.schedule(1001, 10));
  auto s = *t.find(id);
  s.crontab = "0 30 6 ? * MON *";
  s.timezoneId = "UTC";
  s.startTime += std::chrono::hours(24);
  s.failureStrategy = model::FailureStrategy::CONTINUE;
  s.warningType = model::WarningType::ALL;
  s.warningGroupId = 5;
  s.processInstancePriority = model::Priority::LOWEST;
  s.workerGroup = "default";
  s.environmentCode = -1;
  s.updateTime = t.now + std::chrono::minutes(5);
  s.releaseState = model::ReleaseState::ONLINE;  // not an editable field
  s.userId = 99;                                 // neither
  t.write([&](store::Database& db) { schedules::update(db, s); });
  auto after = *t.find(id);
  EXPECT_EQ(after.crontab, "0 30 6 ? * MON *");
  EXPECT_EQ(after.timezoneId, "UTC");
  EXPECT_EQ(util::formatDateTime(after.startTime, "UTC"), "2024-01-02 00:00:00");
  EXPECT_EQ(after.failureStrategy, model::FailureStrategy::CONTINUE);
  EXPECT_EQ(after.warningType, model::WarningType::ALL);
  EXPECT_EQ(after.warningGroupId, 5);
  EXPECT_EQ(after.processInstancePriority, model::Priority::LOWEST);
  EXPECT_EQ(after.workerGroup, "default");
  EXPECT_EQ(after.environmentCode, -1);
  EXPECT_EQ(after.updateTime, s.updateTime);
  EXPECT_EQ(after.createTime, t.now);
  EXPECT_EQ(after.releaseState, model::ReleaseState::OFFLINE);
  EXPECT_EQ(after.userId, 1);
}

TEST(ScheduleRepository, PagesByProjectAndWorkflowWithSearchNewestFirst) {
  ScheduleDb t;
  t.addProject(10, "p");
  t.addProject(20, "other");
  const char* names[] = {"load_sales", "load_stock", "report_100%", "clean"};
  for (int i = 0; i < 4; ++i) {
    t.addWorkflow(1000 + i, 10, names[i], model::ReleaseState::ONLINE);
    auto s = t.schedule(1000 + i, 10);
    s.updateTime = t.now + std::chrono::minutes(i);
    t.insert(s);
  }
  t.addWorkflow(2000, 20, "load_elsewhere", model::ReleaseState::ONLINE);
  t.insert(t.schedule(2000, 20));

  auto page = [&](std::optional<int64_t> wf, const std::string& search, int pageNo, int pageSize) {
    return t.store->read([&](store::Database& db) { return schedules::page(db, 10, wf, search, {pageNo, pageSize}); });
  };
  auto all = page(std::nullopt, "", 1, 10);
  EXPECT_EQ(all.total, 4);
  ASSERT_EQ(all.items.size(), 4u);
  EXPECT_EQ(all.items[0].processDefinitionName, "clean");  // most recently updated first
  EXPECT_EQ(all.items[3].processDefinitionName, "load_sales");

  auto second = page(std::nullopt, "", 2, 3);
  EXPECT_EQ(second.total, 4);
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].processDefinitionName, "load_sales");

  auto loads = page(std::nullopt, "load_", 1, 10);
  EXPECT_EQ(loads.total, 2);  // not the other project's load_elsewhere
  auto percent = page(std::nullopt, "100%", 1, 10);
  ASSERT_EQ(percent.total, 1);  // % is matched literally
  EXPECT_EQ(percent.items[0].processDefinitionName, "report_100%");
  EXPECT_EQ(page(std::nullopt, "d_s", 1, 10).total, 2);  // load_sales, load_stock
  EXPECT_EQ(page(std::nullopt, "a_", 1, 10).total, 0);   // _ is literal, not "any character"

  auto one = page(1001, "", 1, 10);
  ASSERT_EQ(one.total, 1);
  EXPECT_EQ(one.items[0].processDefinitionCode, 1001);
  EXPECT_EQ(page(1001, "sales", 1, 10).total, 0);
  EXPECT_EQ(page(2000, "", 1, 10).total, 0);  // belongs to another project
}

TEST(ScheduleRepository, ListsByProjectAndOnline) {
  ScheduleDb t;
  t.addProject(10, "p");
  t.addProject(20, "q");
  t.addWorkflow(1, 10, "a", model::ReleaseState::ONLINE);
  t.addWorkflow(2, 10, "b", model::ReleaseState::ONLINE);
  t.addWorkflow(3, 20, "c", model::ReleaseState::OFFLINE);
  int a = t.insert(t.schedule(1, 10));
  int b = t.insert(t.schedule(2, 10));
  int c = t.insert(t.schedule(3, 20));
  auto inProject = t.store->read([](store::Database& db) { return schedules::listByProject(db, 10); });
  ASSERT_EQ(inProject.size(), 2u);
  EXPECT_EQ(inProject[0].id, a);
  EXPECT_EQ(inProject[1].id, b);

  t.write([&](store::Database& db) {
    schedules::setReleaseState(db, a, model::ReleaseState::ONLINE, t.now);
    schedules::setReleaseState(db, c, model::ReleaseState::ONLINE, t.now);  // workflow is OFFLINE
  });
  auto online = t.store->read([](store::Database& db) { return schedules::listOnline(db); });
  ASSERT_EQ(online.size(), 1u);
  EXPECT_EQ(online[0].id, a);
}

TEST(ScheduleRepository, GoingOnlineMarksEarlierFireTimesHandled) {
  ScheduleDb t;
  t.addProject(10, "p");
  t.addWorkflow(1, 10, "a", model::ReleaseState::ONLINE);
  int id = t.insert(t.schedule(1, 10));
  auto later = t.now + std::chrono::hours(2);
  t.write([&](store::Database& db) { schedules::setReleaseState(db, id, model::ReleaseState::ONLINE, later); });
  auto s = *t.find(id);
  EXPECT_EQ(s.releaseState, model::ReleaseState::ONLINE);
  EXPECT_EQ(s.lastFireTime, later);
  EXPECT_EQ(s.updateTime, later);
  auto evenLater = later + std::chrono::hours(1);
  t.write([&](store::Database& db) { schedules::setReleaseState(db, id, model::ReleaseState::OFFLINE, evenLater); });
  s = *t.find(id);
  EXPECT_EQ(s.releaseState, model::ReleaseState::OFFLINE);
  EXPECT_EQ(s.lastFireTime, later);  // offline keeps the mark
}

TEST(ScheduleRepository, OfflineScheduleOfWorkflowReportsWhatChanged) {
  ScheduleDb t;
  t.addProject(10, "p");
  t.addWorkflow(1, 10, "a", model::ReleaseState::ONLINE);
  t.addWorkflow(2, 10, "b", model::ReleaseState::ONLINE);
  int id = t.insert(t.schedule(1, 10));
  auto offline = [&](int64_t code) {
    return t.write([&](store::Database& db) { return schedules::offlineScheduleOfWorkflow(db, code); });
  };
  EXPECT_FALSE(offline(1));  // schedule exists but is already OFFLINE
  EXPECT_FALSE(offline(2));  // no schedule
  t.write([&](store::Database& db) { schedules::setReleaseState(db, id, model::ReleaseState::ONLINE, t.now); });
  EXPECT_EQ(offline(1), id);
  EXPECT_EQ(t.find(id)->releaseState, model::ReleaseState::OFFLINE);
}

TEST(ScheduleRepository, RecordFireOnlyWhileScheduleAndWorkflowAreOnline) {
  ScheduleDb t;
  t.addProject(10, "p");
  t.addWorkflow(1, 10, "a", model::ReleaseState::ONLINE);
  int id = t.insert(t.schedule(1, 10));
  auto fireAt = t.now + std::chrono::hours(1);
  auto record = [&](util::TimePoint when) {
    return t.write([&](store::Database& db) { return schedules::recordFire(db, id, when); });
  };
  EXPECT_FALSE(record(fireAt));  // schedule OFFLINE
  EXPECT_FALSE(t.find(id)->lastFireTime);
  t.write([&](store::Database& db) { schedules::setReleaseState(db, id, model::ReleaseState::ONLINE, t.now); });
  EXPECT_TRUE(record(fireAt));
  EXPECT_EQ(t.find(id)->lastFireTime, fireAt);
  t.write([&](store::Database& db) { db.exec("UPDATE t_process_definition SET release_state=0 WHERE code=1"); });
  EXPECT_FALSE(record(fireAt + std::chrono::hours(1)));  // workflow OFFLINE
  EXPECT_EQ(t.find(id)->lastFireTime, fireAt);
  t.write([&](store::Database& db) { schedules::setLastFireTime(db, id, t.now); });
  EXPECT_EQ(t.find(id)->lastFireTime, t.now);
}

TEST(ScheduleRepository, RemoveAndRemoveOfWorkflow) {
  ScheduleDb t;
  t.addProject(10, "p");
  t.addWorkflow(1, 10, "a", model::ReleaseState::ONLINE);
  t.addWorkflow(2, 10, "b", model::ReleaseState::ONLINE);
  int a = t.insert(t.schedule(1, 10));
  int b = t.insert(t.schedule(2, 10));
  t.write([&](store::Database& db) { schedules::remove(db, a); });
  EXPECT_FALSE(t.find(a));
  EXPECT_EQ(t.write([](store::Database& db) { return schedules::removeOfWorkflow(db, 2); }), b);
  EXPECT_FALSE(t.find(b));
  EXPECT_FALSE(t.write([](store::Database& db) { return schedules::removeOfWorkflow(db, 2); }));
}

TEST(ScheduleRepository, WorkflowFacts) {
  ScheduleDb t;
  t.addProject(10, "p");
  t.addWorkflow(1, 10, "parent", model::ReleaseState::ONLINE, 2);
  t.addWorkflow(2, 10, "empty", model::ReleaseState::OFFLINE, 0);
  auto w = t.store->read([](store::Database& db) { return schedules::findWorkflow(db, 1); });
  ASSERT_TRUE(w);
  EXPECT_EQ(w->name, "parent");
  EXPECT_EQ(w->projectCode, 10);
  EXPECT_EQ(w->version, 3);
  EXPECT_EQ(w->releaseState, model::ReleaseState::ONLINE);
  EXPECT_FALSE(t.store->read([](store::Database& db) { return schedules::findWorkflow(db, 3); }));
  EXPECT_EQ(t.store->read([](store::Database& db) { return schedules::countRelations(db, 1); }), 2);
  EXPECT_EQ(t.store->read([](store::Database& db) { return schedules::countRelations(db, 2); }), 0);

  t.write([](store::Database& db) { schedules::setWorkflowWarningGroup(db, 1, 7); });
  auto group = t.store->read([](store::Database& db) {
    auto st = db.prepare("SELECT warning_group_id FROM t_process_definition WHERE code=1");
    st.step();
    return st.getInt(0);
  });
  EXPECT_EQ(group, 7);
}

TEST(ScheduleRepository, OfflineSubWorkflowsAreFoundRecursively) {
  ScheduleDb t;
  t.addProject(10, "p");
  t.addWorkflow(1, 10, "root", model::ReleaseState::ONLINE);
  t.addWorkflow(2, 10, "child_online", model::ReleaseState::ONLINE);
  t.addWorkflow(3, 10, "grandchild_offline", model::ReleaseState::OFFLINE);
  t.addWorkflow(4, 10, "child_offline", model::ReleaseState::OFFLINE);
  auto offline = [&](int64_t code) {
    return t.store->read([&](store::Database& db) { return schedules::offlineSubWorkflows(db, code); });
  };
  EXPECT_TRUE(offline(1).empty());
  t.addSubProcess(1, 10, 501, R"({"processDefinitionCode":2})");
  EXPECT_TRUE(offline(1).empty());
  t.addSubProcess(2, 10, 502, R"({"processDefinitionCode":3})");
  EXPECT_EQ(offline(1), (std::vector<std::string>{"grandchild_offline"}));
  t.addSubProcess(1, 10, 503, R"({"processDefinitionCode":4})");
  t.addSubProcess(1, 10, 504, R"({"processDefinitionCode":999})");  // missing workflow
  t.addSubProcess(1, 10, 505, "not json");                          // ignored
  t.addSubProcess(3, 10, 506, R"({"processDefinitionCode":1})");    // a cycle back to the root
  auto found = offline(1);
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::string>{"999", "child_offline", "grandchild_offline"}));
}
