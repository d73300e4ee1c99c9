#include "exchange/yaml_dag.h"

#include <algorithm>
#include <functional>
#include <set>

#include "exchange/yaml_load_error.h"
#include "util/strings.h"

namespace porpoise::exchange {

namespace {

// Depth-first search for a cycle; returns the task names along it (first == last) or empty.
std::vector<std::string> findCycle(const std::vector<std::string>& names,
                                   const std::map<std::string, std::vector<std::string>>& downstream) {
  enum class Mark { None, Active, Done };
  std::map<std::string, Mark> marks;
  std::vector<std::string> stack;
  std::vector<std::string> cycle;
  std::function<bool(const std::string&)> visit = [&](const std::string& node) {
    marks[node] = Mark::Active;
    stack.push_back(node);
    if (auto it = downstream.find(node); it != downstream.end()) {
      for (const auto& next : it->second) {
        if (marks[next] == Mark::Active) {
          cycle.assign(std::find(stack.begin(), stack.end(), next), stack.end());
          cycle.push_back(next);
          return true;
        }
        if (marks[next] == Mark::None && visit(next)) return true;
      }
    }
    stack.pop_back();
    marks[node] = Mark::Done;
    return false;
  };
  for (const auto& name : names)
    if (marks[name] == Mark::None && visit(name)) return cycle;
  return {};
}

}  // namespace

Json yamlRelation(int64_t preTaskCode, int64_t postTaskCode) {
  return {
      {"name", ""},           {"preTaskCode", preTaskCode}, {"postTaskCode", postTaskCode},     {"preTaskVersion", 1},
      {"postTaskVersion", 1}, {"conditionType", 0},         {"conditionParams", Json::object()}};
}

Json buildYamlTaskRelations(const std::vector<std::string>& taskNames, const std::map<std::string, int64_t>& codes,
                            const std::vector<YamlDagEdge>& edges, const std::string& file) {
  std::map<std::string, std::vector<std::string>> upstream;
  std::map<std::string, std::vector<std::string>> downstream;
  std::set<std::pair<std::string, std::string>> seen;
  std::map<std::pair<std::string, std::string>, const YamlDagEdge*> firstEdge;
  for (const auto& edge : edges) {
    for (const auto* name : {&edge.upstream, &edge.downstream}) {
      if (!codes.count(*name))
        throw YamlLoadError(file, edge.line, edge.key, "dependency on unknown task '" + *name + "'");
    }
    if (!seen.insert({edge.upstream, edge.downstream}).second) continue;
    firstEdge[{edge.upstream, edge.downstream}] = &edge;
    upstream[edge.downstream].push_back(edge.upstream);
    downstream[edge.upstream].push_back(edge.downstream);
  }

  auto cycle = findCycle(taskNames, downstream);
  if (!cycle.empty()) {
    const YamlDagEdge* closing = firstEdge.at({cycle[cycle.size() - 2], cycle.back()});
    throw YamlLoadError(file, closing->line, closing->key, "cycle in task dependencies: " + util::join(cycle, " -> "));
  }

  Json relations = Json::array();
  for (const auto& name : taskNames) {
    const int64_t code = codes.at(name);
    auto it = upstream.find(name);
    if (it == upstream.end()) {
      relations.push_back(yamlRelation(0, code));
      continue;
    }
    for (const auto& pre : it->second) relations.push_back(yamlRelation(codes.at(pre), code));
  }
  return relations;
}

}  // namespace porpoise::exchange
