// Project lookup with permission checks for every /projects/{projectCode}/... resource.
//
// Contract: requireProject() returns the project when it exists and the caller owns it, was
// granted it, or is an admin; otherwise throws ApiError 10190 (unknown code) or 30002.
#pragma once

#include "api/api_context.h"
#include "model/admin.h"

namespace porpoise::api {

model::Project requireProject(Call& call, store::Database& db, int64_t projectCode);
// Reads {pc} (or {projectCode}) from the path.
int64_t projectCodeFromPath(const Call& call);

}  // namespace porpoise::api
