// The task graph of one workflow-definition version.
//
// Contract:
//  - Built from a model::DagData. Nodes are the tasks that appear in a relation (as postTaskCode, or as a
//    non-zero preTaskCode); preTaskCode 0 only marks a root. Duplicate relations collapse into one edge.
//  - Dag::build throws DagError when a relation names a task code that is not in DagData.tasks, when a
//    relation has postTaskCode 0, or when the graph has a cycle (the error lists the cycle's task names).
//    findCycle works on any DagData without throwing, for callers that want to report cycles themselves.
//  - Nodes are numbered 0..size()-1 in a topological order (every edge goes from a lower to a higher
//    index); successor and predecessor lists are sorted by index. Lookups by code are O(1).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/definition.h"

namespace porpoise::engine {

class DagError : public std::runtime_error {
 public:
  enum class Kind { UnknownTask, ZeroPostTask, Cycle };
  DagError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

class Dag {
 public:
  static Dag build(const model::DagData& data);

  size_t size() const { return codes_.size(); }
  int64_t code(size_t index) const { return codes_[index]; }
  std::optional<size_t> indexOf(int64_t code) const;
  bool contains(int64_t code) const { return indexOf(code).has_value(); }
  const std::vector<size_t>& successors(size_t index) const { return successors_[index]; }
  const std::vector<size_t>& predecessors(size_t index) const { return predecessors_[index]; }
  // The task definition of a node (a copy made at build time).
  const model::TaskDefinition& task(size_t index) const { return tasks_[index]; }

  // Codes of nodes without predecessors, in index order.
  std::vector<int64_t> roots() const;
  // Codes in topological order (index order).
  std::vector<int64_t> topologicalOrder() const { return codes_; }
  // `indices` plus every node reachable from them (descendants) / reaching them (ancestors).
  std::vector<bool> withDescendants(const std::vector<size_t>& indices) const;
  std::vector<bool> withAncestors(const std::vector<size_t>& indices) const;

 private:
  std::vector<int64_t> codes_;
  std::vector<model::TaskDefinition> tasks_;
  std::vector<std::vector<size_t>> successors_;
  std::vector<std::vector<size_t>> predecessors_;
  std::unordered_map<int64_t, size_t> indexByCode_;
};

// Task names along one cycle of the relations in `data` (first name repeated at the end, e.g.
// {"a","b","a"}), or nullopt when the relations are acyclic. Unknown codes are shown as their number.
std::optional<std::vector<std::string>> findCycle(const model::DagData& data);

}  // namespace porpoise::engine
