// MLflow, DVC, OpenMLDB, Pytorch and SageMaker task parameters.
#include "exchange/yaml_task_mapping.h"
#include "util/strings.h"

namespace porpoise::exchange {

namespace {

constexpr const char* kDefaultTrackingUri = "http://127.0.0.1:5000";

Json mlflowBase(YamlTaskSource& source, const char* taskType) {
  return {{"mlflowTaskType", taskType},
          {"mlflowTrackingUri", source.textOr("mlflow_tracking_uri", kDefaultTrackingUri)}};
}

Json mlflowProject(YamlTaskSource& source, const char* jobType) {
  Json params = mlflowBase(source, "MLflow Projects");
  params["mlflowJobType"] = jobType;
  params["experimentName"] = source.textOr("experiment_name", "");
  params["params"] = source.textOr("parameters", "");
  return params;
}

Json mlflowTraining(YamlTaskSource& source, const char* jobType) {
  Json params = mlflowProject(source, jobType);
  params["dataPath"] = source.requireText("data_path");
  const std::string modelName = source.textOr("model_name", "");
  params["modelName"] = modelName;
  params["registerModel"] = !modelName.empty();
  return params;
}

Json dvcBase(YamlTaskSource& source, const char* taskType) {
  return {{"dvcTaskType", taskType}, {"dvcRepository", source.requireText("repository")}};
}

}  // namespace

Json buildMlflowModelsParams(YamlTaskSource& source, YamlTaskContext&) {
  Json params = mlflowBase(source, "MLflow Models");
  params["deployModelKey"] = source.requireText("model_uri");
  const std::string mode = util::toUpper(source.textOr("deploy_mode", "DOCKER"));
  if (mode != "DOCKER" && mode != "MLFLOW") source.fail("deploy_mode", "deploy_mode must be MLFLOW or DOCKER");
  params["deployType"] = mode;
  params["deployPort"] = source.jsonOr("port", 7000);
  return params;
}

Json buildMlflowCustomParams(YamlTaskSource& source, YamlTaskContext&) {
  Json params = mlflowProject(source, "CustomProject");
  params["mlflowProjectRepository"] = source.requireText("repository");
  params["mlflowProjectVersion"] = source.textOr("version", "master");
  return params;
}

Json buildMlflowAutoMlParams(YamlTaskSource& source, YamlTaskContext&) {
  Json params = mlflowTraining(source, "AutoML");
  params["automlTool"] = util::toLower(source.textOr("automl_tool", "flaml"));
  return params;
}

Json buildMlflowBasicAlgorithmParams(YamlTaskSource& source, YamlTaskContext&) {
  Json params = mlflowTraining(source, "BasicAlgorithm");
  params["algorithm"] = util::toLower(source.textOr("algorithm", "lightgbm"));
  params["searchParams"] = source.textOr("search_params", "");
  return params;
}

Json buildDvcInitParams(YamlTaskSource& source, YamlTaskContext&) {
  Json params = dvcBase(source, "Init DVC");
  params["dvcStoreUrl"] = source.requireText("store_url");
  return params;
}

Json buildDvcUploadParams(YamlTaskSource& source, YamlTaskContext&) {
  Json params = dvcBase(source, "Upload");
  params["dvcDataLocation"] = source.requireText("data_path_in_dvc_repository");
  params["dvcLoadSaveDataPath"] = source.requireText("data_path_in_worker");
  params["dvcVersion"] = source.requireText("version");
  params["dvcMessage"] = source.requireText("message");
  return params;
}

Json buildDvcDownloadParams(YamlTaskSource& source, YamlTaskContext&) {
  Json params = dvcBase(source, "Download");
  params["dvcDataLocation"] = source.requireText("data_path_in_dvc_repository");
  params["dvcLoadSaveDataPath"] = source.requireText("data_path_in_worker");
  params["dvcVersion"] = source.requireText("version");
  return params;
}

Json buildOpenMldbParams(YamlTaskSource& source, YamlTaskContext&) {
  Json params;
  params["zk"] = source.requireText("zookeeper");
  params["zkPath"] = source.requireText("zookeeper_path");
  params["executeMode"] = source.requireText("execute_mode");
  params["sql"] = source.requireText("sql");
  return params;
}

Json buildPytorchParams(YamlTaskSource& source, YamlTaskContext&) {
  Json params;
  params["script"] = source.requireText("script");
  params["scriptParams"] = source.textOr("script_params", "");
  const std::string pythonPath = source.textOr("project_path", ".");
  const bool createEnvironment = source.boolOr("is_create_environment", false);
  const std::string pythonCommand = source.textOr("python_command", "${PYTHON_HOME}");
  params["pythonPath"] = pythonPath;
  params["isCreateEnvironment"] = createEnvironment;
  params["pythonCommand"] = pythonCommand;
  params["pythonEnvTool"] = source.textOr("python_env_tool", "conda");
  params["requirements"] = source.textOr("requirements", "requirements.txt");
  params["condaPythonVersion"] = source.jsonOr("conda_python_version", "3.7");
  params["otherParams"] = createEnvironment || pythonPath != "." || pythonCommand != "${PYTHON_HOME}";
  return params;
}

Json buildSageMakerParams(YamlTaskSource& source, YamlTaskContext&) {
  return {{"sagemakerRequestJson", source.requireText("sagemaker_request_json")}};
}

}  // namespace porpoise::exchange
