// OPENMLDB task plugin (spec ds-tasks.md §3.9, §8 #1): runs SQL on an OpenMLDB cluster.
//
// taskParams: zk (ZooKeeper address, required), zkPath (required), executeMode ("offline" | "online",
// case-insensitive, default offline), sql (required; statements separated by ';'), localParams.
// render(): parameters are substituted into every field, the SQL is split into statements (quote- and
// comment-aware), and openmldb_<appId>.py is written to the execute directory (see
// openmldb_python_script.h for what it does: DB-API connection, offline jobs awaited, the task fails
// when a job does not end FINISHED). The bash script picks the interpreter like the PYTHON task
// (PYTHON_LAUNCHER, PYTHON_HOME, python3) after the env script and runs the file with it.
#pragma once

#include <porpoise/task_plugin.h>

#include <memory>

namespace porpoise::tasks {

std::unique_ptr<TaskPlugin> makeOpenmldbPlugin();

}  // namespace porpoise::tasks
