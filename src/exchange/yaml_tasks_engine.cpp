// Spark, Flink, MapReduce, DataX and Kubernetes task parameters.
#include "exchange/yaml_task_mapping.h"
#include "util/strings.h"

namespace porpoise::exchange {

namespace {

// mainClass, programType and mainJar (a resource the server looks up by name).
Json engineBase(YamlTaskSource& source, YamlTaskContext& context) {
  Json params;
  params["mainClass"] = source.requireText("main_class");
  const std::string programType = util::toUpper(source.textOr("program_type", "SCALA"));
  if (programType != "JAVA" && programType != "SCALA" && programType != "PYTHON")
    source.fail("program_type", "program_type must be JAVA, SCALA or PYTHON");
  params["programType"] = programType;
  YamlReference reference;
  reference.kind = YamlReferenceKind::Resource;
  reference.pointer = "/taskParams/mainJar";
  reference.line = source.lineOf("main_package");
  reference.name = source.requireText("main_package");
  reference.type = programType;
  context.addReference(std::move(reference));
  params["mainJar"] = {{"id", 0}};
  return params;
}

Json numberOr(YamlTaskSource& source, const std::string& key, Json fallback) {
  const auto* entry = source.take(key);
  if (entry == nullptr) return fallback;
  if (entry->value.is_array() || entry->value.is_object()) source.fail(key, "expected a single value");
  return entry->value;
}

Json optionalTextJson(YamlTaskSource& source, const std::string& key) {
  auto text = source.optionalText(key);
  return text ? Json(*text) : Json(nullptr);
}

Json listOr(YamlTaskSource& source, const std::string& key) {
  const auto* entry = source.take(key);
  if (entry == nullptr) return Json::array();
  if (entry->value.is_string()) return Json::array({entry->value});
  if (!entry->value.is_array()) source.fail(key, "expected a list");
  return entry->value;
}

}  // namespace

Json buildSparkParams(YamlTaskSource& source, YamlTaskContext& context) {
  Json params = engineBase(source, context);
  params["deployMode"] = source.textOr("deploy_mode", "cluster");
  params["appName"] = optionalTextJson(source, "app_name");
  params["driverCores"] = numberOr(source, "driver_cores", 1);
  params["driverMemory"] = source.textOr("driver_memory", "512M");
  params["numExecutors"] = numberOr(source, "num_executors", 2);
  params["executorMemory"] = source.textOr("executor_memory", "2G");
  params["executorCores"] = numberOr(source, "executor_cores", 2);
  params["mainArgs"] = optionalTextJson(source, "main_args");
  params["others"] = optionalTextJson(source, "others");
  if (auto version = source.optionalText("spark_version")) params["sparkVersion"] = *version;
  return params;
}

Json buildFlinkParams(YamlTaskSource& source, YamlTaskContext& context) {
  Json params = engineBase(source, context);
  params["deployMode"] = source.textOr("deploy_mode", "cluster");
  params["flinkVersion"] = source.textOr("flink_version", "<1.10");
  params["appName"] = optionalTextJson(source, "app_name");
  params["jobManagerMemory"] = source.textOr("job_manager_memory", "1G");
  params["taskManagerMemory"] = source.textOr("task_manager_memory", "2G");
  params["slot"] = numberOr(source, "slot", 1);
  params["taskManager"] = numberOr(source, "task_manager", 2);
  params["parallelism"] = numberOr(source, "parallelism", 1);
  params["mainArgs"] = optionalTextJson(source, "main_args");
  params["others"] = optionalTextJson(source, "others");
  return params;
}

Json buildMapReduceParams(YamlTaskSource& source, YamlTaskContext& context) {
  Json params = engineBase(source, context);
  params["appName"] = optionalTextJson(source, "app_name");
  params["mainArgs"] = optionalTextJson(source, "main_args");
  params["others"] = optionalTextJson(source, "others");
  return params;
}

Json buildDataXParams(YamlTaskSource& source, YamlTaskContext& context) {
  Json params = datasourcePlaceholder(source, context, "datasource_name", "datasource_type", "dataSource", "dsType");
  params.update(datasourcePlaceholder(source, context, "datatarget_name", "datatarget_type", "dataTarget", "dtType"));
  params["customConfig"] = 0;
  params["sql"] = source.requireText("sql");
  params["targetTable"] = source.requireText("target_table");
  params["jobSpeedByte"] = numberOr(source, "job_speed_byte", 0);
  params["jobSpeedRecord"] = numberOr(source, "job_speed_record", 1000);
  params["preStatements"] = listOr(source, "pre_statements");
  params["postStatements"] = listOr(source, "post_statements");
  params["xms"] = numberOr(source, "xms", 1);
  params["xmx"] = numberOr(source, "xmx", 1);
  return params;
}

Json buildCustomDataXParams(YamlTaskSource& source, YamlTaskContext&) {
  Json params;
  params["customConfig"] = 1;
  params["json"] = source.requireText("json");
  params["xms"] = numberOr(source, "xms", 1);
  params["xmx"] = numberOr(source, "xmx", 1);
  return params;
}

Json buildKubernetesParams(YamlTaskSource& source, YamlTaskContext&) {
  Json params;
  params["image"] = source.requireText("image");
  params["namespace"] = source.requireText("namespace");
  const auto& cpu = source.require("min_cpu_cores");
  const auto& memory = source.require("min_memory_space");
  if (!cpu.value.is_number()) source.fail("min_cpu_cores", "min_cpu_cores must be a number");
  if (!memory.value.is_number()) source.fail("min_memory_space", "min_memory_space must be a number");
  params["minCpuCores"] = cpu.value;
  params["minMemorySpace"] = memory.value;
  params["paramsMap"] = source.textOr("params_map", "{}");
  return params;
}

}  // namespace porpoise::exchange
