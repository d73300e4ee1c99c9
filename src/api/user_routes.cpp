// /users: create, update (incl. binding a tenant), delete, list, verify, grants (spec ds-api.md §3.1).
#include "api/admin_json.h"
#include "api/routes.h"
#include "api/validation.h"
#include "store/project_repository.h"
#include "store/tenant_repository.h"
#include "store/user_repository.h"
#include "util/crypto.h"

namespace porpoise::api {
namespace {

void checkUserFields(const std::string& name, const std::string& email, const std::string& phone) {
  if (!isValidUserName(name))
    throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR,
                                "request parameter userName is not valid: 3-39 letters, digits, '.', '_' or '-'");
  if (!isValidEmail(email))
    throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR, "request parameter email is not valid");
  if (!isValidPhone(phone))
    throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR,
                                "request parameter phone is not valid: empty or 11 characters");
}

void checkQueue(store::Database& db, const std::string& queue) {
  if (queue.empty()) return;
  for (const auto& q : store::queues::listAll(db))
    if (q.queue == queue || q.queueName == queue) return;
  throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR, "request parameter queue is not valid: no queue " + queue);
}

Json createUser(Call& call) {
  call.requireAdmin();
  auto& p = call.params;
  model::User u;
  u.userName = p.required("userName");
  std::string password = p.required("userPassword");
  u.tenantId = p.requiredInt("tenantId");
  u.email = p.required("email");
  u.queue = p.opt("queue");
  u.phone = p.opt("phone");
  u.state = p.optInt("state", 1);
  checkUserFields(u.userName, u.email, u.phone);
  if (!isValidPasswordLength(password)) throw ApiError(Status::USER_PASSWORD_LENGTH_ERROR);
  if (u.state != 0 && u.state != 1) throw ApiError(Status::REQUEST_PARAMS_NOT_VALID_ERROR, {"state"});
  u.passwordHash = util::hashPassword(password);
  u.userType = model::UserType::GENERAL_USER;
  u.createTime = u.updateTime = util::now();
  return call.ctx.store.write([&](store::Database& db) {
    if (store::users::findByName(db, u.userName)) throw ApiError(Status::USER_NAME_EXIST);
    if (u.tenantId != 0 && !store::tenants::findById(db, u.tenantId)) throw ApiError(Status::TENANT_NOT_EXIST);
    checkQueue(db, u.queue);
    int id = store::users::insert(db, u);
    return userJson(*store::users::findById(db, id), call.zone);
  });
}

Json updateUser(Call& call) {
  auto& p = call.params;
  int id = p.requiredInt("id");
  if (!call.isAdmin() && id != call.user.id) throw ApiError(Status::USER_NO_OPERATION_PERM);
  std::string name = p.required("userName");
  std::string password = call.req.rawParam("userPassword").value_or("");
  std::string email = p.required("email");
  int tenantId = p.optInt("tenantId", 0);
  std::string queue = p.opt("queue");
  std::string phone = p.opt("phone");
  int state = p.optInt("state", 1);
  std::string timeZone = p.opt("timeZone");
  checkUserFields(name, email, phone);
  if (!password.empty() && !isValidPasswordLength(password)) throw ApiError(Status::USER_PASSWORD_LENGTH_ERROR);
  if (state != 0 && state != 1) throw ApiError(Status::REQUEST_PARAMS_NOT_VALID_ERROR, {"state"});
  if (state == 0 && id == call.user.id) throw ApiError(Status::NOT_ALLOW_TO_DISABLE_OWN_ACCOUNT);
  if (!timeZone.empty() && !util::isValidTimeZone(timeZone)) throw ApiError(Status::TIME_ZONE_ILLEGAL, {timeZone});
  call.ctx.store.write([&](store::Database& db) {
    auto u = store::users::findById(db, id);
    if (!u) throw ApiError(Status::USER_NOT_EXIST, {std::to_string(id)});
    if (name != u->userName) {
      auto other = store::users::findByName(db, name);
      if (other) throw ApiError(Status::USER_NAME_EXIST);
    }
    // Unlike DolphinScheduler 3.1, a tenant bound to a user must exist.
    if (tenantId != 0 && !store::tenants::findById(db, tenantId)) throw ApiError(Status::TENANT_NOT_EXIST);
    if (!call.isAdmin() && tenantId != u->tenantId) throw ApiError(Status::USER_NO_OPERATION_PERM);
    checkQueue(db, queue);
    u->userName = name;
    if (!password.empty()) u->passwordHash = util::hashPassword(password);
    u->email = email;
    u->tenantId = tenantId;
    u->queue = queue;
    u->phone = phone;
    u->state = state;
    if (call.req.rawParam("timeZone")) u->timeZone = timeZone;
    u->updateTime = util::now();
    store::users::update(db, *u);
  });
  return nullptr;
}

Json deleteUser(Call& call) {
  call.requireAdmin();
  int id = call.params.requiredInt("id");
  if (id == call.user.id)
    throw ApiError::withMessage(Status::USER_NO_OPERATION_PERM, "you cannot delete the user you are logged in as");
  call.ctx.store.write([&](store::Database& db) {
    auto u = store::users::findById(db, id);
    if (!u) throw ApiError(Status::USER_NOT_EXIST, {std::to_string(id)});
    if (u->isAdmin()) throw ApiError::withMessage(Status::USER_NO_OPERATION_PERM, "an admin user cannot be deleted");
    auto owned = store::projects::list(db, id);
    for (const auto& proj : owned)
      if (proj.userId == id)
        throw ApiError::withMessage(Status::USER_NO_OPERATION_PERM,
                                    "user " + u->userName + " still owns project " + proj.name + "; move or delete it first");
    store::projects::revokeAll(db, id);
    store::users::remove(db, id);
  });
  return nullptr;
}

}  // namespace

void registerUserRoutes(ApiServer& api) {
  RouteOptions created;
  created.created = true;
  api.route("POST", "/users/create", Status::CREATE_USER_ERROR, createUser, created);
  api.route("POST", "/users/update", Status::UPDATE_USER_ERROR, updateUser);
  api.route("POST", "/users/delete", Status::USER_NO_OPERATION_PERM, deleteUser);
  api.route("GET", "/users/get-user-info", Status::USER_NOT_EXIST, [](Call& call) {
    auto u = call.ctx.store.read([&](store::Database& db) { return store::users::findById(db, call.user.id); });
    if (!u) throw ApiError(Status::USER_NOT_EXIST, {call.user.userName});
    return userJson(*u, call.zone);
  });
  api.route("GET", "/users/list-paging", Status::USER_NOT_EXIST, [](Call& call) {
    call.requireAdmin();
    auto page = call.params.page();
    auto search = call.params.opt("searchVal");
    auto result = call.ctx.store.read([&](store::Database& db) { return store::users::page(db, search, page); });
    Json items = Json::array();
    for (const auto& u : result.items) items.push_back(userJson(u, call.zone));
    return pageInfo(items, result.total, page.pageNo, page.pageSize);
  });
  auto listUsers = [](bool enabledOnly, bool generalOnly) {
    return [enabledOnly, generalOnly](Call& call) {
      call.requireAdmin();
      auto users = call.ctx.store.read(
          [&](store::Database& db) { return store::users::listAll(db, enabledOnly, generalOnly); });
      Json out = Json::array();
      for (const auto& u : users) out.push_back(userJson(u, call.zone));
      return out;
    };
  };
  api.route("GET", "/users/list", Status::USER_NOT_EXIST, listUsers(false, true));
  api.route("GET", "/users/list-all", Status::USER_NOT_EXIST, listUsers(true, false));
  api.route("GET", "/users/verify-user-name", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    auto name = call.params.required("userName");
    bool exists = call.ctx.store.read([&](store::Database& db) { return store::users::findByName(db, name).has_value(); });
    if (exists) throw ApiError(Status::USER_NAME_EXIST);
    return Json(nullptr);
  });
  api.route("POST", "/users/grant-project-by-code", Status::USER_NO_OPERATION_PERM, [](Call& call) {
    call.requireAdmin();
    int userId = call.params.requiredInt("userId");
    int64_t code = call.params.requiredInt64("projectCode");
    call.ctx.store.write([&](store::Database& db) {
      if (!store::users::findById(db, userId)) throw ApiError(Status::USER_NOT_EXIST, {std::to_string(userId)});
      if (!store::projects::findByCode(db, code)) throw ApiError(Status::PROJECT_NOT_FOUND, {std::to_string(code)});
      store::projects::grant(db, userId, code, util::now());
    });
    return Json(nullptr);
  });
}

}  // namespace porpoise::api
