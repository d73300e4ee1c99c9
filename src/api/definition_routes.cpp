// /projects/{pc}/process-definition: create, update, query, list, release, delete (spec ds-api.md §3.5).
#include "api/admin_json.h"
#include "api/definition_json_views.h"
#include "api/definition_service.h"
#include "api/project_access.h"
#include "api/routes.h"
#include "model/definition_json.h"
#include "scheduler/schedule_events.h"

namespace porpoise::api {
namespace {

const std::string kBase = "/projects/{pc}/process-definition";

int64_t pathWorkflowCode(const Call& call) {
  auto v = util::parseInt64(call.req.pathParam("code"));
  if (!v) throw ApiError(Status::PROCESS_DEFINE_NOT_EXIST, {call.req.pathParam("code")});
  return *v;
}

void notifyScheduleOffline(Call& call, std::optional<int> scheduleId) {
  if (scheduleId && call.ctx.scheduleListener) call.ctx.scheduleListener->scheduleChanged(*scheduleId);
}

Json listPage(Call& call) {
  int64_t pc = projectCodeFromPath(call);
  auto page = call.params.page();
  auto search = call.params.opt("searchVal");
  int userId = call.params.optInt("userId", 0);
  return call.ctx.store.read([&](store::Database& db) {
    requireProject(call, db, pc);
    auto result = store::definitions::page(db, pc, search, userId, page);
    Json items = Json::array();
    for (const auto& row : result.items) items.push_back(workflowRowJson(row, call.zone));
    return pageInfo(items, result.total, page.pageNo, page.pageSize);
  });
}

std::vector<int64_t> parseCodes(const std::string& raw, const std::string& name) {
  std::vector<int64_t> out;
  for (const auto& part : util::split(raw, ',')) {
    auto v = util::parseInt64(part);
    if (!v) throw ParamError("parameter " + name + " must be comma-separated codes, got '" + part + "'");
    out.push_back(*v);
  }
  if (out.empty()) throw ParamError("parameter " + name + " is required");
  return out;
}

}  // namespace

void registerDefinitionRoutes(ApiServer& api) {
  RouteOptions created;
  created.created = true;
  api.route(
      "POST", kBase, Status::CREATE_PROCESS_DEFINITION_ERROR,
      [](Call& call) {
        int64_t pc = projectCodeFromPath(call);
        auto form = readWorkflowForm(call);
        return call.ctx.store.write([&](store::Database& db) {
          requireProject(call, db, pc);
          auto dag = createWorkflow(call, db, pc, form);
          return dagJson(db, dag, call.zone)["processDefinition"];
        });
      },
      created);

  api.route("PUT", kBase + "/{code}", Status::UPDATE_PROCESS_DEFINITION_ERROR, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t code = pathWorkflowCode(call);
    auto form = readWorkflowForm(call);
    auto release = call.params.optEnum("releaseState", model::ReleaseState::OFFLINE);
    return call.ctx.store.write([&](store::Database& db) {
      requireProject(call, db, pc);
      updateWorkflow(call, db, pc, code, form);
      if (release == model::ReleaseState::ONLINE) releaseWorkflow(call, db, pc, code, release);
      return dagJson(db, requireDag(db, pc, code), call.zone)["processDefinition"];
    });
  });

  api.route("GET", kBase, Status::REQUEST_PARAMS_NOT_VALID_ERROR, listPage);

  api.route("GET", kBase + "/{code}", Status::PROCESS_DEFINE_NOT_EXIST, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t code = pathWorkflowCode(call);
    return call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      return dagJson(db, requireDag(db, pc, code), call.zone);
    });
  });

  api.route("GET", kBase + "/query-by-name", Status::PROCESS_DEFINE_NOT_EXIST, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    auto name = call.params.required("name");
    return call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      auto w = store::definitions::findWorkflowByName(db, pc, name);
      if (!w) throw ApiError(Status::PROCESS_DEFINE_NOT_EXIST, {name});
      return dagJson(db, requireDag(db, pc, w->code), call.zone);
    });
  });

  api.route("GET", kBase + "/verify-name", Status::PROCESS_DEFINITION_NAME_EXIST, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    auto name = call.params.required("name");
    int64_t except = call.params.optInt64("code", 0);
    call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      if (store::definitions::nameExists(db, pc, name, except))
        throw ApiError(Status::PROCESS_DEFINITION_NAME_EXIST, {name});
    });
    return Json(nullptr);
  });

  api.route("POST", kBase + "/{code}/release", Status::RELEASE_PROCESS_DEFINITION_ERROR, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t code = pathWorkflowCode(call);
    auto raw = call.params.required("releaseState");
    auto state = model::enumFromName<model::ReleaseState>(raw);
    if (!state) throw ApiError(Status::REQUEST_PARAMS_NOT_VALID_ERROR, {"releaseState"});
    auto offlined = call.ctx.store.write([&](store::Database& db) {
      requireProject(call, db, pc);
      return releaseWorkflow(call, db, pc, code, *state);
    });
    notifyScheduleOffline(call, offlined);
    return Json(nullptr);
  });

  api.route("DELETE", kBase + "/{code}", Status::PROCESS_DEFINE_NOT_EXIST, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t code = pathWorkflowCode(call);
    call.ctx.store.write([&](store::Database& db) {
      requireProject(call, db, pc);
      deleteWorkflow(call, db, pc, code);
    });
    return Json(nullptr);
  });

  api.route("POST", kBase + "/batch-delete", Status::BATCH_DELETE_PROCESS_DEFINE_BY_CODES_ERROR, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    auto codes = parseCodes(call.params.required("codes"), "codes");
    // All or nothing: any refusal rolls back the whole batch and names each failure.
    call.ctx.store.write([&](store::Database& db) {
      requireProject(call, db, pc);
      std::vector<std::string> errors;
      for (int64_t code : codes) {
        try {
          deleteWorkflow(call, db, pc, code);
        } catch (const ApiError& e) {
          errors.push_back(std::to_string(code) + ": " + e.what());
        }
      }
      if (!errors.empty())
        throw ApiError(Status::BATCH_DELETE_PROCESS_DEFINE_BY_CODES_ERROR, {util::join(errors, "; ")});
    });
    return Json(nullptr);
  });
}

}  // namespace porpoise::api
