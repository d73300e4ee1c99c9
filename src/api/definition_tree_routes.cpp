#include "api/definition_tree_routes.h"

#include <deque>
#include <map>
#include <set>

#include "api/definition_service.h"
#include "api/project_access.h"
#include "engine/dag.h"
#include "model/lenient_json.h"
#include "store/row_time.h"

namespace porpoise::api {
namespace {

struct Run {
  int64_t id = 0;
  std::string name;
  int state = 0;
  std::optional<util::TimePoint> start, end;
  std::string host;
};

struct TaskRun {
  int64_t id = 0;
  std::string name, type, host;
  int64_t code = 0;
  int state = 0;
  std::optional<util::TimePoint> start, end;
};

Json instanceJson(Call& call, int64_t id, const std::string& name, int64_t code, const std::string& type,
                  const std::string& state, std::optional<util::TimePoint> start, std::optional<util::TimePoint> end,
                  const std::string& host, int64_t subflowCode) {
  auto time = [&](std::optional<util::TimePoint> t) { return t ? Json(call.fmt(*t)) : Json(nullptr); };
  auto until = end ? *end : util::now();
  std::string duration = start ? util::formatDuration(until - *start) : "";
  return {{"id", id},
          {"name", name},
          {"code", code},
          {"type", type},
          {"state", state},
          {"startTime", time(start)},
          {"endTime", time(end)},
          {"host", host},
          {"duration", duration},
          {"subflowCode", subflowCode}};
}

std::vector<Run> recentRuns(store::Database& db, int64_t code, int limit) {
  auto st = db.prepare(
      "SELECT id, name, state, start_time, end_time, host FROM t_process_instance WHERE process_definition_code=? "
      "ORDER BY start_time DESC, id DESC LIMIT ?");
  st.bind(1, code).bind(2, limit);
  std::vector<Run> out;
  while (st.step())
    out.push_back(
        {st.getInt64(0), st.getText(1), st.getInt(2), store::optTimeAt(st, 3), store::optTimeAt(st, 4), st.getText(5)});
  return out;
}

// The valid task instances of the runs, by (run id, task code); the latest attempt wins.
std::map<std::pair<int64_t, int64_t>, TaskRun> taskRuns(store::Database& db, const std::vector<Run>& runs) {
  std::map<std::pair<int64_t, int64_t>, TaskRun> out;
  if (runs.empty()) return out;
  std::string marks;
  for (size_t i = 0; i < runs.size(); ++i) marks += i ? ",?" : "?";
  auto st = db.prepare(
      "SELECT id, name, task_type, task_code, state, start_time, end_time, host, process_instance_id FROM "
      "t_task_instance WHERE flag=1 AND process_instance_id IN (" +
      marks + ") ORDER BY id");
  for (size_t i = 0; i < runs.size(); ++i) st.bind(static_cast<int>(i + 1), runs[i].id);
  while (st.step()) {
    TaskRun t{st.getInt64(0), st.getText(1), st.getText(2),           st.getText(7),
              st.getInt64(3), st.getInt(4),  store::optTimeAt(st, 5), store::optTimeAt(st, 6)};
    out[{st.getInt64(8), t.code}] = t;
  }
  return out;
}

Json viewTree(Call& call, store::Database& db, int64_t pc, int64_t code, int limit) {
  auto dag = requireDag(db, pc, code);
  auto runs = recentRuns(db, code, limit);
  auto tasks = taskRuns(db, runs);
  Json root = {{"name", "DAG"}, {"type", ""}, {"code", 0}, {"instances", Json::array()}, {"children", Json::array()}};
  for (const auto& r : runs) {
    auto state = model::enumFromCode<model::WorkflowState>(r.state);
    root["instances"].push_back(
        instanceJson(call, r.id, r.name, code, "", state ? model::enumName(*state) : "", r.start, r.end, r.host, 0));
  }
  auto graph = engine::Dag::build(dag);
  auto nodeJson = [&](size_t index) {
    const auto& t = graph.task(index);
    int64_t subflow = 0;
    if (t.taskType == "SUB_PROCESS" || t.taskType == "SUB_WORKFLOW") {
      try {
        subflow = model::lenientInt64(
            t.taskParams,
            t.taskParams.contains("workflowDefinitionCode") ? "workflowDefinitionCode" : "processDefinitionCode", 0);
      } catch (const std::exception&) {
      }
    }
    Json node = {{"name", t.name},
                 {"type", t.taskType},
                 {"code", t.code},
                 {"instances", Json::array()},
                 {"children", Json::array()}};
    for (const auto& r : runs) {
      auto it = tasks.find({r.id, t.code});
      if (it == tasks.end()) {
        node["instances"].push_back(
            instanceJson(call, -1, "not running", 0, "null", "", std::nullopt, std::nullopt, "", 0));
        continue;
      }
      const auto& ti = it->second;
      auto state = model::enumFromCode<model::TaskState>(ti.state);
      node["instances"].push_back(instanceJson(call, ti.id, ti.name, ti.code, ti.type,
                                               state ? model::enumName(*state) : "", ti.start, ti.end, ti.host,
                                               subflow));
    }
    return node;
  };
  // Breadth first: each task under the first parent that reaches it. Children are filled in after
  // their parents are placed, so nodes are built bottom-up from the recorded placement.
  std::vector<std::vector<size_t>> childrenOf(graph.size());
  std::vector<size_t> roots;
  std::vector<bool> placed(graph.size(), false);
  std::deque<size_t> queue;
  for (size_t i = 0; i < graph.size(); ++i)
    if (graph.predecessors(i).empty()) {
      roots.push_back(i);
      placed[i] = true;
      queue.push_back(i);
    }
  while (!queue.empty()) {
    size_t i = queue.front();
    queue.pop_front();
    for (size_t next : graph.successors(i))
      if (!placed[next]) {
        placed[next] = true;
        childrenOf[i].push_back(next);
        queue.push_back(next);
      }
  }
  std::function<Json(size_t)> build = [&](size_t i) {
    Json node = nodeJson(i);
    for (size_t c : childrenOf[i]) node["children"].push_back(build(c));
    return node;
  };
  for (size_t r : roots) root["children"].push_back(build(r));
  return root;
}

}  // namespace

void registerDefinitionTreeRoutes(ApiServer& api) {
  api.route("GET", "/projects/{pc}/process-definition/{code}/view-tree", Status::REQUEST_PARAMS_NOT_VALID_ERROR,
            [](Call& call) {
              int64_t pc = projectCodeFromPath(call);
              auto code = util::parseInt64(call.req.pathParam("code"));
              if (!code) throw ApiError(Status::PROCESS_DEFINE_NOT_EXIST, {call.req.pathParam("code")});
              int limit = call.params.requiredInt("limit");
              if (limit < 1 || limit > 100)
                throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR,
                                            "request parameter limit is not valid: it must be 1 to 100");
              return call.ctx.store.read([&](store::Database& db) {
                requireProject(call, db, pc);
                return viewTree(call, db, pc, *code, limit);
              });
            });
}

}  // namespace porpoise::api
