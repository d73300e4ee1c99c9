#include "tasks/builtin_plugins.h"

#include <mutex>

namespace porpoise::tasks {

// Factories, one per plugin file.
// (each plugin file defines its factory; keep this list sorted)

void registerBuiltinPlugins() {
  static std::once_flag once;
  std::call_once(once, [] {
    auto& registry = TaskPluginRegistry::instance();
    (void)registry;
  });
}

}  // namespace porpoise::tasks
