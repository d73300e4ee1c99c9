// /projects/{pc}/process-task-relation: edges of a workflow edited one at a time, as the
// task-definition page does (spec ds-api.md §3.7). Every change is a new workflow version made
// through api/definition_editing.h, so it is validated like a save from the DAG editor.
#include "api/definition_relation_routes.h"

#include <algorithm>

#include "api/definition_editing.h"
#include "api/definition_service.h"
#include "api/project_access.h"
#include "model/definition_json.h"
#include "store/definition_repository.h"

namespace porpoise::api {
namespace {

const std::string kBase = "/projects/{pc}/process-task-relation";

int64_t pathCode(const Call& call, const std::string& name) {
  auto v = util::parseInt64(call.req.pathParam(name));
  if (!v) throw ParamError("path " + name + " must be a code, got '" + call.req.pathParam(name) + "'");
  return *v;
}

bool hasTask(const std::vector<model::TaskDefinition>& tasks, int64_t code) {
  return std::any_of(tasks.begin(), tasks.end(), [&](const auto& t) { return t.code == code; });
}

void requireTask(const std::vector<model::TaskDefinition>& tasks, int64_t code) {
  if (!hasTask(tasks, code)) throw ApiError(Status::TASK_DEFINE_NOT_EXIST, {std::to_string(code)});
}

// Removes the edges pre -> post for every pair `matches` accepts; refuses when none matched.
void removeEdges(std::vector<model::TaskRelation>& relations,
                 const std::function<bool(const model::TaskRelation&)>& matches, const std::string& what) {
  auto before = relations.size();
  relations.erase(std::remove_if(relations.begin(), relations.end(), matches), relations.end());
  if (relations.size() == before)
    throw ApiError::withMessage(Status::DATA_IS_NOT_VALID, "data processTaskRelation not valid: " + what);
}

// Task definitions of `codes` in the current version of the workflow of `taskCode`.
Json tasksJson(Call& call, store::Database& db, int64_t pc, int64_t workflowCode, const std::vector<int64_t>& codes) {
  Json out = Json::array();
  for (const auto& t : requireDag(db, pc, workflowCode).tasks)
    if (std::find(codes.begin(), codes.end(), t.code) != codes.end())
      out.push_back(model::taskDefinitionToJson(t, call.zone));
  return out;
}

Json neighbours(Call& call, bool upstream) {
  int64_t pc = projectCodeFromPath(call);
  int64_t task = pathCode(call, "taskCode");
  return call.ctx.store.read([&](store::Database& db) {
    requireProject(call, db, pc);
    int64_t wf = workflowOfTaskIn(db, pc, task);
    std::vector<int64_t> codes;
    for (const auto& r : requireDag(db, pc, wf).relations) {
      if (upstream && r.postTaskCode == task && r.preTaskCode != 0) codes.push_back(r.preTaskCode);
      if (!upstream && r.preTaskCode == task) codes.push_back(r.postTaskCode);
    }
    return tasksJson(call, db, pc, wf, codes);
  });
}

void removeNeighbours(Call& call, bool upstream) {
  int64_t pc = projectCodeFromPath(call);
  int64_t task = pathCode(call, "taskCode");
  const char* param = upstream ? "preTaskCodes" : "postTaskCodes";
  auto others = parseCodeParam(call.params.required(param), param);
  call.ctx.store.write([&](store::Database& db) {
    requireProject(call, db, pc);
    int64_t wf = workflowOfTaskIn(db, pc, task);
    editWorkflow(call, db, pc, wf, [&](auto&, auto& relations) {
      for (int64_t other : others) {
        int64_t pre = upstream ? other : task, post = upstream ? task : other;
        removeEdges(
            relations, [&](const auto& r) { return r.preTaskCode == pre && r.postTaskCode == post; },
            "there is no relation " + std::to_string(pre) + " -> " + std::to_string(post));
      }
    });
  });
}

}  // namespace

void registerDefinitionRelationRoutes(ApiServer& api) {
  RouteOptions created;
  created.created = true;
  api.route(
      "POST", kBase, Status::REQUEST_PARAMS_NOT_VALID_ERROR,
      [](Call& call) {
        int64_t pc = projectCodeFromPath(call);
        int64_t wf = call.params.requiredInt64("processDefinitionCode");
        int64_t pre = call.params.requiredInt64("preTaskCode");
        int64_t post = call.params.requiredInt64("postTaskCode");
        call.ctx.store.write([&](store::Database& db) {
          requireProject(call, db, pc);
          editWorkflow(call, db, pc, wf, [&](auto& tasks, auto& relations) {
            requireTask(tasks, post);
            if (pre != 0) requireTask(tasks, pre);
            model::TaskRelation r;
            r.preTaskCode = pre;
            r.postTaskCode = post;
            relations.push_back(r);
          });
        });
        return Json(nullptr);
      },
      created);

  // Takes a task out of its workflow: the task and every edge touching it.
  api.route("DELETE", kBase + "/{taskCode}", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t task = pathCode(call, "taskCode");
    int64_t wf = call.params.requiredInt64("processDefinitionCode");
    call.ctx.store.write([&](store::Database& db) {
      requireProject(call, db, pc);
      editWorkflow(call, db, pc, wf, [&](auto& tasks, auto& relations) {
        requireTask(tasks, task);
        tasks.erase(std::remove_if(tasks.begin(), tasks.end(), [&](const auto& t) { return t.code == task; }),
                    tasks.end());
        relations.erase(std::remove_if(relations.begin(), relations.end(),
                                       [&](const auto& r) { return r.preTaskCode == task || r.postTaskCode == task; }),
                        relations.end());
      });
    });
    return Json(nullptr);
  });

  api.route("GET", kBase + "/{taskCode}/upstream", Status::REQUEST_PARAMS_NOT_VALID_ERROR,
            [](Call& call) { return neighbours(call, true); });
  api.route("GET", kBase + "/{taskCode}/downstream", Status::REQUEST_PARAMS_NOT_VALID_ERROR,
            [](Call& call) { return neighbours(call, false); });
  api.route("DELETE", kBase + "/{taskCode}/upstream", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    removeNeighbours(call, true);
    return Json(nullptr);
  });
  api.route("DELETE", kBase + "/{taskCode}/downstream", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    removeNeighbours(call, false);
    return Json(nullptr);
  });

  api.route("DELETE", kBase + "/{processDefinitionCode}/{preTaskCode}/{postTaskCode}",
            Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
              int64_t pc = projectCodeFromPath(call);
              int64_t wf = pathCode(call, "processDefinitionCode");
              int64_t pre = pathCode(call, "preTaskCode");
              int64_t post = pathCode(call, "postTaskCode");
              call.ctx.store.write([&](store::Database& db) {
                requireProject(call, db, pc);
                editWorkflow(call, db, pc, wf, [&](auto&, auto& relations) {
                  removeEdges(
                      relations, [&](const auto& r) { return r.preTaskCode == pre && r.postTaskCode == post; },
                      "there is no relation " + std::to_string(pre) + " -> " + std::to_string(post));
                });
              });
              return Json(nullptr);
            });
}

}  // namespace porpoise::api
