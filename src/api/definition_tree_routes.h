// GET /projects/{pc}/process-definition/{code}/view-tree (spec ds-api.md §3.5): the workflow's
// tasks as a tree with the states of its most recent runs, for the definition list's tree view.
//
// Contract: the root is {"name":"DAG","type":"","code":0,"instances":[one per run, newest first],
// "children":[root tasks]}; each task node is {name, type, code, instances, children} with, for
// every run of the root, that run's task instance or {"id":-1,"name":"not running",...}. A task
// is placed once, under the first of its upstream tasks reached breadth-first (DolphinScheduler
// repeats it under every parent). Instances are {id, name, code, type, state, startTime, endTime,
// host, duration, subflowCode} (subflowCode: the child workflow of a SUB_PROCESS task). `limit`
// (1..100, required) bounds the runs; reading them costs two statements however many there are.
#pragma once

#include "api/api_server.h"

namespace porpoise::api {

void registerDefinitionTreeRoutes(ApiServer& api);

}  // namespace porpoise::api
