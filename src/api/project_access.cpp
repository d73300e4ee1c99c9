#include "api/project_access.h"

#include "store/project_repository.h"

namespace porpoise::api {

model::Project requireProject(Call& call, store::Database& db, int64_t projectCode) {
  auto p = store::projects::findByCode(db, projectCode);
  if (!p) throw ApiError(Status::PROJECT_NOT_EXIST);
  if (!call.isAdmin() && !store::projects::userHasAccess(db, call.user.id, projectCode))
    throw ApiError(Status::USER_NO_OPERATION_PROJECT_PERM, {call.user.userName, std::to_string(projectCode)});
  return *p;
}

int64_t projectCodeFromPath(const Call& call) {
  std::string raw = call.req.pathParam("pc");
  if (raw.empty()) raw = call.req.pathParam("projectCode");
  auto v = util::parseInt64(raw);
  if (!v) throw ApiError(Status::PROJECT_NOT_EXIST);
  return *v;
}

}  // namespace porpoise::api
