#include "engine/state_history.h"

#include <nlohmann/json.hpp>

namespace porpoise::engine {

std::string appendStateHistory(const std::string& history, util::TimePoint time, model::WorkflowState state,
                               const std::string& description) {
  nlohmann::json entries = nlohmann::json::parse(history, nullptr, false);
  if (!entries.is_array()) entries = nlohmann::json::array();
  entries.push_back({{"time", util::formatDateTime(time)}, {"state", model::enumName(state)}, {"desc", description}});
  return entries.dump();
}

}  // namespace porpoise::engine
