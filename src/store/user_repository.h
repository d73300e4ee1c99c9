// Users, sessions and access tokens (t_user, t_session, t_access_token).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/admin.h"
#include "store/page.h"
#include "store/sqlite.h"

namespace porpoise::store::users {

std::optional<model::User> findById(Database& db, int id);
std::optional<model::User> findByName(Database& db, const std::string& name);
int insert(Database& db, const model::User& user);
void update(Database& db, const model::User& user);
void remove(Database& db, int id);
Page<model::User> page(Database& db, const std::string& search, const PageRequest& req);
std::vector<model::User> listAll(Database& db, bool enabledOnly, bool generalOnly);
int countByTenant(Database& db, int tenantId);

}  // namespace porpoise::store::users

namespace porpoise::store::sessions {

std::optional<model::Session> find(Database& db, const std::string& id);
std::optional<model::Session> latestForUser(Database& db, int userId);
void insert(Database& db, const model::Session& s);
void touch(Database& db, const std::string& id, util::TimePoint at, bool login);
void remove(Database& db, const std::string& id);
void removeOtherSessions(Database& db, int userId, const std::string& keepId);
void removeIdleBefore(Database& db, util::TimePoint cutoff);

}  // namespace porpoise::store::sessions

namespace porpoise::store::tokens {

std::optional<model::AccessToken> findById(Database& db, int id);
std::optional<model::AccessToken> findValid(Database& db, const std::string& token, util::TimePoint now);
bool tokenExists(Database& db, const std::string& token, int exceptId);
int insert(Database& db, const model::AccessToken& t);
void update(Database& db, const model::AccessToken& t);
void remove(Database& db, int id);
// userId 0 = all users.
Page<model::AccessToken> page(Database& db, int userId, const std::string& search, const PageRequest& req);
std::vector<model::AccessToken> listForUser(Database& db, int userId);

}  // namespace porpoise::store::tokens
