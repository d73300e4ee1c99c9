// JSON views of workflow instances and task instances (spec ds-api.md §4.4–4.5).
#pragma once

#include <nlohmann/json.hpp>

#include "model/instance.h"

namespace porpoise::api {

nlohmann::json workflowInstanceJson(const model::WorkflowInstance& w, const std::string& zone);
nlohmann::json taskInstanceJson(const model::TaskInstance& t, const std::string& zone);
// "1d 2h 3m 4s" between start and end (or now while running); null before the start.
nlohmann::json durationJson(const std::optional<util::TimePoint>& start, const std::optional<util::TimePoint>& end);

}  // namespace porpoise::api
