// Which tasks of a DAG one run covers (spec ds-tasks.md §6.4, startNodeList + taskDependType).
//
// Contract: selectRunNodes returns one flag per DAG node (by index):
//  - empty startNodes with TASK_POST: every node;
//  - TASK_POST: the start nodes and all their descendants;
//  - TASK_PRE: the start nodes and all their ancestors;
//  - TASK_ONLY: just the start nodes.
// Throws std::invalid_argument naming the problem for an unknown start code, or an empty start list
// with TASK_ONLY / TASK_PRE. Edges between a selected and an unselected node are ignored by the run,
// so a selected node whose predecessors were not selected behaves as a root.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/dag.h"
#include "model/enums.h"

namespace porpoise::engine {

std::vector<bool> selectRunNodes(const Dag& dag, const std::vector<int64_t>& startNodes,
                                 model::TaskDependType dependType);

}  // namespace porpoise::engine
