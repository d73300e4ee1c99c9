#include "exchange/ds_workflow_file.h"

#include <set>

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

[[noreturn]] void malformed(const std::string& message) { throw FileError(FileError::Kind::Malformed, message); }

// Reads a code leniently; a value that is not an integer is a malformed file.
int64_t codeOf(const Json& obj, const char* key, const std::string& where) {
  try {
    return model::lenientInt64(obj, key, 0);
  } catch (const std::exception& e) {
    malformed(where + ": " + e.what());
  }
}

// taskParams written as JSON text become an object, so that code references inside can be rewritten.
void parseTaskParamsText(Json& task) {
  auto it = task.find("taskParams");
  if (it == task.end() || !it->is_string()) return;
  Json parsed = Json::parse(it->get<std::string>(), nullptr, false);
  if (parsed.is_object()) *it = std::move(parsed);
}

}  // namespace

std::vector<FileEntry> parseWorkflowFile(const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) throw FileError(FileError::Kind::NullData, "fileContent");
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::exception& e) {
    malformed(std::string("the file is not valid JSON: ") + e.what());
  }
  if (doc.is_object()) doc = Json::array({doc});
  if (!doc.is_array()) malformed("the file must hold a JSON array of workflows");
  if (doc.empty()) throw FileError(FileError::Kind::NullData, "fileContent");
  std::vector<FileEntry> out;
  std::set<int64_t> workflowCodes;
  std::set<int64_t> taskCodes;  // unique across the file: references may cross workflows (DEPENDENT)
  for (size_t i = 0; i < doc.size(); ++i) {
    const Json& e = doc[i];
    std::string where = "workflow #" + std::to_string(i + 1);
    if (!e.is_object()) malformed(where + " is not a JSON object");
    auto wf = section(e, {"processDefinition", "workflowDefinition"});
    if (!wf) throw FileError(FileError::Kind::NullData, "processDefinition of " + where);
    if (!wf->is_object()) malformed(where + ": processDefinition must be an object");
    std::string name;
    try {
      name = model::lenientString(*wf, "name");
    } catch (const std::exception& ex) {
      malformed(where + ": " + ex.what());
    }
    if (name.empty()) malformed(where + ": processDefinition has no name");
    where += " (" + name + ")";
    auto rel = section(e, {"processTaskRelationList", "workflowTaskRelationList"});
    auto tasks = section(e, {"taskDefinitionList"});
    if (!tasks || !tasks->is_array() || tasks->empty())
      throw FileError(FileError::Kind::NullData, "taskDefinitionList of " + where);
    if (!rel || !rel->is_array() || rel->empty())
      throw FileError(FileError::Kind::NullData, "processTaskRelationList of " + where);
    FileEntry entry;
    entry.workflow = *wf;
    entry.relations = *rel;
    entry.tasks = *tasks;
    entry.schedule = e.contains("schedule") ? e["schedule"] : Json(nullptr);
    entry.oldCode = codeOf(*wf, "code", where);
    entry.oldProjectCode = codeOf(*wf, "projectCode", where);
    if (entry.oldCode != 0 && !workflowCodes.insert(entry.oldCode).second)
      malformed(where + ": workflow code " + std::to_string(entry.oldCode) + " appears twice in the file");
    for (const auto& t : entry.tasks) {
      if (!t.is_object()) malformed(where + ": a task definition is not an object");
      std::string taskWhere = where + ", task " + model::lenientString(t, "name", "(unnamed)");
      int64_t code = codeOf(t, "code", taskWhere);
      if (code != 0 && !taskCodes.insert(code).second)
        malformed(taskWhere + ": task code " + std::to_string(code) + " appears twice in the file");
    }
    for (const auto& r : entry.relations) {
      if (!r.is_object()) malformed(where + ": a task relation is not an object");
      codeOf(r, "preTaskCode", where + ", task relation");
      codeOf(r, "postTaskCode", where + ", task relation");
    }
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
      int64_t freshTask = newCode();
      if (old) maps.tasks[old] = freshTask;
      t["code"] = freshTask;
      t["version"] = 1;
      t["projectCode"] = targetProject;
    }
  }
  for (auto& e : entries) {
    for (auto& t : e.tasks) {
      parseTaskParamsText(t);
      if (t.contains("taskParams")) remapTaskParams(model::lenientString(t, "taskType"), t["taskParams"], maps);
    }
    for (auto& r : e.relations) {
      for (const char* key : {"preTaskCode", "postTaskCode"}) {
        int64_t old = model::lenientInt64(r, key, 0);
        auto it = maps.tasks.find(old);
        r[key] = old == 0 ? 0 : (it != maps.tasks.end() ? it->second : old);
      }
      r["preTaskVersion"] = 1;
      r["postTaskVersion"] = 1;
    }
    if (e.workflow.contains("locations")) {
      const Json& loc = e.workflow["locations"];
      std::string text = loc.is_string() ? loc.get<std::string>() : (loc.is_array() ? loc.dump() : "");
      e.workflow["locations"] = remapLocations(text, maps.tasks);
    }
  }
}

Json exportEntry(const model::DagData& dag, const std::string& tenantCode, const Json& schedule,
                 const std::string& zone) {
  auto j = model::dagDataToJson(dag, zone);
  j["processDefinition"]["tenantCode"] = tenantCode;
  // `dependence` is a getter-only view of taskParams.dependence; DolphinScheduler leaves it out of files.
  for (auto& t : j["taskDefinitionList"]) t.erase("dependence");
  Json s = schedule;
  if (s.is_object()) s["releaseState"] = "OFFLINE";
  j["schedule"] = s.is_object() ? s : Json(nullptr);
  return j;
}

}  // namespace porpoise::exchange
