#include "store/definition_repository.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <variant>

#include "store/definition_rows.h"
#include "store/row_time.h"
#include "util/code_generator.h"
#include "util/strings.h"

namespace porpoise::store::definitions {
namespace {

using model::DagData;
using model::TaskDefinition;
using model::TaskRelation;
using model::WorkflowDefinition;

std::string placeholders(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s;
}

std::string sel(const char* table, const char* columns, const char* extra = "") {
  return std::string("SELECT id,") + columns + extra + " FROM " + table + " ";
}

// Runs one prepared statement for many rows (preparing is most of the cost of a small insert).
void runAndReset(Statement& st) {
  st.run();
  st.reset();
}

// Writes task versions: a log row and the main row (replacing the task's previous main row).
class TaskWriter {
 public:
  explicit TaskWriter(Database& db)
      : log_(db.prepare(std::string("INSERT INTO t_task_definition_log(") + rows::kTaskColumns +
                        ",operator,operate_time) VALUES(" + placeholders(28) + ")")),
        deleteMain_(db.prepare("DELETE FROM t_task_definition WHERE code=?")),
        insertMain_(db.prepare(std::string("INSERT INTO t_task_definition(") + rows::kTaskColumns + ") VALUES(" +
                               placeholders(26) + ")")) {}

  void writeLog(const TaskDefinition& t, int operatorId, util::TimePoint now) {
    int i = rows::bindTask(log_, 1, t);
    log_.bind(i, operatorId).bind(i + 1, ms(now));
    runAndReset(log_);
  }
  void writeMain(const TaskDefinition& t) {
    removeMain(t.code);
    rows::bindTask(insertMain_, 1, t);
    runAndReset(insertMain_);
  }
  void removeMain(int64_t code) {
    deleteMain_.bind(1, code);
    runAndReset(deleteMain_);
  }

 private:
  Statement log_;
  Statement deleteMain_;
  Statement insertMain_;
};

// Runs `f(first, count)` over `codes` in slices small enough for SQLite's parameter limit.
template <typename F>
void forSlices(const std::vector<int64_t>& codes, F&& f) {
  const size_t slice = 500;
  for (size_t first = 0; first < codes.size(); first += slice) f(first, std::min(slice, codes.size() - first));
}

// Main rows of the given task codes, by code.
std::map<int64_t, TaskDefinition> mainTasks(Database& db, const std::vector<int64_t>& codes) {
  std::map<int64_t, TaskDefinition> out;
  forSlices(codes, [&](size_t first, size_t n) {
    auto st = db.prepare(sel("t_task_definition", rows::kTaskColumns) + "WHERE code IN (" +
                         placeholders(static_cast<int>(n)) + ")");
    for (size_t i = 0; i < n; ++i) st.bind(static_cast<int>(i + 1), codes[first + i]);
    while (st.step()) {
      auto t = rows::readTask(st, 1);
      out.emplace(t.code, std::move(t));
    }
  });
  return out;
}

// Highest stored version of each task code (absent: never stored).
std::map<int64_t, int> maxTaskVersions(Database& db, const std::vector<int64_t>& codes) {
  std::map<int64_t, int> out;
  forSlices(codes, [&](size_t first, size_t n) {
    auto st = db.prepare("SELECT code, MAX(version) FROM t_task_definition_log WHERE code IN (" +
                         placeholders(static_cast<int>(n)) + ") GROUP BY code");
    for (size_t i = 0; i < n; ++i) st.bind(static_cast<int>(i + 1), codes[first + i]);
    while (st.step()) out[st.getInt64(0)] = st.getInt(1);
  });
  return out;
}

void writeWorkflowLog(Database& db, const WorkflowDefinition& w, int operatorId, util::TimePoint now) {
  auto st = db.prepare(std::string("INSERT INTO t_process_definition_log(") + rows::kWorkflowColumns +
                       ",operator,operate_time) VALUES(" + placeholders(18) + ")");
  int i = rows::bindWorkflow(st, 1, w);
  st.bind(i, operatorId).bind(i + 1, ms(now));
  st.run();
}

void upsertWorkflowMain(Database& db, const WorkflowDefinition& w) {
  auto existing = db.prepare("SELECT id FROM t_process_definition WHERE code=?");
  existing.bind(1, w.code);
  if (existing.step()) {
    int64_t id = existing.getInt64(0);
    auto st = db.prepare(
        "UPDATE t_process_definition SET name=?,version=?,release_state=?,project_code=?,description=?,"
        "global_params=?,locations=?,flag=?,user_id=?,timeout=?,tenant_id=?,warning_group_id=?,execution_type=?,"
        "update_time=? WHERE id=?");
    st.bind(1, w.name).bind(2, w.version).bind(3, model::enumCode(w.releaseState)).bind(4, w.projectCode);
    st.bind(5, w.description).bind(6, w.globalParams).bind(7, w.locations).bind(8, model::enumCode(w.flag));
    st.bind(9, w.userId).bind(10, w.timeout).bind(11, w.tenantId).bind(12, w.warningGroupId);
    st.bind(13, model::enumCode(w.executionType)).bind(14, ms(w.updateTime)).bind(15, id);
    st.run();
    return;
  }
  auto st = db.prepare(std::string("INSERT INTO t_process_definition(") + rows::kWorkflowColumns + ") VALUES(" +
                       placeholders(16) + ")");
  rows::bindWorkflow(st, 1, w);
  st.run();
}

std::vector<TaskRelation> relationLog(Database& db, int64_t code, int version) {
  auto st = db.prepare(sel("t_process_task_relation_log", rows::kRelationColumns, ",operator,operate_time") +
                       "WHERE process_definition_code=? AND process_definition_version=? ORDER BY id");
  st.bind(1, code).bind(2, version);
  std::vector<TaskRelation> out;
  while (st.step()) {
    auto r = rows::readRelation(st, 1);
    r.operatorId = st.getInt(13);
    r.operateTime = timeAt(st, 14);
    out.push_back(std::move(r));
  }
  return out;
}

using RelationKey = std::tuple<int64_t, int, int64_t, int, int, std::string>;
std::multiset<RelationKey> relationSet(const std::vector<TaskRelation>& rs) {
  std::multiset<RelationKey> out;
  for (const auto& r : rs)
    out.insert({r.preTaskCode, r.preTaskVersion, r.postTaskCode, r.postTaskVersion, model::enumCode(r.conditionType),
                r.conditionParams.dump()});
  return out;
}

bool sameWorkflowFields(const WorkflowDefinition& a, const WorkflowDefinition& b) {
  return a.name == b.name && a.description == b.description && a.globalParams == b.globalParams &&
         a.locations == b.locations && a.timeout == b.timeout && a.tenantId == b.tenantId &&
         a.executionType == b.executionType && a.warningGroupId == b.warningGroupId && a.projectCode == b.projectCode;
}

std::optional<WorkflowDefinition> workflowLog(Database& db, int64_t code, int version) {
  auto st = db.prepare(sel("t_process_definition_log", rows::kWorkflowColumns, ",operator,operate_time") +
                       "WHERE code=? AND version=?");
  st.bind(1, code).bind(2, version);
  if (!st.step()) return std::nullopt;
  auto w = rows::readWorkflow(st, 1);
  w.operatorId = st.getInt(17);
  w.operateTime = timeAt(st, 18);
  return w;
}

// A WHERE clause built from the conditions in use, with their values bound in order.
class SqlFilter {
 public:
  template <typename... Values>
  void add(const std::string& condition, Values... values) {
    sql_ += (sql_.empty() ? "" : " AND ") + condition;
    (values_.push_back(Value(values)), ...);
  }
  const std::string& sql() const { return sql_; }
  // Binds the values from parameter 1; returns the next free parameter index.
  int bind(Statement& st) const {
    int i = 1;
    for (const auto& v : values_) std::visit([&](const auto& x) { st.bind(i++, x); }, v);
    return i;
  }

 private:
  using Value = std::variant<int64_t, std::string>;
  std::string sql_;
  std::vector<Value> values_;
};

const char* kRowSelect =
    "SELECT d.id,d.code,d.name,d.version,d.release_state,d.project_code,d.description,d.global_params,d.locations,"
    "d.flag,d.user_id,d.timeout,d.tenant_id,d.warning_group_id,d.execution_type,d.create_time,d.update_time,"
    "u.user_name,(SELECT ou.user_name FROM t_process_definition_log l JOIN t_user ou ON ou.id=l.operator "
    "WHERE l.code=d.code AND l.version=d.version),t.tenant_code,s.release_state "
    "FROM t_process_definition d LEFT JOIN t_user u ON u.id=d.user_id LEFT JOIN t_tenant t ON t.id=d.tenant_id "
    "LEFT JOIN t_schedule s ON s.process_definition_code=d.code ";

WorkflowRow readRow(const Statement& st) {
  WorkflowRow r;
  r.workflow = rows::readWorkflow(st, 1);
  r.userName = st.getText(17);
  r.modifyBy = st.getText(18);
  r.tenantCode = st.getText(19);
  if (!st.isNull(20)) r.scheduleReleaseState = model::enumFromCode<model::ReleaseState>(st.getInt(20));
  return r;
}

}  // namespace

std::optional<WorkflowDefinition> findWorkflow(Database& db, int64_t code) {
  auto st = db.prepare(sel("t_process_definition", rows::kWorkflowColumns) + "WHERE code=?");
  st.bind(1, code);
  if (!st.step()) return std::nullopt;
  return rows::readWorkflow(st, 1);
}

std::optional<WorkflowRow> findWorkflowRow(Database& db, int64_t code) {
  auto st = db.prepare(std::string(kRowSelect) + "WHERE d.code=?");
  st.bind(1, code);
  if (!st.step()) return std::nullopt;
  return readRow(st);
}

std::optional<WorkflowDefinition> findWorkflowByName(Database& db, int64_t projectCode, const std::string& name) {
  auto st = db.prepare(sel("t_process_definition", rows::kWorkflowColumns) + "WHERE project_code=? AND name=?");
  st.bind(1, projectCode).bind(2, name);
  if (!st.step()) return std::nullopt;
  return rows::readWorkflow(st, 1);
}

bool nameExists(Database& db, int64_t projectCode, const std::string& name, int64_t exceptCode) {
  auto st = db.prepare("SELECT 1 FROM t_process_definition WHERE project_code=? AND name=? AND code<>?");
  st.bind(1, projectCode).bind(2, name).bind(3, exceptCode);
  return st.step();
}

std::optional<DagData> loadDagVersion(Database& db, int64_t code, int version) {
  auto w = workflowLog(db, code, version);
  if (!w) return std::nullopt;
  DagData d;
  d.workflow = *w;
  d.relations = relationLog(db, code, version);
  // Every task version the relations name, in one statement.
  auto st = db.prepare(sel("t_task_definition_log", rows::kTaskColumns, ",operator,operate_time") +
                       "WHERE (code, version) IN (SELECT post_task_code, post_task_version FROM "
                       "t_process_task_relation_log WHERE process_definition_code=?1 AND process_definition_version=?2 "
                       "UNION SELECT pre_task_code, pre_task_version FROM t_process_task_relation_log WHERE "
                       "process_definition_code=?1 AND process_definition_version=?2 AND pre_task_code<>0)");
  st.bind(1, code).bind(2, version);
  std::map<std::pair<int64_t, int>, TaskDefinition> byKey;
  while (st.step()) {
    auto t = rows::readTask(st, 1);
    t.operatorId = st.getInt(27);
    t.operateTime = timeAt(st, 28);
    byKey.emplace(std::make_pair(t.code, t.version), std::move(t));
  }
  // Tasks in relation order (each relation's task, then its upstream task), each once.
  auto addTask = [&](int64_t taskCode, int taskVersion) {
    auto it = byKey.find({taskCode, taskVersion});
    if (it == byKey.end()) return;
    d.tasks.push_back(std::move(it->second));
    byKey.erase(it);
  };
  for (const auto& r : d.relations) {
    addTask(r.postTaskCode, r.postTaskVersion);
    addTask(r.preTaskCode, r.preTaskVersion);
  }
  return d;
}

std::optional<DagData> loadDag(Database& db, int64_t code) {
  auto main = findWorkflow(db, code);
  if (!main) return std::nullopt;
  auto d = loadDagVersion(db, code, main->version);
  if (!d) return std::nullopt;
  // The main row carries the live release state and ids.
  d->workflow.id = main->id;
  d->workflow.releaseState = main->releaseState;
  d->workflow.updateTime = main->updateTime;
  d->workflow.createTime = main->createTime;
  return d;
}

SaveOutcome saveDag(Database& db, DagData input, int operatorId, util::TimePoint now) {
  WorkflowDefinition& w = input.workflow;
  auto current = findWorkflow(db, w.code);
  auto currentDag = current ? loadDag(db, w.code) : std::nullopt;

  // The previous version of each task: in the current DAG, else a main row elsewhere (looked up at once).
  std::map<int64_t, const TaskDefinition*> inCurrent;
  if (currentDag)
    for (const auto& ct : currentDag->tasks) inCurrent[ct.code] = &ct;
  std::vector<int64_t> elsewhere;
  for (auto& t : input.tasks) {
    if (t.code == 0) t.code = util::nextCode();
    t.projectCode = w.projectCode;
    if (!inCurrent.count(t.code)) elsewhere.push_back(t.code);
  }
  auto mainRows = mainTasks(db, elsewhere);

  // Tasks: versions. An unchanged task keeps its version; a changed or new one gets max + 1.
  std::map<int64_t, int> savedVersion;
  std::vector<TaskDefinition*> toWrite;
  for (auto& t : input.tasks) {
    const TaskDefinition* previous = nullptr;
    if (auto it = inCurrent.find(t.code); it != inCurrent.end()) previous = it->second;
    if (auto it = mainRows.find(t.code); !previous && it != mainRows.end()) previous = &it->second;
    if (previous && previous->sameContent(t)) {
      t.version = previous->version;
      t.createTime = previous->createTime;
      t.updateTime = previous->updateTime;
      t.userId = previous->userId;
      t.id = previous->id;
    } else {
      t.createTime = previous ? previous->createTime : now;
      t.updateTime = now;
      if (t.userId == 0) t.userId = previous ? previous->userId : operatorId;
      toWrite.push_back(&t);
    }
  }
  std::vector<int64_t> changedCodes;
  for (const auto* t : toWrite) changedCodes.push_back(t->code);
  auto maxVersions = maxTaskVersions(db, changedCodes);
  for (auto* t : toWrite) t->version = (maxVersions.count(t->code) ? maxVersions[t->code] : 0) + 1;
  for (const auto& t : input.tasks) savedVersion[t.code] = t.version;

  for (auto& r : input.relations) {
    r.preTaskVersion = r.preTaskCode ? savedVersion[r.preTaskCode] : 0;
    r.postTaskVersion = savedVersion[r.postTaskCode];
    r.projectCode = w.projectCode;
    r.processDefinitionCode = w.code;
  }
  bool tasksChanged = !toWrite.empty() || (currentDag && currentDag->tasks.size() != input.tasks.size());
  bool relationsChanged = !currentDag || relationSet(currentDag->relations) != relationSet(input.relations);
  bool workflowChanged = !current || !sameWorkflowFields(*current, w);
  if (current && !tasksChanged && !relationsChanged && !workflowChanged) return {*currentDag, false};

  TaskWriter tasks(db);
  for (const auto* t : toWrite) {
    tasks.writeLog(*t, operatorId, now);
    tasks.writeMain(*t);
  }
  // Tasks dropped from the workflow lose their main row (history stays in the log).
  if (currentDag) {
    std::set<int64_t> keep;
    for (const auto& t : input.tasks) keep.insert(t.code);
    for (const auto& t : currentDag->tasks)
      if (!keep.count(t.code)) tasks.removeMain(t.code);
  }
  w.version = maxVersion(db, w.code) + 1;
  w.createTime = current ? current->createTime : now;
  w.updateTime = now;
  if (current) {
    w.userId = current->userId;
    w.releaseState = current->releaseState;
  }
  writeWorkflowLog(db, w, operatorId, now);
  upsertWorkflowMain(db, w);
  db.prepare("DELETE FROM t_process_task_relation WHERE process_definition_code=?").bind(1, w.code).run();
  auto mainRelation = db.prepare(std::string("INSERT INTO t_process_task_relation(") + rows::kRelationColumns +
                                 ") VALUES(" + placeholders(12) + ")");
  auto logRelation = db.prepare(std::string("INSERT INTO t_process_task_relation_log(") + rows::kRelationColumns +
                                ",operator,operate_time) VALUES(" + placeholders(14) + ")");
  for (auto& r : input.relations) {
    r.processDefinitionVersion = w.version;
    r.createTime = r.updateTime = now;
    rows::bindRelation(mainRelation, 1, r);
    runAndReset(mainRelation);
    int i = rows::bindRelation(logRelation, 1, r);
    logRelation.bind(i, operatorId).bind(i + 1, ms(now));
    runAndReset(logRelation);
  }
  auto saved = loadDag(db, w.code);
  return {*saved, true};
}

void setReleaseState(Database& db, int64_t code, model::ReleaseState state, util::TimePoint now) {
  db.prepare("UPDATE t_process_definition SET release_state=?, update_time=? WHERE code=?")
      .bind(1, model::enumCode(state))
      .bind(2, ms(now))
      .bind(3, code)
      .run();
}

void deleteWorkflow(Database& db, int64_t code) {
  auto tasks = db.prepare(
      "DELETE FROM t_task_definition WHERE code IN (SELECT post_task_code FROM t_process_task_relation "
      "WHERE process_definition_code=?)");
  tasks.bind(1, code).run();
  db.prepare("DELETE FROM t_process_task_relation WHERE process_definition_code=?").bind(1, code).run();
  db.prepare("DELETE FROM t_process_definition WHERE code=?").bind(1, code).run();
}

void moveWorkflow(Database& db, int64_t code, int64_t targetProject, util::TimePoint now) {
  db.prepare(
        "UPDATE t_task_definition SET project_code=?, update_time=? WHERE code IN (SELECT post_task_code FROM "
        "t_process_task_relation WHERE process_definition_code=?)")
      .bind(1, targetProject)
      .bind(2, ms(now))
      .bind(3, code)
      .run();
  db.prepare("UPDATE t_process_task_relation SET project_code=? WHERE process_definition_code=?")
      .bind(1, targetProject)
      .bind(2, code)
      .run();
  db.prepare("UPDATE t_process_definition SET project_code=?, update_time=? WHERE code=?")
      .bind(1, targetProject)
      .bind(2, ms(now))
      .bind(3, code)
      .run();
  db.prepare("UPDATE t_schedule SET project_code=? WHERE process_definition_code=?")
      .bind(1, targetProject)
      .bind(2, code)
      .run();
  // History moves along: versions are read from the log tables, and their rows name the project too.
  db.prepare("UPDATE t_process_definition_log SET project_code=? WHERE code=?")
      .bind(1, targetProject)
      .bind(2, code)
      .run();
  db.prepare("UPDATE t_process_task_relation_log SET project_code=? WHERE process_definition_code=?")
      .bind(1, targetProject)
      .bind(2, code)
      .run();
  db.prepare(
        "UPDATE t_task_definition_log SET project_code=? WHERE code IN (SELECT post_task_code FROM "
        "t_process_task_relation_log WHERE process_definition_code=?)")
      .bind(1, targetProject)
      .bind(2, code)
      .run();
}

Page<WorkflowRow> page(Database& db, int64_t projectCode, const std::string& search, int userId,
                       const PageRequest& req) {
  Page<WorkflowRow> out;
  // Only the filters in use, so that an unfiltered page walks idx_pd_project_update alone.
  SqlFilter filter;
  filter.add("x.project_code=?", projectCode);
  if (!search.empty()) {
    std::string like = "%" + util::escapeLike(search) + "%";
    filter.add("(x.name LIKE ? ESCAPE '\\' OR x.description LIKE ? ESCAPE '\\')", like, like);
  }
  if (userId != 0) filter.add("x.user_id=?", userId);
  auto count = db.prepare("SELECT COUNT(*) FROM t_process_definition x WHERE " + filter.sql());
  filter.bind(count);
  count.step();
  out.total = count.getInt64(0);
  // The page's ids first (skipping rows costs no joins), then the joined rows of those ids.
  auto st = db.prepare(std::string(kRowSelect) + "WHERE d.id IN (SELECT x.id FROM t_process_definition x WHERE " +
                       filter.sql() + " ORDER BY x.update_time DESC, x.id DESC LIMIT ? OFFSET ?) " +
                       "ORDER BY d.update_time DESC, d.id DESC");
  int next = filter.bind(st);
  st.bind(next, req.pageSize).bind(next + 1, req.offset());
  while (st.step()) out.items.push_back(readRow(st));
  return out;
}

std::vector<WorkflowDefinition> listByProject(Database& db, int64_t projectCode) {
  auto st = db.prepare(sel("t_process_definition", rows::kWorkflowColumns) + "WHERE project_code=? ORDER BY id");
  st.bind(1, projectCode);
  std::vector<WorkflowDefinition> out;
  while (st.step()) out.push_back(rows::readWorkflow(st, 1));
  return out;
}

Page<WorkflowRow> versions(Database& db, int64_t code, const PageRequest& req) {
  Page<WorkflowRow> out;
  auto count = db.prepare("SELECT COUNT(*) FROM t_process_definition_log WHERE code=?");
  count.bind(1, code);
  count.step();
  out.total = count.getInt64(0);
  std::string cols;
  for (const auto& c : util::split(rows::kWorkflowColumns, ',')) cols += ",l." + c;
  auto st = db.prepare("SELECT l.id" + cols +
                       ",l.operator,l.operate_time,u.user_name FROM t_process_definition_log l "
                       "LEFT JOIN t_user u ON u.id=l.operator WHERE l.code=? ORDER BY l.version DESC LIMIT ? OFFSET ?");
  st.bind(1, code).bind(2, req.pageSize).bind(3, req.offset());
  while (st.step()) {
    WorkflowRow r;
    r.workflow = rows::readWorkflow(st, 1);
    r.workflow.operatorId = st.getInt(17);
    r.workflow.operateTime = timeAt(st, 18);
    r.modifyBy = st.getText(19);
    out.items.push_back(std::move(r));
  }
  return out;
}

int maxVersion(Database& db, int64_t code) {
  auto st = db.prepare("SELECT COALESCE(MAX(version),0) FROM t_process_definition_log WHERE code=?");
  st.bind(1, code);
  st.step();
  return st.getInt(0);
}

bool switchVersion(Database& db, int64_t code, int version, util::TimePoint now) {
  auto target = loadDagVersion(db, code, version);
  auto main = findWorkflow(db, code);
  if (!target || !main) return false;
  auto current = loadDag(db, code);
  WorkflowDefinition w = target->workflow;
  w.releaseState = main->releaseState;
  w.updateTime = now;
  upsertWorkflowMain(db, w);
  db.prepare("DELETE FROM t_process_task_relation WHERE process_definition_code=?").bind(1, code).run();
  auto insert = db.prepare(std::string("INSERT INTO t_process_task_relation(") + rows::kRelationColumns + ") VALUES(" +
                           placeholders(12) + ")");
  for (const auto& r : target->relations) {
    rows::bindRelation(insert, 1, r);
    runAndReset(insert);
  }
  // The main task table mirrors the target version: tasks only later versions have lose their main row.
  std::set<int64_t> keep;
  for (const auto& t : target->tasks) keep.insert(t.code);
  TaskWriter tasks(db);
  if (current)
    for (const auto& t : current->tasks)
      if (!keep.count(t.code)) tasks.removeMain(t.code);
  for (const auto& t : target->tasks) tasks.writeMain(t);
  return true;
}

void deleteVersion(Database& db, int64_t code, int version) {
  db.prepare("DELETE FROM t_process_definition_log WHERE code=? AND version=?").bind(1, code).bind(2, version).run();
  db.prepare("DELETE FROM t_process_task_relation_log WHERE process_definition_code=? AND process_definition_version=?")
      .bind(1, code)
      .bind(2, version)
      .run();
}

std::optional<TaskDefinition> findTask(Database& db, int64_t code) {
  auto st = db.prepare(sel("t_task_definition", rows::kTaskColumns) + "WHERE code=?");
  st.bind(1, code);
  if (!st.step()) return std::nullopt;
  return rows::readTask(st, 1);
}

std::optional<int64_t> workflowOfTask(Database& db, int64_t taskCode) {
  auto st = db.prepare("SELECT process_definition_code FROM t_process_task_relation WHERE post_task_code=? LIMIT 1");
  st.bind(1, taskCode);
  if (!st.step()) return std::nullopt;
  return st.getInt64(0);
}

Page<TaskRow> taskPage(Database& db, int64_t projectCode, const std::string& workflowName, const std::string& taskName,
                       const std::string& taskType, std::optional<model::TaskExecuteType> executeType,
                       const PageRequest& req) {
  Page<TaskRow> out;
  // Main task rows are exactly the tasks of the current workflow versions; the workflow is joined
  // only when its name filters, and for the rows of the page.
  SqlFilter filter;
  filter.add("x.project_code=?", projectCode);
  if (executeType) filter.add("x.task_execute_type=?", model::enumCode(*executeType));
  if (!taskType.empty()) filter.add("x.task_type=?", taskType);
  if (!taskName.empty()) filter.add("x.name LIKE ? ESCAPE '\\'", "%" + util::escapeLike(taskName) + "%");
  if (!workflowName.empty())
    filter.add(
        "EXISTS (SELECT 1 FROM t_process_task_relation r JOIN t_process_definition d ON "
        "d.code=r.process_definition_code WHERE r.post_task_code=x.code AND d.name LIKE ? ESCAPE '\\')",
        "%" + util::escapeLike(workflowName) + "%");
  auto count = db.prepare("SELECT COUNT(*) FROM t_task_definition x WHERE " + filter.sql());
  filter.bind(count);
  count.step();
  out.total = count.getInt64(0);
  std::string cols;
  for (const auto& c : util::split(rows::kTaskColumns, ',')) cols += ",t." + c;
  auto st = db.prepare("SELECT t.id" + cols +
                       ",d.code,d.name FROM t_task_definition t LEFT JOIN t_process_definition d ON d.code=(SELECT "
                       "process_definition_code FROM t_process_task_relation WHERE post_task_code=t.code LIMIT 1) "
                       "WHERE t.id IN (SELECT x.id FROM t_task_definition x WHERE " +
                       filter.sql() + " ORDER BY x.update_time DESC, x.id DESC LIMIT ? OFFSET ?) " +
                       "ORDER BY t.update_time DESC, t.id DESC");
  int next = filter.bind(st);
  st.bind(next, req.pageSize).bind(next + 1, req.offset());
  std::map<int64_t, size_t> indexByCode;
  while (st.step()) {
    TaskRow r;
    r.task = rows::readTask(st, 1);
    r.workflowCode = st.getInt64(27);
    r.workflowName = st.getText(28);
    indexByCode[r.task.code] = out.items.size();
    out.items.push_back(std::move(r));
  }
  if (out.items.empty()) return out;
  // Upstream tasks of the whole page in one statement.
  auto up = db.prepare(
      "SELECT post_task_code, pre_task_code FROM t_process_task_relation WHERE pre_task_code<>0 AND "
      "post_task_code IN (" +
      placeholders(static_cast<int>(out.items.size())) + ") ORDER BY id");
  int i = 1;
  for (const auto& r : out.items) up.bind(i++, r.task.code);
  while (up.step()) out.items[indexByCode.at(up.getInt64(0))].upstreamCodes.push_back(up.getInt64(1));
  return out;
}

Page<TaskDefinition> taskVersions(Database& db, int64_t taskCode, const PageRequest& req) {
  Page<TaskDefinition> out;
  auto count = db.prepare("SELECT COUNT(*) FROM t_task_definition_log WHERE code=?");
  count.bind(1, taskCode);
  count.step();
  out.total = count.getInt64(0);
  auto st = db.prepare(sel("t_task_definition_log", rows::kTaskColumns, ",operator,operate_time") +
                       "WHERE code=? ORDER BY version DESC LIMIT ? OFFSET ?");
  st.bind(1, taskCode).bind(2, req.pageSize).bind(3, req.offset());
  while (st.step()) {
    auto t = rows::readTask(st, 1);
    t.operatorId = st.getInt(27);
    t.operateTime = timeAt(st, 28);
    out.items.push_back(std::move(t));
  }
  return out;
}

std::vector<std::string> referencesTo(Database& db, int64_t workflowCode) {
  std::vector<std::string> out;
  auto st = db.prepare(
      "SELECT d.name, t.name, t.task_params FROM t_task_definition t JOIN t_process_task_relation r ON "
      "r.post_task_code=t.code JOIN t_process_definition d ON d.code=r.process_definition_code WHERE "
      "t.task_type IN ('SUB_PROCESS','SUB_WORKFLOW','DEPENDENT') AND d.code<>? AND t.task_params LIKE ?");
  st.bind(1, workflowCode).bind(2, "%" + std::to_string(workflowCode) + "%");
  while (st.step()) {
    auto params = model::Json::parse(st.getText(2), nullptr, false);
    bool refers = false;
    auto matches = [&](const model::Json& v) {
      return (v.is_number_integer() && v.get<int64_t>() == workflowCode) ||
             (v.is_string() && v.get<std::string>() == std::to_string(workflowCode));
    };
    for (const char* key : {"processDefinitionCode", "workflowDefinitionCode"})
      if (params.is_object() && params.contains(key) && matches(params[key])) refers = true;
    if (params.is_object() && params.contains("dependence")) {
      for (const auto& group : params["dependence"].value("dependTaskList", model::Json::array()))
        for (const auto& item : group.value("dependItemList", model::Json::array()))
          if (item.contains("definitionCode") && matches(item["definitionCode"])) refers = true;
    }
    if (refers) out.push_back(st.getText(0) + "." + st.getText(1));
  }
  return out;
}

}  // namespace porpoise::store::definitions

namespace porpoise::store::definitions {

int countUnfinishedInstances(Database& db, int64_t workflowCode) {
  auto st = db.prepare(
      "SELECT COUNT(*) FROM t_process_instance WHERE process_definition_code=? AND state IN (0,1,2,4,12,14,15)");
  st.bind(1, workflowCode);
  st.step();
  return st.getInt(0);
}

std::optional<int> offlineScheduleOf(Database& db, int64_t workflowCode) {
  auto st = db.prepare("SELECT id FROM t_schedule WHERE process_definition_code=? AND release_state=1");
  st.bind(1, workflowCode);
  if (!st.step()) return std::nullopt;
  int id = st.getInt(0);
  db.prepare("UPDATE t_schedule SET release_state=0 WHERE id=?").bind(1, id).run();
  return id;
}

std::optional<model::ReleaseState> scheduleStateOf(Database& db, int64_t workflowCode) {
  auto st = db.prepare("SELECT release_state FROM t_schedule WHERE process_definition_code=?");
  st.bind(1, workflowCode);
  if (!st.step()) return std::nullopt;
  return model::enumFromCode<model::ReleaseState>(st.getInt(0));
}

void deleteScheduleOf(Database& db, int64_t workflowCode) {
  db.prepare("DELETE FROM t_schedule WHERE process_definition_code=?").bind(1, workflowCode).run();
}

}  // namespace porpoise::store::definitions
