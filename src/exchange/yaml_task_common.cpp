#include "exchange/yaml_task_common.h"

#include <regex>

#include "model/enums.h"
#include "util/strings.h"

namespace porpoise::exchange {

namespace {

constexpr const char* kParameterTypes[] = {"VARCHAR", "LONG",      "INTEGER", "FLOAT", "DOUBLE", "DATE",
                                           "TIME",    "TIMESTAMP", "BOOLEAN", "LIST",  "FILE"};

bool isParameterType(const std::string& name) {
  for (const char* type : kParameterTypes)
    if (name == type) return true;
  return false;
}

template <typename E>
std::string enumChoice(YamlTaskSource& source, const std::string& key, const std::string& fallback) {
  const std::string value = util::toUpper(util::trim(source.textOr(key, fallback)));
  if (!model::enumFromName<E>(value)) {
    std::vector<std::string> names;
    for (const auto& [v, nc] : model::EnumTable<E>::entries) names.emplace_back(nc.first);
    source.fail(key, "'" + value + "' is not one of " + util::join(names, ", "));
  }
  return value;
}

std::string flagOf(YamlTaskSource& source) {
  const auto* entry = source.take("flag");
  if (entry == nullptr) return "YES";
  if (entry->value.is_boolean()) return entry->value.get<bool>() ? "YES" : "NO";
  const std::string value = util::toUpper(util::trim(source.textOf(*entry)));
  if (value != "YES" && value != "NO") source.fail("flag", "flag must be YES or NO");
  return value;
}

// One typed parameter written as TYPE(value).
Json typedValue(YamlTaskSource& source, const std::string& key, const std::string& type, const std::string& text) {
  if (text.empty()) return "";
  if (type == "INTEGER") {
    if (auto number = util::parseInt64(text)) return *number;
    source.fail(key, "INTEGER(" + text + ") is not a whole number");
  }
  if (type == "FLOAT") {
    try {
      size_t used = 0;
      const double number = std::stod(text, &used);
      if (used == text.size()) return number;
    } catch (const std::exception&) {
    }
    source.fail(key, "FLOAT(" + text + ") is not a number");
  }
  if (type == "BOOLEAN") {
    const std::string lower = util::toLower(text);
    if (lower == "true") return true;
    if (lower == "false") return false;
    source.fail(key, "BOOLEAN(" + text + ") must be true or false");
  }
  return text;
}

Json localParamsOf(YamlTaskSource& source) {
  Json params = Json::array();
  if (const auto* entry = source.take("local_params")) {
    if (!entry->value.is_array()) source.fail("local_params", "local_params must be a list of parameters");
    for (const auto& param : entry->value) {
      if (!param.is_object() || !param.contains("prop") || !param["prop"].is_string())
        source.fail("local_params", "each local parameter needs a 'prop' name");
      params.push_back(param);
    }
  }
  for (auto& param : typedParameters(source, "input_params", "IN")) params.push_back(std::move(param));
  for (auto& param : typedParameters(source, "output_params", "OUT")) params.push_back(std::move(param));
  return params;
}

Json resourceListOf(YamlTaskSource& source, YamlTaskContext& context) {
  Json list = Json::array();
  const auto* entry = source.take("resource_list");
  if (entry == nullptr) return list;
  if (!entry->value.is_array()) source.fail("resource_list", "resource_list must be a list of resource names");
  for (const auto& item : entry->value) {
    if (item.is_object()) {
      list.push_back(item);
      continue;
    }
    if (!item.is_string()) source.fail("resource_list", "each resource must be a name");
    YamlReference reference;
    reference.kind = YamlReferenceKind::Resource;
    reference.pointer = "/taskParams/resourceList/" + std::to_string(list.size());
    reference.line = entry->line;
    reference.name = item.get<std::string>();
    context.addReference(std::move(reference));
    list.push_back({{"id", 0}, {"resourceName", item}});
  }
  return list;
}

}  // namespace

Json typedParameters(YamlTaskSource& source, const std::string& key, const std::string& direction) {
  Json params = Json::array();
  const auto* entry = source.take(key);
  if (entry == nullptr) return params;
  if (!entry->value.is_object()) source.fail(key, key + " must be a mapping of name: value");
  static const std::regex typedPattern(R"(^(.*?)\((.*?)\))");
  for (const auto& name : source.keysInOrder(*entry)) {
    const Json& value = entry->value.at(name);
    Json param = {{"prop", name}, {"direct", direction}};
    std::smatch match;
    std::string text;
    if (value.is_string()) text = value.get<std::string>();
    if (value.is_string() && std::regex_search(text, match, typedPattern) &&
        isParameterType(util::trim(match[1].str()))) {
      const std::string type = util::trim(match[1].str());
      param["type"] = type;
      param["value"] = typedValue(source, key, type, util::trim(match[2].str()));
    } else if (value.is_null()) {
      param["type"] = "VARCHAR";
      param["value"] = "";
    } else if (value.is_string()) {
      param["type"] = "VARCHAR";
      param["value"] = value;
    } else if (value.is_boolean()) {
      param["type"] = "BOOLEAN";
      param["value"] = value;
    } else if (value.is_number_integer()) {
      param["type"] = "INTEGER";
      param["value"] = value;
    } else if (value.is_number_float()) {
      param["type"] = "FLOAT";
      param["value"] = value;
    } else {
      source.fail(key, "parameter '" + name + "' must be a single value, not " + jsonTypeName(value));
    }
    params.push_back(std::move(param));
  }
  return params;
}

Json buildYamlTaskDefinition(YamlTaskSource& source, const YamlTaskType& type, YamlTaskContext& context, int64_t code,
                             std::vector<std::string>& warnings) {
  Json params = Json::object();
  params["localParams"] = localParamsOf(source);
  params["resourceList"] = resourceListOf(source, context);
  params["waitStartTimeout"] = source.jsonOr("wait_start_timeout", Json::object());
  if (!type.switchShape) {
    params["dependence"] = source.jsonOr("dependence", Json::object());
    params["conditionResult"] =
        source.jsonOr("condition_result", {{"successNode", Json::array({""})}, {"failedNode", Json::array({""})}});
  }
  params.update(type.build(source, context));

  Json task;
  task["code"] = code;
  task["version"] = 0;
  task["name"] = source.name();
  auto description = source.optionalText("description");
  task["description"] = description ? Json(*description) : Json(nullptr);
  task["taskType"] = type.dsTaskType;
  task["taskParams"] = std::move(params);
  task["flag"] = flagOf(source);
  task["taskPriority"] = enumChoice<model::Priority>(source, "task_priority", "MEDIUM");
  task["workerGroup"] = source.textOr("worker_group", "default");
  task["environmentCode"] = nullptr;
  if (auto environment = source.optionalText("environment_name")) {
    YamlReference reference;
    reference.kind = YamlReferenceKind::Environment;
    reference.pointer = "/environmentCode";
    reference.line = source.lineOf("environment_name");
    reference.name = *environment;
    context.addReference(std::move(reference));
  }
  task["delayTime"] = source.intOr("delay_time", 0);
  task["failRetryTimes"] = source.intOr("fail_retry_times", 0);
  task["failRetryInterval"] = source.intOr("fail_retry_interval", 1);
  const int64_t timeout = source.intOr("timeout", 0);
  if (timeout < 0) source.fail("timeout", "timeout must not be negative");
  task["timeout"] = timeout;
  task["timeoutFlag"] = enumChoice<model::TimeoutFlag>(source, "timeout_flag", timeout > 0 ? "OPEN" : "CLOSE");
  auto strategy = source.optionalText("timeout_notify_strategy");
  task["timeoutNotifyStrategy"] = nullptr;
  if (strategy)
    task["timeoutNotifyStrategy"] = enumChoice<model::TimeoutStrategy>(source, "timeout_notify_strategy", "");
  for (const auto& [key, field] :
       {std::pair{"task_group_id", "taskGroupId"}, std::pair{"task_group_priority", "taskGroupPriority"},
        std::pair{"cpu_quota", "cpuQuota"}, std::pair{"memory_max", "memoryMax"}}) {
    if (const auto* entry = source.take(key)) task[field] = source.intOf(*entry);
  }
  if (const auto* entry = source.take("is_cache")) task["isCache"] = source.boolOf(*entry) ? "YES" : "NO";

  for (const auto* unread : source.unreadKeys()) {
    warnings.push_back(source.file() + ":" + std::to_string(unread->line) + ": " + source.subject() + ": key '" +
                       unread->key + "' is not used and was ignored");
  }
  return task;
}

}  // namespace porpoise::exchange
