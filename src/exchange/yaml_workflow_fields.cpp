#include "exchange/yaml_workflow_fields.h"

#include <cstdio>
#include <regex>

#include "model/enums.h"
#include "util/strings.h"

namespace porpoise::exchange {

namespace {

template <typename E>
E enumValue(YamlTaskSource& source, const std::string& key, const std::string& fallback) {
  const std::string value = util::toUpper(util::trim(source.textOr(key, fallback)));
  if (auto parsed = model::enumFromName<E>(value)) return *parsed;
  std::vector<std::string> names;
  for (const auto& [v, nc] : model::EnumTable<E>::entries) names.emplace_back(nc.first);
  source.fail(key, "'" + value + "' is not one of " + util::join(names, ", "));
}

bool isLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int daysInMonth(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeapYear(year) ? 29 : days[month - 1];
}

Json globalParamsOf(YamlTaskSource& source) {
  Json params = Json::array();
  const auto* entry = source.take("param");
  if (entry == nullptr) return params;
  if (!entry->value.is_object()) source.fail("param", "param must be a mapping of name: value");
  for (const auto& name : source.keysInOrder(*entry)) {
    const Json& value = entry->value.at(name);
    if (value.is_array() || value.is_object())
      source.fail("param", "parameter '" + name + "' must be a single value, not " + jsonTypeName(value));
    params.push_back({{"prop", name}, {"direct", "IN"}, {"type", "VARCHAR"}, {"value", value.is_null() ? "" : value}});
  }
  return params;
}

std::string scheduleTime(YamlTaskSource& source, const std::string& key, const std::string& fallback) {
  auto text = source.optionalText(key);
  if (!text) return fallback;
  auto normalized = normalizeScheduleTime(*text);
  if (!normalized)
    source.fail(key, "'" + *text + "' is not a date like 2021-01-01, 2021/01/01 or 20210101 (optionally with a time)");
  return *normalized;
}

}  // namespace

std::optional<std::string> normalizeScheduleTime(const std::string& written) {
  static const std::regex dateTime(
      R"(^(\d{4})(?:-(\d{1,2})-(\d{1,2})|/(\d{1,2})/(\d{1,2})|(\d{2})(\d{2}))(?: (?:(\d{1,2}):(\d{1,2}):(\d{1,2})|(\d{2})(\d{2})(\d{2})))?$)");
  const std::string text = util::trim(written);
  std::smatch m;
  if (!std::regex_match(text, m, dateTime)) return std::nullopt;
  auto pick = [&](std::initializer_list<int> groups) {
    for (int g : groups)
      if (m[g].matched) return std::stoi(m[g].str());
    return 0;
  };
  const int year = std::stoi(m[1].str());
  const int month = pick({2, 4, 6});
  const int day = pick({3, 5, 7});
  const int hour = pick({8, 11});
  const int minute = pick({9, 12});
  const int second = pick({10, 13});
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return std::nullopt;
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d:%02d", year, month, day, hour, minute, second);
  return std::string(buffer);
}

YamlWorkflowFields readYamlWorkflowFields(YamlTaskSource& source, const PydsConfig& config, util::TimePoint now,
                                          std::vector<std::string>& warnings) {
  YamlWorkflowFields fields;
  fields.name = source.requireText("name");
  if (util::trim(fields.name).empty()) source.fail("name", "the workflow name must not be empty");
  fields.description = source.textOr("description", "");
  fields.project = source.textOr("project", config.get("WORKFLOW_PROJECT"));
  fields.user = source.textOr("user", config.get("WORKFLOW_USER"));
  auto tenant = source.optionalText("tenant");
  fields.tenantGiven = tenant.has_value();
  fields.tenant = tenant.value_or(config.get("USER_TENANT"));
  fields.workerGroup = source.textOr("worker_group", config.get("WORKFLOW_WORKER_GROUP"));
  fields.warningType = enumValue<model::WarningType>(source, "warning_type", config.get("WORKFLOW_WARNING_TYPE"));
  fields.warningGroupId = static_cast<int>(source.intOr("warning_group_id", 0));
  fields.executionType =
      enumValue<model::ExecutionType>(source, "execution_type", config.get("WORKFLOW_EXECUTION_TYPE"));
  const int64_t timeout = source.intOr("timeout", 0);
  if (timeout < 0) source.fail("timeout", "timeout must not be negative");
  fields.timeout = static_cast<int>(timeout);
  fields.releaseState = enumValue<model::ReleaseState>(source, "release_state", config.get("WORKFLOW_RELEASE_STATE"));
  fields.globalParams = globalParamsOf(source);
  fields.run = source.boolOr("run", false);

  const std::string timezone = source.textOr("timezone", config.get("WORKFLOW_TIME_ZONE"));
  if (!util::isValidTimeZone(timezone)) source.fail("timezone", "unknown time zone '" + timezone + "'");
  const bool onlineSchedule = source.boolOr("online_schedule", true);
  const std::string startTime = scheduleTime(source, "start_time", util::formatDateTime(now, timezone));
  const std::string endTime = scheduleTime(source, "end_time", "9999-12-31 23:59:59");
  if (auto crontab = source.optionalText("schedule")) {
    if (util::split(*crontab, ' ').size() < 6)
      source.fail("schedule", "schedule must be a Quartz cron expression such as \"0 0 0 * * ? *\"");
    if (startTime >= endTime) source.fail("start_time", "start_time must be before end_time");
    fields.schedule = YamlSchedule{util::trim(*crontab), startTime, endTime, timezone, onlineSchedule};
  }

  for (const char* unusable : {"resource_list", "resource_plugin"}) {
    if (source.take(unusable))
      warnings.push_back(source.file() + ":" + std::to_string(source.lineOf(unusable)) + ": workflow key '" + unusable +
                         "' cannot be used from YAML and was ignored");
  }
  for (const auto* unread : source.unreadKeys())
    warnings.push_back(source.file() + ":" + std::to_string(unread->line) + ": workflow key '" + unread->key +
                       "' is not known and was ignored");
  return fields;
}

Json YamlSchedule::toJson() const {
  return {{"startTime", startTime}, {"endTime", endTime}, {"crontab", crontab}, {"timezoneId", timezoneId}};
}

}  // namespace porpoise::exchange
