// The var pool: OUT values carried from task to task (spec ds-tasks.md §5.6), and its JSON text,
// the list of Property DolphinScheduler stores: [{"prop":"k","direct":"OUT","type":"VARCHAR","value":"v"}].
//
// Contract:
//  - mergeVarPool(existing, added): `added` wins; an entry of `added` replaces the entry of the same
//    prop in place, new props are appended in order. Used when a task finishes: its varPool is the
//    incoming (upstream) pool merged with its own OUT values.
//  - mergeUpstreamVarPools(pools): the pool a task starts with, from its predecessors' pools given in
//    the order the predecessors FINISHED. Every entry is re-marked direct "IN". On a name clash a
//    non-empty value beats an empty one; between two non-empty values the earlier finisher wins.
//  - Entries with an empty prop are dropped by both merges.
//  - varPoolFromJson accepts "", "null" and "[]" as empty; other text must be a JSON array of objects
//    (missing keys default: direct "IN", type "VARCHAR", value ""; non-string values are kept as their
//    JSON text), else ParamError. varPoolToJson writes the four keys of every entry.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/definition.h"

namespace porpoise::params {

std::vector<model::Property> mergeVarPool(const std::vector<model::Property>& existing,
                                          const std::vector<model::Property>& added);

std::vector<model::Property> mergeUpstreamVarPools(
    const std::vector<std::vector<model::Property>>& poolsInFinishOrder);

std::string varPoolToJson(const std::vector<model::Property>& pool);
std::vector<model::Property> varPoolFromJson(std::string_view json);

}  // namespace porpoise::params
