// Shell, Python, Http, Sql, Procedure and SubProcess/SubWorkflow task parameters.
#include <regex>

#include "exchange/yaml_task_mapping.h"
#include "util/strings.h"

namespace porpoise::exchange {

namespace {

// pydolphinscheduler appends a call when a Python definition starts with a function definition.
std::string pythonRawScript(const std::string& definition) {
  static const std::regex functionHead(R"(^def (\w+)\()");
  std::smatch match;
  if (!std::regex_search(definition, match, functionHead, std::regex_constants::match_continuous)) return definition;
  const std::string call = match[1].str() + "()";
  return definition + (util::endsWith(definition, "\n") ? "" : "\n") + call;
}

// "0" for a query, "1" otherwise, decided by the SDK's rule on the first line of the SQL.
std::string detectSqlType(const std::string& sql) {
  static const std::regex modifying(R"(^(.* )?(insert|delete|drop|update|truncate|alter|create) )",
                                    std::regex_constants::icase);
  const std::string firstLine = sql.substr(0, sql.find('\n'));
  return std::regex_search(firstLine, modifying) ? "1" : "0";
}

Json statementList(YamlTaskSource& source, const std::string& key) {
  const auto* entry = source.take(key);
  if (entry == nullptr) return Json::array();
  if (entry->value.is_string()) {
    if (entry->value.get<std::string>().empty()) return Json::array();
    return Json::array({entry->value});
  }
  if (!entry->value.is_array()) source.fail(key, "expected a statement or a list of statements");
  Json list = Json::array();
  for (const auto& item : entry->value) {
    if (item.is_array() || item.is_object() || item.is_null()) source.fail(key, "each statement must be text");
    list.push_back(item.is_string() ? item : Json(item.dump()));
  }
  return list;
}

std::string upperChoice(YamlTaskSource& source, const std::string& key, const std::string& fallback,
                        const std::vector<std::string>& allowed) {
  const std::string value = util::toUpper(source.textOr(key, fallback));
  for (const auto& option : allowed)
    if (option == value) return value;
  source.fail(key, "'" + value + "' is not one of " + util::join(allowed, ", "));
}

Json httpParamsOf(YamlTaskSource& source) {
  const auto* entry = source.take("http_params");
  if (entry == nullptr) return Json::array();
  if (entry->value.is_array()) {
    for (const auto& item : entry->value)
      if (!item.is_object() || !item.contains("prop"))
        source.fail("http_params", "each http parameter needs at least a 'prop'");
    return entry->value;
  }
  if (!entry->value.is_object()) source.fail("http_params", "expected a list or a mapping of parameters");
  Json list = Json::array();
  for (const auto& prop : source.keysInOrder(*entry))
    list.push_back({{"prop", prop}, {"httpParametersType", "PARAMETER"}, {"value", entry->value.at(prop)}});
  return list;
}

}  // namespace

Json datasourcePlaceholder(YamlTaskSource& source, YamlTaskContext& context, const std::string& nameKey,
                           const std::string& typeKey, const std::string& idField, const std::string& typeField) {
  YamlReference reference;
  reference.kind = YamlReferenceKind::Datasource;
  reference.pointer = "/taskParams";
  reference.line = source.lineOf(nameKey);
  reference.name = source.requireText(nameKey);
  reference.type = util::toUpper(source.textOr(typeKey, ""));
  reference.idField = idField;
  reference.typeField = typeField;
  context.addReference(std::move(reference));
  return {{idField, 0}, {typeField, ""}};
}

Json buildShellParams(YamlTaskSource& source, YamlTaskContext&) {
  return {{"rawScript", source.requireText("command")}};
}

Json buildPythonParams(YamlTaskSource& source, YamlTaskContext&) {
  return {{"rawScript", pythonRawScript(source.requireText("definition"))}};
}

Json buildHttpParams(YamlTaskSource& source, YamlTaskContext&) {
  Json params;
  params["url"] = source.requireText("url");
  params["httpMethod"] = upperChoice(source, "http_method", "GET", {"GET", "POST", "HEAD", "PUT", "DELETE"});
  params["httpParams"] = httpParamsOf(source);
  const std::string check =
      upperChoice(source, "http_check_condition", "STATUS_CODE_DEFAULT",
                  {"STATUS_CODE_DEFAULT", "STATUS_CODE_CUSTOM", "BODY_CONTAINS", "BODY_NOT_CONTAINS"});
  params["httpCheckCondition"] = check;
  auto condition = source.optionalText("condition");
  if (check != "STATUS_CODE_DEFAULT" && !condition)
    source.fail("condition", "task '" + source.name() + "' needs 'condition' when http_check_condition is " + check);
  params["condition"] = condition ? Json(*condition) : Json(nullptr);
  params["connectTimeout"] = source.intOr("connect_timeout", 60000);
  params["socketTimeout"] = source.intOr("socket_timeout", 60000);
  return params;
}

Json buildSqlParams(YamlTaskSource& source, YamlTaskContext& context) {
  Json params = datasourcePlaceholder(source, context, "datasource_name", "datasource_type", "datasource", "type");
  const std::string sql = source.requireText("sql");
  params["sql"] = sql;
  std::string sqlType = detectSqlType(sql);
  if (const auto* given = source.take("sql_type")) {
    const std::string text = source.textOf(*given);
    if (text != "0" && text != "1") source.fail("sql_type", "sql_type must be 0 (query) or 1 (not a query)");
    sqlType = text;
  }
  params["sqlType"] = sqlType;
  params["preStatements"] = statementList(source, "pre_statements");
  params["postStatements"] = statementList(source, "post_statements");
  params["displayRows"] = source.intOr("display_rows", 10);
  params["segmentSeparator"] = source.textOr("segment_separator", "");
  return params;
}

Json buildProcedureParams(YamlTaskSource& source, YamlTaskContext& context) {
  Json params = datasourcePlaceholder(source, context, "datasource_name", "datasource_type", "datasource", "type");
  params["method"] = source.requireText("method");
  return params;
}

Json buildSubWorkflowParams(YamlTaskSource& source, YamlTaskContext& context) {
  // Both dialects: process_definition_name (SDK 3.1) and workflow_name (SDK 4.x).
  const char* key = source.take("workflow_name") ? "workflow_name" : "process_definition_name";
  if (source.take(key) == nullptr)
    source.fail("workflow_name", "task '" + source.name() +
                                     "' is missing the required key 'workflow_name' (or 'process_definition_name')");
  YamlReference reference;
  reference.kind = YamlReferenceKind::SubWorkflow;
  reference.pointer = "/taskParams/processDefinitionCode";
  reference.line = source.lineOf(key);
  reference.projectName = context.project();
  reference.workflowName = source.requireText(key);
  reference.submissionIndex = context.linkedSubmission(reference.workflowName);
  context.addReference(std::move(reference));
  return {{"processDefinitionCode", 0}};
}

}  // namespace porpoise::exchange
