// The task plugin interface: the one surface a task type implements.
//
// Contract:
//  - type() is the DolphinScheduler taskType name ("SHELL", "MLFLOW", ...).
//  - validate() checks a task's taskParams when a definition is saved or imported; it throws
//    TaskParamsError with a message naming the offending field. It never has side effects.
//  - Worker tasks (runsOnWorker() == true) are turned into a bash script by render(); the worker
//    writes that script after the env-script line of the wrapper and runs it with bash in its own
//    process group. Extra files (the user's script, a generated .py) are returned in `files` and
//    written into the execute directory before the wrapper runs.
//  - Logic tasks (CONDITIONS, SWITCH, SUB_PROCESS, DEPENDENT) run in the engine; their plugin only
//    validates, and render() is never called.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace porpoise {

class TaskParamsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TaskRenderContext {
  nlohmann::json taskParams;                 // the task's params as defined (placeholders unresolved)
  std::map<std::string, std::string> params; // resolved parameter values visible to this task
  // Replaces ${name} with parameter values and $[...] with time expressions (spec ds-tasks.md §5.3).
  std::function<std::string(const std::string&)> substitute;
  std::string executePath;                   // absolute execute directory of this task instance
  std::string taskAppId;                     // "<workflowInstanceId>_<taskInstanceId>"
  std::string taskName;
  int64_t taskInstanceId = 0;
  int64_t workflowInstanceId = 0;
  // Server settings a plugin may read (e.g. "ml.mlflow.preset_repository"); missing keys -> default.
  std::map<std::string, std::string> settings;
  std::string setting(const std::string& key, const std::string& fallback = "") const {
    auto it = settings.find(key);
    return it == settings.end() || it->second.empty() ? fallback : it->second;
  }
};

struct RenderedTask {
  std::string script;  // bash text executed after the env script is sourced
  struct File {
    std::string name;  // relative to the execute directory
    std::string content;
    bool executable = false;
  };
  std::vector<File> files;
};

class TaskPlugin {
 public:
  virtual ~TaskPlugin() = default;
  virtual std::string type() const = 0;
  virtual bool runsOnWorker() const = 0;
  virtual void validate(const nlohmann::json& taskParams) const = 0;
  virtual RenderedTask render(const TaskRenderContext& ctx) const {
    (void)ctx;
    throw std::logic_error("task type " + type() + " does not run on a worker");
  }
};

// Registry of every known task type. Thread-safe for reads after start-up.
class TaskPluginRegistry {
 public:
  static TaskPluginRegistry& instance();
  void add(std::unique_ptr<TaskPlugin> plugin);
  const TaskPlugin* find(const std::string& type) const;
  std::vector<std::string> types() const;

 private:
  std::map<std::string, std::unique_ptr<TaskPlugin>> plugins_;
};

}  // namespace porpoise
