// Tenants and queues (t_tenant, t_queue).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/admin.h"
#include "store/page.h"
#include "store/sqlite.h"

namespace porpoise::store::tenants {

std::optional<model::Tenant> findById(Database& db, int id);
std::optional<model::Tenant> findByCode(Database& db, const std::string& code);
int insert(Database& db, const model::Tenant& t);
void update(Database& db, const model::Tenant& t);
void remove(Database& db, int id);
Page<model::Tenant> page(Database& db, const std::string& search, const PageRequest& req);
std::vector<model::Tenant> listAll(Database& db);

}  // namespace porpoise::store::tenants

namespace porpoise::store::queues {

std::optional<model::Queue> findById(Database& db, int id);
bool nameExists(Database& db, const std::string& queueName, int exceptId);
bool queueExists(Database& db, const std::string& queue, int exceptId);
int insert(Database& db, const model::Queue& q);
void update(Database& db, const model::Queue& q);
Page<model::Queue> page(Database& db, const std::string& search, const PageRequest& req);
std::vector<model::Queue> listAll(Database& db);

}  // namespace porpoise::store::queues
