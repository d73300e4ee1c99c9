// /access-tokens (spec ds-api.md §2.2). Tokens are random 128-bit hex strings unless given.
#include "api/admin_json.h"
#include "api/routes.h"
#include "store/user_repository.h"
#include "util/crypto.h"

namespace porpoise::api {
namespace {

struct TokenInput {
  int userId;
  util::TimePoint expireTime;
  std::string token;
};

TokenInput readTokenInput(Call& call) {
  TokenInput in;
  in.userId = call.params.requiredInt("userId");
  auto raw = call.params.required("expireTime");
  auto t = util::parseDateTime(raw, call.zone);
  if (!t) throw ParamError("parameter expireTime must be 'yyyy-MM-dd HH:mm:ss', got '" + raw + "'");
  in.expireTime = *t;
  in.token = call.params.opt("token");
  if (!call.isAdmin() && in.userId != call.user.id) throw ApiError(Status::USER_NO_OPERATION_PERM);
  return in;
}

int pathId(Call& call) {
  auto id = util::parseInt(call.req.pathParam("id"));
  if (!id) throw ParamError("path id must be an integer");
  return *id;
}

}  // namespace

void registerAccessTokenRoutes(ApiServer& api) {
  RouteOptions created;
  created.created = true;
  api.route("GET", "/access-tokens", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    auto page = call.params.page();
    auto search = call.params.opt("searchVal");
    int who = call.isAdmin() ? 0 : call.user.id;
    auto result = call.ctx.store.read([&](store::Database& db) { return store::tokens::page(db, who, search, page); });
    Json items = Json::array();
    for (const auto& t : result.items) items.push_back(accessTokenJson(t, call.zone));
    return pageInfo(items, result.total, page.pageNo, page.pageSize);
  });
  api.route("POST", "/access-tokens", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    auto in = readTokenInput(call);
    model::AccessToken t;
    t.userId = in.userId;
    t.expireTime = in.expireTime;
    t.token = in.token.empty() ? util::randomHex(16) : in.token;
    t.createTime = t.updateTime = util::now();
    return call.ctx.store.write([&](store::Database& db) {
      if (!store::users::findById(db, t.userId)) throw ApiError(Status::USER_NOT_EXIST, {std::to_string(t.userId)});
      if (store::tokens::tokenExists(db, t.token, 0))
        throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR, "request parameter token is not valid: already used");
      int id = store::tokens::insert(db, t);
      return accessTokenJson(*store::tokens::findById(db, id), call.zone);
    });
  }, created);
  api.route("POST", "/access-tokens/generate", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    readTokenInput(call);
    return Json(util::randomHex(16));
  }, created);
  api.route("GET", "/access-tokens/user/{userId}", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    auto userId = util::parseInt(call.req.pathParam("userId"));
    if (!userId) throw ParamError("path userId must be an integer");
    if (!call.isAdmin() && *userId != call.user.id) throw ApiError(Status::USER_NO_OPERATION_PERM);
    auto list = call.ctx.store.read([&](store::Database& db) { return store::tokens::listForUser(db, *userId); });
    Json out = Json::array();
    for (const auto& t : list) out.push_back(accessTokenJson(t, call.zone));
    return out;
  });
  api.route("PUT", "/access-tokens/{id}", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    int id = pathId(call);
    auto in = readTokenInput(call);
    return call.ctx.store.write([&](store::Database& db) {
      auto t = store::tokens::findById(db, id);
      if (!t) throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR, "access token " + std::to_string(id) + " does not exist");
      if (!call.isAdmin() && t->userId != call.user.id) throw ApiError(Status::USER_NO_OPERATION_PERM);
      t->userId = in.userId;
      t->expireTime = in.expireTime;
      if (!in.token.empty()) {
        if (store::tokens::tokenExists(db, in.token, id))
          throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR, "request parameter token is not valid: already used");
        t->token = in.token;
      }
      t->updateTime = util::now();
      store::tokens::update(db, *t);
      return accessTokenJson(*store::tokens::findById(db, id), call.zone);
    });
  });
  api.route("DELETE", "/access-tokens/{id}", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    int id = pathId(call);
    call.ctx.store.write([&](store::Database& db) {
      auto t = store::tokens::findById(db, id);
      if (!t) throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR, "access token " + std::to_string(id) + " does not exist");
      if (!call.isAdmin() && t->userId != call.user.id) throw ApiError(Status::USER_NO_OPERATION_PERM);
      store::tokens::remove(db, id);
    });
    return Json(nullptr);
  });
}

}  // namespace porpoise::api
