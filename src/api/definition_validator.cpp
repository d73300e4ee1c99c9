#include "api/definition_validator.h"

#include <porpoise/task_plugin.h>

#include <map>
#include <set>

#include "api/api_error.h"
#include "engine/dag.h"
#include "model/definition_json.h"
#include "model/lenient_json.h"
#include "store/definition_repository.h"
#include "store/tenant_repository.h"
#include "tasks/builtin_plugins.h"
#include "tasks/conditions_task.h"
#include "util/code_generator.h"

namespace porpoise::api {
namespace {

using Json = nlohmann::json;

[[noreturn]] void invalid(const std::string& message) {
  throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR, message);
}

std::vector<int64_t> codesIn(const Json& v) {
  std::vector<int64_t> out;
  auto one = [&](const Json& x) {
    if (x.is_number_integer()) out.push_back(x.get<int64_t>());
    if (x.is_string() && !x.get<std::string>().empty()) {
      try {
        out.push_back(std::stoll(x.get<std::string>()));
      } catch (...) {
        out.push_back(-1);
      }
    }
  };
  if (v.is_array())
    for (const auto& x : v) one(x);
  else
    one(v);
  return out;
}

// Branch targets of SWITCH and CONDITIONS tasks must be tasks of the same workflow.
void checkBranchTargets(const model::TaskDefinition& t, const std::set<int64_t>& codes) {
  auto check = [&](const Json& v, const std::string& field) {
    for (int64_t c : codesIn(v))
      if (!codes.count(c))
        throw ApiError::withMessage(Status::PROCESS_NODE_S_PARAMETER_INVALID,
                                    "task " + t.name + ": " + field + " refers to task code " + std::to_string(c) +
                                        ", which is not in this workflow");
  };
  const Json& p = t.taskParams;
  if (t.taskType == "SWITCH" && p.contains("switchResult") && p["switchResult"].is_object()) {
    const Json& sr = p["switchResult"];
    if (sr.contains("dependTaskList") && sr["dependTaskList"].is_array())
      for (const auto& branch : sr["dependTaskList"])
        if (branch.is_object() && branch.contains("nextNode"))
          check(branch["nextNode"], "switchResult.dependTaskList.nextNode");
    if (sr.contains("nextNode")) check(sr["nextNode"], "switchResult.nextNode");
  }
  if (t.taskType == "CONDITIONS" && p.contains("conditionResult") && p["conditionResult"].is_object()) {
    const Json& cr = p["conditionResult"];
    if (cr.contains("successNode")) check(cr["successNode"], "conditionResult.successNode");
    if (cr.contains("failedNode")) check(cr["failedNode"], "conditionResult.failedNode");
  }
  // The tasks a CONDITIONS node tests are tasks of the same workflow too.
  if (t.taskType == "CONDITIONS")
    for (const auto& group : tasks::parseConditionsParams(p).groups)
      for (const auto& item : group.items)
        if (!codes.count(item.depTaskCode))
          throw ApiError::withMessage(Status::PROCESS_NODE_S_PARAMETER_INVALID,
                                      "task " + t.name +
                                          ": dependence.dependItemList.depTaskCode refers to task code " +
                                          std::to_string(item.depTaskCode) + ", which is not in this workflow");
}

std::optional<int64_t> subWorkflowCode(const model::TaskDefinition& t) {
  if (t.taskType != "SUB_PROCESS" && t.taskType != "SUB_WORKFLOW") return std::nullopt;
  for (const char* key : {"processDefinitionCode", "workflowDefinitionCode"}) {
    try {
      int64_t v = model::lenientInt64(t.taskParams, key, 0);
      if (v) return v;
    } catch (...) {
    }
  }
  return std::nullopt;
}

}  // namespace

model::DagData validateDagShape(const WorkflowForm& form) {
  model::DagData dag;
  if (!form.taskDefinitions.is_array() || form.taskDefinitions.empty())
    throw ApiError::withMessage(Status::DATA_IS_NOT_VALID,
                                "data taskDefinitionJson not valid: it must be a non-empty JSON array of tasks");
  if (!form.taskRelations.is_array() || form.taskRelations.empty())
    throw ApiError::withMessage(Status::DATA_IS_NOT_VALID,
                                "data taskRelationJson not valid: it must be a non-empty JSON array of task relations");
  tasks::registerBuiltinPlugins();
  std::set<std::string> names;
  std::set<int64_t> codes;
  for (const auto& j : form.taskDefinitions) {
    model::TaskDefinition t;
    try {
      t = model::taskDefinitionFromJson(j);
    } catch (const std::invalid_argument& e) {
      invalid(std::string("request parameter taskDefinitionJson is not valid: ") + e.what());
    }
    if (t.name.empty()) invalid("request parameter taskDefinitionJson is not valid: a task has no name");
    if (t.code < 0)
      invalid("request parameter taskDefinitionJson is not valid: task " + t.name + " has a negative code");
    if (t.code == 0) t.code = util::nextCode();  // as DolphinScheduler: a task without a code gets one
    if (!names.insert(t.name).second)
      throw ApiError::withMessage(Status::TASK_DEFINITION_NAME_EXISTED,
                                  "task definition name [" + t.name + "] already exists: two tasks have that name");
    if (!codes.insert(t.code).second)
      invalid("request parameter taskDefinitionJson is not valid: task code " + std::to_string(t.code) +
              " is used twice");
    const TaskPlugin* plugin = TaskPluginRegistry::instance().find(t.taskType);
    if (!plugin)
      throw ApiError::withMessage(Status::PROCESS_NODE_S_PARAMETER_INVALID,
                                  "task " + t.name + ": unknown task type '" + t.taskType + "'");
    try {
      plugin->validate(t.taskParams);
    } catch (const std::exception& e) {
      throw ApiError::withMessage(Status::PROCESS_NODE_S_PARAMETER_INVALID, "task " + t.name + ": " + e.what());
    }
    dag.tasks.push_back(std::move(t));
  }
  std::set<int64_t> withRelation;
  for (const auto& j : form.taskRelations) {
    model::TaskRelation r;
    try {
      r = model::relationFromJson(j);
    } catch (const std::invalid_argument& e) {
      invalid(std::string("request parameter taskRelationJson is not valid: ") + e.what());
    }
    if (r.postTaskCode == 0)
      throw ApiError::withMessage(Status::CHECK_PROCESS_TASK_RELATION_ERROR,
                                  "check process task relation error: a task relation (preTaskCode " +
                                      std::to_string(r.preTaskCode) + ") has postTaskCode 0");
    if (!codes.count(r.postTaskCode))
      throw ApiError::withMessage(Status::TASK_DEFINE_NOT_EXIST,
                                  "task definition [" + std::to_string(r.postTaskCode) +
                                      "] does not exist: a task relation names it as postTaskCode, but "
                                      "taskDefinitionJson has no task with that code");
    if (r.preTaskCode != 0 && !codes.count(r.preTaskCode))
      invalid("request parameter taskRelationJson is not valid: upstream task " + std::to_string(r.preTaskCode) +
              " is not in taskDefinitionJson");
    withRelation.insert(r.postTaskCode);
    dag.relations.push_back(std::move(r));
  }
  for (const auto& t : dag.tasks) {
    if (!withRelation.count(t.code)) {
      model::TaskRelation root;
      root.postTaskCode = t.code;
      dag.relations.push_back(root);
    }
    checkBranchTargets(t, codes);
  }
  if (auto cycle = engine::findCycle(dag)) {
    std::string path;
    for (const auto& n : *cycle) path += (path.empty() ? "" : " -> ") + n;
    throw ApiError::withMessage(Status::PROCESS_NODE_HAS_CYCLE, "process node has cycle: " + path);
  }
  Json gp = form.globalParams;
  if (!gp.is_array()) invalid("request parameter globalParams is not valid: must be a JSON array");
  try {
    dag.workflow.globalParams = model::propertiesToJson(model::parseProperties(gp)).dump();
  } catch (const std::exception& e) {
    invalid(std::string("request parameter globalParams is not valid: ") + e.what());
  }
  if (form.timeout < 0) invalid("request parameter timeout is not valid: must not be negative");
  dag.workflow.name = form.name;
  dag.workflow.description = form.description;
  dag.workflow.locations = form.locations;
  dag.workflow.timeout = form.timeout;
  dag.workflow.executionType = form.executionType;
  return dag;
}

int resolveTenant(store::Database& db, const std::string& tenantCode) {
  if (tenantCode.empty() || tenantCode == "default") return -1;
  auto t = store::tenants::findByCode(db, tenantCode);
  if (!t) throw ApiError::withMessage(Status::TENANT_NOT_EXIST, "tenant not exists: " + tenantCode);
  return t->id;
}

void checkTaskOwnership(store::Database& db, const model::DagData& dag) {
  for (const auto& t : dag.tasks) {
    auto owner = store::definitions::workflowOfTask(db, t.code);
    if (!owner || *owner == dag.workflow.code) continue;
    auto other = store::definitions::findWorkflow(db, *owner);
    invalid("request parameter taskDefinitionJson is not valid: task " + t.name + " has code " +
            std::to_string(t.code) + ", which belongs to workflow " + (other ? other->name : std::to_string(*owner)) +
            "; get new codes from gen-task-codes");
  }
}

void checkSubWorkflowCycles(store::Database& db, const model::DagData& dag) {
  std::set<int64_t> visited;
  std::vector<std::pair<int64_t, std::string>> stack;
  for (const auto& t : dag.tasks)
    if (auto c = subWorkflowCode(t)) stack.push_back({*c, t.name});
  while (!stack.empty()) {
    auto [code, via] = stack.back();
    stack.pop_back();
    if (code == dag.workflow.code)
      throw ApiError::withMessage(Status::PROCESS_NODE_HAS_CYCLE,
                                  "sub-workflow cycle: task " + via + " leads back to workflow " + dag.workflow.name);
    if (!visited.insert(code).second) continue;
    auto child = store::definitions::loadDag(db, code);
    if (!child) continue;
    for (const auto& t : child->tasks)
      if (auto c = subWorkflowCode(t)) stack.push_back({*c, via});
  }
}

model::DagData parseAndValidateDag(store::Database& db, const WorkflowForm& form, int64_t projectCode,
                                   int64_t workflowCode) {
  auto dag = validateDagShape(form);
  dag.workflow.code = workflowCode;
  dag.workflow.projectCode = projectCode;
  dag.workflow.tenantId = resolveTenant(db, form.tenantCode);
  checkTaskOwnership(db, dag);
  checkSubWorkflowCycles(db, dag);
  return dag;
}

}  // namespace porpoise::api
