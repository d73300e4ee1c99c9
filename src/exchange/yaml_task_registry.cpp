#include "exchange/yaml_task_mapping.h"
#include "util/strings.h"

namespace porpoise::exchange {

namespace {

constexpr YamlTaskType kTaskTypes[] = {
    {"Shell", "SHELL", buildShellParams, false},
    {"Python", "PYTHON", buildPythonParams, false},
    {"Http", "HTTP", buildHttpParams, false},
    {"Sql", "SQL", buildSqlParams, false},
    {"Procedure", "PROCEDURE", buildProcedureParams, false},
    {"SubProcess", "SUB_PROCESS", buildSubWorkflowParams, false},
    {"SubWorkflow", "SUB_PROCESS", buildSubWorkflowParams, false},
    {"Condition", "CONDITIONS", buildConditionParams, false},
    {"Switch", "SWITCH", buildSwitchParams, true},
    {"Dependent", "DEPENDENT", buildDependentParams, false},
    {"MLflowModels", "MLFLOW", buildMlflowModelsParams, false},
    {"MLFlowProjectsCustom", "MLFLOW", buildMlflowCustomParams, false},
    {"MLFlowProjectsAutoML", "MLFLOW", buildMlflowAutoMlParams, false},
    {"MLFlowProjectsBasicAlgorithm", "MLFLOW", buildMlflowBasicAlgorithmParams, false},
    {"DVCInit", "DVC", buildDvcInitParams, false},
    {"DVCUpload", "DVC", buildDvcUploadParams, false},
    {"DVCDownload", "DVC", buildDvcDownloadParams, false},
    {"OpenMLDB", "OPENMLDB", buildOpenMldbParams, false},
    {"Spark", "SPARK", buildSparkParams, false},
    {"Flink", "FLINK", buildFlinkParams, false},
    {"MR", "MR", buildMapReduceParams, false},
    {"DataX", "DATAX", buildDataXParams, false},
    {"CustomDataX", "DATAX", buildCustomDataXParams, false},
    {"Pytorch", "PYTORCH", buildPytorchParams, false},
    {"SageMaker", "SAGEMAKER", buildSageMakerParams, false},
    {"Kubernetes", "K8S", buildKubernetesParams, false},
    // The SDK's own Kubernetes.yaml example writes K8S, which the SDK rejects; we accept it.
    {"K8S", "K8S", buildKubernetesParams, false},
};

}  // namespace

const YamlTaskType* findYamlTaskType(std::string_view typeName) {
  const std::string wanted = util::toLower(util::trim(typeName));
  for (const auto& type : kTaskTypes)
    if (util::toLower(type.yamlName) == wanted) return &type;
  return nullptr;
}

std::vector<std::string> yamlTaskTypeNames() {
  std::vector<std::string> names;
  for (const auto& type : kTaskTypes) names.emplace_back(type.yamlName);
  return names;
}

YamlTaskContext::YamlTaskContext(const std::map<std::string, int64_t>& codes, std::string project, size_t taskIndex,
                                 std::function<std::optional<size_t>(const std::string&)> linkedSubmission)
    : codes_(codes),
      project_(std::move(project)),
      taskIndex_(taskIndex),
      linkedSubmission_(std::move(linkedSubmission)) {}

int64_t YamlTaskContext::codeOf(const YamlTaskSource& source, const std::string& taskName, int line,
                                const std::string& key) const {
  auto it = codes_.find(taskName);
  if (it == codes_.end())
    source.failAt(line, key, "task '" + source.name() + "' refers to unknown task '" + taskName + "'");
  return it->second;
}

std::optional<size_t> YamlTaskContext::linkedSubmission(const std::string& workflowName) const {
  return linkedSubmission_ ? linkedSubmission_(workflowName) : std::nullopt;
}

void YamlTaskContext::addReference(YamlReference reference) {
  reference.taskIndex = taskIndex_;
  references_.push_back(std::move(reference));
}

void YamlTaskContext::addEdge(const std::string& upstream, const std::string& downstream) {
  edges_.push_back({upstream, downstream});
}

}  // namespace porpoise::exchange
