// Registration of /projects/{pc}/process-task-relation (spec ds-api.md §3.7); called by
// registerTaskDefinitionRoutes, since the task-definition page is its only user.
#pragma once

#include "api/api_server.h"

namespace porpoise::api {

void registerDefinitionRelationRoutes(ApiServer& api);

}  // namespace porpoise::api
