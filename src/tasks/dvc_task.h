// DVC task plugin (spec ds-tasks.md §3.8, §8 #14): versions data files in a git repository whose data
// live in a DVC remote.
//
// taskParams: dvcTaskType ("Init DVC" | "Upload" | "Download", case-insensitive), dvcRepository (git URL
// or path), dvcStoreUrl (Init), dvcDataLocation (path inside the repository), dvcLoadSaveDataPath (path on
// the worker), dvcVersion (git tag), dvcMessage (Upload), localParams.
// render(): DolphinScheduler's command sequence with three fixes: every field is passed through
// parameter substitution first; the script runs under `set -e` with an ERR trap that names the failing
// command, so any failed step fails the task (DolphinScheduler only looks at the last exit code); and a
// git identity is set in the clone when none is configured. Upload commits with --allow-empty so that a
// new version of unchanged data still gets its own commit and tag, and the folder of dvcDataLocation is
// created in the clone when missing (dvc add -o needs it). Values are inserted verbatim, as in
// DolphinScheduler (bash expands them), so they must not hold unbalanced quotes.
#pragma once

#include <porpoise/task_plugin.h>

#include <memory>

namespace porpoise::tasks {

std::unique_ptr<TaskPlugin> makeDvcPlugin();

}  // namespace porpoise::tasks
