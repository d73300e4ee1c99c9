// JSON shapes of security and project entities, as DolphinScheduler's API emits them.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/admin.h"

namespace porpoise::api {

using Json = nlohmann::json;

// Dates are rendered "yyyy-MM-dd HH:mm:ss" in `zone`. Password hashes are never emitted.
Json userJson(const model::User& u, const std::string& zone);
Json tenantJson(const model::Tenant& t, const std::string& zone);
Json queueJson(const model::Queue& q, const std::string& zone);
Json workerGroupJson(const model::WorkerGroup& g, const std::string& zone);
Json environmentJson(const model::Environment& e, const std::string& zone);
Json alertGroupJson(const model::AlertGroup& g, const std::string& zone);
Json accessTokenJson(const model::AccessToken& t, const std::string& zone);
Json projectJson(const model::Project& p, const std::string& zone);

// PageInfo: {totalList,total,totalPage,pageSize,currentPage,start}.
Json pageInfo(Json items, int64_t total, int pageNo, int pageSize);

}  // namespace porpoise::api
