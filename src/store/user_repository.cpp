#include "store/user_repository.h"

#include "store/row_time.h"
#include "util/strings.h"

namespace porpoise::store {
namespace {

const char* kUserColumns =
    "u.id,u.user_name,u.password_hash,u.user_type,u.email,u.phone,u.tenant_id,u.queue,u.state,u.time_zone,"
    "u.create_time,u.update_time,t.tenant_code,q.queue_name";
const char* kUserFrom =
    " FROM t_user u LEFT JOIN t_tenant t ON t.id=u.tenant_id LEFT JOIN t_queue q ON q.queue=u.queue ";

model::User readUser(const Statement& st) {
  model::User u;
  u.id = st.getInt(0);
  u.userName = st.getText(1);
  u.passwordHash = st.getText(2);
  u.userType = model::enumFromCode<model::UserType>(st.getInt(3)).value_or(model::UserType::GENERAL_USER);
  u.email = st.getText(4);
  u.phone = st.getText(5);
  u.tenantId = st.getInt(6);
  u.queue = st.getText(7);
  u.state = st.getInt(8);
  u.timeZone = st.getText(9);
  u.createTime = timeAt(st, 10);
  u.updateTime = timeAt(st, 11);
  u.tenantCode = st.getText(12);
  u.queueName = st.getText(13);
  return u;
}

model::AccessToken readToken(const Statement& st) {
  model::AccessToken t;
  t.id = st.getInt(0);
  t.userId = st.getInt(1);
  t.token = st.getText(2);
  t.expireTime = timeAt(st, 3);
  t.createTime = timeAt(st, 4);
  t.updateTime = timeAt(st, 5);
  t.userName = st.getText(6);
  return t;
}

const char* kTokenSelect =
    "SELECT a.id,a.user_id,a.token,a.expire_time,a.create_time,a.update_time,u.user_name FROM t_access_token a "
    "LEFT JOIN t_user u ON u.id=a.user_id ";

}  // namespace

namespace users {

std::optional<model::User> findById(Database& db, int id) {
  auto st = db.prepare(std::string("SELECT ") + kUserColumns + kUserFrom + "WHERE u.id=?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return readUser(st);
}

std::optional<model::User> findByName(Database& db, const std::string& name) {
  auto st = db.prepare(std::string("SELECT ") + kUserColumns + kUserFrom + "WHERE u.user_name=?");
  st.bind(1, name);
  if (!st.step()) return std::nullopt;
  return readUser(st);
}

int insert(Database& db, const model::User& u) {
  db.prepare(
        "INSERT INTO t_user(user_name,password_hash,user_type,email,phone,tenant_id,queue,state,time_zone,create_time,"
        "update_time) VALUES(?,?,?,?,?,?,?,?,?,?,?)")
      .bind(1, u.userName)
      .bind(2, u.passwordHash)
      .bind(3, model::enumCode(u.userType))
      .bind(4, u.email)
      .bind(5, u.phone)
      .bind(6, u.tenantId)
      .bind(7, u.queue)
      .bind(8, u.state)
      .bind(9, u.timeZone)
      .bind(10, ms(u.createTime))
      .bind(11, ms(u.updateTime))
      .run();
  return static_cast<int>(db.lastInsertId());
}

void update(Database& db, const model::User& u) {
  db.prepare(
        "UPDATE t_user SET user_name=?,password_hash=?,user_type=?,email=?,phone=?,tenant_id=?,queue=?,state=?,"
        "time_zone=?,update_time=? WHERE id=?")
      .bind(1, u.userName)
      .bind(2, u.passwordHash)
      .bind(3, model::enumCode(u.userType))
      .bind(4, u.email)
      .bind(5, u.phone)
      .bind(6, u.tenantId)
      .bind(7, u.queue)
      .bind(8, u.state)
      .bind(9, u.timeZone)
      .bind(10, ms(u.updateTime))
      .bind(11, u.id)
      .run();
}

void remove(Database& db, int id) { db.prepare("DELETE FROM t_user WHERE id=?").bind(1, id).run(); }

Page<model::User> page(Database& db, const std::string& search, const PageRequest& req) {
  Page<model::User> out;
  std::string like = "%" + util::escapeLike(search) + "%";
  auto count = db.prepare("SELECT COUNT(*) FROM t_user u WHERE u.user_name LIKE ? ESCAPE '\\'");
  count.bind(1, like);
  count.step();
  out.total = count.getInt64(0);
  auto st = db.prepare(std::string("SELECT ") + kUserColumns + kUserFrom +
                       "WHERE u.user_name LIKE ? ESCAPE '\\' ORDER BY u.update_time DESC, u.id DESC LIMIT ? OFFSET ?");
  st.bind(1, like).bind(2, req.pageSize).bind(3, req.offset());
  while (st.step()) out.items.push_back(readUser(st));
  return out;
}

std::vector<model::User> listAll(Database& db, bool enabledOnly, bool generalOnly) {
  std::string sql = std::string("SELECT ") + kUserColumns + kUserFrom + "WHERE 1=1";
  if (enabledOnly) sql += " AND u.state=1";
  if (generalOnly) sql += " AND u.user_type=1";
  sql += " ORDER BY u.id";
  auto st = db.prepare(sql);
  std::vector<model::User> out;
  while (st.step()) out.push_back(readUser(st));
  return out;
}

int countByTenant(Database& db, int tenantId) {
  auto st = db.prepare("SELECT COUNT(*) FROM t_user WHERE tenant_id=?");
  st.bind(1, tenantId);
  st.step();
  return st.getInt(0);
}

}  // namespace users

namespace sessions {

static model::Session readSession(const Statement& st) {
  model::Session s;
  s.id = st.getText(0);
  s.userId = st.getInt(1);
  s.ip = st.getText(2);
  s.lastLoginTime = timeAt(st, 3);
  s.lastAccessTime = timeAt(st, 4);
  return s;
}

std::optional<model::Session> find(Database& db, const std::string& id) {
  auto st = db.prepare("SELECT id,user_id,ip,last_login_time,last_access_time FROM t_session WHERE id=?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return readSession(st);
}

std::optional<model::Session> latestForUser(Database& db, int userId) {
  auto st = db.prepare(
      "SELECT id,user_id,ip,last_login_time,last_access_time FROM t_session WHERE user_id=? "
      "ORDER BY last_access_time DESC LIMIT 1");
  st.bind(1, userId);
  if (!st.step()) return std::nullopt;
  return readSession(st);
}

void insert(Database& db, const model::Session& s) {
  db.prepare("INSERT INTO t_session(id,user_id,ip,last_login_time,last_access_time) VALUES(?,?,?,?,?)")
      .bind(1, s.id)
      .bind(2, s.userId)
      .bind(3, s.ip)
      .bind(4, ms(s.lastLoginTime))
      .bind(5, ms(s.lastAccessTime))
      .run();
}

void touch(Database& db, const std::string& id, util::TimePoint at, bool login) {
  if (login) {
    db.prepare("UPDATE t_session SET last_access_time=?, last_login_time=? WHERE id=?")
        .bind(1, ms(at))
        .bind(2, ms(at))
        .bind(3, id)
        .run();
  } else {
    db.prepare("UPDATE t_session SET last_access_time=? WHERE id=?").bind(1, ms(at)).bind(2, id).run();
  }
}

void remove(Database& db, const std::string& id) { db.prepare("DELETE FROM t_session WHERE id=?").bind(1, id).run(); }

void removeOtherSessions(Database& db, int userId, const std::string& keepId) {
  db.prepare("DELETE FROM t_session WHERE user_id=? AND id<>?").bind(1, userId).bind(2, keepId).run();
}

void removeIdleBefore(Database& db, util::TimePoint cutoff) {
  db.prepare("DELETE FROM t_session WHERE last_access_time<?").bind(1, ms(cutoff)).run();
}

}  // namespace sessions

namespace tokens {

std::optional<model::AccessToken> findById(Database& db, int id) {
  auto st = db.prepare(std::string(kTokenSelect) + "WHERE a.id=?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return readToken(st);
}

std::optional<model::AccessToken> findValid(Database& db, const std::string& token, util::TimePoint now) {
  auto st = db.prepare(std::string(kTokenSelect) + "WHERE a.token=? AND a.expire_time>?");
  st.bind(1, token).bind(2, ms(now));
  if (!st.step()) return std::nullopt;
  return readToken(st);
}

bool tokenExists(Database& db, const std::string& token, int exceptId) {
  auto st = db.prepare("SELECT 1 FROM t_access_token WHERE token=? AND id<>?");
  st.bind(1, token).bind(2, exceptId);
  return st.step();
}

int insert(Database& db, const model::AccessToken& t) {
  db.prepare("INSERT INTO t_access_token(user_id,token,expire_time,create_time,update_time) VALUES(?,?,?,?,?)")
      .bind(1, t.userId)
      .bind(2, t.token)
      .bind(3, ms(t.expireTime))
      .bind(4, ms(t.createTime))
      .bind(5, ms(t.updateTime))
      .run();
  return static_cast<int>(db.lastInsertId());
}

void update(Database& db, const model::AccessToken& t) {
  db.prepare("UPDATE t_access_token SET user_id=?,token=?,expire_time=?,update_time=? WHERE id=?")
      .bind(1, t.userId)
      .bind(2, t.token)
      .bind(3, ms(t.expireTime))
      .bind(4, ms(t.updateTime))
      .bind(5, t.id)
      .run();
}

void remove(Database& db, int id) { db.prepare("DELETE FROM t_access_token WHERE id=?").bind(1, id).run(); }

Page<model::AccessToken> page(Database& db, int userId, const std::string& search, const PageRequest& req) {
  Page<model::AccessToken> out;
  std::string like = "%" + util::escapeLike(search) + "%";
  std::string where = "WHERE (?=0 OR a.user_id=?) AND (u.user_name LIKE ? ESCAPE '\\' OR a.token LIKE ? ESCAPE '\\') ";
  auto count = db.prepare("SELECT COUNT(*) FROM t_access_token a LEFT JOIN t_user u ON u.id=a.user_id " + where);
  count.bind(1, userId).bind(2, userId).bind(3, like).bind(4, like);
  count.step();
  out.total = count.getInt64(0);
  auto st = db.prepare(std::string(kTokenSelect) + where + "ORDER BY a.update_time DESC, a.id DESC LIMIT ? OFFSET ?");
  st.bind(1, userId).bind(2, userId).bind(3, like).bind(4, like).bind(5, req.pageSize).bind(6, req.offset());
  while (st.step()) out.items.push_back(readToken(st));
  return out;
}

std::vector<model::AccessToken> listForUser(Database& db, int userId) {
  auto st = db.prepare(std::string(kTokenSelect) + "WHERE a.user_id=? ORDER BY a.id");
  st.bind(1, userId);
  std::vector<model::AccessToken> out;
  while (st.step()) out.push_back(readToken(st));
  return out;
}

}  // namespace tokens
}  // namespace porpoise::store
