#include "api/definition_service.h"

#include "api/validation.h"
#include "store/tenant_repository.h"
#include "store/user_repository.h"
#include "util/code_generator.h"
#include "util/strings.h"

namespace porpoise::api {

namespace {

// A form field holding JSON text. Absent: `fallback` (or ParamError when required). Malformed:
// 10001 naming the field and where the text goes wrong.
nlohmann::json jsonField(const ParamReader& p, const std::string& name, bool required,
                         const nlohmann::json& fallback = nullptr) {
  auto raw = p.maybe(name);
  if (!raw) {
    if (required) throw ParamError("parameter " + name + " is required");
    return fallback;
  }
  try {
    return nlohmann::json::parse(*raw);
  } catch (const nlohmann::json::exception& e) {
    throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR,
                                "request parameter " + name + " is not valid JSON: " + e.what());
  }
}

}  // namespace

WorkflowForm readWorkflowForm(Call& call) {
  auto& p = call.params;
  WorkflowForm f;
  f.name = util::trim(p.required("name"));
  if (f.name.empty()) throw ParamError("parameter name is required");
  f.description = p.opt("description");
  f.globalParams = jsonField(p, "globalParams", false, nlohmann::json::array());
  if (p.maybe("locations")) f.locations = jsonField(p, "locations", false).dump();
  f.timeout = p.optInt("timeout", 0);
  f.tenantCode = p.opt("tenantCode", "default");
  f.executionType = p.optEnum("executionType", model::ExecutionType::PARALLEL);
  f.taskDefinitions = jsonField(p, "taskDefinitionJson", true);
  f.taskRelations = jsonField(p, "taskRelationJson", true);
  return f;
}

model::WorkflowDefinition requireWorkflow(store::Database& db, int64_t projectCode, int64_t code) {
  auto w = store::definitions::findWorkflow(db, code);
  if (!w || w->projectCode != projectCode) throw ApiError(Status::PROCESS_DEFINE_NOT_EXIST, {std::to_string(code)});
  return *w;
}

std::optional<std::pair<int, std::string>> resolveRunTenant(store::Database& db, const model::WorkflowDefinition& w) {
  int tenantId = w.tenantId;
  if (tenantId == -1) {
    auto creator = store::users::findById(db, w.userId);
    tenantId = creator ? creator->tenantId : 0;
  }
  auto tenant = tenantId > 0 ? store::tenants::findById(db, tenantId) : std::nullopt;
  if (!tenant) return std::nullopt;
  return std::make_pair(tenant->id, tenant->tenantCode);
}

model::DagData requireDag(store::Database& db, int64_t projectCode, int64_t code) {
  requireWorkflow(db, projectCode, code);
  auto dag = store::definitions::loadDag(db, code);
  if (!dag) throw ApiError(Status::PROCESS_DEFINE_NOT_EXIST, {std::to_string(code)});
  return std::move(*dag);
}

model::DagData createWorkflow(Call& call, store::Database& db, int64_t projectCode, const WorkflowForm& form) {
  checkDescription(form.description);
  if (store::definitions::nameExists(db, projectCode, form.name, 0))
    throw ApiError(Status::PROCESS_DEFINITION_NAME_EXIST, {form.name});
  auto dag = parseAndValidateDag(db, form, projectCode, util::nextCode());
  dag.workflow.userId = call.user.id;
  dag.workflow.releaseState = model::ReleaseState::OFFLINE;
  for (auto& t : dag.tasks) t.userId = call.user.id;
  return store::definitions::saveDag(db, dag, call.user.id, util::now()).dag;
}

model::DagData updateWorkflow(Call& call, store::Database& db, int64_t projectCode, int64_t code,
                              const WorkflowForm& form) {
  checkDescription(form.description);
  auto current = requireWorkflow(db, projectCode, code);
  if (current.releaseState == model::ReleaseState::ONLINE)
    throw ApiError::withMessage(
        Status::PROCESS_DEFINE_NOT_ALLOWED_EDIT,
        "process definition " + current.name + " does not allow edit: it is ONLINE, take it OFFLINE first");
  if (form.name != current.name && store::definitions::nameExists(db, projectCode, form.name, code))
    throw ApiError(Status::PROCESS_DEFINITION_NAME_EXIST, {form.name});
  auto dag = parseAndValidateDag(db, form, projectCode, code);
  dag.workflow.userId = current.userId;
  dag.workflow.warningGroupId = current.warningGroupId;
  return store::definitions::saveDag(db, dag, call.user.id, util::now()).dag;
}

std::optional<int> releaseWorkflow(Call& call, store::Database& db, int64_t projectCode, int64_t code,
                                   model::ReleaseState state) {
  (void)call;
  auto w = requireWorkflow(db, projectCode, code);
  auto now = util::now();
  if (state == model::ReleaseState::ONLINE) {
    auto dag = store::definitions::loadDag(db, code);
    if (!dag || dag->relations.empty()) throw ApiError(Status::PROCESS_DAG_IS_EMPTY);
    store::definitions::setReleaseState(db, code, state, now);
    return std::nullopt;
  }
  store::definitions::setReleaseState(db, code, state, now);
  return store::definitions::offlineScheduleOf(db, code);
}

void deleteWorkflow(Call& call, store::Database& db, int64_t projectCode, int64_t code) {
  auto w = requireWorkflow(db, projectCode, code);
  if (!call.isAdmin() && w.userId != call.user.id) throw ApiError(Status::USER_NO_OPERATION_PERM);
  if (w.releaseState == model::ReleaseState::ONLINE) throw ApiError(Status::PROCESS_DEFINE_STATE_ONLINE, {w.name});
  if (int n = store::definitions::countUnfinishedInstances(db, code))
    throw ApiError(Status::DELETE_PROCESS_DEFINITION_EXECUTING_FAIL, {std::to_string(n)});
  auto refs = store::definitions::referencesTo(db, code);
  if (!refs.empty()) throw ApiError(Status::DELETE_PROCESS_DEFINITION_USE_BY_OTHER_FAIL, {util::join(refs, ",")});
  if (store::definitions::scheduleStateOf(db, code) == model::ReleaseState::ONLINE)
    throw ApiError(Status::SCHEDULE_CRON_STATE_ONLINE, {w.name});
  store::definitions::deleteScheduleOf(db, code);
  store::definitions::deleteWorkflow(db, code);
}

}  // namespace porpoise::api
