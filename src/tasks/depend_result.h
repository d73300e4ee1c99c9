// AND/OR combination of dependency results, shared by CONDITIONS and DEPENDENT (spec ds-tasks.md §3.3, §3.6).
//
// Contract (DolphinScheduler's rules):
//   AND: any FAILED -> FAILED; else any WAITING -> WAITING; else SUCCESS (an empty list is SUCCESS).
//   OR:  any SUCCESS -> SUCCESS; else any WAITING -> WAITING; else FAILED (an empty list is FAILED).
// Items combine into a group with the group's relation, groups into the result with the outer relation.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace porpoise::tasks {

enum class DependRelation { AND, OR };
enum class DependResult { SUCCESS, FAILED, WAITING };

// "AND"/"OR" in any case (surrounding spaces ignored); anything else gives std::nullopt.
std::optional<DependRelation> parseDependRelation(std::string_view text);
std::string dependRelationName(DependRelation relation);
std::string dependResultName(DependResult result);

DependResult combineDependResults(DependRelation relation, const std::vector<DependResult>& results);

}  // namespace porpoise::tasks
