#include "cli/yaml_submitter.h"

#include <algorithm>
#include <map>

#include "cli/yaml_rest_payload.h"
#include "exchange/yaml_code_assignment.h"
#include "model/enums.h"

namespace porpoise::cli {

using exchange::YamlWorkflowFields;
using exchange::YamlWorkflowSubmission;

namespace {

constexpr int kMaxCodesPerRequest = 100;

std::string workflowPath(const SubmittedWorkflow& workflow) {
  return "/projects/" + std::to_string(workflow.projectCode) + "/process-definition/" + std::to_string(workflow.code);
}

int64_t numberOf(const Json& value) {
  return value.is_string() ? std::stoll(value.get<std::string>()) : value.get<int64_t>();
}

// Runs one step; a server error gets the workflow and the step in front of its message.
template <typename Step>
auto step(const std::string& workflow, const std::string& action, Step&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const DsApiError& e) {
    const std::string code = e.code() > 0 ? " (code " + std::to_string(e.code()) + ")" : "";
    throw DsApiError(e.code(), "workflow '" + workflow + "': " + action + " failed: " + e.what() + code);
  }
}

}  // namespace

YamlSubmitter::YamlSubmitter(DsApiClient& api, std::ostream& out)
    : api_(api), out_(out), directory_(api), resolver_(api, directory_, out) {}

std::vector<SubmittedWorkflow> YamlSubmitter::submitAll(exchange::YamlLoadResult& result) {
  std::vector<SubmittedWorkflow> done;
  for (auto& submission : result.submissions) {
    for (const auto& warning : submission.warnings) out_ << "warning: " << warning << "\n";
    done.push_back(submit(submission, done));
  }
  return done;
}

int64_t YamlSubmitter::ensureProject(const std::string& name) {
  if (auto code = directory_.findProject(name)) return *code;
  const Json project = api_.post("/projects", {{"projectName", name}, {"description", ""}});
  int64_t code = 0;
  if (project.is_object() && project.contains("code")) {
    code = numberOf(project["code"]);
  } else if (auto found = directory_.findProject(name)) {
    code = *found;
  } else {
    throw DsApiError(-1, "project '" + name + "' was created but cannot be found");
  }
  directory_.rememberProject(name, code);
  out_ << "project '" << name << "': created (code " << code << ")\n";
  return code;
}

std::string YamlSubmitter::tenantFor(const YamlWorkflowFields& workflow) {
  if (!workflow.tenantGiven || workflow.tenant == "default") return "default";
  if (!tenantsListed_) {
    for (const auto& tenant : api_.get("/tenants/list")) knownTenants_.push_back(tenant.value("tenantCode", ""));
    tenantsListed_ = true;
  }
  if (std::find(knownTenants_.begin(), knownTenants_.end(), workflow.tenant) != knownTenants_.end())
    return workflow.tenant;
  std::string queueId = "1";
  const Json queues = api_.get("/queues/list");
  if (queues.is_array() && !queues.empty() && queues[0].contains("id")) queueId = queues[0]["id"].dump();
  api_.post("/tenants", {{"tenantCode", workflow.tenant}, {"queueId", queueId}, {"description", ""}});
  knownTenants_.push_back(workflow.tenant);
  out_ << "tenant '" << workflow.tenant << "': created\n";
  return workflow.tenant;
}

void YamlSubmitter::assignCodes(YamlWorkflowSubmission& submission, int64_t projectCode, const Json* existing) {
  std::map<std::string, exchange::YamlTaskIdentity> kept;
  if (existing != nullptr) {
    for (const auto& task : existing->value("taskDefinitionList", Json::array()))
      kept[task.value("name", "")] = {numberOf(task.at("code")), task.value("version", 1)};
  }
  size_t needed = 0;
  for (const auto& task : submission.taskDefinitions)
    if (!kept.count(task["name"].get<std::string>())) ++needed;
  std::vector<int64_t> fresh;
  while (fresh.size() < needed) {
    const size_t batch = std::min<size_t>(needed - fresh.size(), kMaxCodesPerRequest);
    const Json codes = api_.get("/projects/" + std::to_string(projectCode) + "/task-definition/gen-task-codes",
                                {{"genNum", std::to_string(batch)}});
    if (!codes.is_array() || codes.size() != batch)
      throw DsApiError(-1, "gen-task-codes answered " + codes.dump() + " for " + std::to_string(batch) + " codes");
    for (const auto& code : codes) fresh.push_back(numberOf(code));
  }
  size_t next = 0;
  exchange::assignYamlTaskCodes(submission, [&](const std::string& name, int64_t) {
    if (auto it = kept.find(name); it != kept.end()) return it->second;
    return exchange::YamlTaskIdentity{fresh.at(next++), 0};
  });
}

void YamlSubmitter::release(const SubmittedWorkflow& workflow, const std::string& state) {
  api_.post(workflowPath(workflow) + "/release", {{"name", workflow.name}, {"releaseState", state}});
  out_ << "workflow '" << workflow.name << "': released " << state << "\n";
}

void YamlSubmitter::saveSchedule(const SubmittedWorkflow& workflow, const YamlWorkflowFields& fields) {
  const std::string base = "/projects/" + std::to_string(workflow.projectCode) + "/schedules";
  const auto& schedule = *fields.schedule;
  HttpFields form = {{"schedule", schedule.toJson().dump()},
                     {"warningType", model::enumName(fields.warningType)},
                     {"warningGroupId", std::to_string(fields.warningGroupId)},
                     {"failureStrategy", "CONTINUE"},
                     {"workerGroup", fields.workerGroup},
                     {"processInstancePriority", "MEDIUM"}};
  const Json page = api_.get(base, {{"processDefinitionCode", std::to_string(workflow.code)},
                                    {"pageNo", "1"},
                                    {"pageSize", "10"},
                                    {"searchVal", ""}});
  std::optional<Json> existing;
  if (page.is_object() && page.contains("totalList") && page["totalList"].is_array() && !page["totalList"].empty())
    existing = page["totalList"][0];

  int64_t id = 0;
  const std::string described = "\"" + schedule.crontab + "\" in " + schedule.timezoneId + " from " +
                                schedule.startTime + " to " + schedule.endTime;
  if (existing) {
    id = numberOf(existing->at("id"));
    if (existing->value("releaseState", "") == "ONLINE") {
      api_.post(base + "/" + std::to_string(id) + "/offline");
      out_ << "workflow '" << workflow.name << "': schedule " << id << " set OFFLINE to update it\n";
    }
    api_.put(base + "/" + std::to_string(id), form);
    out_ << "workflow '" << workflow.name << "': schedule " << id << " updated (" << described << ")\n";
  } else {
    form.insert(form.begin(), {"processDefinitionCode", std::to_string(workflow.code)});
    const Json created = api_.post(base, form);
    if (!created.is_object() || !created.contains("id"))
      throw DsApiError(-1, "the schedule was created but the server did not say its id");
    id = numberOf(created["id"]);
    out_ << "workflow '" << workflow.name << "': schedule " << id << " created (" << described << ")\n";
  }
  if (schedule.online) {
    api_.post(base + "/" + std::to_string(id) + "/online");
    out_ << "workflow '" << workflow.name << "': schedule " << id << " set ONLINE\n";
  }
}

void YamlSubmitter::start(const SubmittedWorkflow& workflow, const YamlWorkflowFields& fields) {
  const Json started =
      api_.post("/projects/" + std::to_string(workflow.projectCode) + "/executors/start-process-instance",
                {{"processDefinitionCode", std::to_string(workflow.code)},
                 {"scheduleTime", ""},
                 {"failureStrategy", "CONTINUE"},
                 {"warningType", model::enumName(fields.warningType)},
                 {"warningGroupId", std::to_string(fields.warningGroupId)},
                 {"execType", "START_PROCESS"},
                 {"taskDependType", "TASK_POST"},
                 {"runMode", "RUN_MODE_SERIAL"},
                 {"processInstancePriority", "MEDIUM"},
                 {"workerGroup", fields.workerGroup},
                 {"timeout", "86400"},
                 {"dryRun", "0"}});
  out_ << "workflow '" << workflow.name << "': started";
  if (started.is_array() && !started.empty()) {
    out_ << " (instance " << started[0].dump() << ")";
  } else if (started.is_number_integer()) {
    out_ << " (instance " << started.dump() << ")";
  }
  out_ << "\n";
}

SubmittedWorkflow YamlSubmitter::submit(YamlWorkflowSubmission& submission,
                                        const std::vector<SubmittedWorkflow>& done) {
  const YamlWorkflowFields& fields = submission.workflow;
  SubmittedWorkflow workflow{fields.name, 0, 0};
  workflow.projectCode = step(fields.name, "finding or creating project '" + fields.project + "'",
                              [&] { return ensureProject(fields.project); });
  const std::string tenant =
      step(fields.name, "finding or creating tenant '" + fields.tenant + "'", [&] { return tenantFor(fields); });
  const std::optional<Json> existing = step(fields.name, "looking for an existing workflow",
                                            [&] { return directory_.findWorkflow(workflow.projectCode, fields.name); });
  step(fields.name, "getting task codes",
       [&] { assignCodes(submission, workflow.projectCode, existing ? &*existing : nullptr); });
  step(fields.name, "resolving references", [&] { resolver_.resolve(submission, done); });

  const HttpFields form = workflowFormFields(submission, tenant);
  const std::string tasks = std::to_string(submission.taskDefinitions.size()) + " tasks";
  const std::string definitions = "/projects/" + std::to_string(workflow.projectCode) + "/process-definition";
  if (existing) {
    const Json& definition = existing->at("processDefinition");
    workflow.code = numberOf(definition.at("code"));
    if (definition.value("releaseState", "") == "ONLINE")
      step(fields.name, "setting it OFFLINE before the update", [&] { release(workflow, "OFFLINE"); });
    step(fields.name, "updating it", [&] { api_.put(workflowPath(workflow), form); });
    out_ << "workflow '" << fields.name << "': updated as a new version (code " << workflow.code << ", " << tasks
         << ")\n";
  } else {
    const Json created = step(fields.name, "creating it", [&] { return api_.post(definitions, form); });
    if (created.is_object() && created.contains("code") && !created["code"].is_null()) {
      workflow.code = numberOf(created["code"]);
    } else {
      auto found = directory_.findWorkflow(workflow.projectCode, fields.name);
      if (!found) throw DsApiError(-1, "workflow '" + fields.name + "' was created but cannot be found");
      workflow.code = numberOf(found->at("processDefinition").at("code"));
    }
    out_ << "workflow '" << fields.name << "': created (code " << workflow.code << ", " << tasks << ", project '"
         << fields.project << "')\n";
  }

  bool online = false;
  if (fields.schedule) {
    step(fields.name, "releasing it ONLINE for its schedule", [&] { release(workflow, "ONLINE"); });
    online = true;
    step(fields.name, "saving its schedule", [&] { saveSchedule(workflow, fields); });
  }
  if (fields.releaseState == model::ReleaseState::ONLINE && !online) {
    step(fields.name, "releasing it ONLINE", [&] { release(workflow, "ONLINE"); });
    online = true;
  } else if (fields.releaseState == model::ReleaseState::OFFLINE && online) {
    step(fields.name, "releasing it OFFLINE", [&] { release(workflow, "OFFLINE"); });
    online = false;
  }
  if (fields.run) {
    if (!online) step(fields.name, "releasing it ONLINE to run it", [&] { release(workflow, "ONLINE"); });
    step(fields.name, "starting it", [&] { start(workflow, fields); });
  }
  return workflow;
}

}  // namespace porpoise::cli
