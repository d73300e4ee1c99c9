// Versions and the small list endpoints of /projects/{pc}/process-definition (spec ds-api.md §3.5).
#include "api/admin_json.h"
#include "api/definition_json_views.h"
#include "api/definition_service.h"
#include "api/definition_tree_routes.h"
#include "api/project_access.h"
#include "api/routes.h"
#include "model/definition_json.h"

namespace porpoise::api {
namespace {

const std::string kBase = "/projects/{pc}/process-definition";

int64_t pathCode(const Call& call) {
  auto v = util::parseInt64(call.req.pathParam("code"));
  if (!v) throw ApiError(Status::PROCESS_DEFINE_NOT_EXIST, {call.req.pathParam("code")});
  return *v;
}

int pathVersion(const Call& call) {
  auto v = util::parseInt(call.req.pathParam("version"));
  if (!v || *v <= 0) throw ParamError("path version must be a positive integer");
  return *v;
}

// Runs `f(db, projectCode)` on a read snapshot after the project check.
template <typename F>
Json readInProject(Call& call, F&& f) {
  int64_t pc = projectCodeFromPath(call);
  return call.ctx.store.read([&](store::Database& db) {
    requireProject(call, db, pc);
    return f(db, pc);
  });
}

Json codeNameVersion(const model::WorkflowDefinition& w) {
  return {{"code", w.code}, {"name", w.name}, {"version", w.version}};
}

}  // namespace

void registerDefinitionVersionRoutes(ApiServer& api) {
  registerDefinitionTreeRoutes(api);
  api.route("GET", kBase + "/{code}/versions", Status::PROCESS_DEFINE_NOT_EXIST, [](Call& call) {
    auto page = call.params.page();
    return readInProject(call, [&](store::Database& db, int64_t pc) {
      int64_t code = pathCode(call);
      requireWorkflow(db, pc, code);
      auto result = store::definitions::versions(db, code, page);
      Json items = Json::array();
      for (const auto& row : result.items) {
        auto j = workflowRowJson(row, call.zone);
        j["operateTime"] = util::formatDateTime(row.workflow.operateTime, call.zone);
        items.push_back(j);
      }
      return pageInfo(items, result.total, page.pageNo, page.pageSize);
    });
  });
  api.route("GET", kBase + "/{code}/versions/{version}", Status::PROCESS_DEFINE_NOT_EXIST, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t code = pathCode(call);
    int version = pathVersion(call);
    call.ctx.store.write([&](store::Database& db) {
      requireProject(call, db, pc);
      auto w = requireWorkflow(db, pc, code);
      if (w.releaseState == model::ReleaseState::ONLINE)
        throw ApiError::withMessage(Status::PROCESS_DEFINE_NOT_ALLOWED_EDIT,
                                    "process definition " + w.name + " is ONLINE: take it OFFLINE to switch versions");
      if (!store::definitions::switchVersion(db, code, version, util::now()))
        throw ApiError::withMessage(Status::PROCESS_DEFINE_NOT_EXIST, "process definition " + std::to_string(code) +
                                                                          " has no version " + std::to_string(version));
    });
    return Json(nullptr);
  });
  api.route("DELETE", kBase + "/{code}/versions/{version}", Status::PROCESS_DEFINE_NOT_EXIST, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t code = pathCode(call);
    int version = pathVersion(call);
    call.ctx.store.write([&](store::Database& db) {
      requireProject(call, db, pc);
      auto w = requireWorkflow(db, pc, code);
      if (w.version == version)
        throw ApiError::withMessage(Status::MAIN_TABLE_USING_VERSION,
                                    "the version that the master table is using: version " + std::to_string(version) +
                                        " is the current version of " + w.name + "; switch to another version first");
      if (!store::definitions::loadDagVersion(db, code, version))
        throw ApiError::withMessage(Status::PROCESS_DEFINE_NOT_EXIST,
                                    "process definition " + w.name + " has no version " + std::to_string(version));
      auto st = db.prepare(
          "SELECT COUNT(*) FROM t_process_instance WHERE process_definition_code=? AND process_definition_version=?");
      st.bind(1, code).bind(2, version);
      st.step();
      if (st.getInt(0) > 0) throw ApiError(Status::PROCESS_DEFINITION_VERSION_IS_USED);
      store::definitions::deleteVersion(db, code, version);
    });
    return Json(nullptr);
  });
  api.route("GET", kBase + "/simple-list", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    return readInProject(call, [&](store::Database& db, int64_t pc) {
      Json out = Json::array();
      for (const auto& w : store::definitions::listByProject(db, pc))
        out.push_back({{"id", w.id}, {"code", w.code}, {"name", w.name}, {"projectCode", w.projectCode}});
      return out;
    });
  });
  auto listDags = [](Call& call) {
    return readInProject(call, [&](store::Database& db, int64_t pc) {
      Json out = Json::array();
      for (const auto& w : store::definitions::listByProject(db, pc))
        if (auto dag = store::definitions::loadDag(db, w.code)) out.push_back(dagJson(db, *dag, call.zone));
      return out;
    });
  };
  api.route("GET", kBase + "/list", Status::REQUEST_PARAMS_NOT_VALID_ERROR, listDags);
  api.route("GET", kBase + "/all", Status::REQUEST_PARAMS_NOT_VALID_ERROR, listDags);
  api.route("GET", kBase + "/query-process-definition-list", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    return readInProject(call, [&](store::Database& db, int64_t pc) {
      Json out = Json::array();
      for (const auto& w : store::definitions::listByProject(db, pc)) out.push_back(codeNameVersion(w));
      return out;
    });
  });
  api.route("GET", kBase + "/query-task-definition-list", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    int64_t code = call.params.requiredInt64("processDefinitionCode");
    return readInProject(call, [&](store::Database& db, int64_t pc) {
      Json out = Json::array();
      for (const auto& t : requireDag(db, pc, code).tasks)
        out.push_back({{"code", t.code}, {"name", t.name}, {"version", t.version}});
      return out;
    });
  });
  api.route("GET", kBase + "/{code}/tasks", Status::PROCESS_DEFINE_NOT_EXIST, [](Call& call) {
    return readInProject(call, [&](store::Database& db, int64_t pc) {
      int64_t code = pathCode(call);
      Json out = Json::array();
      for (const auto& t : requireDag(db, pc, code).tasks) out.push_back(model::taskDefinitionToJson(t, call.zone));
      return out;
    });
  });
  api.route("GET", kBase + "/batch-query-tasks", Status::PROCESS_DEFINE_NOT_EXIST, [](Call& call) {
    auto raw = call.params.required("codes");
    return readInProject(call, [&](store::Database& db, int64_t pc) {
      Json out = Json::object();
      for (const auto& part : util::split(raw, ',')) {
        auto code = util::parseInt64(part);
        if (!code) throw ParamError("parameter codes must be comma-separated workflow codes");
        auto w = store::definitions::findWorkflow(db, *code);
        if (!w || w->projectCode != pc) continue;
        Json tasks = Json::array();
        for (const auto& t : requireDag(db, pc, *code).tasks)
          tasks.push_back(model::taskDefinitionToJson(t, call.zone));
        out[std::to_string(*code)] = tasks;
      }
      return out;
    });
  });
  api.route("GET", kBase + "/{code}/view-variables", Status::PROCESS_DEFINE_NOT_EXIST, [](Call& call) {
    return readInProject(call, [&](store::Database& db, int64_t pc) {
      int64_t code = pathCode(call);
      auto dag = requireDag(db, pc, code);
      Json locals = Json::object();
      for (const auto& t : dag.tasks) {
        auto props = t.localParams();
        if (!props.empty())
          locals[t.name] = {{"taskType", t.taskType}, {"localParamsList", model::propertiesToJson(props)}};
      }
      return Json{{"globalParams", model::propertiesToJson(dag.workflow.globalParamList())}, {"localParams", locals}};
    });
  });
}

}  // namespace porpoise::api
