#include "tasks/depend_result.h"

#include <algorithm>

#include "util/strings.h"

namespace porpoise::tasks {

std::optional<DependRelation> parseDependRelation(std::string_view text) {
  std::string upper = util::toUpper(util::trim(text));
  if (upper == "AND") return DependRelation::AND;
  if (upper == "OR") return DependRelation::OR;
  return std::nullopt;
}

std::string dependRelationName(DependRelation relation) { return relation == DependRelation::AND ? "AND" : "OR"; }

std::string dependResultName(DependResult result) {
  switch (result) {
    case DependResult::SUCCESS:
      return "SUCCESS";
    case DependResult::FAILED:
      return "FAILED";
    case DependResult::WAITING:
      return "WAITING";
  }
  return "WAITING";
}

DependResult combineDependResults(DependRelation relation, const std::vector<DependResult>& results) {
  auto any = [&](DependResult r) { return std::find(results.begin(), results.end(), r) != results.end(); };
  if (relation == DependRelation::AND) {
    if (any(DependResult::FAILED)) return DependResult::FAILED;
    if (any(DependResult::WAITING)) return DependResult::WAITING;
    return DependResult::SUCCESS;
  }
  if (any(DependResult::SUCCESS)) return DependResult::SUCCESS;
  if (any(DependResult::WAITING)) return DependResult::WAITING;
  return DependResult::FAILED;
}

}  // namespace porpoise::tasks
