// How each YAML `task_type` becomes a DolphinScheduler task type and taskParams (spec
// pyds-yaml.md §4.2-4.5).
//
// Contract: findYamlTaskType() looks a type up case-insensitively among the SDK's class names
// (both dialects: SubProcess and SubWorkflow; plus K8S as an alias of Kubernetes). A type's
// builder reads its own keys from the YamlTaskSource and returns the type-specific taskParams
// fields; it records through the YamlTaskContext the edges a logic task implies (Condition,
// Switch) and the values only the server can supply (YamlReference). Every builder checks its
// required keys and value forms and throws YamlLoadError naming the key.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exchange/yaml_submission.h"
#include "exchange/yaml_task_source.h"

namespace porpoise::exchange {

// An edge a task implies besides its `deps`.
struct YamlTaskEdge {
  std::string upstream;
  std::string downstream;
};

class YamlTaskContext {
 public:
  YamlTaskContext(const std::map<std::string, int64_t>& codes, std::string project, size_t taskIndex,
                  std::function<std::optional<size_t>(const std::string&)> linkedSubmission);

  // Code of another task of the same workflow, by name; fails naming `key` when unknown.
  int64_t codeOf(const YamlTaskSource& source, const std::string& taskName, int line, const std::string& key) const;

  const std::string& project() const { return project_; }
  size_t taskIndex() const { return taskIndex_; }
  // Index of the submission loaded from a $WORKFLOW file with that workflow name, if any.
  std::optional<size_t> linkedSubmission(const std::string& workflowName) const;

  void addReference(YamlReference reference);
  void addEdge(const std::string& upstream, const std::string& downstream);

  std::vector<YamlReference>& references() { return references_; }
  const std::vector<YamlTaskEdge>& edges() const { return edges_; }

 private:
  const std::map<std::string, int64_t>& codes_;
  std::string project_;
  size_t taskIndex_;
  std::function<std::optional<size_t>(const std::string&)> linkedSubmission_;
  std::vector<YamlReference> references_;
  std::vector<YamlTaskEdge> edges_;
};

using YamlTaskParamsBuilder = Json (*)(YamlTaskSource&, YamlTaskContext&);

struct YamlTaskType {
  const char* yamlName;    // SDK class name, e.g. "MLFlowProjectsAutoML"
  const char* dsTaskType;  // DolphinScheduler taskType, e.g. "MLFLOW"
  YamlTaskParamsBuilder build;
  bool switchShape;  // taskParams carry no `dependence` / `conditionResult`
};

const YamlTaskType* findYamlTaskType(std::string_view typeName);
std::vector<std::string> yamlTaskTypeNames();

// Script-like and database tasks (yaml_tasks_script.cpp).
Json buildShellParams(YamlTaskSource&, YamlTaskContext&);
Json buildPythonParams(YamlTaskSource&, YamlTaskContext&);
Json buildHttpParams(YamlTaskSource&, YamlTaskContext&);
Json buildSqlParams(YamlTaskSource&, YamlTaskContext&);
Json buildProcedureParams(YamlTaskSource&, YamlTaskContext&);
Json buildSubWorkflowParams(YamlTaskSource&, YamlTaskContext&);
// Machine-learning tasks (yaml_tasks_ml.cpp).
Json buildMlflowModelsParams(YamlTaskSource&, YamlTaskContext&);
Json buildMlflowCustomParams(YamlTaskSource&, YamlTaskContext&);
Json buildMlflowAutoMlParams(YamlTaskSource&, YamlTaskContext&);
Json buildMlflowBasicAlgorithmParams(YamlTaskSource&, YamlTaskContext&);
Json buildDvcInitParams(YamlTaskSource&, YamlTaskContext&);
Json buildDvcUploadParams(YamlTaskSource&, YamlTaskContext&);
Json buildDvcDownloadParams(YamlTaskSource&, YamlTaskContext&);
Json buildOpenMldbParams(YamlTaskSource&, YamlTaskContext&);
Json buildPytorchParams(YamlTaskSource&, YamlTaskContext&);
Json buildSageMakerParams(YamlTaskSource&, YamlTaskContext&);
// Big-data engines and containers (yaml_tasks_engine.cpp).
Json buildSparkParams(YamlTaskSource&, YamlTaskContext&);
Json buildFlinkParams(YamlTaskSource&, YamlTaskContext&);
Json buildMapReduceParams(YamlTaskSource&, YamlTaskContext&);
Json buildDataXParams(YamlTaskSource&, YamlTaskContext&);
Json buildCustomDataXParams(YamlTaskSource&, YamlTaskContext&);
Json buildKubernetesParams(YamlTaskSource&, YamlTaskContext&);
// Logic tasks (yaml_tasks_logic.cpp).
Json buildConditionParams(YamlTaskSource&, YamlTaskContext&);
Json buildSwitchParams(YamlTaskSource&, YamlTaskContext&);
Json buildDependentParams(YamlTaskSource&, YamlTaskContext&);

// Shared helper: a datasource reference filling `idField`/`typeField` of the object at
// `pointer` (taskParams level), from the key `nameKey` (and optional `typeKey` filter).
Json datasourcePlaceholder(YamlTaskSource& source, YamlTaskContext& context, const std::string& nameKey,
                           const std::string& typeKey, const std::string& idField, const std::string& typeField);

}  // namespace porpoise::exchange
