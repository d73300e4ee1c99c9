#include "engine/start_nodes.h"

#include <stdexcept>
#include <string>

namespace porpoise::engine {

std::vector<bool> selectRunNodes(const Dag& dag, const std::vector<int64_t>& startNodes,
                                 model::TaskDependType dependType) {
  if (startNodes.empty()) {
    if (dependType != model::TaskDependType::TASK_POST)
      throw std::invalid_argument("taskDependType " + model::enumName(dependType) + " needs a non-empty startNodeList");
    return std::vector<bool>(dag.size(), true);
  }
  std::vector<size_t> indices;
  for (int64_t code : startNodes) {
    auto index = dag.indexOf(code);
    if (!index) throw std::invalid_argument("start node " + std::to_string(code) + " is not a task of this workflow");
    indices.push_back(*index);
  }
  switch (dependType) {
    case model::TaskDependType::TASK_POST:
      return dag.withDescendants(indices);
    case model::TaskDependType::TASK_PRE:
      return dag.withAncestors(indices);
    case model::TaskDependType::TASK_ONLY:
      break;
  }
  std::vector<bool> in(dag.size(), false);
  for (size_t i : indices) in[i] = true;
  return in;
}

}  // namespace porpoise::engine
