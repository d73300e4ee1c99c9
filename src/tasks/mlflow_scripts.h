// The bash scripts of the MLFLOW task, one function per kind (spec ds-tasks.md §3.7).
//
// Contract: inputs are final (already substituted and checked) values; the output is the script text,
// lines joined by '\n', no trailing newline. Parameter values are inserted verbatim, as DolphinScheduler
// does, so bash expands them.
//  - mlflowProjectScript(): `mlflow run` of a preset project (BasicAlgorithm, AutoML) or of the user's
//    project (CustomProject); `--version=<ref>` only for git URLs, `--env-manager=<m>` when set.
//  - mlflowServeScript(): starts `mlflow models serve` detached (own session, nohup, log and pid file in
//    the serve directory) so it outlives the task, replaces a server this plugin started earlier on the
//    same port, refuses a port held by another program, then polls GET /ping on 127.0.0.1 once a second.
//    Exit 0 once the server answers 200; exit 1 if it dies first or does not answer within the wait
//    (the server is then stopped). A TERM/INT/HUP while waiting stops the server too.
//  - mlflowDockerScript(): DolphinScheduler's build-docker / docker rm / docker run sequence under
//    `set -e`, preceded by checks that docker exists and its engine answers (docker info), followed by
//    the health poll DolphinScheduler's worker does (20 x 5 s of `docker inspect`), done here as the tenant.
#pragma once

#include <string>

#include "tasks/mlflow_task_params.h"

namespace porpoise::tasks {

std::string mlflowProjectScript(const MlflowParams& params, const MlflowSettings& settings);
std::string mlflowServeScript(const MlflowParams& params, const MlflowSettings& settings);
std::string mlflowDockerScript(const MlflowParams& params);

// DolphinScheduler's docker names for a model key: key "models:/iris/Production" gives image
// "mlflow/iris:production" and container "ds-mlflow-iris-production". Porpoise turns only the first '/'
// into ':' in the image name (later ones into '-'), so that deeper keys still give a valid tag.
struct MlflowDockerNames {
  std::string image;
  std::string container;
};
MlflowDockerNames mlflowDockerNames(const std::string& deployModelKey);

}  // namespace porpoise::tasks
