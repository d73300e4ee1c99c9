// The task graph of one YAML workflow: `deps` plus the edges Condition and Switch imply.
//
// Contract: buildYamlTaskRelations() checks that every edge names tasks of the workflow
// (unknown -> YamlLoadError at the edge's line with its key), drops duplicate edges, rejects
// cycles (YamlLoadError naming the cycle, e.g. "a -> b -> a") and returns taskRelationJson:
// one relation per edge and a `preTaskCode: 0` relation for every task without upstream,
// in task order, in the shape pydolphinscheduler sends (conditionType 0, versions 1).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "exchange/yaml_value.h"

namespace porpoise::exchange {

struct YamlDagEdge {
  std::string upstream;
  std::string downstream;
  int line = 0;     // where the edge was written
  std::string key;  // the key that wrote it ("deps", "groups", ...)
};

Json buildYamlTaskRelations(const std::vector<std::string>& taskNames, const std::map<std::string, int64_t>& codes,
                            const std::vector<YamlDagEdge>& edges, const std::string& file);

// One relation row as pydolphinscheduler sends it.
Json yamlRelation(int64_t preTaskCode, int64_t postTaskCode);

}  // namespace porpoise::exchange
