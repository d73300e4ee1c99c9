// Worker groups, environments and alert groups (t_worker_group, t_environment, t_alertgroup).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/admin.h"
#include "store/page.h"
#include "store/sqlite.h"

namespace porpoise::store::worker_groups {

std::optional<model::WorkerGroup> findById(Database& db, int id);
bool nameExists(Database& db, const std::string& name, int exceptId);
int insert(Database& db, const model::WorkerGroup& g);
void update(Database& db, const model::WorkerGroup& g);
void remove(Database& db, int id);
Page<model::WorkerGroup> page(Database& db, const std::string& search, const PageRequest& req);
std::vector<model::WorkerGroup> listAll(Database& db);

}  // namespace porpoise::store::worker_groups

namespace porpoise::store::environments {

std::optional<model::Environment> findByCode(Database& db, int64_t code);
bool nameExists(Database& db, const std::string& name, int64_t exceptCode);
void insert(Database& db, const model::Environment& e);
void update(Database& db, const model::Environment& e);
void remove(Database& db, int64_t code);
int countTasksUsing(Database& db, int64_t code);
Page<model::Environment> page(Database& db, const std::string& search, const PageRequest& req);
std::vector<model::Environment> listAll(Database& db);

}  // namespace porpoise::store::environments

namespace porpoise::store::alert_groups {

std::optional<model::AlertGroup> findById(Database& db, int id);
bool nameExists(Database& db, const std::string& name, int exceptId);
int insert(Database& db, const model::AlertGroup& g);
void update(Database& db, const model::AlertGroup& g);
void remove(Database& db, int id);
Page<model::AlertGroup> page(Database& db, const std::string& search, const PageRequest& req);
std::vector<model::AlertGroup> listAll(Database& db);

}  // namespace porpoise::store::alert_groups
