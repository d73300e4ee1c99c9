#include "store/schedule_repository.h"

#include <set>

#include "store/row_time.h"
#include "util/strings.h"

namespace porpoise::store::schedules {
namespace {

const char* kSelect =
    "SELECT s.id,s.process_definition_code,s.project_code,s.start_time,s.end_time,s.timezone_id,s.crontab,"
    "s.failure_strategy,s.warning_type,s.warning_group_id,s.process_instance_priority,s.worker_group,"
    "s.environment_code,s.release_state,s.user_id,s.create_time,s.update_time,s.last_fire_time,"
    "d.name,p.name,d.description,u.user_name "
    "FROM t_schedule s LEFT JOIN t_process_definition d ON d.code=s.process_definition_code "
    "LEFT JOIN t_project p ON p.code=s.project_code LEFT JOIN t_user u ON u.id=s.user_id ";

template <typename E>
E enumAt(const Statement& st, int col, E fallback) {
  return model::enumFromCode<E>(st.getInt(col)).value_or(fallback);
}

model::Schedule readSchedule(const Statement& st) {
  model::Schedule s;
  s.id = st.getInt(0);
  s.processDefinitionCode = st.getInt64(1);
  s.projectCode = st.getInt64(2);
  s.startTime = timeAt(st, 3);
  s.endTime = timeAt(st, 4);
  s.timezoneId = st.getText(5);
  s.crontab = st.getText(6);
  s.failureStrategy = enumAt(st, 7, model::FailureStrategy::CONTINUE);
  s.warningType = enumAt(st, 8, model::WarningType::NONE);
  s.warningGroupId = st.getInt(9);
  s.processInstancePriority = enumAt(st, 10, model::Priority::MEDIUM);
  s.workerGroup = st.getText(11);
  s.environmentCode = st.getInt64(12);
  s.releaseState = enumAt(st, 13, model::ReleaseState::OFFLINE);
  s.userId = st.getInt(14);
  s.createTime = timeAt(st, 15);
  s.updateTime = timeAt(st, 16);
  s.lastFireTime = optTimeAt(st, 17);
  s.processDefinitionName = st.getText(18);
  s.projectName = st.getText(19);
  s.definitionDescription = st.getText(20);
  s.userName = st.getText(21);
  return s;
}

std::vector<model::Schedule> readAll(Statement& st) {
  std::vector<model::Schedule> out;
  while (st.step()) out.push_back(readSchedule(st));
  return out;
}

std::optional<model::Schedule> readOne(Statement& st) {
  if (!st.step()) return std::nullopt;
  return readSchedule(st);
}

}  // namespace

std::optional<model::Schedule> findById(Database& db, int id) {
  auto st = db.prepare(std::string(kSelect) + "WHERE s.id=?");
  st.bind(1, id);
  return readOne(st);
}

std::optional<model::Schedule> findByWorkflowCode(Database& db, int64_t workflowCode) {
  auto st = db.prepare(std::string(kSelect) + "WHERE s.process_definition_code=?");
  st.bind(1, workflowCode);
  return readOne(st);
}

int insert(Database& db, const model::Schedule& s) {
  db.prepare(
        "INSERT INTO t_schedule(process_definition_code,project_code,start_time,end_time,timezone_id,crontab,"
        "failure_strategy,user_id,release_state,warning_type,warning_group_id,process_instance_priority,"
        "worker_group,environment_code,last_fire_time,create_time,update_time) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
      .bind(1, s.processDefinitionCode)
      .bind(2, s.projectCode)
      .bind(3, ms(s.startTime))
      .bind(4, ms(s.endTime))
      .bind(5, s.timezoneId)
      .bind(6, s.crontab)
      .bind(7, model::enumCode(s.failureStrategy))
      .bind(8, s.userId)
      .bind(9, model::enumCode(s.releaseState))
      .bind(10, model::enumCode(s.warningType))
      .bind(11, s.warningGroupId)
      .bind(12, model::enumCode(s.processInstancePriority))
      .bind(13, s.workerGroup)
      .bind(14, s.environmentCode)
      .bind(15, ms(s.lastFireTime))
      .bind(16, ms(s.createTime))
      .bind(17, ms(s.updateTime))
      .run();
  return static_cast<int>(db.lastInsertId());
}

void update(Database& db, const model::Schedule& s) {
  db.prepare(
        "UPDATE t_schedule SET start_time=?,end_time=?,timezone_id=?,crontab=?,failure_strategy=?,warning_type=?,"
        "warning_group_id=?,process_instance_priority=?,worker_group=?,environment_code=?,update_time=? WHERE id=?")
      .bind(1, ms(s.startTime))
      .bind(2, ms(s.endTime))
      .bind(3, s.timezoneId)
      .bind(4, s.crontab)
      .bind(5, model::enumCode(s.failureStrategy))
      .bind(6, model::enumCode(s.warningType))
      .bind(7, s.warningGroupId)
      .bind(8, model::enumCode(s.processInstancePriority))
      .bind(9, s.workerGroup)
      .bind(10, s.environmentCode)
      .bind(11, ms(s.updateTime))
      .bind(12, s.id)
      .run();
}

void remove(Database& db, int id) { db.prepare("DELETE FROM t_schedule WHERE id=?").bind(1, id).run(); }

std::optional<int> removeOfWorkflow(Database& db, int64_t workflowCode) {
  auto existing = findByWorkflowCode(db, workflowCode);
  if (!existing) return std::nullopt;
  remove(db, existing->id);
  return existing->id;
}

Page<model::Schedule> page(Database& db, int64_t projectCode, std::optional<int64_t> workflowCode,
                           const std::string& search, const PageRequest& req) {
  std::string like = "%" + util::escapeLike(search) + "%";
  const std::string where =
      "WHERE s.project_code=? AND (? IS NULL OR s.process_definition_code=?) "
      "AND COALESCE(d.name,'') LIKE ? ESCAPE '\\' ";
  auto bindWhere = [&](Statement& st) {
    st.bind(1, projectCode).bind(2, workflowCode).bind(3, workflowCode).bind(4, like);
  };
  Page<model::Schedule> out;
  auto count = db.prepare(
      "SELECT COUNT(*) FROM t_schedule s LEFT JOIN t_process_definition d ON d.code=s.process_definition_code " +
      where);
  bindWhere(count);
  count.step();
  out.total = count.getInt64(0);
  auto st = db.prepare(std::string(kSelect) + where + "ORDER BY s.update_time DESC, s.id DESC LIMIT ? OFFSET ?");
  bindWhere(st);
  st.bind(5, req.pageSize).bind(6, req.offset());
  out.items = readAll(st);
  return out;
}

std::vector<model::Schedule> listByProject(Database& db, int64_t projectCode) {
  auto st = db.prepare(std::string(kSelect) + "WHERE s.project_code=? ORDER BY s.id");
  st.bind(1, projectCode);
  return readAll(st);
}

std::vector<model::Schedule> listOnline(Database& db) {
  auto st = db.prepare(std::string(kSelect) + "WHERE s.release_state=1 AND d.release_state=1 ORDER BY s.id");
  return readAll(st);
}

void setReleaseState(Database& db, int id, model::ReleaseState state, util::TimePoint now) {
  if (state == model::ReleaseState::ONLINE) {
    db.prepare("UPDATE t_schedule SET release_state=1,last_fire_time=?,update_time=? WHERE id=?")
        .bind(1, ms(now))
        .bind(2, ms(now))
        .bind(3, id)
        .run();
  } else {
    db.prepare("UPDATE t_schedule SET release_state=0,update_time=? WHERE id=?").bind(1, ms(now)).bind(2, id).run();
  }
}

std::optional<int> offlineScheduleOfWorkflow(Database& db, int64_t workflowCode) {
  auto st = db.prepare("SELECT id FROM t_schedule WHERE process_definition_code=? AND release_state=1");
  st.bind(1, workflowCode);
  if (!st.step()) return std::nullopt;
  int id = st.getInt(0);
  setReleaseState(db, id, model::ReleaseState::OFFLINE, util::now());
  return id;
}

bool recordFire(Database& db, int id, util::TimePoint fireTime) {
  db.prepare(
        "UPDATE t_schedule SET last_fire_time=? WHERE id=? AND release_state=1 AND EXISTS("
        "SELECT 1 FROM t_process_definition d WHERE d.code=t_schedule.process_definition_code AND d.release_state=1)")
      .bind(1, ms(fireTime))
      .bind(2, id)
      .run();
  return db.changes() > 0;
}

void setLastFireTime(Database& db, int id, util::TimePoint fireTime) {
  db.prepare("UPDATE t_schedule SET last_fire_time=? WHERE id=?").bind(1, ms(fireTime)).bind(2, id).run();
}

std::optional<ScheduledWorkflow> findWorkflow(Database& db, int64_t code) {
  auto st = db.prepare("SELECT code,project_code,name,version,release_state FROM t_process_definition WHERE code=?");
  st.bind(1, code);
  if (!st.step()) return std::nullopt;
  ScheduledWorkflow w;
  w.code = st.getInt64(0);
  w.projectCode = st.getInt64(1);
  w.name = st.getText(2);
  w.version = st.getInt(3);
  w.releaseState = enumAt(st, 4, model::ReleaseState::OFFLINE);
  return w;
}

int countRelations(Database& db, int64_t workflowCode) {
  auto st = db.prepare("SELECT COUNT(*) FROM t_process_task_relation WHERE process_definition_code=?");
  st.bind(1, workflowCode);
  st.step();
  return st.getInt(0);
}

std::vector<std::string> offlineSubWorkflows(Database& db, int64_t workflowCode) {
  // SUB_PROCESS tasks name their child in taskParams.processDefinitionCode; malformed params are skipped.
  auto children = db.prepare(
      "SELECT DISTINCT CAST(json_extract(t.task_params,'$.processDefinitionCode') AS INTEGER) "
      "FROM t_process_task_relation r JOIN t_task_definition t ON t.code=r.post_task_code "
      "WHERE r.process_definition_code=? AND t.task_type='SUB_PROCESS' AND json_valid(t.task_params) "
      "AND json_extract(t.task_params,'$.processDefinitionCode') IS NOT NULL");
  std::vector<std::string> offline;
  std::set<int64_t> seen{workflowCode};
  std::vector<int64_t> pending{workflowCode};
  while (!pending.empty()) {
    int64_t parent = pending.back();
    pending.pop_back();
    children.reset();
    children.bind(1, parent);
    std::vector<int64_t> found;
    while (children.step()) found.push_back(children.getInt64(0));
    for (int64_t child : found) {
      if (!seen.insert(child).second) continue;
      auto w = findWorkflow(db, child);
      if (!w) {
        offline.push_back(std::to_string(child));
        continue;
      }
      if (w->releaseState != model::ReleaseState::ONLINE) offline.push_back(w->name);
      pending.push_back(child);
    }
  }
  return offline;
}

void setWorkflowWarningGroup(Database& db, int64_t workflowCode, int warningGroupId) {
  db.prepare("UPDATE t_process_definition SET warning_group_id=? WHERE code=?")
      .bind(1, warningGroupId)
      .bind(2, workflowCode)
      .run();
}

}  // namespace porpoise::store::schedules
