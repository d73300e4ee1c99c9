// /projects/{pc}/process-instances and /projects/{pc}/task-instances (spec ds-api.md §3.9–3.10).
#include "api/admin_json.h"
#include "api/definition_json_views.h"
#include "api/engine_call.h"
#include "api/instance_json.h"
#include "api/project_access.h"
#include "api/routes.h"
#include "engine/engine.h"
#include "model/definition_json.h"
#include "store/definition_repository.h"
#include "store/instance_repository.h"

namespace porpoise::api {
namespace {

const std::string kInstances = "/projects/{pc}/process-instances";
const std::string kTasks = "/projects/{pc}/task-instances";

int64_t pathId(const Call& call) {
  auto v = util::parseInt64(call.req.pathParam("id"));
  if (!v) throw ApiError(Status::PROCESS_INSTANCE_NOT_EXIST, {call.req.pathParam("id")});
  return *v;
}

model::WorkflowInstance requireInstance(store::Database& db, int64_t pc, int64_t id) {
  auto w = store::instances::findWorkflow(db, id);
  if (!w || w->projectCode != pc) throw ApiError(Status::PROCESS_INSTANCE_NOT_EXIST, {std::to_string(id)});
  return *w;
}

std::optional<util::TimePoint> optDate(Call& call, const std::string& name) {
  auto raw = call.params.maybe(name);
  if (!raw) return std::nullopt;
  auto t = util::parseDateTime(*raw, call.zone);
  if (!t) throw ApiError(Status::REQUEST_PARAMS_NOT_VALID_ERROR, {name});
  return t;
}

template <typename E>
std::optional<E> optState(Call& call) {
  auto raw = call.params.maybe("stateType");
  if (!raw) return std::nullopt;
  auto v = model::enumFromName<E>(*raw);
  if (!v) throw ApiError(Status::REQUEST_PARAMS_NOT_VALID_ERROR, {"stateType"});
  return v;
}

// Valid (flag YES) task instances of an instance; the SKIPPED ones show which branch was not taken.
Json instanceTasks(store::Database& db, int64_t id, const std::string& zone) {
  Json list = Json::array();
  for (const auto& t : store::instances::tasksOf(db, id))
    if (t.flag == model::Flag::YES) list.push_back(taskInstanceJson(t, zone));
  return list;
}

Json instanceDetail(Call& call, store::Database& db, const model::WorkflowInstance& w) {
  Json j = workflowInstanceJson(w, call.zone);
  if (auto dag = store::definitions::loadDagVersion(db, w.processDefinitionCode, w.processDefinitionVersion)) {
    j["dagData"] = dagJson(db, *dag, call.zone);
    j["locations"] = dag->workflow.locations;
    j["processDefinition"] = j["dagData"]["processDefinition"];
  } else {
    j["dagData"] = nullptr;
    j["locations"] = nullptr;
  }
  auto st = db.prepare("SELECT user_name FROM t_user WHERE id=?");
  st.bind(1, w.executorId);
  j["executorName"] = st.step() ? Json(st.getText(0)) : Json(nullptr);
  return j;
}

void deleteInstance(Call& call, store::Database& db, int64_t pc, int64_t id) {
  auto w = requireInstance(db, pc, id);
  if (!model::isFinished(w.state))
    throw ApiError(Status::PROCESS_INSTANCE_STATE_OPERATION_ERROR, {w.name, model::enumName(w.state), "delete"});
  (void)call;
  store::instances::deleteWorkflow(db, id);
}

Json gantt(store::Database& db, const model::WorkflowInstance& w, const std::string& zone) {
  Json tasks = Json::array();
  Json names = Json::array();
  for (const auto& t : store::instances::tasksOf(db, w.id)) {
    if (t.flag != model::Flag::YES) continue;
    auto start = t.startTime.value_or(t.submitTime.value_or(util::now()));
    auto end = t.endTime.value_or(util::now());
    tasks.push_back({{"taskName", t.name},
                     {"startDate", Json::array({util::toEpochMillis(start)})},
                     {"endDate", Json::array({util::toEpochMillis(end)})},
                     {"executionDate", util::formatDateTime(start, zone)},
                     {"isoStart", util::formatPattern(start, "%Y-%m-%dT%H:%M:%S", zone)},
                     {"isoEnd", util::formatPattern(end, "%Y-%m-%dT%H:%M:%S", zone)},
                     {"status", model::enumName(t.state)},
                     {"duration", util::formatGanttDuration(std::chrono::duration_cast<std::chrono::milliseconds>(end - start))}});
    names.push_back(t.name);
  }
  return {{"height", static_cast<int>(tasks.size()) * 20 + 40}, {"tasks", tasks}, {"taskNames", names}, {"taskStatus", nullptr}};
}

}  // namespace

void registerInstanceRoutes(ApiServer& api) {
  api.route("GET", kInstances, Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    auto page = call.params.page();
    store::instances::WorkflowFilter f;
    f.projectCode = pc;
    f.workflowCode = call.params.optInt64("processDefineCode", call.params.optInt64("processDefinitionCode", 0));
    f.search = call.params.opt("searchVal");
    f.executorName = call.params.opt("executorName");
    f.state = optState<model::WorkflowState>(call);
    f.host = call.params.opt("host");
    f.startFrom = optDate(call, "startDate");
    f.startTo = optDate(call, "endDate");
    return call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      auto result = store::instances::pageWorkflows(db, f, page);
      Json items = Json::array();
      for (const auto& row : result.items) {
        Json j = workflowInstanceJson(row.instance, call.zone);
        j["executorName"] = row.executorName.empty() ? Json(nullptr) : Json(row.executorName);
        j["processDefinitionName"] = row.workflowName;
        items.push_back(j);
      }
      return pageInfo(items, result.total, page.pageNo, page.pageSize);
    });
  });
  api.route("GET", kInstances + "/{id}", Status::PROCESS_INSTANCE_NOT_EXIST, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t id = pathId(call);
    return call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      return instanceDetail(call, db, requireInstance(db, pc, id));
    });
  });
  api.route("GET", kInstances + "/{id}/tasks", Status::PROCESS_INSTANCE_NOT_EXIST, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t id = pathId(call);
    return call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      auto w = requireInstance(db, pc, id);
      return Json{{"processInstanceState", model::enumName(w.state)}, {"taskList", instanceTasks(db, id, call.zone)}};
    });
  });
  api.route("GET", kInstances + "/{id}/view-gantt", Status::PROCESS_INSTANCE_NOT_EXIST, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t id = pathId(call);
    return call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      return gantt(db, requireInstance(db, pc, id), call.zone);
    });
  });
  api.route("GET", kInstances + "/{id}/view-variables", Status::PROCESS_INSTANCE_NOT_EXIST, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t id = pathId(call);
    return call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      auto w = requireInstance(db, pc, id);
      Json globals = Json::parse(w.globalParams.empty() ? "[]" : w.globalParams, nullptr, false);
      Json locals = Json::object();
      if (auto dag = store::definitions::loadDagVersion(db, w.processDefinitionCode, w.processDefinitionVersion))
        for (const auto& t : dag->tasks) {
          auto props = t.localParams();
          if (!props.empty()) locals[t.name] = {{"taskType", t.taskType}, {"localParamsList", model::propertiesToJson(props)}};
        }
      return Json{{"globalParams", globals.is_discarded() ? Json::array() : globals}, {"localParams", locals}};
    });
  });
  api.route("DELETE", kInstances + "/{id}", Status::DELETE_PROCESS_INSTANCE_BY_ID_ERROR, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t id = pathId(call);
    call.ctx.store.write([&](store::Database& db) {
      requireProject(call, db, pc);
      deleteInstance(call, db, pc, id);
    });
    return Json(nullptr);
  });
  api.route("POST", kInstances + "/batch-delete", Status::DELETE_PROCESS_INSTANCE_BY_ID_ERROR, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    auto raw = call.params.required("processInstanceIds");
    call.ctx.store.write([&](store::Database& db) {
      requireProject(call, db, pc);
      std::vector<std::string> errors;
      for (const auto& part : util::split(raw, ',')) {
        auto id = util::parseInt64(part);
        if (!id) throw ParamError("parameter processInstanceIds must be comma-separated ids");
        try {
          deleteInstance(call, db, pc, *id);
        } catch (const ApiError& e) {
          errors.push_back(part + ": " + e.what());
        }
      }
      if (!errors.empty())
        throw ApiError::withMessage(Status::DELETE_PROCESS_INSTANCE_BY_ID_ERROR,
                                    "delete process instance by id error: " + util::join(errors, "; "));
    });
    return Json(nullptr);
  });
  api.route("GET", kInstances + "/query-sub-by-parent", Status::PROCESS_INSTANCE_NOT_EXIST, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t taskId = call.params.requiredInt64("taskId");
    return call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      auto task = store::instances::findTask(db, taskId);
      if (!task) throw ApiError(Status::TASK_INSTANCE_NOT_FOUND);
      if (task->taskType != "SUB_PROCESS" && task->taskType != "SUB_WORKFLOW")
        throw ApiError::withMessage(Status::TASK_INSTANCE_STATE_OPERATION_ERROR,
                                    "task instance " + std::to_string(taskId) + " is not a SUB_PROCESS task");
      auto child = store::instances::findSubWorkflow(db, taskId);
      if (!child) throw ApiError(Status::PROCESS_INSTANCE_NOT_EXIST, {"sub process of task " + std::to_string(taskId)});
      return Json{{"subProcessInstanceId", child->id}};
    });
  });
  api.route("GET", kInstances + "/query-parent-by-sub", Status::PROCESS_INSTANCE_NOT_EXIST, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t subId = call.params.requiredInt64("subId");
    return call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      auto child = store::instances::findWorkflow(db, subId);
      if (!child || !child->parentInstanceId) throw ApiError(Status::PROCESS_INSTANCE_NOT_EXIST, {std::to_string(subId)});
      return Json{{"parentWorkflowInstance", child->parentInstanceId}};
    });
  });

  api.route("GET", kTasks, Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    auto page = call.params.page();
    store::instances::TaskFilter f;
    f.projectCode = pc;
    f.workflowInstanceId = call.params.optInt64("processInstanceId", 0);
    f.workflowInstanceName = call.params.opt("processInstanceName");
    f.search = call.params.opt("searchVal");
    f.taskName = call.params.opt("taskName");
    f.executorName = call.params.opt("executorName");
    f.state = optState<model::TaskState>(call);
    f.host = call.params.opt("host");
    f.startFrom = optDate(call, "startDate");
    f.startTo = optDate(call, "endDate");
    return call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      auto result = store::instances::pageTasks(db, f, page);
      Json items = Json::array();
      for (const auto& row : result.items) {
        Json j = taskInstanceJson(row.task, call.zone);
        j["processInstanceName"] = row.workflowInstanceName;
        j["processDefinitionName"] = row.workflowName;
        j["processDefinitionCode"] = row.workflowCode;
        j["executorName"] = row.executorName.empty() ? Json(nullptr) : Json(row.executorName);
        items.push_back(j);
      }
      return pageInfo(items, result.total, page.pageNo, page.pageSize);
    });
  });
  api.route("POST", kTasks + "/{id}/force-success", Status::FORCE_TASK_SUCCESS_ERROR, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    auto id = util::parseInt64(call.req.pathParam("id"));
    if (!id) throw ApiError(Status::TASK_INSTANCE_NOT_FOUND);
    call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      auto t = store::instances::findTask(db, *id);
      if (!t) throw ApiError(Status::TASK_INSTANCE_NOT_FOUND);
      requireInstance(db, pc, t->processInstanceId);
    });
    if (!call.ctx.engine) throw ApiError::withMessage(Status::FORCE_TASK_SUCCESS_ERROR, "the engine is not running");
    awaitEngine(call.ctx.engine->forceSuccess(*id));
    return Json(nullptr);
  });
}

}  // namespace porpoise::api
