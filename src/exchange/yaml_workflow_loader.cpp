#include "exchange/yaml_workflow_loader.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "exchange/yaml_dag.h"
#include "exchange/yaml_macros.h"
#include "exchange/yaml_task_common.h"
#include "exchange/yaml_task_mapping.h"
#include "exchange/yaml_task_source.h"
#include "exchange/yaml_value.h"
#include "exchange/yaml_workflow_fields.h"
#include "util/strings.h"

namespace porpoise::exchange {

namespace fs = std::filesystem;

namespace {

class WorkflowFileLoader {
 public:
  explicit WorkflowFileLoader(const YamlLoaderOptions& options) : options_(options) {
    if (!options_.nextTaskCode) throw std::invalid_argument("YamlLoaderOptions.nextTaskCode is required");
    cwd_ = options_.workingDirectory.empty() ? fs::current_path() : options_.workingDirectory;
    now_ = options_.now == util::TimePoint{} ? util::now() : options_.now;
  }

  size_t loadFile(const fs::path& path, const std::string& displayName, const std::string& fromFile, int fromLine,
                  const std::string& fromKey) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    const std::string identity = ec ? path.lexically_normal().string() : canonical.string();
    if (auto it = loaded_.find(identity); it != loaded_.end()) return it->second;
    if (std::find(loading_.begin(), loading_.end(), identity) != loading_.end()) {
      throw YamlLoadError(fromFile, fromLine, fromKey, "workflow files include each other: " + includeChain(identity));
    }
    auto text = readWholeFile(path);
    if (!text)
      throw YamlLoadError(fromFile.empty() ? displayName : fromFile, fromLine, fromKey,
                          "cannot read workflow file '" + path.string() + "'");
    loading_.push_back(identity);
    const size_t index = loadText(*text, displayName, path.parent_path());
    loading_.pop_back();
    loaded_[identity] = index;
    return index;
  }

  size_t loadText(const std::string& rawText, const std::string& file, const fs::path& baseDir) {
    const fs::path folder = baseDir.empty() ? fs::path(".") : baseDir;
    std::map<std::string, size_t> linked;
    const std::string text = loadReferencedWorkflows(rawText, file, folder, linked);
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
      throw YamlLoadError(file, e.mark.is_null() ? 0 : e.mark.line + 1, "", "YAML syntax error: " + e.msg);
    } catch (const YAML::Exception& e) {
      throw YamlLoadError(file, e.mark.is_null() ? 0 : e.mark.line + 1, "", std::string("YAML error: ") + e.what());
    }
    if (!root.IsMap())
      throw YamlLoadError(file, yamlLine(root), "", "a workflow file must be a mapping with 'workflow' and 'tasks'");

    std::optional<YamlEntry> workflowFound, tasksFound;
    for (auto& entry : yamlMappingEntries(root, file)) {
      if (entry.key == "workflow") workflowFound = entry;
      if (entry.key == "tasks") tasksFound = entry;
    }
    if (!workflowFound) throw YamlLoadError(file, 0, "workflow", "the file has no 'workflow' mapping");
    if (!workflowFound->value.IsMap())
      throw YamlLoadError(file, workflowFound->line, "workflow", "'workflow' must be a mapping");
    if (!tasksFound) throw YamlLoadError(file, 0, "tasks", "the file has no 'tasks' list");
    if (!tasksFound->value.IsSequence() || tasksFound->value.size() == 0)
      throw YamlLoadError(file, tasksFound->line, "tasks", "'tasks' must be a non-empty list");
    const YamlEntry& workflowEntry = *workflowFound;
    const YamlEntry& tasksEntry = *tasksFound;

    YamlMacroContext macroContext;
    macroContext.yamlFile = file;
    macroContext.baseDir = folder;
    macroContext.cwd = cwd_;
    macroContext.allowFileAccess = options_.allowFileAccess;
    macroContext.env = options_.env;
    macroContext.config = options_.config;
    const YamlMacroExpander expander(std::move(macroContext));

    YamlWorkflowSubmission submission;
    submission.sourceFile = file;
    YamlTaskSource workflowSource(file, workflowEntry.line, "", "workflow", "the workflow");
    for (auto& entry : readYamlEntries(workflowEntry.value, file, expander.hook()))
      workflowSource.add(std::move(entry));
    submission.workflow = readYamlWorkflowFields(workflowSource, options_.config, now_, submission.warnings);

    buildTasks(tasksEntry.value, file, linked, submission, expander);
    result_.submissions.push_back(std::move(submission));
    return result_.submissions.size() - 1;
  }

  YamlLoadResult takeResult() { return std::move(result_); }

 private:
  struct TaskDraft {
    YamlTaskSource source;
    const YamlTaskType* type;
    std::vector<YamlDagEdge> deps;
  };

  std::string includeChain(const std::string& identity) const {
    auto start = std::find(loading_.begin(), loading_.end(), identity);
    std::vector<std::string> chain(start, loading_.end());
    chain.push_back(identity);
    return util::join(chain, " -> ");
  }

  // Loads the files the text names with $WORKFLOW{"path"} (each once, in order), records their
  // submissions in `linked` by workflow name, and returns the text with the tokens replaced.
  std::string loadReferencedWorkflows(const std::string& text, const std::string& file, const fs::path& folder,
                                      std::map<std::string, size_t>& linked) {
    const auto references = findWorkflowReferences(text);
    if (references.empty()) return text;
    std::map<std::string, std::string> names;
    for (const auto& reference : references) {
      if (names.count(reference.path)) continue;
      if (!options_.allowFileAccess)
        throw YamlLoadError(file, reference.line, reference.key,
                            "$WORKFLOW{\"" + reference.path + "\"} is not allowed here");
      auto resolved = resolveIncludePath(reference.path, cwd_, folder);
      if (!resolved)
        throw YamlLoadError(file, reference.line, reference.key,
                            "cannot find workflow file '" + reference.path + "' named by $WORKFLOW (looked in " +
                                cwd_.string() + " and " + folder.string() + ")");
      const size_t index = loadFile(*resolved, resolved->string(), file, reference.line, reference.key);
      names[reference.path] = result_.submissions[index].workflow.name;
      linked[names[reference.path]] = index;
    }
    return replaceWorkflowReferences(text, names);
  }

  TaskDraft readTask(const YAML::Node& node, const std::string& file, const YamlMacroExpander& expander) {
    const int line = yamlLine(node);
    if (!node.IsMap()) throw YamlLoadError(file, line, "tasks", "each task must be a mapping");
    auto entries = readYamlEntries(node, file, expander.hook());
    auto find = [&](const std::string& key) -> const YamlTaskSource::Entry* {
      for (const auto& entry : entries)
        if (entry.key == key && !entry.value.is_null()) return &entry;
      return nullptr;
    };
    const auto* nameEntry = find("name");
    if (nameEntry == nullptr || nameEntry->value.is_array() || nameEntry->value.is_object())
      throw YamlLoadError(file, nameEntry ? nameEntry->line : line, "name", "a task needs a 'name'");
    const std::string name = nameEntry->value.is_string() ? nameEntry->value.get<std::string>() : nameEntry->text;
    if (util::trim(name).empty()) throw YamlLoadError(file, nameEntry->line, "name", "a task name must not be empty");
    const auto* typeEntry = find("task_type");
    if (typeEntry == nullptr || !typeEntry->value.is_string())
      throw YamlLoadError(file, typeEntry ? typeEntry->line : line, "task_type",
                          "task '" + name + "' needs a 'task_type'");
    const std::string typeName = typeEntry->value.get<std::string>();
    const YamlTaskType* type = findYamlTaskType(typeName);
    if (type == nullptr)
      throw YamlLoadError(file, typeEntry->line, "task_type",
                          "unknown task type '" + typeName + "' of task '" + name +
                              "'; known types: " + util::join(yamlTaskTypeNames(), ", "));

    TaskDraft draft{YamlTaskSource(file, line, name, typeName, "task '" + name + "' (" + typeName + ")"), type, {}};
    for (auto& entry : entries) draft.source.add(std::move(entry));
    draft.source.take("name");
    draft.source.take("task_type");
    if (const auto* deps = draft.source.take("deps")) {
      if (deps->value.is_string()) {
        draft.deps.push_back({deps->value.get<std::string>(), name, deps->line, "deps"});
      } else if (deps->value.is_array()) {
        for (size_t i = 0; i < deps->value.size(); ++i) {
          const Json& dep = deps->value[i];
          const int depLine =
              deps->node.IsSequence() && yamlLine(deps->node[i]) > 0 ? yamlLine(deps->node[i]) : deps->line;
          if (!dep.is_string() && !dep.is_number())
            throw YamlLoadError(file, depLine, "deps", "each entry of 'deps' must be a task name");
          draft.deps.push_back({dep.is_string() ? dep.get<std::string>() : dep.dump(), name, depLine, "deps"});
        }
      } else {
        throw YamlLoadError(file, deps->line, "deps", "'deps' must be a list of task names");
      }
    }
    return draft;
  }

  void buildTasks(const YAML::Node& tasksNode, const std::string& file, const std::map<std::string, size_t>& linked,
                  YamlWorkflowSubmission& submission, const YamlMacroExpander& expander) {
    std::vector<TaskDraft> drafts;
    std::vector<std::string> names;
    std::map<std::string, int64_t> codes;
    for (const auto& node : tasksNode) {
      drafts.push_back(readTask(node, file, expander));
      const std::string& name = drafts.back().source.name();
      if (codes.count(name))
        throw YamlLoadError(file, drafts.back().source.lineOf("name"), "name", "duplicate task name '" + name + "'");
      codes[name] = options_.nextTaskCode();
      names.push_back(name);
    }

    auto linkedSubmission = [&linked](const std::string& workflowName) -> std::optional<size_t> {
      auto it = linked.find(workflowName);
      if (it == linked.end()) return std::nullopt;
      return it->second;
    };
    std::vector<YamlDagEdge> edges;
    for (size_t i = 0; i < drafts.size(); ++i) {
      TaskDraft& draft = drafts[i];
      YamlTaskContext context(codes, submission.workflow.project, i, linkedSubmission);
      submission.taskDefinitions.push_back(buildYamlTaskDefinition(draft.source, *draft.type, context,
                                                                   codes.at(draft.source.name()), submission.warnings));
      for (auto& reference : context.references()) submission.references.push_back(std::move(reference));
      const std::string edgeKey = std::string(draft.type->dsTaskType) == "SWITCH" ? "condition" : "groups";
      for (const auto& edge : context.edges())
        edges.push_back({edge.upstream, edge.downstream, draft.source.line(), edgeKey});
      for (auto& dep : draft.deps) edges.push_back(std::move(dep));
    }
    submission.taskRelations = buildYamlTaskRelations(names, codes, edges, file);
  }

  const YamlLoaderOptions& options_;
  fs::path cwd_;
  util::TimePoint now_;
  YamlLoadResult result_;
  std::map<std::string, size_t> loaded_;
  std::vector<std::string> loading_;
};

}  // namespace

YamlLoadResult loadYamlWorkflowFile(const fs::path& file, const YamlLoaderOptions& options) {
  WorkflowFileLoader loader(options);
  loader.loadFile(file, file.string(), "", 0, "");
  return loader.takeResult();
}

YamlLoadResult loadYamlWorkflowText(const std::string& text, const std::string& fileName, const fs::path& baseDir,
                                    const YamlLoaderOptions& options) {
  WorkflowFileLoader loader(options);
  loader.loadText(text, fileName, baseDir);
  return loader.takeResult();
}

}  // namespace porpoise::exchange
