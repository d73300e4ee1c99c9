// /tenants and /queues (spec ds-api.md §3.2–3.3).
#include "api/admin_json.h"
#include "api/routes.h"
#include "api/validation.h"
#include "store/tenant_repository.h"
#include "store/user_repository.h"

namespace porpoise::api {
namespace {

void checkTenantCode(const std::string& code) {
  if (util::codePointCount(code) > 30) throw ApiError(Status::TENANT_FULL_NAME_TOO_LONG_ERROR);
  if (!isValidTenantCode(code)) throw ApiError(Status::CHECK_OS_TENANT_CODE_ERROR);
}

int countTenantWorkflows(store::Database& db, int tenantId) {
  auto st = db.prepare("SELECT COUNT(*) FROM t_process_definition WHERE tenant_id=?");
  st.bind(1, tenantId);
  st.step();
  return st.getInt(0);
}

int countTenantRunning(store::Database& db, int tenantId) {
  auto st = db.prepare("SELECT COUNT(*) FROM t_process_instance WHERE tenant_id=? AND state IN (0,1,2,4,12,14)");
  st.bind(1, tenantId);
  st.step();
  return st.getInt(0);
}

Json createTenant(Call& call) {
  call.requireAdmin();
  model::Tenant t;
  t.tenantCode = call.params.required("tenantCode");
  t.queueId = call.params.optInt("queueId", 1);
  t.description = call.params.opt("description");
  checkTenantCode(t.tenantCode);
  checkDescription(t.description);
  t.createTime = t.updateTime = util::now();
  return call.ctx.store.write([&](store::Database& db) {
    if (store::tenants::findByCode(db, t.tenantCode)) throw ApiError(Status::OS_TENANT_CODE_EXIST, {t.tenantCode});
    if (!store::queues::findById(db, t.queueId))
      throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR,
                                  "request parameter queueId is not valid: no queue " + std::to_string(t.queueId));
    int id = store::tenants::insert(db, t);
    return tenantJson(*store::tenants::findById(db, id), call.zone);
  });
}

Json updateTenant(Call& call) {
  call.requireAdmin();
  auto id = util::parseInt(call.req.pathParam("id"));
  if (!id) throw ParamError("path id must be an integer");
  std::string code = call.params.required("tenantCode");
  int queueId = call.params.optInt("queueId", 1);
  std::string description = call.params.opt("description");
  checkTenantCode(code);
  checkDescription(description);
  call.ctx.store.write([&](store::Database& db) {
    auto t = store::tenants::findById(db, *id);
    if (!t) throw ApiError(Status::TENANT_NOT_EXIST);
    if (code != t->tenantCode && store::tenants::findByCode(db, code)) throw ApiError(Status::OS_TENANT_CODE_EXIST, {code});
    if (!store::queues::findById(db, queueId))
      throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR,
                                  "request parameter queueId is not valid: no queue " + std::to_string(queueId));
    t->tenantCode = code;
    t->queueId = queueId;
    t->description = description;
    t->updateTime = util::now();
    store::tenants::update(db, *t);
  });
  return nullptr;
}

Json deleteTenant(Call& call) {
  call.requireAdmin();
  auto id = util::parseInt(call.req.pathParam("id"));
  if (!id) throw ParamError("path id must be an integer");
  call.ctx.store.write([&](store::Database& db) {
    if (!store::tenants::findById(db, *id)) throw ApiError(Status::TENANT_NOT_EXIST);
    if (int n = countTenantRunning(db, *id)) throw ApiError(Status::DELETE_TENANT_BY_ID_FAIL, {std::to_string(n)});
    if (int n = countTenantWorkflows(db, *id))
      throw ApiError(Status::DELETE_TENANT_BY_ID_FAIL_DEFINES, {std::to_string(n)});
    if (int n = store::users::countByTenant(db, *id))
      throw ApiError(Status::DELETE_TENANT_BY_ID_FAIL_USERS, {std::to_string(n)});
    store::tenants::remove(db, *id);
  });
  return nullptr;
}

Json saveQueue(Call& call, std::optional<int> id) {
  call.requireAdmin();
  model::Queue q;
  q.queue = call.params.required("queue");
  q.queueName = call.params.required("queueName");
  q.createTime = q.updateTime = util::now();
  return call.ctx.store.write([&](store::Database& db) {
    if (store::queues::queueExists(db, q.queue, id.value_or(0))) throw ApiError(Status::QUEUE_VALUE_EXIST, {q.queue});
    if (store::queues::nameExists(db, q.queueName, id.value_or(0)))
      throw ApiError(Status::QUEUE_NAME_EXIST, {q.queueName});
    if (id) {
      auto existing = store::queues::findById(db, *id);
      if (!existing)
        throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR, "queue " + std::to_string(*id) + " does not exist");
      q.id = *id;
      q.createTime = existing->createTime;
      store::queues::update(db, q);
    } else {
      q.id = store::queues::insert(db, q);
    }
    return queueJson(q, call.zone);
  });
}

}  // namespace

void registerTenantRoutes(ApiServer& api) {
  RouteOptions created;
  created.created = true;
  api.route("POST", "/tenants", Status::REQUEST_PARAMS_NOT_VALID_ERROR, createTenant, created);
  api.route("PUT", "/tenants/{id}", Status::REQUEST_PARAMS_NOT_VALID_ERROR, updateTenant);
  api.route("DELETE", "/tenants/{id}", Status::DELETE_TENANT_BY_ID_FAIL, deleteTenant);
  api.route("GET", "/tenants", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    call.requireAdmin();
    auto page = call.params.page();
    auto search = call.params.opt("searchVal");
    auto result = call.ctx.store.read([&](store::Database& db) { return store::tenants::page(db, search, page); });
    Json items = Json::array();
    for (const auto& t : result.items) items.push_back(tenantJson(t, call.zone));
    return pageInfo(items, result.total, page.pageNo, page.pageSize);
  });
  api.route("GET", "/tenants/list", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    auto all = call.ctx.store.read([](store::Database& db) { return store::tenants::listAll(db); });
    Json out = Json::array();
    for (const auto& t : all)
      if (call.isAdmin() || t.id == call.user.tenantId) out.push_back(tenantJson(t, call.zone));
    return out;
  });
  api.route("GET", "/tenants/verify-code", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    auto code = call.params.required("tenantCode");
    bool exists =
        call.ctx.store.read([&](store::Database& db) { return store::tenants::findByCode(db, code).has_value(); });
    if (exists) throw ApiError(Status::OS_TENANT_CODE_EXIST, {code});
    return Json(nullptr);
  });
}

void registerQueueRoutes(ApiServer& api) {
  RouteOptions created;
  created.created = true;
  api.route("GET", "/queues/list", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    auto all = call.ctx.store.read([](store::Database& db) { return store::queues::listAll(db); });
    Json out = Json::array();
    for (const auto& q : all) out.push_back(queueJson(q, call.zone));
    return out;
  });
  api.route("GET", "/queues", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    call.requireAdmin();
    auto page = call.params.page();
    auto search = call.params.opt("searchVal");
    auto result = call.ctx.store.read([&](store::Database& db) { return store::queues::page(db, search, page); });
    Json items = Json::array();
    for (const auto& q : result.items) items.push_back(queueJson(q, call.zone));
    return pageInfo(items, result.total, page.pageNo, page.pageSize);
  });
  api.route("POST", "/queues", Status::REQUEST_PARAMS_NOT_VALID_ERROR,
            [](Call& call) { return saveQueue(call, std::nullopt); }, created);
  api.route("PUT", "/queues/{id}", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    auto id = util::parseInt(call.req.pathParam("id"));
    if (!id) throw ParamError("path id must be an integer");
    return saveQueue(call, id);
  }, created);
  api.route("POST", "/queues/verify", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    auto queue = call.params.required("queue");
    auto name = call.params.required("queueName");
    call.ctx.store.read([&](store::Database& db) {
      if (store::queues::queueExists(db, queue, 0)) throw ApiError(Status::QUEUE_VALUE_EXIST, {queue});
      if (store::queues::nameExists(db, name, 0)) throw ApiError(Status::QUEUE_NAME_EXIST, {name});
    });
    return Json(nullptr);
  });
}

}  // namespace porpoise::api
