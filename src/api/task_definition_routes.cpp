// /projects/{pc}/task-definition: code generation, list and query (spec ds-api.md §3.6).
#include "api/admin_json.h"
#include "api/project_access.h"
#include "api/routes.h"
#include "model/definition_json.h"
#include "store/definition_repository.h"
#include "util/code_generator.h"

namespace porpoise::api {

void registerTaskDefinitionRoutes(ApiServer& api) {
  const std::string base = "/projects/{pc}/task-definition";
  api.route("GET", base + "/gen-task-codes", Status::DATA_IS_NOT_VALID, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    auto raw = call.params.opt("genNum");
    auto n = util::parseInt(raw);
    if (!n || *n < 1 || *n > 100) throw ApiError(Status::DATA_IS_NOT_VALID, {"genNum"});
    call.ctx.store.read([&](store::Database& db) { requireProject(call, db, pc); });
    Json out = Json::array();
    for (int i = 0; i < *n; ++i) out.push_back(util::nextCode());
    return out;
  });
  api.route("GET", base, Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    auto page = call.params.page();
    auto wf = call.params.opt("searchWorkflowName");
    auto name = call.params.opt("searchTaskName");
    auto type = call.params.opt("taskType");
    return call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      auto result = store::definitions::taskPage(db, pc, wf, name, type, page);
      Json items = Json::array();
      for (const auto& row : result.items) {
        Json j = model::taskDefinitionToJson(row.task, call.zone);
        j["taskCode"] = row.task.code;
        j["taskName"] = row.task.name;
        j["taskVersion"] = row.task.version;
        j["processDefinitionCode"] = row.workflowCode;
        j["processDefinitionName"] = row.workflowName;
        Json upstream = Json::object();
        for (auto c : row.upstreamCodes) upstream[std::to_string(c)] = std::to_string(c);
        j["upstreamTaskMap"] = upstream;
        items.push_back(j);
      }
      return pageInfo(items, result.total, page.pageNo, page.pageSize);
    });
  });
  api.route("GET", base + "/{code}", Status::TASK_DEFINE_NOT_EXIST, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    auto code = util::parseInt64(call.req.pathParam("code"));
    if (!code) throw ApiError(Status::TASK_DEFINE_NOT_EXIST, {call.req.pathParam("code")});
    return call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      auto t = store::definitions::findTask(db, *code);
      if (!t || t->projectCode != pc) throw ApiError(Status::TASK_DEFINE_NOT_EXIST, {std::to_string(*code)});
      Json j = model::taskDefinitionToJson(*t, call.zone);
      Json relations = Json::array();
      auto st = db.prepare(
          "SELECT process_definition_code, pre_task_code, post_task_code FROM t_process_task_relation WHERE post_task_code=?");
      st.bind(1, *code);
      while (st.step())
        relations.push_back({{"processDefinitionCode", st.getInt64(0)}, {"preTaskCode", st.getInt64(1)},
                             {"postTaskCode", st.getInt64(2)}});
      j["processTaskRelationList"] = relations;
      return j;
    });
  });
}

}  // namespace porpoise::api
