// /projects (spec ds-api.md §3.4).
#include "api/admin_json.h"
#include "api/project_access.h"
#include "api/routes.h"
#include "api/validation.h"
#include "store/project_repository.h"
#include "store/user_repository.h"
#include "util/code_generator.h"

namespace porpoise::api {
namespace {

int64_t pathCode(Call& call) {
  auto v = util::parseInt64(call.req.pathParam("code"));
  if (!v) throw ApiError(Status::PROJECT_NOT_FOUND, {""});
  return *v;
}

void checkProjectName(const std::string& name) {
  if (util::codePointCount(name) > 100)
    throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR,
                                "request parameter projectName is not valid: at most 100 characters");
}

Json listJson(Call& call, const std::vector<model::Project>& list) {
  Json out = Json::array();
  for (const auto& p : list) out.push_back(projectJson(p, call.zone));
  return out;
}

}  // namespace

void registerProjectRoutes(ApiServer& api) {
  RouteOptions created;
  created.created = true;
  api.route("POST", "/projects", Status::CREATE_PROJECT_ERROR, [](Call& call) {
    model::Project p;
    p.name = util::trim(call.params.required("projectName"));
    if (p.name.empty()) throw ParamError("parameter projectName is required");
    p.description = call.params.opt("description");
    checkProjectName(p.name);
    checkDescription(p.description);
    p.code = util::nextCode();
    p.userId = call.user.id;
    p.createTime = p.updateTime = util::now();
    return call.ctx.store.write([&](store::Database& db) {
      if (store::projects::findByName(db, p.name)) throw ApiError(Status::PROJECT_ALREADY_EXISTS, {p.name});
      store::projects::insert(db, p);
      return projectJson(*store::projects::findByCode(db, p.code), call.zone);
    });
  }, created);
  api.route("GET", "/projects", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    auto page = call.params.page();
    auto search = call.params.opt("searchVal");
    int who = call.isAdmin() ? 0 : call.user.id;
    auto result = call.ctx.store.read([&](store::Database& db) { return store::projects::page(db, who, search, page); });
    Json items = Json::array();
    for (const auto& p : result.items) items.push_back(projectJson(p, call.zone));
    return pageInfo(items, result.total, page.pageNo, page.pageSize);
  });
  api.route("GET", "/projects/{code}", Status::PROJECT_NOT_FOUND, [](Call& call) {
    int64_t code = pathCode(call);
    return call.ctx.store.read([&](store::Database& db) {
      auto p = store::projects::findByCode(db, code);
      if (!p) throw ApiError(Status::PROJECT_NOT_FOUND, {""});
      if (!call.isAdmin() && !store::projects::userHasAccess(db, call.user.id, code))
        throw ApiError(Status::USER_NO_OPERATION_PROJECT_PERM, {call.user.userName, std::to_string(code)});
      return projectJson(*p, call.zone);
    });
  });
  api.route("PUT", "/projects/{code}", Status::PROJECT_NOT_FOUND, [](Call& call) {
    int64_t code = pathCode(call);
    std::string name = util::trim(call.params.required("projectName"));
    std::string description = call.params.opt("description");
    std::string owner = call.params.opt("userName", call.user.userName);
    checkProjectName(name);
    checkDescription(description);
    return call.ctx.store.write([&](store::Database& db) {
      auto p = store::projects::findByCode(db, code);
      if (!p) throw ApiError(Status::PROJECT_NOT_FOUND, {""});
      if (!call.isAdmin() && p->userId != call.user.id)
        throw ApiError(Status::USER_NO_OPERATION_PROJECT_PERM, {call.user.userName, std::to_string(code)});
      if (name != p->name && store::projects::findByName(db, name))
        throw ApiError(Status::PROJECT_ALREADY_EXISTS, {name});
      auto ownerUser = store::users::findByName(db, owner);
      if (!ownerUser) throw ApiError(Status::USER_NOT_EXIST, {owner});
      p->name = name;
      p->description = description;
      p->userId = ownerUser->id;
      p->updateTime = util::now();
      store::projects::update(db, *p);
      return projectJson(*store::projects::findByCode(db, code), call.zone);
    });
  });
  api.route("DELETE", "/projects/{code}", Status::PROJECT_NOT_FOUND, [](Call& call) {
    int64_t code = pathCode(call);
    call.ctx.store.write([&](store::Database& db) {
      auto p = store::projects::findByCode(db, code);
      if (!p) throw ApiError(Status::PROJECT_NOT_FOUND, {""});
      if (!call.isAdmin() && p->userId != call.user.id)
        throw ApiError(Status::USER_NO_OPERATION_PROJECT_PERM, {call.user.userName, std::to_string(code)});
      if (store::projects::countDefinitions(db, code) > 0) throw ApiError(Status::DELETE_PROJECT_ERROR_DEFINES_NOT_NULL);
      store::projects::remove(db, code);
    });
    return Json(true);
  });
  auto ownList = [](Call& call) {
    int who = call.isAdmin() ? 0 : call.user.id;
    return listJson(call, call.ctx.store.read([&](store::Database& db) { return store::projects::list(db, who); }));
  };
  api.route("GET", "/projects/list", Status::REQUEST_PARAMS_NOT_VALID_ERROR, ownList);
  api.route("GET", "/projects/created-and-authed", Status::REQUEST_PARAMS_NOT_VALID_ERROR, ownList);
  api.route("GET", "/projects/list-dependent", Status::REQUEST_PARAMS_NOT_VALID_ERROR, ownList);
  api.route("GET", "/projects/authed-project", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    int userId = call.params.requiredInt("userId");
    if (!call.isAdmin() && userId != call.user.id) throw ApiError(Status::USER_NO_OPERATION_PERM);
    return listJson(call, call.ctx.store.read([&](store::Database& db) {
      auto u = store::users::findById(db, userId);
      if (!u) throw ApiError(Status::USER_NOT_EXIST, {std::to_string(userId)});
      return store::projects::list(db, u->isAdmin() ? 0 : userId);
    }));
  });
  api.route("GET", "/projects/unauth-project", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    call.requireAdmin();
    int userId = call.params.requiredInt("userId");
    return listJson(call, call.ctx.store.read([&](store::Database& db) {
      std::vector<model::Project> out;
      for (const auto& p : store::projects::list(db, 0))
        if (!store::projects::userHasAccess(db, userId, p.code)) out.push_back(p);
      return out;
    }));
  });
  api.route("GET", "/projects/authed-user", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    int64_t code = call.params.requiredInt64("projectCode");
    return call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, code);
      Json out = Json::array();
      for (const auto& u : store::users::listAll(db, false, true))
        if (store::projects::userHasAccess(db, u.id, code)) out.push_back(userJson(u, call.zone));
      return out;
    });
  });
}

}  // namespace porpoise::api
