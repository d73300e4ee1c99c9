#include "api/definition_json_views.h"

#include "model/definition_json.h"
#include "store/tenant_repository.h"

namespace porpoise::api {

nlohmann::json dagJson(store::Database& db, const model::DagData& dag, const std::string& zone) {
  auto j = model::dagDataToJson(dag, zone);
  auto& wf = j["processDefinition"];
  if (dag.workflow.tenantId == -1) {
    wf["tenantCode"] = "default";
  } else if (auto t = store::tenants::findById(db, dag.workflow.tenantId)) {
    wf["tenantCode"] = t->tenantCode;
  }
  if (auto row = store::definitions::findWorkflowRow(db, dag.workflow.code)) {
    wf["userName"] = row->userName.empty() ? nlohmann::json(nullptr) : nlohmann::json(row->userName);
    wf["modifyBy"] = row->modifyBy.empty() ? nlohmann::json(nullptr) : nlohmann::json(row->modifyBy);
    if (row->scheduleReleaseState) wf["scheduleReleaseState"] = model::enumName(*row->scheduleReleaseState);
  }
  return j;
}

nlohmann::json workflowRowJson(const store::definitions::WorkflowRow& row, const std::string& zone) {
  auto j = model::workflowToJson(row.workflow, zone);
  j["userName"] = row.userName.empty() ? nlohmann::json(nullptr) : nlohmann::json(row.userName);
  j["modifyBy"] = row.modifyBy.empty() ? nlohmann::json(nullptr) : nlohmann::json(row.modifyBy);
  j["tenantCode"] = row.workflow.tenantId == -1 ? nlohmann::json("default")
                                                 : (row.tenantCode.empty() ? nlohmann::json(nullptr) : nlohmann::json(row.tenantCode));
  j["scheduleReleaseState"] =
      row.scheduleReleaseState ? nlohmann::json(model::enumName(*row.scheduleReleaseState)) : nlohmann::json(nullptr);
  if (row.workflow.operatorId) j["operator"] = row.workflow.operatorId;
  return j;
}

}  // namespace porpoise::api
