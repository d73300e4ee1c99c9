// SHELL task plugin (spec ds-tasks.md §3.1).
//
// taskParams: rawScript (required, non-blank), localParams, resourceList.
// render(): "\r\n" -> "\n", parameters substituted, the result written to <appId>_node.sh (mode 0755) in
// the execute directory; the returned script runs that file by its absolute path, so the user's own
// shebang applies (no shebang: bash runs it).
#pragma once

#include <porpoise/task_plugin.h>

#include <memory>

namespace porpoise::tasks {

std::unique_ptr<TaskPlugin> makeShellPlugin();

}  // namespace porpoise::tasks
