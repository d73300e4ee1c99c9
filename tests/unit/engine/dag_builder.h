// Test helper: builds a model::DagData from tasks and edges.
//
// Contract: task() adds a task definition (SHELL unless told) and returns it for further tweaks;
// edge(a, b) adds a relation a -> b. build() adds a root relation (preTaskCode 0) for every task that
// has no incoming edge, so every task is part of the DAG.
#pragma once

#include <set>
#include <string>

#include "model/definition.h"

namespace porpoise::engine::testing {

class DagBuilder {
 public:
  explicit DagBuilder(int64_t workflowCode = 9000, const std::string& name = "wf", int version = 1) {
    data_.workflow.code = workflowCode;
    data_.workflow.name = name;
    data_.workflow.version = version;
    data_.workflow.projectCode = 1;
    data_.workflow.releaseState = model::ReleaseState::ONLINE;
  }

  model::TaskDefinition& task(int64_t code, const std::string& name, const std::string& type = "SHELL") {
    model::TaskDefinition t;
    t.code = code;
    t.name = name;
    t.taskType = type;
    t.version = 1;
    t.projectCode = 1;
    t.failRetryInterval = 0;
    t.taskParams = {{"localParams", nlohmann::json::array()}, {"rawScript", "echo " + name}};
    data_.tasks.push_back(t);
    return data_.tasks.back();
  }

  model::TaskDefinition& get(int64_t code) {
    for (auto& t : data_.tasks)
      if (t.code == code) return t;
    throw std::out_of_range("no task " + std::to_string(code));
  }

  DagBuilder& edge(int64_t from, int64_t to) {
    model::TaskRelation r;
    r.preTaskCode = from;
    r.postTaskCode = to;
    r.processDefinitionCode = data_.workflow.code;
    data_.relations.push_back(r);
    return *this;
  }

  model::WorkflowDefinition& workflow() { return data_.workflow; }

  model::DagData build() const {
    model::DagData out = data_;
    std::set<int64_t> hasIncoming;
    for (const auto& r : out.relations) hasIncoming.insert(r.postTaskCode);
    for (const auto& t : out.tasks)
      if (!hasIncoming.count(t.code)) {
        model::TaskRelation r;
        r.preTaskCode = 0;
        r.postTaskCode = t.code;
        r.processDefinitionCode = out.workflow.code;
        out.relations.push_back(r);
      }
    return out;
  }

 private:
  model::DagData data_;
};

}  // namespace porpoise::engine::testing
