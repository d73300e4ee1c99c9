#include "cli/yaml_reference_resolver.h"

#include <set>

namespace porpoise::cli {

using exchange::YamlReference;
using exchange::YamlReferenceKind;
using exchange::YamlWorkflowSubmission;

namespace {

[[noreturn]] void notFound(const YamlWorkflowSubmission& submission, const YamlReference& reference,
                           const std::string& what) {
  throw DsApiError(-1, submission.sourceFile + ":" + std::to_string(reference.line) + ": " + what);
}

int64_t projectCodeFor(DsDirectory& directory, const YamlWorkflowSubmission& submission,
                       const YamlReference& reference) {
  auto code = directory.findProject(reference.projectName);
  if (!code) notFound(submission, reference, "project '" + reference.projectName + "' does not exist on the server");
  return *code;
}

Json definitionOf(const Json& dag) { return dag.at("processDefinition"); }

int64_t numberOf(const Json& value) {
  return value.is_string() ? std::stoll(value.get<std::string>()) : value.get<int64_t>();
}

}  // namespace

YamlReferenceResolver::YamlReferenceResolver(DsApiClient& api, DsDirectory& directory, std::ostream& out)
    : api_(api), directory_(directory), out_(out) {}

SubmittedWorkflow YamlReferenceResolver::subWorkflow(const YamlWorkflowSubmission& submission,
                                                     const YamlReference& reference,
                                                     const std::vector<SubmittedWorkflow>& submitted) {
  if (reference.submissionIndex && *reference.submissionIndex < submitted.size())
    return submitted[*reference.submissionIndex];
  const int64_t projectCode = projectCodeFor(directory_, submission, reference);
  auto dag = directory_.findWorkflow(projectCode, reference.workflowName);
  if (!dag)
    notFound(submission, reference,
             "sub-workflow '" + reference.workflowName + "' not found in project '" + reference.projectName + "'");
  return {reference.workflowName, projectCode, numberOf(definitionOf(*dag).at("code"))};
}

void YamlReferenceResolver::ensureOnline(const SubmittedWorkflow& workflow) {
  auto dag = directory_.findWorkflow(workflow.projectCode, workflow.name);
  if (!dag || definitionOf(*dag).value("releaseState", "") == "ONLINE") return;
  api_.post("/projects/" + std::to_string(workflow.projectCode) + "/process-definition/" +
                std::to_string(workflow.code) + "/release",
            {{"name", workflow.name}, {"releaseState", "ONLINE"}});
  out_ << "workflow '" << workflow.name << "': released ONLINE (used as a sub-workflow)\n";
}

void YamlReferenceResolver::resolve(YamlWorkflowSubmission& submission,
                                    const std::vector<SubmittedWorkflow>& submitted) {
  std::set<int64_t> madeOnline;
  for (const auto& reference : submission.references) {
    Json& task = submission.taskDefinitions.at(reference.taskIndex);
    Json& target = task.at(Json::json_pointer(reference.pointer));
    switch (reference.kind) {
      case YamlReferenceKind::SubWorkflow: {
        const SubmittedWorkflow child = subWorkflow(submission, reference, submitted);
        target = child.code;
        if (madeOnline.insert(child.code).second) ensureOnline(child);
        break;
      }
      case YamlReferenceKind::DependentItem: {
        const int64_t projectCode = projectCodeFor(directory_, submission, reference);
        auto dag = directory_.findWorkflow(projectCode, reference.workflowName);
        if (!dag)
          notFound(submission, reference,
                   "workflow '" + reference.workflowName + "' not found in project '" + reference.projectName + "'");
        target["projectCode"] = projectCode;
        target["definitionCode"] = numberOf(definitionOf(*dag).at("code"));
        int64_t taskCode = 0;
        if (reference.taskName != "0") {
          bool found = false;
          for (const auto& candidate : dag->value("taskDefinitionList", Json::array())) {
            if (candidate.value("name", "") == reference.taskName) {
              taskCode = numberOf(candidate.at("code"));
              found = true;
              break;
            }
          }
          if (!found)
            notFound(submission, reference,
                     "task '" + reference.taskName + "' not found in workflow '" + reference.workflowName + "'");
        }
        target["depTaskCode"] = taskCode;
        break;
      }
      case YamlReferenceKind::Datasource: {
        auto datasource = directory_.findDatasource(reference.name, reference.type);
        if (!datasource) notFound(submission, reference, "datasource '" + reference.name + "' not found");
        target[reference.idField] = numberOf(datasource->at("id"));
        target[reference.typeField] = datasource->value("type", "");
        break;
      }
      case YamlReferenceKind::Resource: {
        auto id = directory_.findResource(reference.name);
        if (!id) notFound(submission, reference, "resource '" + reference.name + "' not found");
        target["id"] = *id;
        break;
      }
      case YamlReferenceKind::Environment: {
        auto code = directory_.findEnvironment(reference.name);
        if (!code) notFound(submission, reference, "environment '" + reference.name + "' not found");
        target = *code;
        break;
      }
    }
  }
}

}  // namespace porpoise::cli
