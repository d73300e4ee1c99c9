// Worker groups, environments, alert groups and the monitor endpoints (spec ds-api.md §3.13).
// Porpoise has one in-process worker; the `default` worker group always exists and maps to it.
#include <unistd.h>

#include "api/admin_json.h"
#include "api/routes.h"
#include "api/validation.h"
#include "store/resource_repository.h"
#include "util/code_generator.h"

namespace porpoise::api {
namespace {

model::WorkerGroup defaultGroup(const ApiSettings& s) {
  model::WorkerGroup g;
  g.id = 0;
  g.name = "default";
  g.addrList = s.host;
  g.systemDefault = true;
  return g;
}

std::vector<std::string> parseGroups(Call& call) {
  auto raw = call.params.optJson("workerGroups", Json::array());
  if (!raw.is_array()) throw ParamError("parameter workerGroups must be a JSON array of names");
  std::vector<std::string> out;
  for (const auto& g : raw) {
    if (!g.is_string()) throw ParamError("parameter workerGroups must be a JSON array of names");
    out.push_back(g.get<std::string>());
  }
  return out;
}

Json saveEnvironment(Call& call, bool create) {
  model::Environment e;
  e.name = call.params.opt("name");
  e.config = call.params.opt("config");
  e.description = call.params.opt("description");
  if (e.name.empty()) throw ApiError(Status::ENVIRONMENT_NAME_IS_NULL);
  if (e.config.empty()) throw ApiError(Status::ENVIRONMENT_CONFIG_IS_NULL);
  checkDescription(e.description);
  e.workerGroups = parseGroups(call);
  e.operatorId = call.user.id;
  e.createTime = e.updateTime = util::now();
  return call.ctx.store.write([&](store::Database& db) -> Json {
    if (create) {
      e.code = util::nextCode();
      if (store::environments::nameExists(db, e.name, 0)) throw ApiError(Status::ENVIRONMENT_NAME_EXISTS, {e.name});
      store::environments::insert(db, e);
      return e.code;
    }
    e.code = call.params.requiredInt64("code");
    auto existing = store::environments::findByCode(db, e.code);
    if (!existing) throw ApiError(Status::QUERY_ENVIRONMENT_BY_CODE_ERROR, {std::to_string(e.code)});
    if (store::environments::nameExists(db, e.name, e.code)) throw ApiError(Status::ENVIRONMENT_NAME_EXISTS, {e.name});
    store::environments::update(db, e);
    return environmentJson(*store::environments::findByCode(db, e.code), call.zone);
  });
}

Json serverInfo(const ApiSettings& s) {
  auto now = util::formatDateTime(util::now());
  auto colon = s.host.rfind(':');
  return {{"id", 1},
          {"host", s.host.substr(0, colon)},
          {"port", colon == std::string::npos ? 0 : std::stoi(s.host.substr(colon + 1))},
          {"zkDirectory", "/nodes/" + s.host},
          {"resInfo", Json({{"cpuUsage", 0}, {"memoryUsage", 0}, {"loadAverage", 0}}).dump()},
          {"createTime", now},
          {"lastHeartbeatTime", now}};
}

}  // namespace

void registerClusterRoutes(ApiServer& api) {
  RouteOptions created;
  created.created = true;
  // Worker groups.
  api.route("GET", "/worker-groups/all", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    auto groups = call.ctx.store.read([](store::Database& db) { return store::worker_groups::listAll(db); });
    Json out = Json::array({"default"});
    for (const auto& g : groups)
      if (g.name != "default") out.push_back(g.name);
    return out;
  });
  api.route("GET", "/worker-groups", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    auto page = call.params.page();
    auto search = call.params.opt("searchVal");
    auto result = call.ctx.store.read([&](store::Database& db) { return store::worker_groups::page(db, search, page); });
    Json items = Json::array();
    if (page.pageNo == 1 && std::string("default").find(search) != std::string::npos)
      items.push_back(workerGroupJson(defaultGroup(call.ctx.settings), call.zone));
    for (const auto& g : result.items) items.push_back(workerGroupJson(g, call.zone));
    bool defaultListed = std::string("default").find(search) != std::string::npos;
    return pageInfo(items, result.total + (defaultListed ? 1 : 0), page.pageNo, page.pageSize);
  });
  api.route("POST", "/worker-groups", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    call.requireAdmin();
    model::WorkerGroup g;
    g.id = call.params.optInt("id", 0);
    g.name = call.params.opt("name");
    g.addrList = call.params.opt("addrList", call.ctx.settings.host);
    g.description = call.params.opt("description");
    g.otherParamsJson = call.params.opt("otherParamsJson");
    if (g.name.empty()) throw ApiError(Status::NAME_NULL);
    if (g.name == "default") throw ApiError(Status::NAME_EXIST, {g.name});
    g.createTime = g.updateTime = util::now();
    return call.ctx.store.write([&](store::Database& db) {
      if (store::worker_groups::nameExists(db, g.name, g.id)) throw ApiError(Status::NAME_EXIST, {g.name});
      if (g.id > 0) {
        auto existing = store::worker_groups::findById(db, g.id);
        if (!existing) throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR, "worker group " + std::to_string(g.id) + " does not exist");
        g.createTime = existing->createTime;
        store::worker_groups::update(db, g);
      } else {
        g.id = store::worker_groups::insert(db, g);
      }
      return workerGroupJson(g, call.zone);
    });
  });
  api.route("DELETE", "/worker-groups/{id}", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    call.requireAdmin();
    auto id = util::parseInt(call.req.pathParam("id"));
    if (!id) throw ParamError("path id must be an integer");
    call.ctx.store.write([&](store::Database& db) {
      if (!store::worker_groups::findById(db, *id))
        throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR, "worker group " + std::to_string(*id) + " does not exist");
      store::worker_groups::remove(db, *id);
    });
    return Json(nullptr);
  });
  api.route("GET", "/worker-groups/worker-address-list", Status::REQUEST_PARAMS_NOT_VALID_ERROR,
            [](Call& call) { return Json::array({call.ctx.settings.host}); });

  // Environments.
  api.route("POST", "/environment/create", Status::CREATE_ENVIRONMENT_ERROR,
            [](Call& call) { return saveEnvironment(call, true); }, created);
  api.route("POST", "/environment/update", Status::UPDATE_ENVIRONMENT_ERROR,
            [](Call& call) { return saveEnvironment(call, false); });
  api.route("GET", "/environment/query-environment-list", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    auto all = call.ctx.store.read([](store::Database& db) { return store::environments::listAll(db); });
    Json out = Json::array();
    for (const auto& e : all) out.push_back(environmentJson(e, call.zone));
    return out;
  });
  api.route("GET", "/environment/list-paging", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    auto page = call.params.page();
    auto search = call.params.opt("searchVal");
    auto result = call.ctx.store.read([&](store::Database& db) { return store::environments::page(db, search, page); });
    Json items = Json::array();
    for (const auto& e : result.items) items.push_back(environmentJson(e, call.zone));
    return pageInfo(items, result.total, page.pageNo, page.pageSize);
  });
  api.route("GET", "/environment/query-by-code", Status::QUERY_ENVIRONMENT_BY_CODE_ERROR, [](Call& call) {
    auto code = call.params.requiredInt64("environmentCode");
    auto e = call.ctx.store.read([&](store::Database& db) { return store::environments::findByCode(db, code); });
    if (!e) throw ApiError(Status::QUERY_ENVIRONMENT_BY_CODE_ERROR, {std::to_string(code)});
    return environmentJson(*e, call.zone);
  });
  api.route("POST", "/environment/delete", Status::DELETE_ENVIRONMENT_ERROR, [](Call& call) {
    auto code = call.params.requiredInt64("environmentCode");
    call.ctx.store.write([&](store::Database& db) {
      if (!store::environments::findByCode(db, code))
        throw ApiError(Status::QUERY_ENVIRONMENT_BY_CODE_ERROR, {std::to_string(code)});
      if (store::environments::countTasksUsing(db, code) > 0) throw ApiError(Status::DELETE_ENVIRONMENT_RELATED_TASK_EXISTS);
      store::environments::remove(db, code);
    });
    return Json(nullptr);
  });
  api.route("POST", "/environment/verify-environment", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    auto name = call.params.opt("environmentName");
    if (name.empty()) throw ApiError(Status::ENVIRONMENT_NAME_IS_NULL);
    bool exists = call.ctx.store.read([&](store::Database& db) { return store::environments::nameExists(db, name, 0); });
    if (exists) throw ApiError(Status::ENVIRONMENT_NAME_EXISTS, {name});
    return Json(nullptr);
  });

  // Alert groups (no alert plugins in Porpoise yet: groups are kept for compatibility).
  api.route("GET", "/alert-groups/list", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    auto all = call.ctx.store.read([](store::Database& db) { return store::alert_groups::listAll(db); });
    Json out = Json::array();
    for (const auto& g : all) out.push_back(alertGroupJson(g, call.zone));
    return out;
  });
  api.route("GET", "/alert-groups", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    auto page = call.params.page();
    auto search = call.params.opt("searchVal");
    auto result = call.ctx.store.read([&](store::Database& db) { return store::alert_groups::page(db, search, page); });
    Json items = Json::array();
    for (const auto& g : result.items) items.push_back(alertGroupJson(g, call.zone));
    return pageInfo(items, result.total, page.pageNo, page.pageSize);
  });
  api.route("POST", "/alert-groups", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    call.requireAdmin();
    model::AlertGroup g;
    g.groupName = call.params.opt("groupName");
    if (g.groupName.empty()) throw ApiError(Status::NAME_NULL);
    g.description = call.params.opt("description");
    g.alertInstanceIds = call.params.opt("alertInstanceIds");
    g.createUserId = call.user.id;
    g.createTime = g.updateTime = util::now();
    return call.ctx.store.write([&](store::Database& db) {
      if (store::alert_groups::nameExists(db, g.groupName, 0)) throw ApiError(Status::NAME_EXIST, {g.groupName});
      g.id = store::alert_groups::insert(db, g);
      return alertGroupJson(g, call.zone);
    });
  }, created);

  // Monitor: the standalone server is its own master and worker.
  api.route("GET", "/monitor/masters", Status::REQUEST_PARAMS_NOT_VALID_ERROR,
            [](Call& call) { return Json::array({serverInfo(call.ctx.settings)}); });
  api.route("GET", "/monitor/workers", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    Json w = serverInfo(call.ctx.settings);
    w["zkDirectories"] = Json::array({w["zkDirectory"]});
    return Json::array({w});
  });
  api.route("GET", "/monitor/databases", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call&) {
    return Json::array({{{"dbType", "SQLITE"},
                         {"state", "YES"},
                         {"maxConnections", 2},
                         {"maxUsedConnections", 2},
                         {"threadsConnections", 2},
                         {"threadsRunningConnections", 0},
                         {"date", util::formatDateTime(util::now())}}});
  });
}

}  // namespace porpoise::api
