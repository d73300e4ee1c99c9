// /projects/{pc}/task-definition: code generation, list and query, and the edits of one task of
// a workflow that the task-definition page makes (spec ds-api.md §3.6). An edit is a new version
// of the task's workflow, validated like a save from the DAG editor (api/definition_editing.h).
#include <algorithm>

#include "api/admin_json.h"
#include "api/definition_editing.h"
#include "api/definition_relation_routes.h"
#include "api/definition_service.h"
#include "api/project_access.h"
#include "api/routes.h"
#include "model/definition_json.h"
#include "store/definition_repository.h"
#include "util/code_generator.h"

namespace porpoise::api {
namespace {

// The task in `taskDefinitionJsonObj` (10001 naming the problem when it cannot be read).
model::TaskDefinition taskFromForm(Call& call) {
  auto raw = call.params.required("taskDefinitionJsonObj");
  Json j = Json::parse(raw, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR,
                                "request parameter taskDefinitionJsonObj is not valid: it must be a JSON object");
  try {
    return model::taskDefinitionFromJson(j);
  } catch (const std::invalid_argument& e) {
    throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR,
                                std::string("request parameter taskDefinitionJsonObj is not valid: ") + e.what());
  }
}

// Replaces the edges into `task` by edges from `upstream` (a root marker when empty).
void setUpstream(std::vector<model::TaskRelation>& relations, int64_t task, const std::vector<int64_t>& upstream) {
  relations.erase(
      std::remove_if(relations.begin(), relations.end(), [&](const auto& r) { return r.postTaskCode == task; }),
      relations.end());
  for (int64_t pre : upstream) {
    model::TaskRelation r;
    r.preTaskCode = pre;
    r.postTaskCode = task;
    relations.push_back(r);
  }
}

int64_t pathTaskCode(const Call& call) {
  auto code = util::parseInt64(call.req.pathParam("code"));
  if (!code) throw ApiError(Status::TASK_DEFINE_NOT_EXIST, {call.req.pathParam("code")});
  return *code;
}

// PUT /{code} and /{code}/with-upstream: new content for the task, optionally new upstream tasks.
Json updateTask(Call& call, bool withUpstream) {
  int64_t pc = projectCodeFromPath(call);
  int64_t code = pathTaskCode(call);
  auto task = taskFromForm(call);
  task.code = code;
  auto upstream = parseCodeParam(call.params.opt("upstreamCodes"), "upstreamCodes");
  call.ctx.store.write([&](store::Database& db) {
    requireProject(call, db, pc);
    int64_t wf = workflowOfTaskIn(db, pc, code);
    editWorkflow(call, db, pc, wf, [&](auto& tasks, auto& relations) {
      for (auto& t : tasks)
        if (t.code == code) t = task;
      if (withUpstream) setUpstream(relations, code, upstream);
    });
  });
  return code;
}

}  // namespace

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
    auto executeType = call.params.optEnum("taskExecuteType", model::TaskExecuteType::BATCH);
    return call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      auto result = store::definitions::taskPage(db, pc, wf, name, type, executeType, page);
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
  RouteOptions created;
  created.created = true;
  // Adds one task to a workflow after `upstreamCodes` (a root when none).
  api.route(
      "POST", base + "/save-single", Status::REQUEST_PARAMS_NOT_VALID_ERROR,
      [](Call& call) {
        int64_t pc = projectCodeFromPath(call);
        int64_t wf = call.params.requiredInt64("processDefinitionCode");
        auto task = taskFromForm(call);
        if (task.code == 0) task.code = util::nextCode();
        auto upstream = parseCodeParam(call.params.opt("upstreamCodes"), "upstreamCodes");
        return call.ctx.store.write([&](store::Database& db) {
          requireProject(call, db, pc);
          auto saved = editWorkflow(call, db, pc, wf, [&](auto& tasks, auto& relations) {
            for (const auto& t : tasks)
              if (t.code == task.code)
                throw ApiError::withMessage(
                    Status::REQUEST_PARAMS_NOT_VALID_ERROR,
                    "request parameter taskDefinitionJsonObj is not valid: the workflow already has "
                    "a task with code " +
                        std::to_string(task.code));
            tasks.push_back(task);
            setUpstream(relations, task.code, upstream);
          });
          for (const auto& t : saved.tasks)
            if (t.code == task.code) return model::taskDefinitionToJson(t, call.zone);
          return Json(nullptr);
        });
      },
      created);
  api.route("PUT", base + "/{code}", Status::REQUEST_PARAMS_NOT_VALID_ERROR,
            [](Call& call) { return updateTask(call, false); });
  api.route("PUT", base + "/{code}/with-upstream", Status::REQUEST_PARAMS_NOT_VALID_ERROR,
            [](Call& call) { return updateTask(call, true); });
  // Takes the task out of its workflow (its history stays in the workflow's earlier versions).
  api.route("DELETE", base + "/{code}", Status::TASK_DEFINE_NOT_EXIST, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t code = pathTaskCode(call);
    call.ctx.store.write([&](store::Database& db) {
      requireProject(call, db, pc);
      int64_t wf = workflowOfTaskIn(db, pc, code);
      editWorkflow(call, db, pc, wf, [&](auto& tasks, auto& relations) {
        tasks.erase(std::remove_if(tasks.begin(), tasks.end(), [&](const auto& t) { return t.code == code; }),
                    tasks.end());
        relations.erase(std::remove_if(relations.begin(), relations.end(),
                                       [&](const auto& r) { return r.preTaskCode == code || r.postTaskCode == code; }),
                        relations.end());
      });
    });
    return Json(nullptr);
  });
  api.route("GET", base + "/{code}/versions", Status::TASK_DEFINE_NOT_EXIST, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t code = pathTaskCode(call);
    auto page = call.params.page();
    return call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      workflowOfTaskIn(db, pc, code);
      auto result = store::definitions::taskVersions(db, code, page);
      Json items = Json::array();
      for (const auto& t : result.items) items.push_back(model::taskDefinitionToJson(t, call.zone));
      return pageInfo(items, result.total, page.pageNo, page.pageSize);
    });
  });
  registerDefinitionRelationRoutes(api);

  api.route("GET", base + "/{code}", Status::TASK_DEFINE_NOT_EXIST, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    auto code = std::optional<int64_t>(pathTaskCode(call));
    return call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      auto t = store::definitions::findTask(db, *code);
      if (!t || t->projectCode != pc) throw ApiError(Status::TASK_DEFINE_NOT_EXIST, {std::to_string(*code)});
      Json j = model::taskDefinitionToJson(*t, call.zone);
      Json relations = Json::array();
      auto st = db.prepare(
          "SELECT process_definition_code, pre_task_code, post_task_code FROM t_process_task_relation WHERE "
          "post_task_code=?");
      st.bind(1, *code);
      while (st.step())
        relations.push_back({{"processDefinitionCode", st.getInt64(0)},
                             {"preTaskCode", st.getInt64(1)},
                             {"postTaskCode", st.getInt64(2)}});
      j["processTaskRelationList"] = relations;
      return j;
    });
  });
}

}  // namespace porpoise::api
