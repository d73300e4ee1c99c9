// What loading a pydolphinscheduler YAML file produces: one submission per workflow.
//
// Contract: a YamlLoadResult lists the workflows in the order they must be submitted: files
// named by $WORKFLOW{...} come before the file that names them (each file once), and the file
// that was loaded comes last. Each submission carries the workflow-level fields and the task
// definitions and relations as the DolphinScheduler JSON that REST `taskDefinitionJson` /
// `taskRelationJson` take (the shape pydolphinscheduler 3.1 sends). Values that only the server
// knows (codes of other workflows, datasource ids, resource ids, environment codes) are left
// as placeholders and listed in `references` for the submitter to fill in.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/enums.h"

namespace porpoise::exchange {

using Json = nlohmann::json;

struct YamlSchedule {
  std::string crontab;     // Quartz, 7 fields
  std::string startTime;   // "yyyy-MM-dd HH:mm:ss"
  std::string endTime;     // "yyyy-MM-dd HH:mm:ss"
  std::string timezoneId;  // IANA zone
  bool online = true;      // put the schedule online after saving it

  // {"startTime","endTime","crontab","timezoneId"} as the REST `schedule` field takes it.
  Json toJson() const;
};

struct YamlWorkflowFields {
  std::string name;
  std::string description;
  std::string project;
  std::string user;          // informational: the SDK's workflow user
  std::string tenant;        // tenant code (SDK default tenant when the file names none)
  bool tenantGiven = false;  // the file set `tenant:` itself
  std::string workerGroup = "default";
  model::WarningType warningType = model::WarningType::NONE;
  int warningGroupId = 0;
  model::ExecutionType executionType = model::ExecutionType::PARALLEL;
  int timeout = 0;  // minutes
  model::ReleaseState releaseState = model::ReleaseState::ONLINE;
  Json globalParams = Json::array();  // [{"prop","direct":"IN","type":"VARCHAR","value"}], values keep YAML types
  std::optional<YamlSchedule> schedule;
  bool run = false;  // start it after submitting
};

enum class YamlReferenceKind {
  SubWorkflow,    // code of a workflow, by name, in `projectName`
  DependentItem,  // projectCode/definitionCode/depTaskCode of a DEPENDENT item
  Datasource,     // datasource id and type, by name (and optional type filter)
  Resource,       // resource id, by full name
  Environment,    // environment code, by name
};

// A value the loader cannot know. `pointer` (RFC 6901) locates, inside
// taskDefinitions[taskIndex], the value to fill in:
//   SubWorkflow   -> the code number (e.g. "/taskParams/processDefinitionCode")
//   DependentItem -> the item object; fill projectCode, definitionCode, depTaskCode (0 = whole workflow)
//   Datasource    -> the object holding `idField` and `typeField`
//   Resource      -> the object that gets "id"
//   Environment   -> the code number ("/environmentCode")
struct YamlReference {
  YamlReferenceKind kind = YamlReferenceKind::SubWorkflow;
  size_t taskIndex = 0;
  std::string pointer;
  std::string projectName;   // SubWorkflow, DependentItem
  std::string workflowName;  // SubWorkflow, DependentItem
  std::string taskName;      // DependentItem: task in that workflow, "0" = the whole workflow
  std::string name;          // Datasource / Resource / Environment name
  std::string type;          // Datasource type filter or Resource program type (may be empty)
  std::string idField;       // Datasource: field for the id
  std::string typeField;     // Datasource: field for the type
  // SubWorkflow loaded from a $WORKFLOW{...} file: index of its submission in the same result.
  std::optional<size_t> submissionIndex;
  int line = 0;  // line in the YAML file, for messages
};

struct YamlWorkflowSubmission {
  std::string sourceFile;  // the YAML file it came from
  YamlWorkflowFields workflow;
  Json taskDefinitions = Json::array();  // taskDefinitionJson
  Json taskRelations = Json::array();    // taskRelationJson
  std::vector<YamlReference> references;
  std::vector<std::string> warnings;  // ignored keys and similar, "file:line: text"
};

struct YamlLoadResult {
  std::vector<YamlWorkflowSubmission> submissions;  // dependencies first, the loaded file last
};

}  // namespace porpoise::exchange
