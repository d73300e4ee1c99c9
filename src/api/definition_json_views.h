// API views of stored definitions: DagData with tenantCode, list rows with userName/modifyBy.
#pragma once

#include <nlohmann/json.hpp>

#include "store/definition_repository.h"

namespace porpoise::api {

nlohmann::json dagJson(store::Database& db, const model::DagData& dag, const std::string& zone);
nlohmann::json workflowRowJson(const store::definitions::WorkflowRow& row, const std::string& zone);

}  // namespace porpoise::api
