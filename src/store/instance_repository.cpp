#include "store/instance_repository.h"

#include "store/row_time.h"
#include "util/strings.h"

namespace porpoise::store::instances {
namespace {

const char* kWorkflowColumns =
    "name,project_code,process_definition_code,process_definition_version,state,state_history,recovery,start_time,"
    "end_time,run_times,host,command_type,command_param,task_depend_type,max_try_times,failure_strategy,warning_type,"
    "warning_group_id,schedule_time,command_start_time,global_params,executor_id,is_sub_process,history_cmd,"
    "process_instance_priority,worker_group,environment_code,timeout,tenant_id,tenant_code,var_pool,dry_run,"
    "restart_time,parent_instance_id,parent_task_instance_id";
constexpr int kWorkflowColumnCount = 35;

const char* kTaskColumns =
    "name,task_type,process_instance_id,task_code,task_definition_version,state,first_submit_time,submit_time,"
    "start_time,end_time,host,execute_path,log_path,retry_times,alert_flag,pid,app_link,flag,max_retry_times,"
    "retry_interval,task_instance_priority,worker_group,environment_code,environment_config,executor_id,var_pool,"
    "delay_time,task_params,dry_run,task_group_id,cpu_quota,memory_max,task_execute_type,skip_reason";
constexpr int kTaskColumnCount = 34;

std::string placeholders(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s;
}

std::string assignments(const char* columns) {
  std::string out;
  for (const auto& c : util::split(columns, ',')) out += (out.empty() ? "" : ",") + c + "=?";
  return out;
}

std::string prefixed(const char* columns, const std::string& alias) {
  std::string out;
  for (const auto& c : util::split(columns, ',')) out += "," + alias + "." + c;
  return out;
}

template <typename E>
E enumAt(const Statement& st, int col, E fallback) {
  return model::enumFromCode<E>(st.getInt(col)).value_or(fallback);
}

int bindWorkflow(Statement& st, const model::WorkflowInstance& w) {
  int i = 1;
  auto b = [&](const auto& v) { st.bind(i++, v); };
  b(w.name); b(w.projectCode); b(w.processDefinitionCode); b(w.processDefinitionVersion);
  b(model::enumCode(w.state)); b(w.stateHistory); b(model::enumCode(w.recovery)); b(ms(w.startTime));
  b(ms(w.endTime)); b(w.runTimes); b(w.host); b(model::enumCode(w.commandType)); b(w.commandParam);
  b(model::enumCode(w.taskDependType)); b(w.maxTryTimes); b(model::enumCode(w.failureStrategy));
  b(model::enumCode(w.warningType)); b(w.warningGroupId); b(ms(w.scheduleTime)); b(ms(w.commandStartTime));
  b(w.globalParams); b(w.executorId); b(model::enumCode(w.isSubProcess)); b(w.historyCmd);
  b(model::enumCode(w.processInstancePriority)); b(w.workerGroup); b(w.environmentCode); b(w.timeout);
  b(w.tenantId); b(w.tenantCode); b(w.varPool); b(w.dryRun); b(ms(w.restartTime)); b(w.parentInstanceId);
  b(w.parentTaskInstanceId);
  return i;
}

model::WorkflowInstance readWorkflow(const Statement& st, int i) {
  using namespace model;
  WorkflowInstance w;
  w.id = st.getInt64(i - 1);
  w.name = st.getText(i++);
  w.projectCode = st.getInt64(i++);
  w.processDefinitionCode = st.getInt64(i++);
  w.processDefinitionVersion = st.getInt(i++);
  w.state = enumAt(st, i++, WorkflowState::SUBMITTED_SUCCESS);
  w.stateHistory = st.getText(i++);
  w.recovery = enumAt(st, i++, Flag::NO);
  w.startTime = optTimeAt(st, i++);
  w.endTime = optTimeAt(st, i++);
  w.runTimes = st.getInt(i++);
  w.host = st.getText(i++);
  w.commandType = enumAt(st, i++, CommandType::START_PROCESS);
  w.commandParam = st.getText(i++);
  w.taskDependType = enumAt(st, i++, TaskDependType::TASK_POST);
  w.maxTryTimes = st.getInt(i++);
  w.failureStrategy = enumAt(st, i++, FailureStrategy::CONTINUE);
  w.warningType = enumAt(st, i++, WarningType::NONE);
  w.warningGroupId = st.getInt(i++);
  w.scheduleTime = optTimeAt(st, i++);
  w.commandStartTime = optTimeAt(st, i++);
  w.globalParams = st.getText(i++);
  w.executorId = st.getInt(i++);
  w.isSubProcess = enumAt(st, i++, Flag::NO);
  w.historyCmd = st.getText(i++);
  w.processInstancePriority = enumAt(st, i++, Priority::MEDIUM);
  w.workerGroup = st.getText(i++);
  w.environmentCode = st.getInt64(i++);
  w.timeout = st.getInt(i++);
  w.tenantId = st.getInt(i++);
  w.tenantCode = st.getText(i++);
  w.varPool = st.getText(i++);
  w.dryRun = st.getInt(i++);
  w.restartTime = optTimeAt(st, i++);
  w.parentInstanceId = st.getInt64(i++);
  w.parentTaskInstanceId = st.getInt64(i++);
  return w;
}

int bindTask(Statement& st, const model::TaskInstance& t) {
  int i = 1;
  auto b = [&](const auto& v) { st.bind(i++, v); };
  b(t.name); b(t.taskType); b(t.processInstanceId); b(t.taskCode); b(t.taskDefinitionVersion);
  b(model::enumCode(t.state)); b(ms(t.firstSubmitTime)); b(ms(t.submitTime)); b(ms(t.startTime));
  b(ms(t.endTime)); b(t.host); b(t.executePath); b(t.logPath); b(t.retryTimes); b(model::enumCode(t.alertFlag));
  b(t.pid); b(t.appLink); b(model::enumCode(t.flag)); b(t.maxRetryTimes); b(t.retryInterval);
  b(model::enumCode(t.taskInstancePriority)); b(t.workerGroup); b(t.environmentCode); b(t.environmentConfig);
  b(t.executorId); b(t.varPool); b(t.delayTime); b(t.taskParams); b(t.dryRun); b(t.taskGroupId); b(t.cpuQuota);
  b(t.memoryMax); b(model::enumCode(t.taskExecuteType)); b(t.skipReason);
  return i;
}

model::TaskInstance readTask(const Statement& st, int i) {
  using namespace model;
  TaskInstance t;
  t.id = st.getInt64(i - 1);
  t.name = st.getText(i++);
  t.taskType = st.getText(i++);
  t.processInstanceId = st.getInt64(i++);
  t.taskCode = st.getInt64(i++);
  t.taskDefinitionVersion = st.getInt(i++);
  t.state = enumAt(st, i++, TaskState::SUBMITTED_SUCCESS);
  t.firstSubmitTime = optTimeAt(st, i++);
  t.submitTime = optTimeAt(st, i++);
  t.startTime = optTimeAt(st, i++);
  t.endTime = optTimeAt(st, i++);
  t.host = st.getText(i++);
  t.executePath = st.getText(i++);
  t.logPath = st.getText(i++);
  t.retryTimes = st.getInt(i++);
  t.alertFlag = enumAt(st, i++, Flag::NO);
  t.pid = st.getInt(i++);
  t.appLink = st.getText(i++);
  t.flag = enumAt(st, i++, Flag::YES);
  t.maxRetryTimes = st.getInt(i++);
  t.retryInterval = st.getInt(i++);
  t.taskInstancePriority = enumAt(st, i++, Priority::MEDIUM);
  t.workerGroup = st.getText(i++);
  t.environmentCode = st.getInt64(i++);
  t.environmentConfig = st.getText(i++);
  t.executorId = st.getInt(i++);
  t.varPool = st.getText(i++);
  t.delayTime = st.getInt(i++);
  t.taskParams = st.getText(i++);
  t.dryRun = st.getInt(i++);
  t.taskGroupId = st.getInt(i++);
  t.cpuQuota = st.getInt(i++);
  t.memoryMax = st.getInt(i++);
  t.taskExecuteType = enumAt(st, i++, TaskExecuteType::BATCH);
  t.skipReason = st.getText(i++);
  return t;
}

std::string selectWorkflows() { return std::string("SELECT id,") + kWorkflowColumns + " FROM t_process_instance "; }
std::string selectTasks() { return std::string("SELECT id,") + kTaskColumns + " FROM t_task_instance "; }

}  // namespace

void insertWorkflow(Database& db, model::WorkflowInstance& w) {
  auto st = db.prepare(std::string("INSERT INTO t_process_instance(") + kWorkflowColumns + ") VALUES(" +
                       placeholders(kWorkflowColumnCount) + ")");
  bindWorkflow(st, w);
  st.run();
  w.id = db.lastInsertId();
}

void updateWorkflow(Database& db, const model::WorkflowInstance& w) {
  auto st = db.prepare("UPDATE t_process_instance SET " + assignments(kWorkflowColumns) + " WHERE id=?");
  int next = bindWorkflow(st, w);
  st.bind(next, w.id);
  st.run();
}

std::optional<model::WorkflowInstance> findWorkflow(Database& db, int64_t id) {
  auto st = db.prepare(selectWorkflows() + "WHERE id=?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return readWorkflow(st, 1);
}

std::vector<model::WorkflowInstance> unfinishedWorkflows(Database& db) {
  auto st = db.prepare(selectWorkflows() + "WHERE state NOT IN (3,5,6,7,16) ORDER BY id");
  std::vector<model::WorkflowInstance> out;
  while (st.step()) out.push_back(readWorkflow(st, 1));
  return out;
}

std::optional<model::WorkflowInstance> findSubWorkflow(Database& db, int64_t parentTaskInstanceId) {
  auto st = db.prepare(selectWorkflows() + "WHERE parent_task_instance_id=? ORDER BY id DESC LIMIT 1");
  st.bind(1, parentTaskInstanceId);
  if (!st.step()) return std::nullopt;
  return readWorkflow(st, 1);
}

std::optional<model::WorkflowInstance> latestInWindow(Database& db, int64_t workflowCode, util::TimePoint from,
                                                      util::TimePoint to) {
  auto st = db.prepare(selectWorkflows() +
                       "WHERE process_definition_code=? AND ((schedule_time IS NOT NULL AND schedule_time BETWEEN ? AND ?) "
                       "OR (schedule_time IS NULL AND start_time BETWEEN ? AND ?)) ORDER BY id DESC LIMIT 1");
  st.bind(1, workflowCode).bind(2, ms(from)).bind(3, ms(to)).bind(4, ms(from)).bind(5, ms(to));
  if (!st.step()) return std::nullopt;
  return readWorkflow(st, 1);
}

void deleteWorkflow(Database& db, int64_t id) {
  std::vector<int64_t> children;
  auto st = db.prepare("SELECT id FROM t_process_instance WHERE parent_instance_id=?");
  st.bind(1, id);
  while (st.step()) children.push_back(st.getInt64(0));
  for (int64_t child : children) deleteWorkflow(db, child);
  db.prepare("DELETE FROM t_task_instance WHERE process_instance_id=?").bind(1, id).run();
  db.prepare("DELETE FROM t_process_instance WHERE id=?").bind(1, id).run();
}

void insertTask(Database& db, model::TaskInstance& t) {
  auto st = db.prepare(std::string("INSERT INTO t_task_instance(") + kTaskColumns + ") VALUES(" +
                       placeholders(kTaskColumnCount) + ")");
  bindTask(st, t);
  st.run();
  t.id = db.lastInsertId();
}

void updateTask(Database& db, const model::TaskInstance& t) {
  auto st = db.prepare("UPDATE t_task_instance SET " + assignments(kTaskColumns) + " WHERE id=?");
  int next = bindTask(st, t);
  st.bind(next, t.id);
  st.run();
}

std::optional<model::TaskInstance> findTask(Database& db, int64_t id) {
  auto st = db.prepare(selectTasks() + "WHERE id=?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return readTask(st, 1);
}

std::vector<model::TaskInstance> tasksOf(Database& db, int64_t workflowInstanceId) {
  auto st = db.prepare(selectTasks() + "WHERE process_instance_id=? ORDER BY id");
  st.bind(1, workflowInstanceId);
  std::vector<model::TaskInstance> out;
  while (st.step()) out.push_back(readTask(st, 1));
  return out;
}

Page<WorkflowRow> pageWorkflows(Database& db, const WorkflowFilter& f, const PageRequest& req) {
  std::string from =
      " FROM t_process_instance i LEFT JOIN t_user u ON u.id=i.executor_id LEFT JOIN t_process_definition d ON "
      "d.code=i.process_definition_code WHERE i.project_code=? AND i.is_sub_process=0 AND (?=0 OR "
      "i.process_definition_code=?) AND i.name LIKE ? ESCAPE '\\' AND (?='' OR u.user_name=?) AND (?=-1 OR i.state=?) "
      "AND i.host LIKE ? ESCAPE '\\' AND (? IS NULL OR i.start_time>=?) AND (? IS NULL OR i.start_time<=?) ";
  auto bindAll = [&](Statement& st) {
    int state = f.state ? model::enumCode(*f.state) : -1;
    std::string like = "%" + util::escapeLike(f.search) + "%";
    std::string host = "%" + util::escapeLike(f.host) + "%";
    st.bind(1, f.projectCode).bind(2, f.workflowCode).bind(3, f.workflowCode).bind(4, like);
    st.bind(5, f.executorName).bind(6, f.executorName).bind(7, state).bind(8, state).bind(9, host);
    st.bind(10, ms(f.startFrom)).bind(11, ms(f.startFrom)).bind(12, ms(f.startTo)).bind(13, ms(f.startTo));
  };
  Page<WorkflowRow> out;
  auto count = db.prepare("SELECT COUNT(*)" + from);
  bindAll(count);
  count.step();
  out.total = count.getInt64(0);
  auto st = db.prepare("SELECT i.id" + prefixed(kWorkflowColumns, "i") + ",u.user_name,d.name" + from +
                       "ORDER BY i.start_time DESC, i.id DESC LIMIT ? OFFSET ?");
  bindAll(st);
  st.bind(14, req.pageSize).bind(15, req.offset());
  while (st.step()) {
    WorkflowRow r;
    r.instance = readWorkflow(st, 1);
    r.executorName = st.getText(kWorkflowColumnCount + 1);
    r.workflowName = st.getText(kWorkflowColumnCount + 2);
    out.items.push_back(std::move(r));
  }
  return out;
}

Page<TaskRow> pageTasks(Database& db, const TaskFilter& f, const PageRequest& req) {
  std::string from =
      " FROM t_task_instance t JOIN t_process_instance i ON i.id=t.process_instance_id LEFT JOIN t_user u ON "
      "u.id=i.executor_id LEFT JOIN t_process_definition d ON d.code=i.process_definition_code WHERE i.project_code=? "
      "AND t.flag=1 AND (?=0 OR t.process_instance_id=?) AND i.name LIKE ? ESCAPE '\\' AND t.name LIKE ? ESCAPE '\\' "
      "AND (?='' OR t.name=?) AND (?='' OR u.user_name=?) AND (?=-1 OR t.state=?) AND t.host LIKE ? ESCAPE '\\' "
      "AND (? IS NULL OR t.start_time>=?) AND (? IS NULL OR t.start_time<=?) ";
  auto bindAll = [&](Statement& st) {
    int state = f.state ? model::enumCode(*f.state) : -1;
    std::string wi = "%" + util::escapeLike(f.workflowInstanceName) + "%";
    std::string like = "%" + util::escapeLike(f.search) + "%";
    std::string host = "%" + util::escapeLike(f.host) + "%";
    st.bind(1, f.projectCode).bind(2, f.workflowInstanceId).bind(3, f.workflowInstanceId).bind(4, wi).bind(5, like);
    st.bind(6, f.taskName).bind(7, f.taskName).bind(8, f.executorName).bind(9, f.executorName).bind(10, state);
    st.bind(11, state).bind(12, host).bind(13, ms(f.startFrom)).bind(14, ms(f.startFrom)).bind(15, ms(f.startTo));
    st.bind(16, ms(f.startTo));
  };
  Page<TaskRow> out;
  auto count = db.prepare("SELECT COUNT(*)" + from);
  bindAll(count);
  count.step();
  out.total = count.getInt64(0);
  auto st = db.prepare("SELECT t.id" + prefixed(kTaskColumns, "t") + ",i.name,d.name,i.process_definition_code,u.user_name" +
                       from + "ORDER BY t.submit_time DESC, t.id DESC LIMIT ? OFFSET ?");
  bindAll(st);
  st.bind(17, req.pageSize).bind(18, req.offset());
  while (st.step()) {
    TaskRow r;
    r.task = readTask(st, 1);
    r.workflowInstanceName = st.getText(kTaskColumnCount + 1);
    r.workflowName = st.getText(kTaskColumnCount + 2);
    r.workflowCode = st.getInt64(kTaskColumnCount + 3);
    r.executorName = st.getText(kTaskColumnCount + 4);
    out.items.push_back(std::move(r));
  }
  return out;
}

namespace {

const char* kVisibleProject =
    "(?=0 OR EXISTS(SELECT 1 FROM t_project p WHERE p.code=i.project_code AND (p.user_id=? OR EXISTS(SELECT 1 FROM "
    "t_project_user g WHERE g.project_code=p.code AND g.user_id=?))))";

std::vector<std::pair<int, int64_t>> countStates(Database& db, const std::string& sql, int64_t projectCode,
                                                 int visibleTo, std::optional<util::TimePoint> from,
                                                 std::optional<util::TimePoint> to) {
  auto st = db.prepare(sql);
  st.bind(1, projectCode).bind(2, projectCode).bind(3, visibleTo).bind(4, visibleTo).bind(5, visibleTo);
  st.bind(6, ms(from)).bind(7, ms(from)).bind(8, ms(to)).bind(9, ms(to));
  std::vector<std::pair<int, int64_t>> out;
  while (st.step()) out.push_back({st.getInt(0), st.getInt64(1)});
  return out;
}

}  // namespace

std::vector<std::pair<int, int64_t>> countWorkflowStates(Database& db, int64_t projectCode, int visibleTo,
                                                         std::optional<util::TimePoint> from,
                                                         std::optional<util::TimePoint> to) {
  return countStates(db,
                     std::string("SELECT i.state, COUNT(*) FROM t_process_instance i WHERE (?=0 OR i.project_code=?) AND ") +
                         kVisibleProject +
                         " AND (? IS NULL OR i.start_time>=?) AND (? IS NULL OR i.start_time<=?) GROUP BY i.state",
                     projectCode, visibleTo, from, to);
}

std::vector<std::pair<int, int64_t>> countTaskStates(Database& db, int64_t projectCode, int visibleTo,
                                                     std::optional<util::TimePoint> from,
                                                     std::optional<util::TimePoint> to) {
  return countStates(db,
                     std::string("SELECT t.state, COUNT(*) FROM t_task_instance t JOIN t_process_instance i ON "
                                 "i.id=t.process_instance_id WHERE (?=0 OR i.project_code=?) AND ") +
                         kVisibleProject +
                         " AND t.flag=1 AND (? IS NULL OR t.submit_time>=?) AND (? IS NULL OR t.submit_time<=?) "
                         "GROUP BY t.state",
                     projectCode, visibleTo, from, to);
}

}  // namespace porpoise::store::instances
