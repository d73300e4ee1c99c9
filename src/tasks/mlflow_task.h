// MLFLOW task plugin (spec ds-tasks.md §3.7, §8 #15): trains with MLflow Projects and deploys MLflow Models.
//
// taskParams: mlflowTaskType ("MLflow Projects" | "MLflow Models"), mlflowTrackingUri (default
// http://127.0.0.1:5000, exported as MLFLOW_TRACKING_URI), and per kind:
//  - Projects: mlflowJobType (BasicAlgorithm | AutoML | CustomProject), experimentName (default "Default"),
//    params; BasicAlgorithm/AutoML: dataPath (required), modelName; BasicAlgorithm: algorithm (default
//    lightgbm), searchParams; AutoML: automlTool (default FLAML); CustomProject: mlflowProjectRepository
//    (required), mlflowProjectVersion.
//  - Models: deployType (MLFLOW | DOCKER), deployModelKey (models:/... or runs:/...), deployPort (1-65535).
// Every field is passed through parameter substitution before it goes into the script (verbatim, as in
// DolphinScheduler: bash expands it).
//
// Server settings read from the render context:
//   ml.mlflow.preset_repository          preset projects (default https://github.com/apache/dolphinscheduler-mlflow;
//                                        a local folder such as <repo>/mlflow-preset works too)
//   ml.mlflow.preset_repository_version  git ref appended as --version for git URLs (default main)
//   ml.mlflow.env_manager                --env-manager for `mlflow run` and `mlflow models serve`
//                                        (default local; "none" leaves the flag out, as DolphinScheduler does)
//   ml.mlflow.serve_dir                  where detached model servers keep log and pid files
//                                        (default ${TMPDIR:-/tmp}/porpoise-mlflow-serve)
//   ml.mlflow.serve_wait_seconds         how long a MLFLOW deploy waits for the server to answer (default 120)
#pragma once

#include <porpoise/task_plugin.h>

#include <memory>

namespace porpoise::tasks {

std::unique_ptr<TaskPlugin> makeMlflowPlugin();

}  // namespace porpoise::tasks
