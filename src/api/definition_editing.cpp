#include "api/definition_editing.h"

#include <set>
#include <tuple>

#include "api/definition_service.h"
#include "model/definition_json.h"
#include "store/definition_repository.h"
#include "store/tenant_repository.h"
#include "util/strings.h"

namespace porpoise::api {
namespace {

using Json = nlohmann::json;

void normalizeRelations(std::vector<model::TaskRelation>& relations) {
  std::set<int64_t> hasUpstream;
  for (const auto& r : relations)
    if (r.preTaskCode != 0) hasUpstream.insert(r.postTaskCode);
  std::set<std::pair<int64_t, int64_t>> seen;
  std::vector<model::TaskRelation> kept;
  for (auto& r : relations) {
    if (r.preTaskCode == 0 && hasUpstream.count(r.postTaskCode)) continue;
    if (!seen.insert({r.preTaskCode, r.postTaskCode}).second) continue;
    kept.push_back(std::move(r));
  }
  relations = std::move(kept);
}

std::string locationsOf(const std::string& locations, const std::vector<model::TaskDefinition>& tasks) {
  Json parsed = Json::parse(locations.empty() ? "[]" : locations, nullptr, false);
  if (!parsed.is_array()) return locations;
  std::set<int64_t> codes;
  for (const auto& t : tasks) codes.insert(t.code);
  Json kept = Json::array();
  for (const auto& loc : parsed)
    if (loc.is_object() && loc.contains("taskCode") && loc["taskCode"].is_number_integer() &&
        codes.count(loc["taskCode"].get<int64_t>()))
      kept.push_back(loc);
  return kept.dump();
}

}  // namespace

model::DagData editWorkflow(Call& call, store::Database& db, int64_t projectCode, int64_t workflowCode,
                            const DagEdit& edit) {
  auto dag = requireDag(db, projectCode, workflowCode);
  edit(dag.tasks, dag.relations);
  normalizeRelations(dag.relations);
  const auto& w = dag.workflow;
  WorkflowForm form;
  form.name = w.name;
  form.description = w.description;
  form.globalParams = Json::parse(w.globalParams.empty() ? "[]" : w.globalParams, nullptr, false);
  if (!form.globalParams.is_array()) form.globalParams = Json::array();
  form.locations = locationsOf(w.locations, dag.tasks);
  form.timeout = w.timeout;
  form.executionType = w.executionType;
  form.tenantCode = "default";
  if (w.tenantId != -1)
    if (auto t = store::tenants::findById(db, w.tenantId)) form.tenantCode = t->tenantCode;
  form.taskDefinitions = Json::array();
  for (const auto& t : dag.tasks) form.taskDefinitions.push_back(model::taskDefinitionToJson(t, "UTC"));
  form.taskRelations = Json::array();
  for (const auto& r : dag.relations) form.taskRelations.push_back(model::relationToJson(r, "UTC"));
  return updateWorkflow(call, db, projectCode, workflowCode, form);
}

int64_t workflowOfTaskIn(store::Database& db, int64_t projectCode, int64_t taskCode) {
  auto task = store::definitions::findTask(db, taskCode);
  auto workflow = store::definitions::workflowOfTask(db, taskCode);
  if (!task || task->projectCode != projectCode || !workflow)
    throw ApiError(Status::TASK_DEFINE_NOT_EXIST, {std::to_string(taskCode)});
  return *workflow;
}

std::vector<int64_t> parseCodeParam(const std::string& raw, const std::string& name) {
  std::vector<int64_t> out;
  for (const auto& part : util::split(raw, ',')) {
    auto v = util::parseInt64(util::trim(part));
    if (!v) throw ParamError("parameter " + name + " must be comma-separated codes, got '" + part + "'");
    out.push_back(*v);
  }
  return out;
}

}  // namespace porpoise::api
