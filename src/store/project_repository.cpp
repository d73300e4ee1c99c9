#include "store/project_repository.h"

#include "store/row_time.h"
#include "util/strings.h"

namespace porpoise::store::projects {
namespace {

const char* kSelect =
    "SELECT p.id,p.code,p.name,p.description,p.user_id,p.create_time,p.update_time,u.user_name,"
    "(SELECT COUNT(*) FROM t_process_definition d WHERE d.project_code=p.code),"
    "(SELECT COUNT(*) FROM t_process_instance i WHERE i.project_code=p.code AND i.state IN (0,1,2,4,12,14)) "
    "FROM t_project p LEFT JOIN t_user u ON u.id=p.user_id ";

const char* kVisible =
    "(?=0 OR p.user_id=? OR EXISTS(SELECT 1 FROM t_project_user g WHERE g.project_code=p.code AND g.user_id=?))";

model::Project readProject(const Statement& st) {
  model::Project p;
  p.id = st.getInt(0);
  p.code = st.getInt64(1);
  p.name = st.getText(2);
  p.description = st.getText(3);
  p.userId = st.getInt(4);
  p.createTime = timeAt(st, 5);
  p.updateTime = timeAt(st, 6);
  p.userName = st.getText(7);
  p.defCount = st.getInt(8);
  p.instRunningCount = st.getInt(9);
  return p;
}

}  // namespace

std::optional<model::Project> findByCode(Database& db, int64_t code) {
  auto st = db.prepare(std::string(kSelect) + "WHERE p.code=?");
  st.bind(1, code);
  if (!st.step()) return std::nullopt;
  return readProject(st);
}

std::optional<model::Project> findByName(Database& db, const std::string& name) {
  auto st = db.prepare(std::string(kSelect) + "WHERE p.name=?");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return readProject(st);
}

int insert(Database& db, const model::Project& p) {
  db.prepare("INSERT INTO t_project(code,name,description,user_id,create_time,update_time) VALUES(?,?,?,?,?,?)")
      .bind(1, p.code)
      .bind(2, p.name)
      .bind(3, p.description)
      .bind(4, p.userId)
      .bind(5, ms(p.createTime))
      .bind(6, ms(p.updateTime))
      .run();
  return static_cast<int>(db.lastInsertId());
}

void update(Database& db, const model::Project& p) {
  db.prepare("UPDATE t_project SET name=?,description=?,user_id=?,update_time=? WHERE code=?")
      .bind(1, p.name)
      .bind(2, p.description)
      .bind(3, p.userId)
      .bind(4, ms(p.updateTime))
      .bind(5, p.code)
      .run();
}

void remove(Database& db, int64_t code) {
  db.prepare("DELETE FROM t_project_user WHERE project_code=?").bind(1, code).run();
  db.prepare("DELETE FROM t_project WHERE code=?").bind(1, code).run();
}

Page<model::Project> page(Database& db, int visibleTo, const std::string& search, const PageRequest& req) {
  Page<model::Project> out;
  std::string like = "%" + util::escapeLike(search) + "%";
  std::string where = std::string("WHERE ") + kVisible +
                      " AND (p.name LIKE ? ESCAPE '\\' OR p.description LIKE ? ESCAPE '\\') ";
  auto count = db.prepare("SELECT COUNT(*) FROM t_project p " + where);
  count.bind(1, visibleTo).bind(2, visibleTo).bind(3, visibleTo).bind(4, like).bind(5, like);
  count.step();
  out.total = count.getInt64(0);
  auto st = db.prepare(std::string(kSelect) + where + "ORDER BY p.id DESC LIMIT ? OFFSET ?");
  st.bind(1, visibleTo).bind(2, visibleTo).bind(3, visibleTo).bind(4, like).bind(5, like);
  st.bind(6, req.pageSize).bind(7, req.offset());
  while (st.step()) out.items.push_back(readProject(st));
  return out;
}

std::vector<model::Project> list(Database& db, int visibleTo) {
  auto st = db.prepare(std::string(kSelect) + "WHERE " + kVisible + " ORDER BY p.id DESC");
  st.bind(1, visibleTo).bind(2, visibleTo).bind(3, visibleTo);
  std::vector<model::Project> out;
  while (st.step()) out.push_back(readProject(st));
  return out;
}

int countDefinitions(Database& db, int64_t code) {
  auto st = db.prepare("SELECT COUNT(*) FROM t_process_definition WHERE project_code=?");
  st.bind(1, code);
  st.step();
  return st.getInt(0);
}

bool userHasAccess(Database& db, int userId, int64_t code) {
  auto st = db.prepare(
      "SELECT 1 FROM t_project p WHERE p.code=? AND (p.user_id=? OR EXISTS(SELECT 1 FROM t_project_user g "
      "WHERE g.project_code=p.code AND g.user_id=?))");
  st.bind(1, code).bind(2, userId).bind(3, userId);
  return st.step();
}

void grant(Database& db, int userId, int64_t code, util::TimePoint now) {
  db.prepare(
        "INSERT OR IGNORE INTO t_project_user(user_id,project_code,perm,create_time,update_time) VALUES(?,?,7,?,?)")
      .bind(1, userId)
      .bind(2, code)
      .bind(3, ms(now))
      .bind(4, ms(now))
      .run();
}

void revokeAll(Database& db, int userId) {
  db.prepare("DELETE FROM t_project_user WHERE user_id=?").bind(1, userId).run();
}

std::vector<model::Project> grantedTo(Database& db, int userId) {
  auto st = db.prepare(std::string(kSelect) +
                       "WHERE EXISTS(SELECT 1 FROM t_project_user g WHERE g.project_code=p.code AND g.user_id=?) "
                       "ORDER BY p.id DESC");
  st.bind(1, userId);
  std::vector<model::Project> out;
  while (st.step()) out.push_back(readProject(st));
  return out;
}

}  // namespace porpoise::store::projects
