#include "store/resource_repository.h"

#include <nlohmann/json.hpp>

#include "store/row_time.h"
#include "util/strings.h"

namespace porpoise::store {
namespace {

std::string likeOf(const std::string& search) { return "%" + util::escapeLike(search) + "%"; }

int64_t countWhere(Database& db, const std::string& sql, const std::string& like) {
  auto st = db.prepare(sql);
  st.bind(1, like);
  st.step();
  return st.getInt64(0);
}

const char* kGroupSelect =
    "SELECT id,name,addr_list,description,other_params_json,create_time,update_time FROM t_worker_group ";
model::WorkerGroup readGroup(const Statement& st) {
  model::WorkerGroup g;
  g.id = st.getInt(0);
  g.name = st.getText(1);
  g.addrList = st.getText(2);
  g.description = st.getText(3);
  g.otherParamsJson = st.getText(4);
  g.createTime = timeAt(st, 5);
  g.updateTime = timeAt(st, 6);
  return g;
}

const char* kEnvSelect =
    "SELECT id,code,name,config,description,worker_groups,operator,create_time,update_time FROM t_environment ";
model::Environment readEnv(const Statement& st) {
  model::Environment e;
  e.id = st.getInt(0);
  e.code = st.getInt64(1);
  e.name = st.getText(2);
  e.config = st.getText(3);
  e.description = st.getText(4);
  try {
    auto groups = nlohmann::json::parse(st.getText(5));
    for (const auto& g : groups)
      if (g.is_string()) e.workerGroups.push_back(g.get<std::string>());
  } catch (...) {
  }
  e.operatorId = st.getInt(6);
  e.createTime = timeAt(st, 7);
  e.updateTime = timeAt(st, 8);
  return e;
}

const char* kAlertSelect =
    "SELECT id,group_name,alert_instance_ids,description,create_user_id,create_time,update_time FROM t_alertgroup ";
model::AlertGroup readAlert(const Statement& st) {
  model::AlertGroup g;
  g.id = st.getInt(0);
  g.groupName = st.getText(1);
  g.alertInstanceIds = st.getText(2);
  g.description = st.getText(3);
  g.createUserId = st.getInt(4);
  g.createTime = timeAt(st, 5);
  g.updateTime = timeAt(st, 6);
  return g;
}

}  // namespace

namespace worker_groups {

std::optional<model::WorkerGroup> findById(Database& db, int id) {
  auto st = db.prepare(std::string(kGroupSelect) + "WHERE id=?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return readGroup(st);
}

bool nameExists(Database& db, const std::string& name, int exceptId) {
  auto st = db.prepare("SELECT 1 FROM t_worker_group WHERE name=? AND id<>?");
  st.bind(1, name).bind(2, exceptId);
  return st.step();
}

int insert(Database& db, const model::WorkerGroup& g) {
  db.prepare(
        "INSERT INTO t_worker_group(name,addr_list,description,other_params_json,create_time,update_time) "
        "VALUES(?,?,?,?,?,?)")
      .bind(1, g.name)
      .bind(2, g.addrList)
      .bind(3, g.description)
      .bind(4, g.otherParamsJson)
      .bind(5, ms(g.createTime))
      .bind(6, ms(g.updateTime))
      .run();
  return static_cast<int>(db.lastInsertId());
}

void update(Database& db, const model::WorkerGroup& g) {
  db.prepare("UPDATE t_worker_group SET name=?,addr_list=?,description=?,other_params_json=?,update_time=? WHERE id=?")
      .bind(1, g.name)
      .bind(2, g.addrList)
      .bind(3, g.description)
      .bind(4, g.otherParamsJson)
      .bind(5, ms(g.updateTime))
      .bind(6, g.id)
      .run();
}

void remove(Database& db, int id) { db.prepare("DELETE FROM t_worker_group WHERE id=?").bind(1, id).run(); }

Page<model::WorkerGroup> page(Database& db, const std::string& search, const PageRequest& req) {
  Page<model::WorkerGroup> out;
  auto like = likeOf(search);
  out.total = countWhere(db, "SELECT COUNT(*) FROM t_worker_group WHERE name LIKE ? ESCAPE '\\'", like);
  auto st = db.prepare(std::string(kGroupSelect) +
                       "WHERE name LIKE ? ESCAPE '\\' ORDER BY update_time DESC, id DESC LIMIT ? OFFSET ?");
  st.bind(1, like).bind(2, req.pageSize).bind(3, req.offset());
  while (st.step()) out.items.push_back(readGroup(st));
  return out;
}

std::vector<model::WorkerGroup> listAll(Database& db) {
  auto st = db.prepare(std::string(kGroupSelect) + "ORDER BY id");
  std::vector<model::WorkerGroup> out;
  while (st.step()) out.push_back(readGroup(st));
  return out;
}

}  // namespace worker_groups

namespace environments {

std::optional<model::Environment> findByCode(Database& db, int64_t code) {
  auto st = db.prepare(std::string(kEnvSelect) + "WHERE code=?");
  st.bind(1, code);
  if (!st.step()) return std::nullopt;
  return readEnv(st);
}

bool nameExists(Database& db, const std::string& name, int64_t exceptCode) {
  auto st = db.prepare("SELECT 1 FROM t_environment WHERE name=? AND code<>?");
  st.bind(1, name).bind(2, exceptCode);
  return st.step();
}

void insert(Database& db, const model::Environment& e) {
  db.prepare(
        "INSERT INTO t_environment(code,name,config,description,worker_groups,operator,create_time,update_time) "
        "VALUES(?,?,?,?,?,?,?,?)")
      .bind(1, e.code)
      .bind(2, e.name)
      .bind(3, e.config)
      .bind(4, e.description)
      .bind(5, nlohmann::json(e.workerGroups).dump())
      .bind(6, e.operatorId)
      .bind(7, ms(e.createTime))
      .bind(8, ms(e.updateTime))
      .run();
}

void update(Database& db, const model::Environment& e) {
  db.prepare("UPDATE t_environment SET name=?,config=?,description=?,worker_groups=?,operator=?,update_time=? WHERE code=?")
      .bind(1, e.name)
      .bind(2, e.config)
      .bind(3, e.description)
      .bind(4, nlohmann::json(e.workerGroups).dump())
      .bind(5, e.operatorId)
      .bind(6, ms(e.updateTime))
      .bind(7, e.code)
      .run();
}

void remove(Database& db, int64_t code) { db.prepare("DELETE FROM t_environment WHERE code=?").bind(1, code).run(); }

int countTasksUsing(Database& db, int64_t code) {
  auto st = db.prepare("SELECT COUNT(*) FROM t_task_definition WHERE environment_code=?");
  st.bind(1, code);
  st.step();
  return st.getInt(0);
}

Page<model::Environment> page(Database& db, const std::string& search, const PageRequest& req) {
  Page<model::Environment> out;
  auto like = likeOf(search);
  out.total = countWhere(db, "SELECT COUNT(*) FROM t_environment WHERE name LIKE ? ESCAPE '\\'", like);
  auto st = db.prepare(std::string(kEnvSelect) +
                       "WHERE name LIKE ? ESCAPE '\\' ORDER BY update_time DESC, id DESC LIMIT ? OFFSET ?");
  st.bind(1, like).bind(2, req.pageSize).bind(3, req.offset());
  while (st.step()) out.items.push_back(readEnv(st));
  return out;
}

std::vector<model::Environment> listAll(Database& db) {
  auto st = db.prepare(std::string(kEnvSelect) + "ORDER BY id");
  std::vector<model::Environment> out;
  while (st.step()) out.push_back(readEnv(st));
  return out;
}

}  // namespace environments

namespace alert_groups {

std::optional<model::AlertGroup> findById(Database& db, int id) {
  auto st = db.prepare(std::string(kAlertSelect) + "WHERE id=?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return readAlert(st);
}

bool nameExists(Database& db, const std::string& name, int exceptId) {
  auto st = db.prepare("SELECT 1 FROM t_alertgroup WHERE group_name=? AND id<>?");
  st.bind(1, name).bind(2, exceptId);
  return st.step();
}

int insert(Database& db, const model::AlertGroup& g) {
  db.prepare(
        "INSERT INTO t_alertgroup(group_name,alert_instance_ids,description,create_user_id,create_time,update_time) "
        "VALUES(?,?,?,?,?,?)")
      .bind(1, g.groupName)
      .bind(2, g.alertInstanceIds)
      .bind(3, g.description)
      .bind(4, g.createUserId)
      .bind(5, ms(g.createTime))
      .bind(6, ms(g.updateTime))
      .run();
  return static_cast<int>(db.lastInsertId());
}

void update(Database& db, const model::AlertGroup& g) {
  db.prepare("UPDATE t_alertgroup SET group_name=?,alert_instance_ids=?,description=?,update_time=? WHERE id=?")
      .bind(1, g.groupName)
      .bind(2, g.alertInstanceIds)
      .bind(3, g.description)
      .bind(4, ms(g.updateTime))
      .bind(5, g.id)
      .run();
}

void remove(Database& db, int id) { db.prepare("DELETE FROM t_alertgroup WHERE id=?").bind(1, id).run(); }

Page<model::AlertGroup> page(Database& db, const std::string& search, const PageRequest& req) {
  Page<model::AlertGroup> out;
  auto like = likeOf(search);
  out.total = countWhere(db, "SELECT COUNT(*) FROM t_alertgroup WHERE group_name LIKE ? ESCAPE '\\'", like);
  auto st = db.prepare(std::string(kAlertSelect) +
                       "WHERE group_name LIKE ? ESCAPE '\\' ORDER BY update_time DESC, id DESC LIMIT ? OFFSET ?");
  st.bind(1, like).bind(2, req.pageSize).bind(3, req.offset());
  while (st.step()) out.items.push_back(readAlert(st));
  return out;
}

std::vector<model::AlertGroup> listAll(Database& db) {
  auto st = db.prepare(std::string(kAlertSelect) + "ORDER BY id");
  std::vector<model::AlertGroup> out;
  while (st.step()) out.push_back(readAlert(st));
  return out;
}

}  // namespace alert_groups
}  // namespace porpoise::store
