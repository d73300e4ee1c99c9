// Condition, Switch and Dependent task parameters (spec pyds-yaml.md §4.3-4.5).
#include <map>
#include <set>

#include "exchange/yaml_task_mapping.h"
#include "util/strings.h"

namespace porpoise::exchange {

namespace {

// Line of the i-th item of a YAML list (or of the list itself).
int itemLine(const YAML::Node& list, size_t index, int fallback) {
  if (!list.IsSequence() || index >= list.size()) return fallback;
  const int line = yamlLine(list[index]);
  return line > 0 ? line : fallback;
}

// Line where `key` is written inside a YAML mapping (or `fallback`).
int keyLine(const YAML::Node& mapping, const std::string& key, int fallback) {
  if (!mapping.IsMap()) return fallback;
  for (auto it = mapping.begin(); it != mapping.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) {
      const int line = yamlLine(it->first);
      return line > 0 ? line : fallback;
    }
  }
  return fallback;
}

YAML::Node childNode(const YAML::Node& parent, size_t index) {
  return parent.IsSequence() && index < parent.size() ? parent[index] : YAML::Node();
}

YAML::Node childNode(const YAML::Node& parent, const std::string& key) {
  if (!parent.IsMap()) return YAML::Node();
  for (auto it = parent.begin(); it != parent.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
  return YAML::Node();
}

// A mapping value with what is needed to name the lines of its keys: either its YAML node or,
// for the task itself, the lines and nodes of the task's own keys.
struct Item {
  Json value;
  YAML::Node node;
  int line = 0;
  std::map<std::string, std::pair<int, YAML::Node>> ownKeys;
};

int lineOfKey(const Item& item, const std::string& key) {
  if (auto it = item.ownKeys.find(key); it != item.ownKeys.end()) return it->second.first;
  return keyLine(item.node, key, item.line);
}

YAML::Node nodeOfKey(const Item& item, const std::string& key) {
  if (auto it = item.ownKeys.find(key); it != item.ownKeys.end()) return it->second.second;
  return childNode(item.node, key);
}

const Json& requireField(const YamlTaskSource& source, const Item& item, const std::string& key) {
  if (!item.value.is_object())
    source.failAt(item.line, key, "expected a mapping with '" + key + "' but found " + jsonTypeName(item.value));
  auto it = item.value.find(key);
  if (it == item.value.end() || it->is_null())
    source.failAt(item.line, key, "task '" + source.name() + "' is missing the required key '" + key + "'");
  return *it;
}

bool hasField(const Item& item, const std::string& key) {
  return item.value.is_object() && item.value.contains(key) && !item.value[key].is_null();
}

std::string fieldText(const YamlTaskSource& source, const Item& item, const std::string& key) {
  const Json& value = requireField(source, item, key);
  if (value.is_array() || value.is_object())
    source.failAt(lineOfKey(item, key), key, "expected a single value for '" + key + "'");
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string relationOf(const YamlTaskSource& source, const Item& item, const std::string& key) {
  const std::string op = util::toUpper(util::trim(fieldText(source, item, key)));
  if (op != "AND" && op != "OR") source.failAt(lineOfKey(item, key), key, "op must be 'and' or 'or', not '" + op + "'");
  return op;
}

// The list under `key`, as Items with their lines.
std::vector<Item> itemsOf(const YamlTaskSource& source, const Item& parent, const std::string& key) {
  const Json& list = requireField(source, parent, key);
  const int listLine = lineOfKey(parent, key);
  if (!list.is_array() || list.empty()) source.failAt(listLine, key, "'" + key + "' must be a non-empty list");
  const YAML::Node listNode = nodeOfKey(parent, key);
  std::vector<Item> items;
  for (size_t i = 0; i < list.size(); ++i) {
    Item item;
    item.value = list[i];
    item.node = childNode(listNode, i);
    item.line = itemLine(listNode, i, listLine);
    items.push_back(std::move(item));
  }
  return items;
}

// The task's own keys as one Item, so nested readers share the helpers above.
Item ownItem(YamlTaskSource& source, const std::vector<std::string>& keys) {
  Item item;
  item.value = Json::object();
  item.line = source.line();
  for (const auto& key : keys) {
    if (const auto* entry = source.take(key)) {
      item.value[key] = entry->value;
      item.ownKeys[key] = {entry->line, entry->node};
    }
  }
  return item;
}

bool conditionFlag(const YamlTaskSource& source, const Item& item) {
  const Json& flag = requireField(source, item, "flag");
  const int line = lineOfKey(item, "flag");
  if (flag.is_boolean()) return flag.get<bool>();
  if (flag.is_string()) {
    const std::string text = util::toLower(util::trim(flag.get<std::string>()));
    if (text == "true" || text == "success") return true;
    if (text == "false" || text == "failure") return false;
  }
  source.failAt(line, "flag", "flag must be true (upstream succeeded) or false (upstream failed)");
}

struct DependentDate {
  const char* constant;
  const char* value;
};

constexpr DependentDate kDependentDates[] = {
    {"CURRENT_HOUR", "currentHour"},
    {"LAST_ONE_HOUR", "last1Hour"},
    {"LAST_TWO_HOURS", "last2Hours"},
    {"LAST_THREE_HOURS", "last3Hours"},
    {"LAST_TWENTY_FOUR_HOURS", "last24Hours"},
    {"TODAY", "today"},
    {"LAST_ONE_DAYS", "last1Days"},
    {"LAST_TWO_DAYS", "last2Days"},
    {"LAST_THREE_DAYS", "last3Days"},
    {"LAST_SEVEN_DAYS", "last7Days"},
    {"THIS_WEEK", "thisWeek"},
    {"LAST_WEEK", "lastWeek"},
    {"LAST_MONDAY", "lastMonday"},
    {"LAST_TUESDAY", "lastTuesday"},
    {"LAST_WEDNESDAY", "lastWednesday"},
    {"LAST_THURSDAY", "lastThursday"},
    {"LAST_FRIDAY", "lastFriday"},
    {"LAST_SATURDAY", "lastSaturday"},
    {"LAST_SUNDAY", "lastSunday"},
    {"THIS_MONTH", "thisMonth"},
    {"THIS_MONTH_BEGIN", "thisMonthBegin"},
    {"THIS_MONTH_END", "thisMonthEnd"},
    {"LAST_MONTH", "lastMonth"},
    {"LAST_MONTH_BEGIN", "lastMonthBegin"},
    {"LAST_MONTH_END", "lastMonthEnd"},
};

std::optional<std::string> dependentDateValue(const std::string& written) {
  const std::string text = util::trim(written);
  for (const auto& date : kDependentDates)
    if (util::toUpper(text) == date.constant || text == date.value) return std::string(date.value);
  return std::nullopt;
}

std::string dependentCycle(const std::string& dateValue) {
  if (dateValue.find("Hour") != std::string::npos) return "hour";
  if (dateValue == "today" || dateValue.find("Days") != std::string::npos) return "day";
  if (dateValue.find("Month") != std::string::npos) return "month";
  return "week";
}

}  // namespace

Json buildConditionParams(YamlTaskSource& source, YamlTaskContext& context) {
  const Item task = ownItem(source, {"op", "groups", "success_task", "failed_task"});

  Json groups = Json::array();
  for (const auto& group : itemsOf(source, task, "groups")) {
    Json items = Json::array();
    for (const auto& item : itemsOf(source, group, "groups")) {
      const std::string upstream = fieldText(source, item, "task");
      const int64_t code = context.codeOf(source, upstream, lineOfKey(item, "task"), "task");
      items.push_back({{"depTaskCode", code}, {"status", conditionFlag(source, item) ? "SUCCESS" : "FAILURE"}});
      context.addEdge(upstream, source.name());
    }
    groups.push_back({{"relation", relationOf(source, group, "op")}, {"dependItemList", items}});
  }

  Json result = {{"successNode", Json::array()}, {"failedNode", Json::array()}};
  for (const auto& [key, field] : {std::pair{"success_task", "successNode"}, std::pair{"failed_task", "failedNode"}}) {
    if (!hasField(task, key)) continue;
    const std::string branch = fieldText(source, task, key);
    result[field].push_back(context.codeOf(source, branch, lineOfKey(task, key), key));
    context.addEdge(source.name(), branch);
  }
  return {{"dependence", {{"relation", relationOf(source, task, "op")}, {"dependTaskList", groups}}},
          {"conditionResult", result}};
}

Json buildSwitchParams(YamlTaskSource& source, YamlTaskContext& context) {
  const Item task = ownItem(source, {"condition"});

  Json branches = Json::array();
  Json defaultBranch = "";
  bool hasDefault = false;
  for (const auto& item : itemsOf(source, task, "condition")) {
    const std::string target = fieldText(source, item, "task");
    const int64_t code = context.codeOf(source, target, lineOfKey(item, "task"), "task");
    context.addEdge(source.name(), target);
    if (hasField(item, "condition")) {
      branches.push_back({{"condition", fieldText(source, item, "condition")}, {"nextNode", code}});
      continue;
    }
    if (hasDefault) source.failAt(item.line, "condition", "a switch can have only one branch without a condition");
    hasDefault = true;
    defaultBranch = code;
  }
  return {{"switchResult", {{"dependTaskList", branches}, {"nextNode", defaultBranch}}}};
}

Json buildDependentParams(YamlTaskSource& source, YamlTaskContext& context) {
  const Item task = ownItem(source, {"op", "groups"});
  source.take("denpendence");  // a typo in the SDK's own example; always empty

  Json groups = Json::array();
  const auto groupItems = itemsOf(source, task, "groups");
  for (size_t g = 0; g < groupItems.size(); ++g) {
    const auto& group = groupItems[g];
    Json items = Json::array();
    const auto dependItems = itemsOf(source, group, "groups");
    for (size_t i = 0; i < dependItems.size(); ++i) {
      const auto& item = dependItems[i];
      YamlReference reference;
      reference.kind = YamlReferenceKind::DependentItem;
      reference.pointer =
          "/taskParams/dependence/dependTaskList/" + std::to_string(g) + "/dependItemList/" + std::to_string(i);
      reference.line = item.line;
      reference.projectName = fieldText(source, item, "project_name");
      reference.workflowName =
          fieldText(source, item, hasField(item, "workflow_name") ? "workflow_name" : "process_definition_name");
      reference.taskName = fieldText(source, item, "dependent_task_name");

      std::string dateValue = "today";
      if (hasField(item, "dependent_date")) {
        const std::string written = fieldText(source, item, "dependent_date");
        auto known = dependentDateValue(written);
        if (!known)
          source.failAt(lineOfKey(item, "dependent_date"), "dependent_date",
                        "unknown dependent_date '" + written + "'");
        dateValue = *known;
      }
      items.push_back({{"projectCode", 0},
                       {"definitionCode", 0},
                       {"depTaskCode", 0},
                       {"cycle", dependentCycle(dateValue)},
                       {"dateValue", dateValue}});
      context.addReference(std::move(reference));
    }
    groups.push_back({{"relation", relationOf(source, group, "op")}, {"dependItemList", items}});
  }
  return {{"dependence", {{"relation", relationOf(source, task, "op")}, {"dependTaskList", groups}}}};
}

}  // namespace porpoise::exchange
