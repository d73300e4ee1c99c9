#include "tasks/builtin_plugins.h"

#include <mutex>

#include "tasks/conditions_task.h"
#include "tasks/dependent_task.h"
#include "tasks/dvc_task.h"
#include "tasks/http_task.h"
#include "tasks/mlflow_task.h"
#include "tasks/openmldb_task.h"
#include "tasks/python_task.h"
#include "tasks/shell_task.h"
#include "tasks/sub_process_task.h"
#include "tasks/switch_task.h"

namespace porpoise::tasks {

// Factories, one per plugin file.
// (each plugin file defines its factory; keep this list sorted)

void registerBuiltinPlugins() {
  static std::once_flag once;
  std::call_once(once, [] {
    auto& registry = TaskPluginRegistry::instance();
    (void)registry;
    registry.add(makeConditionsPlugin());
    registry.add(makeDependentPlugin());
    registry.add(makeDvcPlugin());
    registry.add(makeHttpPlugin());
    registry.add(makeMlflowPlugin());
    registry.add(makeOpenmldbPlugin());
    registry.add(makePythonPlugin());
    registry.add(makeShellPlugin());
    registry.add(makeSubProcessPlugin());
    registry.add(makeSubWorkflowPlugin());
    registry.add(makeSwitchPlugin());
  });
}

}  // namespace porpoise::tasks
