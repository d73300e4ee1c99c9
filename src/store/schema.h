// Schema migrations keyed on PRAGMA user_version.
//
// Contract: migrate(db) brings any older database to the newest schema inside one transaction
// per step and seeds the default data (admin user, default queue, default alert group) once.
// Times are INTEGER milliseconds since the epoch (UTC); enums are stored as DolphinScheduler codes.
#pragma once

#include "store/sqlite.h"

namespace porpoise::store {

int latestSchemaVersion();
void migrate(Database& db);

}  // namespace porpoise::store
