#include "api/yaml_import.h"

#include "api/definition_service.h"
#include "api/engine_call.h"
#include "api/project_access.h"
#include "engine/engine.h"
#include "exchange/yaml_load_error.h"
#include "exchange/yaml_workflow_loader.h"
#include "store/definition_repository.h"
#include "store/project_repository.h"
#include "store/resource_repository.h"
#include "util/code_generator.h"

namespace porpoise::api {
namespace {

using Json = nlohmann::json;

[[noreturn]] void refuse(const std::string& message) {
  throw ApiError::withMessage(Status::IMPORT_PROCESS_DEFINE_ERROR, "import process definition error: " + message);
}

int64_t workflowCodeByName(store::Database& db, int64_t projectCode, const std::string& project,
                           const std::string& name, int line) {
  int64_t pc = projectCode;
  if (!project.empty()) {
    auto p = store::projects::findByName(db, project);
    if (!p) refuse("line " + std::to_string(line) + ": project " + project + " does not exist");
    pc = p->code;
  }
  auto w = store::definitions::findWorkflowByName(db, pc, name);
  if (!w) refuse("line " + std::to_string(line) + ": workflow " + name + " does not exist");
  return w->code;
}

void resolveReferences(store::Database& db, int64_t pc, exchange::YamlWorkflowSubmission& sub,
                       const std::vector<int64_t>& createdCodes) {
  for (const auto& ref : sub.references) {
    Json& task = sub.taskDefinitions.at(ref.taskIndex);
    Json& target = task.at(Json::json_pointer(ref.pointer));
    using K = exchange::YamlReferenceKind;
    switch (ref.kind) {
      case K::SubWorkflow:
        target = ref.submissionIndex ? createdCodes.at(*ref.submissionIndex)
                                     : workflowCodeByName(db, pc, ref.projectName, ref.workflowName, ref.line);
        break;
      case K::DependentItem: {
        int64_t code = workflowCodeByName(db, pc, ref.projectName, ref.workflowName, ref.line);
        auto w = store::definitions::findWorkflow(db, code);
        target["projectCode"] = w->projectCode;
        target["definitionCode"] = code;
        int64_t taskCode = 0;
        if (!ref.taskName.empty() && ref.taskName != "0") {
          auto dag = store::definitions::loadDag(db, code);
          for (const auto& t : dag->tasks)
            if (t.name == ref.taskName) taskCode = t.code;
          if (!taskCode) refuse("line " + std::to_string(ref.line) + ": task " + ref.taskName + " not found in " + ref.workflowName);
        }
        target["depTaskCode"] = taskCode;
        break;
      }
      case K::Environment: {
        int64_t code = -1;
        for (const auto& e : store::environments::listAll(db))
          if (e.name == ref.name) code = e.code;
        if (code < 0) refuse("line " + std::to_string(ref.line) + ": environment " + ref.name + " does not exist");
        target = code;
        break;
      }
      case K::Datasource:
      case K::Resource:
        refuse("line " + std::to_string(ref.line) + ": " + ref.name +
               ": datasources and resource-center files are not supported by Porpoise");
    }
  }
}

}  // namespace

bool looksLikeYamlUpload(const std::string& fileName, const std::string& content) {
  auto lower = util::toLower(fileName);
  if (util::endsWith(lower, ".yaml") || util::endsWith(lower, ".yml")) return true;
  auto first = content.find_first_not_of(" \t\r\n");
  return first != std::string::npos && content[first] != '[' && content[first] != '{' &&
         content.find("workflow:") != std::string::npos;
}

Json importYamlUpload(Call& call, int64_t pc, const std::string& text, const std::string& fileName) {
  exchange::YamlLoaderOptions options;
  options.nextTaskCode = util::nextCode;
  options.allowFileAccess = false;
  exchange::YamlLoadResult loaded;
  try {
    loaded = exchange::loadYamlWorkflowText(text, fileName, ".", options);
  } catch (const std::exception& e) {
    refuse(e.what());
  }
  std::vector<std::pair<int64_t, bool>> saved;  // code, run
  Json out = Json::array();
  call.ctx.store.write([&](store::Database& db) {
    requireProject(call, db, pc);
    std::vector<int64_t> createdCodes;
    for (auto& sub : loaded.submissions) {
      resolveReferences(db, pc, sub, createdCodes);
      WorkflowForm form;
      form.name = sub.workflow.name;
      form.description = sub.workflow.description;
      form.globalParams = Json::array();
      for (auto p : sub.workflow.globalParams) {
        if (p.contains("value") && !p["value"].is_string()) p["value"] = p["value"].dump();
        form.globalParams.push_back(p);
      }
      form.timeout = sub.workflow.timeout;
      form.tenantCode = sub.workflow.tenantGiven ? sub.workflow.tenant : "default";
      form.executionType = sub.workflow.executionType;
      form.taskDefinitions = sub.taskDefinitions;
      form.taskRelations = sub.taskRelations;
      model::DagData dag;
      auto existing = store::definitions::findWorkflowByName(db, pc, form.name);
      if (existing) {
        if (existing->releaseState == model::ReleaseState::ONLINE)
          store::definitions::setReleaseState(db, existing->code, model::ReleaseState::OFFLINE, util::now());
        dag = updateWorkflow(call, db, pc, existing->code, form);
      } else {
        dag = createWorkflow(call, db, pc, form);
      }
      bool online = sub.workflow.releaseState == model::ReleaseState::ONLINE || sub.workflow.run;
      if (online) releaseWorkflow(call, db, pc, dag.workflow.code, model::ReleaseState::ONLINE);
      createdCodes.push_back(dag.workflow.code);
      saved.push_back({dag.workflow.code, sub.workflow.run});
      out.push_back({{"code", dag.workflow.code}, {"name", dag.workflow.name}});
    }
  });
  for (size_t i = 0; i < saved.size(); ++i) {
    if (!saved[i].second || !call.ctx.engine) continue;
    engine::StartRequest req;
    req.workflowCode = saved[i].first;
    req.executorId = call.user.id;
    req.timezone = call.zone;
    call.ctx.store.read([&](store::Database& db) {
      auto w = store::definitions::findWorkflow(db, saved[i].first);
      auto tenant = resolveRunTenant(db, *w);
      if (!tenant) throw ApiError(Status::TENANT_NOT_SUITABLE);
      req.tenantId = tenant->first;
      req.tenantCode = tenant->second;
    });
    out[i]["instanceId"] = awaitEngine(call.ctx.engine->start(req));
  }
  return out;
}

}  // namespace porpoise::api
