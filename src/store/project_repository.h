// Projects and project grants (t_project, t_project_user).
//
// Contract: list queries join the owner's name, the workflow count and the running-instance
// count in one statement (no N+1). `visibleTo` = 0 means every project (admin); otherwise only
// projects the user owns or was granted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/admin.h"
#include "store/page.h"
#include "store/sqlite.h"

namespace porpoise::store::projects {

std::optional<model::Project> findByCode(Database& db, int64_t code);
std::optional<model::Project> findByName(Database& db, const std::string& name);
int insert(Database& db, const model::Project& p);
void update(Database& db, const model::Project& p);
void remove(Database& db, int64_t code);
Page<model::Project> page(Database& db, int visibleTo, const std::string& search, const PageRequest& req);
std::vector<model::Project> list(Database& db, int visibleTo);
int countDefinitions(Database& db, int64_t code);
bool userHasAccess(Database& db, int userId, int64_t code);
void grant(Database& db, int userId, int64_t code, util::TimePoint now);
void revokeAll(Database& db, int userId);
// Projects the user was granted (not owned).
std::vector<model::Project> grantedTo(Database& db, int userId);

}  // namespace porpoise::store::projects
