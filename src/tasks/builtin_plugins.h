// Registers every built-in task type with TaskPluginRegistry::instance().
// Adding a task type = one plugin file in src/tasks/ + one line in builtin_plugins.cpp.
#pragma once

#include <memory>

#include <porpoise/task_plugin.h>

namespace porpoise::tasks {

// Idempotent; call once at start-up (and from tests).
void registerBuiltinPlugins();

}  // namespace porpoise::tasks
