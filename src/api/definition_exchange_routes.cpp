// Export / import (DolphinScheduler 3.1 JSON), batch copy and move of workflow definitions
// (spec ds-api.md §3.5, §5). Import and copy rewrite every task/workflow code reference, and an
// import is all-or-nothing.
//
// Names on import: a workflow keeps its name when the target project has none of that name;
// otherwise it becomes "name(1)", "name(2)", ... (the first free one). Imported workflows are
// OFFLINE; a schedule in the file is imported OFFLINE.
#include <set>

#include "api/definition_json_views.h"
#include "api/definition_service.h"
#include "api/project_access.h"
#include "api/routes.h"
#include "api/validation.h"
#include "api/yaml_import.h"
#include "cron/cron_expression.h"
#include "exchange/code_remap.h"
#include "exchange/ds_workflow_file.h"
#include "model/definition_json.h"
#include "model/lenient_json.h"
#include "store/schedule_repository.h"
#include "store/tenant_repository.h"
#include "util/code_generator.h"

namespace porpoise::api {
namespace {

const std::string kBase = "/projects/{pc}/process-definition";

std::vector<int64_t> parseCodeList(const std::string& raw) {
  std::vector<int64_t> out;
  for (const auto& part : util::split(raw, ',')) {
    auto v = util::parseInt64(part);
    if (!v) throw ParamError("parameter codes must be comma-separated workflow codes, got '" + part + "'");
    out.push_back(*v);
  }
  if (out.empty()) throw ParamError("parameter codes is required");
  return out;
}

Json scheduleJson(const model::Schedule& s, const std::string& zone) {
  return {{"id", s.id},
          {"processDefinitionCode", s.processDefinitionCode},
          {"processDefinitionName", s.processDefinitionName},
          {"projectName", s.projectName},
          {"definitionDescription", s.definitionDescription},
          {"startTime", util::formatDateTime(s.startTime, zone)},
          {"endTime", util::formatDateTime(s.endTime, zone)},
          {"timezoneId", s.timezoneId},
          {"crontab", s.crontab},
          {"failureStrategy", model::enumName(s.failureStrategy)},
          {"warningType", model::enumName(s.warningType)},
          {"createTime", util::formatDateTime(s.createTime, zone)},
          {"updateTime", util::formatDateTime(s.updateTime, zone)},
          {"userId", s.userId},
          {"userName", s.userName},
          {"releaseState", model::enumName(s.releaseState)},
          {"warningGroupId", s.warningGroupId},
          {"processInstancePriority", model::enumName(s.processInstancePriority)},
          {"workerGroup", s.workerGroup},
          {"environmentCode", s.environmentCode}};
}

std::string freeName(store::Database& db, int64_t projectCode, const std::string& name,
                     const std::set<std::string>& taken) {
  auto used = [&](const std::string& n) {
    return taken.count(n) || store::definitions::nameExists(db, projectCode, n, 0);
  };
  if (!used(name)) return name;
  for (int i = 1;; ++i) {
    std::string candidate = name + "(" + std::to_string(i) + ")";
    if (!used(candidate)) return candidate;
  }
}

int tenantForImport(store::Database& db, const Json& workflow) {
  auto code = model::lenientString(workflow, "tenantCode");
  if (code.empty() || code == "default") return -1;
  auto t = store::tenants::findByCode(db, code);
  return t ? t->id : -1;  // a tenant unknown here falls back to "default" instead of a foreign id
}

// The schedule of an export file, stored OFFLINE for the new workflow. Times are read in the server's
// zone, as batch-export writes them. A schedule that is present but incomplete or invalid refuses
// the import (naming the field) rather than being dropped silently.
void importSchedule(Call& call, store::Database& db, const Json& s, int64_t workflowCode, int64_t projectCode) {
  if (s.is_null()) return;
  // Reported as 50029 naming the workflow (see rethrowFor).
  auto invalid = [](const std::string& what) { throw std::invalid_argument("schedule " + what); };
  if (!s.is_object()) invalid("must be a JSON object");
  model::Schedule sch;
  sch.processDefinitionCode = workflowCode;
  sch.projectCode = projectCode;
  auto zone = model::lenientString(s, "timezoneId");
  sch.timezoneId = util::isValidTimeZone(zone) ? zone : util::defaultTimeZone();
  const std::string& serverZone = util::defaultTimeZone();
  for (const char* key : {"startTime", "endTime"}) {
    auto text = model::lenientString(s, key);
    auto t = util::parseDateTime(text, serverZone);
    if (!t) invalid(std::string(key) + " '" + text + "' is not a yyyy-MM-dd HH:mm:ss time");
    (std::string(key) == "startTime" ? sch.startTime : sch.endTime) = *t;
  }
  if (sch.startTime > sch.endTime) invalid("startTime is after endTime");
  sch.crontab = model::lenientString(s, "crontab");
  try {
    cron::CronExpression::parse(sch.crontab);
  } catch (const std::exception& e) {
    invalid("crontab '" + sch.crontab + "' is not a valid Quartz cron expression: " + e.what());
  }
  try {
    sch.failureStrategy = model::lenientEnum(s, "failureStrategy", model::FailureStrategy::CONTINUE);
    sch.warningType = model::lenientEnum(s, "warningType", model::WarningType::NONE);
    sch.warningGroupId = model::lenientInt(s, "warningGroupId", 0);
    sch.processInstancePriority = model::lenientEnum(s, "processInstancePriority", model::Priority::MEDIUM);
    sch.workerGroup = model::lenientString(s, "workerGroup", "default");
    sch.environmentCode = model::lenientInt64(s, "environmentCode", -1);
  } catch (const std::invalid_argument& e) {
    invalid(e.what());
  }
  if (sch.workerGroup.empty()) sch.workerGroup = "default";
  sch.releaseState = model::ReleaseState::OFFLINE;
  sch.userId = call.user.id;
  sch.createTime = sch.updateTime = util::now();
  store::schedules::insert(db, sch);
}

// Errors while importing one workflow of the file name that workflow; anything that is not an
// ApiError becomes 50029.
[[noreturn]] void rethrowFor(const std::string& workflowName) {
  try {
    throw;
  } catch (const ApiError& err) {
    throw ApiError::withMessage(err.status(), "workflow " + workflowName + ": " + err.what());
  } catch (const std::exception& err) {
    throw ApiError::withMessage(Status::IMPORT_PROCESS_DEFINE_ERROR,
                                "import process definition error: workflow " + workflowName + ": " + err.what());
  }
}

model::DagData importEntry(Call& call, store::Database& db, int64_t pc, const exchange::FileEntry& e,
                           const std::string& name) {
  WorkflowForm form;
  form.name = name;
  form.description = model::lenientString(e.workflow, "description");
  checkDescription(form.description);
  form.globalParams = model::lenientJson(e.workflow, "globalParams", Json::array());
  form.locations = model::lenientString(e.workflow, "locations");
  form.timeout = model::lenientInt(e.workflow, "timeout", 0);
  form.executionType = model::lenientEnum(e.workflow, "executionType", model::ExecutionType::PARALLEL);
  form.taskDefinitions = e.tasks;
  form.taskRelations = e.relations;
  auto dag = validateDagShape(form);
  dag.workflow.code = model::lenientInt64(e.workflow, "code", 0);
  dag.workflow.projectCode = pc;
  dag.workflow.tenantId = tenantForImport(db, e.workflow);
  dag.workflow.userId = call.user.id;
  dag.workflow.warningGroupId = model::lenientInt(e.workflow, "warningGroupId", 0);
  dag.workflow.releaseState = model::ReleaseState::OFFLINE;
  for (auto& t : dag.tasks) t.userId = call.user.id;
  auto saved = store::definitions::saveDag(db, dag, call.user.id, util::now()).dag;
  importSchedule(call, db, e.schedule, saved.workflow.code, pc);
  return saved;
}

Json importFile(Call& call, int64_t pc) {
  const http::UploadedFile* file = call.req.file("file");
  if (!file) throw ParamError("parameter file is required (multipart upload)");
  // pydolphinscheduler YAML files are accepted by the same endpoint (the UI's import dialog).
  if (looksLikeYamlUpload(file->fileName, file->content))
    return importYamlUpload(call, pc, file->content, file->fileName);
  std::vector<exchange::FileEntry> entries;
  try {
    entries = exchange::parseWorkflowFile(file->content);
    exchange::assignNewCodes(entries, util::nextCode, pc);
  } catch (const exchange::FileError& e) {
    if (e.kind() == exchange::FileError::Kind::NullData) throw ApiError(Status::DATA_IS_NULL, {e.what()});
    throw ApiError::withMessage(Status::IMPORT_PROCESS_DEFINE_ERROR,
                                std::string("import process definition error: ") + e.what());
  } catch (const std::exception& e) {
    throw ApiError::withMessage(Status::IMPORT_PROCESS_DEFINE_ERROR,
                                std::string("import process definition error: ") + e.what());
  }
  // One transaction: the first refusal rolls back every workflow of the file.
  return call.ctx.store.write([&](store::Database& db) {
    requireProject(call, db, pc);
    std::set<std::string> names;
    std::vector<model::DagData> saved;
    for (auto& e : entries) {
      std::string original = model::lenientString(e.workflow, "name");
      try {
        std::string name = freeName(db, pc, original, names);
        names.insert(name);
        saved.push_back(importEntry(call, db, pc, e, name));
      } catch (...) {
        rethrowFor(original);
      }
    }
    // Sub-workflow references can only be followed once every workflow of the file is stored.
    for (const auto& dag : saved) {
      try {
        checkSubWorkflowCycles(db, dag);
      } catch (...) {
        rethrowFor(dag.workflow.name);
      }
    }
    Json imported = Json::array();
    for (const auto& dag : saved) imported.push_back({{"code", dag.workflow.code}, {"name", dag.workflow.name}});
    return imported;
  });
}

Json copyOrMove(Call& call, bool move) {
  int64_t pc = projectCodeFromPath(call);
  auto codes = parseCodeList(call.params.required("codes"));
  int64_t target = call.params.requiredInt64("targetProjectCode");
  return call.ctx.store.write([&](store::Database& db) -> Json {
    requireProject(call, db, pc);
    requireProject(call, db, target);
    Json last = nullptr;
    std::set<std::string> names;
    for (int64_t code : codes) {
      auto w = requireWorkflow(db, pc, code);
      if (move) {
        if (pc == target) continue;
        if (w.releaseState == model::ReleaseState::ONLINE)
          throw ApiError(Status::PROCESS_DEFINE_STATE_ONLINE, {w.name});
        if (store::definitions::nameExists(db, target, w.name, 0))
          throw ApiError(Status::PROCESS_DEFINITION_NAME_EXIST, {w.name});
        store::definitions::moveWorkflow(db, code, target, util::now());
        continue;
      }
      auto dag = requireDag(db, pc, code);
      auto sched = store::schedules::findByWorkflowCode(db, code);
      std::vector<exchange::FileEntry> entries(1);
      auto j = exchange::exportEntry(dag, "default",
                                     sched ? scheduleJson(*sched, util::defaultTimeZone()) : Json(nullptr), call.zone);
      entries[0] = {
          j["processDefinition"], j["processTaskRelationList"], j["taskDefinitionList"], j["schedule"], code, pc};
      exchange::assignNewCodes(entries, util::nextCode, target);
      WorkflowForm form;
      form.name = freeName(db, target, w.name + "_copy_" + util::formatStamp17(util::now()), names);
      names.insert(form.name);
      form.description = w.description;
      form.globalParams = Json::parse(w.globalParams.empty() ? "[]" : w.globalParams);
      form.locations = entries[0].workflow.value("locations", "");
      form.timeout = w.timeout;
      form.executionType = w.executionType;
      form.taskDefinitions = entries[0].tasks;
      form.taskRelations = entries[0].relations;
      auto copy = validateDagShape(form);
      copy.workflow.code = model::lenientInt64(entries[0].workflow, "code", 0);
      copy.workflow.projectCode = target;
      copy.workflow.tenantId = w.tenantId;
      copy.workflow.userId = call.user.id;
      copy.workflow.warningGroupId = w.warningGroupId;
      auto saved = store::definitions::saveDag(db, copy, call.user.id, util::now()).dag;
      importSchedule(call, db, entries[0].schedule, saved.workflow.code, target);
      last = model::workflowToJson(saved.workflow, call.zone);
    }
    return last;
  });
}

}  // namespace

void registerDefinitionExchangeRoutes(ApiServer& api) {
  api.rawRoute("POST", kBase + "/batch-export", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    auto raw = call.params.opt("codes");
    if (raw.empty()) return http::Response::json("");
    auto codes = parseCodeList(raw);
    auto body = call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      Json out = Json::array();
      std::string zone = util::defaultTimeZone();
      for (int64_t code : codes) {
        auto w = store::definitions::findWorkflow(db, code);
        if (!w || w->projectCode != pc) continue;  // codes of other projects are skipped, as in DolphinScheduler
        auto dag = store::definitions::loadDag(db, code);
        if (!dag) continue;
        std::string tenant = "default";
        if (w->tenantId != -1)
          if (auto t = store::tenants::findById(db, w->tenantId)) tenant = t->tenantCode;
        auto sched = store::schedules::findByWorkflowCode(db, code);
        out.push_back(exchange::exportEntry(*dag, tenant, sched ? scheduleJson(*sched, zone) : Json(nullptr), zone));
      }
      return out;
    });
    return http::Response::json(body.dump(-1, ' ', false, Json::error_handler_t::replace));
  });
  api.route("POST", kBase + "/import", Status::IMPORT_PROCESS_DEFINE_ERROR,
            [](Call& call) { return importFile(call, projectCodeFromPath(call)); });
  api.route("POST", kBase + "/batch-copy", Status::REQUEST_PARAMS_NOT_VALID_ERROR,
            [](Call& call) { return copyOrMove(call, false); });
  api.route("POST", kBase + "/batch-move", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    copyOrMove(call, true);
    return Json(nullptr);
  });
}

}  // namespace porpoise::api
