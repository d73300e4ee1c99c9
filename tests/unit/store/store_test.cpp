#include "store/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "store/project_repository.h"
#include "store/schema.h"
#include "store/tenant_repository.h"
#include "store/user_repository.h"
#include "util/crypto.h"
#include "util/time.h"

namespace fs = std::filesystem;
using namespace porpoise;

namespace {

struct TempDb {
  fs::path dir = fs::temp_directory_path() / ("porpoise-store-" + util::randomHex(6));
  TempDb() { fs::create_directories(dir); }
  ~TempDb() { fs::remove_all(dir); }
  std::string path() const { return (dir / "test.db").string(); }
};

}  // namespace

TEST(Store, MigratesAndSeedsAdmin) {
  TempDb tmp;
  store::Store s(tmp.path());
  auto admin = s.read([](store::Database& db) { return store::users::findByName(db, "admin"); });
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->id, 1);
  EXPECT_TRUE(admin->isAdmin());
  EXPECT_TRUE(util::verifyPassword("dolphinscheduler123", admin->passwordHash));
  EXPECT_FALSE(util::verifyPassword("wrong", admin->passwordHash));
  EXPECT_EQ(s.read([](store::Database& db) { return db.userVersion(); }), store::latestSchemaVersion());
}

TEST(Store, DataSurvivesReopen) {
  TempDb tmp;
  {
    store::Store s(tmp.path());
    s.write([](store::Database& db) {
      model::Tenant t;
      t.tenantCode = "etl";
      t.queueId = 1;
      t.createTime = t.updateTime = util::now();
      store::tenants::insert(db, t);
    });
  }
  store::Store again(tmp.path());
  auto t = again.read([](store::Database& db) { return store::tenants::findByCode(db, "etl"); });
  ASSERT_TRUE(t);
  EXPECT_EQ(t->queueName, "default");
  // Seeding happens once only.
  auto users = again.read([](store::Database& db) { return store::users::listAll(db, false, false); });
  EXPECT_EQ(users.size(), 1u);
}

TEST(Store, FailedWriteRollsBackEverything) {
  TempDb tmp;
  store::Store s(tmp.path());
  EXPECT_THROW(s.write([](store::Database& db) {
    model::Tenant t;
    t.tenantCode = "a";
    t.createTime = t.updateTime = util::now();
    store::tenants::insert(db, t);
    store::tenants::insert(db, t);  // unique violation
  }),
               store::SqliteError);
  auto all = s.read([](store::Database& db) { return store::tenants::listAll(db); });
  EXPECT_TRUE(all.empty());
}

TEST(Store, ProjectPagingCountsAndSearch) {
  TempDb tmp;
  store::Store s(tmp.path());
  s.write([](store::Database& db) {
    for (int i = 0; i < 23; ++i) {
      model::Project p;
      p.code = 1000 + i;
      p.name = "proj_" + std::to_string(i);
      p.description = i % 2 ? "odd" : "even";
      p.userId = 1;
      p.createTime = p.updateTime = util::now();
      store::projects::insert(db, p);
    }
  });
  auto page = s.read([](store::Database& db) { return store::projects::page(db, 0, "", {3, 10}); });
  EXPECT_EQ(page.total, 23);
  EXPECT_EQ(page.items.size(), 3u);
  auto odd = s.read([](store::Database& db) { return store::projects::page(db, 0, "odd", {1, 100}); });
  EXPECT_EQ(odd.total, 11);
  auto underscore = s.read([](store::Database& db) { return store::projects::page(db, 0, "_1", {1, 100}); });
  EXPECT_EQ(underscore.total, 11);  // proj_1, proj_10..proj_19: '_' matched literally
  auto none = s.read([](store::Database& db) { return store::projects::page(db, 2, "", {1, 100}); });
  EXPECT_EQ(none.total, 0);  // user 2 owns nothing and has no grants
}

TEST(Store, ConcurrentWritersSerialize) {
  TempDb tmp;
  store::Store s(tmp.path());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&s, t] {
      for (int i = 0; i < 25; ++i) {
        s.write([&](store::Database& db) {
          model::Tenant tn;
          tn.tenantCode = "t" + std::to_string(t) + "_" + std::to_string(i);
          tn.createTime = tn.updateTime = util::now();
          store::tenants::insert(db, tn);
        });
      }
    });
  }
  for (auto& th : threads) th.join();
  auto all = s.read([](store::Database& db) { return store::tenants::listAll(db); });
  EXPECT_EQ(all.size(), 100u);
}
