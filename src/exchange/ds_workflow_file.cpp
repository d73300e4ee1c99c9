#include "exchange/ds_workflow_file.h"

#include "exchange/code_remap.h"
#include "model/definition_json.h"
#include "model/lenient_json.h"

namespace porpoise::exchange {
namespace {

using Json = nlohmann::json;

const Json* section(const Json& entry, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (entry.contains(k) && !entry[k].is_null()) return &entry[k];
  return nullptr;
}

}  // namespace

std::vector<FileEntry> parseWorkflowFile(const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) throw FileError(FileError::Kind::NullData, "fileContent");
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::exception& e) {
    throw FileError(FileError::Kind::Malformed, std::string("the file is not valid JSON: ") + e.what());
  }
  if (doc.is_object()) doc = Json::array({doc});
  if (!doc.is_array()) throw FileError(FileError::Kind::Malformed, "the file must hold a JSON array of workflows");
  if (doc.empty()) throw FileError(FileError::Kind::NullData, "fileContent");
  std::vector<FileEntry> out;
  for (size_t i = 0; i < doc.size(); ++i) {
    const Json& e = doc[i];
    std::string where = "workflow #" + std::to_string(i + 1);
    if (!e.is_object()) throw FileError(FileError::Kind::Malformed, where + " is not a JSON object");
    FileEntry entry;
    auto wf = section(e, {"processDefinition", "workflowDefinition"});
    if (!wf) throw FileError(FileError::Kind::NullData, "processDefinition");
    if (!wf->is_object()) throw FileError(FileError::Kind::Malformed, where + ": processDefinition must be an object");
    auto rel = section(e, {"processTaskRelationList", "workflowTaskRelationList"});
    auto tasks = section(e, {"taskDefinitionList"});
    if (!tasks || !tasks->is_array() || tasks->empty()) throw FileError(FileError::Kind::NullData, "taskDefinitionList");
    if (!rel || !rel->is_array() || rel->empty()) throw FileError(FileError::Kind::NullData, "processTaskRelationList");
    entry.workflow = *wf;
    entry.relations = *rel;
    entry.tasks = *tasks;
    entry.schedule = e.contains("schedule") ? e["schedule"] : Json(nullptr);
    try {
      entry.oldCode = model::lenientInt64(*wf, "code", 0);
      entry.oldProjectCode = model::lenientInt64(*wf, "projectCode", 0);
    } catch (const std::exception& ex) {
      throw FileError(FileError::Kind::Malformed, where + ": " + ex.what());
    }
    std::string name = model::lenientString(*wf, "name");
    if (name.empty()) throw FileError(FileError::Kind::Malformed, where + ": processDefinition has no name");
    for (const auto& t : entry.tasks)
      if (!t.is_object()) throw FileError(FileError::Kind::Malformed, "workflow " + name + ": a task definition is not an object");
    for (const auto& r : entry.relations)
      if (!r.is_object()) throw FileError(FileError::Kind::Malformed, "workflow " + name + ": a relation is not an object");
    out.push_back(std::move(entry));
  }
  return out;
}

void assignNewCodes(std::vector<FileEntry>& entries, const std::function<int64_t()>& newCode, int64_t targetProject) {
  CodeMaps maps;
  for (auto& e : entries) {
    int64_t fresh = newCode();
    if (e.oldCode) maps.workflows[e.oldCode] = fresh;
    if (e.oldProjectCode) maps.projects[e.oldProjectCode] = targetProject;
    e.workflow["code"] = fresh;
    e.workflow["projectCode"] = targetProject;
    for (auto& t : e.tasks) {
      int64_t old = model::lenientInt64(t, "code", 0);
      int64_t fresh = newCode();
      if (old) maps.tasks[old] = fresh;
      t["code"] = fresh;
      t["version"] = 1;
      t["projectCode"] = targetProject;
    }
  }
  for (auto& e : entries) {
    for (auto& t : e.tasks) remapTaskParams(model::lenientString(t, "taskType"), t["taskParams"], maps);
    for (auto& r : e.relations) {
      for (const char* key : {"preTaskCode", "postTaskCode"}) {
        int64_t old = model::lenientInt64(r, key, 0);
        r[key] = old == 0 ? 0 : (maps.tasks.count(old) ? maps.tasks.at(old) : old);
      }
      r["preTaskVersion"] = 1;
      r["postTaskVersion"] = 1;
    }
    if (e.workflow.contains("locations")) {
      Json loc = e.workflow["locations"];
      std::string text = loc.is_string() ? loc.get<std::string>() : (loc.is_array() ? loc.dump() : "");
      e.workflow["locations"] = remapLocations(text, maps.tasks);
    }
  }
}

Json exportEntry(const model::DagData& dag, const std::string& tenantCode, const Json& schedule,
                 const std::string& zone) {
  auto j = model::dagDataToJson(dag, zone);
  j["processDefinition"]["tenantCode"] = tenantCode;
  Json s = schedule;
  if (s.is_object()) s["releaseState"] = "OFFLINE";
  j["schedule"] = s.is_object() ? s : Json(nullptr);
  return j;
}

}  // namespace porpoise::exchange
