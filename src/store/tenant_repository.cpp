#include "store/tenant_repository.h"

#include "store/row_time.h"
#include "util/strings.h"

namespace porpoise::store {
namespace {

const char* kTenantSelect =
    "SELECT t.id,t.tenant_code,t.description,t.queue_id,t.create_time,t.update_time,q.queue_name,q.queue "
    "FROM t_tenant t LEFT JOIN t_queue q ON q.id=t.queue_id ";

model::Tenant readTenant(const Statement& st) {
  model::Tenant t;
  t.id = st.getInt(0);
  t.tenantCode = st.getText(1);
  t.description = st.getText(2);
  t.queueId = st.getInt(3);
  t.createTime = timeAt(st, 4);
  t.updateTime = timeAt(st, 5);
  t.queueName = st.getText(6);
  t.queue = st.getText(7);
  return t;
}

model::Queue readQueue(const Statement& st) {
  model::Queue q;
  q.id = st.getInt(0);
  q.queueName = st.getText(1);
  q.queue = st.getText(2);
  q.createTime = timeAt(st, 3);
  q.updateTime = timeAt(st, 4);
  return q;
}

const char* kQueueSelect = "SELECT id,queue_name,queue,create_time,update_time FROM t_queue ";

}  // namespace

namespace tenants {

std::optional<model::Tenant> findById(Database& db, int id) {
  auto st = db.prepare(std::string(kTenantSelect) + "WHERE t.id=?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return readTenant(st);
}

std::optional<model::Tenant> findByCode(Database& db, const std::string& code) {
  auto st = db.prepare(std::string(kTenantSelect) + "WHERE t.tenant_code=?");
  st.bind(1, code);
  if (!st.step()) return std::nullopt;
  return readTenant(st);
}

int insert(Database& db, const model::Tenant& t) {
  db.prepare("INSERT INTO t_tenant(tenant_code,description,queue_id,create_time,update_time) VALUES(?,?,?,?,?)")
      .bind(1, t.tenantCode)
      .bind(2, t.description)
      .bind(3, t.queueId)
      .bind(4, ms(t.createTime))
      .bind(5, ms(t.updateTime))
      .run();
  return static_cast<int>(db.lastInsertId());
}

void update(Database& db, const model::Tenant& t) {
  db.prepare("UPDATE t_tenant SET tenant_code=?,description=?,queue_id=?,update_time=? WHERE id=?")
      .bind(1, t.tenantCode)
      .bind(2, t.description)
      .bind(3, t.queueId)
      .bind(4, ms(t.updateTime))
      .bind(5, t.id)
      .run();
}

void remove(Database& db, int id) { db.prepare("DELETE FROM t_tenant WHERE id=?").bind(1, id).run(); }

Page<model::Tenant> page(Database& db, const std::string& search, const PageRequest& req) {
  Page<model::Tenant> out;
  std::string like = "%" + util::escapeLike(search) + "%";
  auto count = db.prepare("SELECT COUNT(*) FROM t_tenant t WHERE t.tenant_code LIKE ? ESCAPE '\\'");
  count.bind(1, like);
  count.step();
  out.total = count.getInt64(0);
  auto st = db.prepare(std::string(kTenantSelect) +
                       "WHERE t.tenant_code LIKE ? ESCAPE '\\' ORDER BY t.update_time DESC, t.id DESC LIMIT ? OFFSET ?");
  st.bind(1, like).bind(2, req.pageSize).bind(3, req.offset());
  while (st.step()) out.items.push_back(readTenant(st));
  return out;
}

std::vector<model::Tenant> listAll(Database& db) {
  auto st = db.prepare(std::string(kTenantSelect) + "ORDER BY t.id");
  std::vector<model::Tenant> out;
  while (st.step()) out.push_back(readTenant(st));
  return out;
}

}  // namespace tenants

namespace queues {

std::optional<model::Queue> findById(Database& db, int id) {
  auto st = db.prepare(std::string(kQueueSelect) + "WHERE id=?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return readQueue(st);
}

bool nameExists(Database& db, const std::string& queueName, int exceptId) {
  auto st = db.prepare("SELECT 1 FROM t_queue WHERE queue_name=? AND id<>?");
  st.bind(1, queueName).bind(2, exceptId);
  return st.step();
}

bool queueExists(Database& db, const std::string& queue, int exceptId) {
  auto st = db.prepare("SELECT 1 FROM t_queue WHERE queue=? AND id<>?");
  st.bind(1, queue).bind(2, exceptId);
  return st.step();
}

int insert(Database& db, const model::Queue& q) {
  db.prepare("INSERT INTO t_queue(queue_name,queue,create_time,update_time) VALUES(?,?,?,?)")
      .bind(1, q.queueName)
      .bind(2, q.queue)
      .bind(3, ms(q.createTime))
      .bind(4, ms(q.updateTime))
      .run();
  return static_cast<int>(db.lastInsertId());
}

void update(Database& db, const model::Queue& q) {
  db.prepare("UPDATE t_queue SET queue_name=?,queue=?,update_time=? WHERE id=?")
      .bind(1, q.queueName)
      .bind(2, q.queue)
      .bind(3, ms(q.updateTime))
      .bind(4, q.id)
      .run();
}

Page<model::Queue> page(Database& db, const std::string& search, const PageRequest& req) {
  Page<model::Queue> out;
  std::string like = "%" + util::escapeLike(search) + "%";
  auto count = db.prepare("SELECT COUNT(*) FROM t_queue WHERE queue_name LIKE ? ESCAPE '\\'");
  count.bind(1, like);
  count.step();
  out.total = count.getInt64(0);
  auto st = db.prepare(std::string(kQueueSelect) +
                       "WHERE queue_name LIKE ? ESCAPE '\\' ORDER BY update_time DESC, id DESC LIMIT ? OFFSET ?");
  st.bind(1, like).bind(2, req.pageSize).bind(3, req.offset());
  while (st.step()) out.items.push_back(readQueue(st));
  return out;
}

std::vector<model::Queue> listAll(Database& db) {
  auto st = db.prepare(std::string(kQueueSelect) + "ORDER BY id");
  std::vector<model::Queue> out;
  while (st.step()) out.push_back(readQueue(st));
  return out;
}

}  // namespace queues
}  // namespace porpoise::store
