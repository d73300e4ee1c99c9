#include "engine/dag.h"

#include <algorithm>
#include <map>
#include <set>

namespace porpoise::engine {

namespace {

// Adjacency by code, shared by build() and findCycle().
struct CodeGraph {
  std::vector<int64_t> nodes;  // first-appearance order
  std::map<int64_t, std::vector<int64_t>> successors;
};

CodeGraph codeGraph(const model::DagData& data) {
  CodeGraph g;
  std::set<int64_t> seen;
  std::set<std::pair<int64_t, int64_t>> edges;
  auto addNode = [&](int64_t code) {
    if (seen.insert(code).second) g.nodes.push_back(code);
  };
  for (const auto& r : data.relations) {
    if (r.preTaskCode != 0) addNode(r.preTaskCode);
    if (r.postTaskCode != 0) addNode(r.postTaskCode);
    if (r.preTaskCode != 0 && r.postTaskCode != 0 && edges.insert({r.preTaskCode, r.postTaskCode}).second)
      g.successors[r.preTaskCode].push_back(r.postTaskCode);
  }
  return g;
}

std::string taskName(const model::DagData& data, int64_t code) {
  for (const auto& t : data.tasks)
    if (t.code == code) return t.name;
  return std::to_string(code);
}

// Iterative three-colour DFS; returns the codes of one cycle (first code repeated last) if any.
std::optional<std::vector<int64_t>> cycleCodes(const CodeGraph& g) {
  enum Colour { White, Grey, Black };
  std::map<int64_t, Colour> colour;
  for (int64_t n : g.nodes) colour[n] = White;
  static const std::vector<int64_t> none;
  auto succ = [&](int64_t n) -> const std::vector<int64_t>& {
    auto it = g.successors.find(n);
    return it == g.successors.end() ? none : it->second;
  };
  for (int64_t start : g.nodes) {
    if (colour[start] != White) continue;
    std::vector<std::pair<int64_t, size_t>> stack{{start, 0}};
    colour[start] = Grey;
    while (!stack.empty()) {
      auto& [node, next] = stack.back();
      const auto& out = succ(node);
      if (next == out.size()) {
        colour[node] = Black;
        stack.pop_back();
        continue;
      }
      int64_t child = out[next++];
      if (colour[child] == Grey) {
        std::vector<int64_t> cycle;
        auto from = std::find_if(stack.begin(), stack.end(), [&](const auto& e) { return e.first == child; });
        for (auto it = from; it != stack.end(); ++it) cycle.push_back(it->first);
        cycle.push_back(child);
        return cycle;
      }
      if (colour[child] == White) {
        colour[child] = Grey;
        stack.push_back({child, 0});
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<std::string>> findCycle(const model::DagData& data) {
  auto cycle = cycleCodes(codeGraph(data));
  if (!cycle) return std::nullopt;
  std::vector<std::string> names;
  for (int64_t code : *cycle) names.push_back(taskName(data, code));
  return names;
}

Dag Dag::build(const model::DagData& data) {
  for (const auto& r : data.relations)
    if (r.postTaskCode == 0)
      throw DagError(DagError::Kind::ZeroPostTask,
                     "a task relation has postTaskCode 0 (preTaskCode " + std::to_string(r.preTaskCode) + ")");
  CodeGraph g = codeGraph(data);
  std::map<int64_t, const model::TaskDefinition*> taskByCode;
  for (const auto& t : data.tasks) taskByCode[t.code] = &t;
  for (int64_t code : g.nodes)
    if (!taskByCode.count(code))
      throw DagError(DagError::Kind::UnknownTask,
                     "a task relation refers to task code " + std::to_string(code) + ", which is not defined");
  if (auto cycle = cycleCodes(g)) {
    std::string text;
    for (int64_t code : *cycle) text += (text.empty() ? "" : " -> ") + taskByCode[code]->name;
    throw DagError(DagError::Kind::Cycle, "the workflow has a cycle: " + text);
  }

  // Kahn's algorithm; ties broken by first appearance so numbering is stable for a given DagData.
  std::map<int64_t, size_t> appearance;
  for (size_t i = 0; i < g.nodes.size(); ++i) appearance[g.nodes[i]] = i;
  std::map<int64_t, int> indegree;
  for (int64_t n : g.nodes) indegree[n] = 0;
  for (const auto& [from, outs] : g.successors)
    for (int64_t to : outs) ++indegree[to];
  std::set<std::pair<size_t, int64_t>> ready;
  for (int64_t n : g.nodes)
    if (indegree[n] == 0) ready.insert({appearance[n], n});

  Dag dag;
  while (!ready.empty()) {
    int64_t n = ready.begin()->second;
    ready.erase(ready.begin());
    dag.indexByCode_[n] = dag.codes_.size();
    dag.codes_.push_back(n);
    dag.tasks_.push_back(*taskByCode[n]);
    auto it = g.successors.find(n);
    if (it == g.successors.end()) continue;
    for (int64_t to : it->second)
      if (--indegree[to] == 0) ready.insert({appearance[to], to});
  }
  dag.successors_.resize(dag.codes_.size());
  dag.predecessors_.resize(dag.codes_.size());
  for (const auto& [from, outs] : g.successors)
    for (int64_t to : outs) {
      size_t a = dag.indexByCode_[from], b = dag.indexByCode_[to];
      dag.successors_[a].push_back(b);
      dag.predecessors_[b].push_back(a);
    }
  for (auto& v : dag.successors_) std::sort(v.begin(), v.end());
  for (auto& v : dag.predecessors_) std::sort(v.begin(), v.end());
  return dag;
}

std::optional<size_t> Dag::indexOf(int64_t code) const {
  auto it = indexByCode_.find(code);
  if (it == indexByCode_.end()) return std::nullopt;
  return it->second;
}

std::vector<int64_t> Dag::roots() const {
  std::vector<int64_t> out;
  for (size_t i = 0; i < size(); ++i)
    if (predecessors_[i].empty()) out.push_back(codes_[i]);
  return out;
}

std::vector<bool> Dag::withDescendants(const std::vector<size_t>& indices) const {
  std::vector<bool> in(size(), false);
  for (size_t i : indices) in[i] = true;
  for (size_t i = 0; i < size(); ++i)  // topological order: predecessors are decided first
    if (!in[i])
      for (size_t p : predecessors_[i])
        if (in[p]) {
          in[i] = true;
          break;
        }
  return in;
}

std::vector<bool> Dag::withAncestors(const std::vector<size_t>& indices) const {
  std::vector<bool> in(size(), false);
  for (size_t i : indices) in[i] = true;
  for (size_t k = size(); k-- > 0;)
    if (!in[k])
      for (size_t s : successors_[k])
        if (in[s]) {
          in[k] = true;
          break;
        }
  return in;
}

}  // namespace porpoise::engine
