// /log: task log detail (paged by lines) and download (spec ds-api.md §3.11), and the home-page
// counts of /projects/analysis.
#include <fstream>
#include <sstream>

#include "api/project_access.h"
#include "api/routes.h"
#include "store/instance_repository.h"
#include "store/project_repository.h"

namespace porpoise::api {
namespace {

constexpr size_t kMaxLineBytes = 65535;

model::TaskInstance requireTaskInstance(Call& call, std::optional<int64_t> projectCode) {
  int64_t id = call.params.requiredInt64("taskInstanceId");
  return call.ctx.store.read([&](store::Database& db) {
    auto t = store::instances::findTask(db, id);
    if (!t) throw ApiError(Status::TASK_INSTANCE_NOT_FOUND);
    auto w = store::instances::findWorkflow(db, t->processInstanceId);
    int64_t pc = w ? w->projectCode : 0;
    if (projectCode && pc != *projectCode) throw ApiError(Status::TASK_INSTANCE_NOT_FOUND);
    requireProject(call, db, pc);
    return *t;
  });
}

// Lines [skip, skip+limit) of the log; each is terminated by "\r\n" as DolphinScheduler sends them.
std::pair<std::string, int> readLines(const std::string& path, int skip, int limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {"", 0};
  std::string line, out;
  int index = 0, taken = 0;
  while (taken < limit && std::getline(in, line)) {
    if (index++ < skip) continue;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > kMaxLineBytes) line = line.substr(0, kMaxLineBytes) + " [line truncated]";
    out += line + "\r\n";
    ++taken;
  }
  return {out, taken};
}

Json logDetail(Call& call, std::optional<int64_t> projectCode, bool messageOnly) {
  auto task = requireTaskInstance(call, projectCode);
  int skip = call.params.optInt("skipLineNum", 0);
  int limit = call.params.optInt("limit", 1000);
  if (skip < 0) throw ApiError(Status::REQUEST_PARAMS_NOT_VALID_ERROR, {"skipLineNum"});
  if (limit <= 0) throw ApiError(Status::REQUEST_PARAMS_NOT_VALID_ERROR, {"limit"});
  if (task.host.empty() && task.logPath.empty()) throw ApiError(Status::TASK_INSTANCE_HOST_IS_NULL);
  auto [text, count] = readLines(task.logPath, skip, limit);
  if (skip == 0 && count > 0)
    text = "[LOG-PATH]: " + task.logPath + ", [HOST]:  Host{address='" + task.host + "'}\r\n" + text;
  if (messageOnly) return text;
  return {{"lineNum", count}, {"message", text}};
}

http::Response download(Call& call, std::optional<int64_t> projectCode) {
  auto task = requireTaskInstance(call, projectCode);
  std::ifstream in(task.logPath, std::ios::binary);
  std::ostringstream body;
  if (in) body << in.rdbuf();
  http::Response r;
  r.contentType = "application/octet-stream";
  r.body = body.str();
  r.headers.push_back({"Content-Disposition", "attachment; filename=\"" + std::to_string(util::toEpochMillis(util::now())) + ".log\""});
  return r;
}

std::optional<util::TimePoint> optDate(Call& call, const std::string& name) {
  auto raw = call.params.maybe(name);
  if (!raw) return std::nullopt;
  auto t = util::parseDateTime(*raw, call.zone);
  if (!t) throw ApiError(Status::REQUEST_PARAMS_NOT_VALID_ERROR, {name});
  return t;
}

template <typename E>
Json stateCounts(const std::vector<std::pair<int, int64_t>>& counts, const char* key) {
  Json list = Json::array();
  int64_t total = 0;
  for (const auto& [value, name] : model::EnumTable<E>::entries) {
    int64_t n = 0;
    for (const auto& [code, c] : counts)
      if (code == name.second) n = c;
    total += n;
    list.push_back({{key, std::string(name.first)}, {"count", n}});
  }
  (void)total;
  return {{"totalCount", total}, {"taskCountDtos", list}};
}

}  // namespace

void registerLogRoutes(ApiServer& api) {
  api.route("GET", "/log/detail", Status::QUERY_TASK_INSTANCE_LOG_ERROR,
            [](Call& call) { return logDetail(call, std::nullopt, false); });
  api.route("GET", "/log/{pc}/detail", Status::QUERY_TASK_INSTANCE_LOG_ERROR,
            [](Call& call) { return logDetail(call, projectCodeFromPath(call), true); });
  api.rawRoute("GET", "/log/download-log", Status::QUERY_TASK_INSTANCE_LOG_ERROR,
               [](Call& call) { return download(call, std::nullopt); });
  api.rawRoute("GET", "/log/{pc}/download-log", Status::QUERY_TASK_INSTANCE_LOG_ERROR,
               [](Call& call) { return download(call, projectCodeFromPath(call)); });

  auto counts = [](bool tasks) {
    return [tasks](Call& call) {
      int64_t pc = call.params.optInt64("projectCode", 0);
      auto from = optDate(call, "startDate");
      auto to = optDate(call, "endDate");
      return call.ctx.store.read([&](store::Database& db) {
        if (pc) requireProject(call, db, pc);
        int visibleTo = call.isAdmin() ? 0 : call.user.id;
        if (tasks)
          return stateCounts<model::TaskState>(store::instances::countTaskStates(db, pc, visibleTo, from, to), "taskStateType");
        return stateCounts<model::WorkflowState>(store::instances::countWorkflowStates(db, pc, visibleTo, from, to),
                                                 "taskStateType");
      });
    };
  };
  api.route("GET", "/projects/analysis/task-state-count", Status::REQUEST_PARAMS_NOT_VALID_ERROR, counts(true));
  api.route("GET", "/projects/analysis/process-state-count", Status::REQUEST_PARAMS_NOT_VALID_ERROR, counts(false));
  api.route("GET", "/projects/analysis/define-user-count", Status::REQUEST_PARAMS_NOT_VALID_ERROR, [](Call& call) {
    int64_t pc = call.params.optInt64("projectCode", 0);
    return call.ctx.store.read([&](store::Database& db) {
      if (pc) requireProject(call, db, pc);
      auto st = db.prepare(
          "SELECT u.user_name, d.user_id, COUNT(*) FROM t_process_definition d LEFT JOIN t_user u ON u.id=d.user_id "
          "WHERE (?=0 OR d.project_code=?) GROUP BY d.user_id ORDER BY COUNT(*) DESC");
      st.bind(1, pc).bind(2, pc);
      Json users = Json::array();
      int64_t total = 0;
      while (st.step()) {
        users.push_back({{"userName", st.getText(0)}, {"userId", st.getInt(1)}, {"count", st.getInt64(2)}});
        total += st.getInt64(2);
      }
      return Json{{"count", total}, {"userList", users}};
    });
  });
}

}  // namespace porpoise::api
