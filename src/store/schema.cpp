#include "store/schema.h"

#include <string>
#include <vector>

#include "util/crypto.h"
#include "util/time.h"

namespace porpoise::store {
namespace {

const char* kSchemaV1 = R"SQL(
CREATE TABLE t_user (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_name TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  user_type INTEGER NOT NULL DEFAULT 1,
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  tenant_id INTEGER NOT NULL DEFAULT 0,
  queue TEXT NOT NULL DEFAULT '',
  state INTEGER NOT NULL DEFAULT 1,
  time_zone TEXT NOT NULL DEFAULT '',
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);
CREATE TABLE t_session (
  id TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES t_user(id) ON DELETE CASCADE,
  ip TEXT NOT NULL DEFAULT '',
  last_login_time INTEGER NOT NULL,
  last_access_time INTEGER NOT NULL
);
CREATE INDEX idx_session_user ON t_session(user_id);
CREATE TABLE t_access_token (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES t_user(id) ON DELETE CASCADE,
  token TEXT NOT NULL UNIQUE,
  expire_time INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);
CREATE TABLE t_queue (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  queue_name TEXT NOT NULL UNIQUE,
  queue TEXT NOT NULL UNIQUE,
  create_time INTEGER,
  update_time INTEGER
);
CREATE TABLE t_tenant (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_code TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  queue_id INTEGER NOT NULL DEFAULT 1,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);
CREATE TABLE t_worker_group (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  addr_list TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  other_params_json TEXT NOT NULL DEFAULT '',
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);
CREATE TABLE t_environment (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code INTEGER NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE,
  config TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  worker_groups TEXT NOT NULL DEFAULT '[]',
  operator INTEGER NOT NULL DEFAULT 0,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);
CREATE TABLE t_alertgroup (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  group_name TEXT NOT NULL UNIQUE,
  alert_instance_ids TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  create_user_id INTEGER NOT NULL DEFAULT 0,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);
CREATE TABLE t_project (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code INTEGER NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  user_id INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);
CREATE TABLE t_project_user (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES t_user(id) ON DELETE CASCADE,
  project_code INTEGER NOT NULL,
  perm INTEGER NOT NULL DEFAULT 7,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL,
  UNIQUE(user_id, project_code)
);
CREATE TABLE t_process_definition (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code INTEGER NOT NULL UNIQUE,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  release_state INTEGER NOT NULL DEFAULT 0,
  project_code INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  global_params TEXT NOT NULL DEFAULT '[]',
  locations TEXT NOT NULL DEFAULT '',
  flag INTEGER NOT NULL DEFAULT 1,
  user_id INTEGER NOT NULL,
  timeout INTEGER NOT NULL DEFAULT 0,
  tenant_id INTEGER NOT NULL DEFAULT -1,
  warning_group_id INTEGER NOT NULL DEFAULT 0,
  execution_type INTEGER NOT NULL DEFAULT 0,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL,
  UNIQUE(project_code, name)
);
CREATE INDEX idx_pd_project_update ON t_process_definition(project_code, update_time);
CREATE TABLE t_process_definition_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code INTEGER NOT NULL,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  release_state INTEGER NOT NULL DEFAULT 0,
  project_code INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  global_params TEXT NOT NULL DEFAULT '[]',
  locations TEXT NOT NULL DEFAULT '',
  flag INTEGER NOT NULL DEFAULT 1,
  user_id INTEGER NOT NULL,
  timeout INTEGER NOT NULL DEFAULT 0,
  tenant_id INTEGER NOT NULL DEFAULT -1,
  warning_group_id INTEGER NOT NULL DEFAULT 0,
  execution_type INTEGER NOT NULL DEFAULT 0,
  operator INTEGER NOT NULL DEFAULT 0,
  operate_time INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL,
  UNIQUE(code, version)
);
CREATE TABLE t_task_definition (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code INTEGER NOT NULL UNIQUE,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  project_code INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  task_type TEXT NOT NULL,
  task_params TEXT NOT NULL DEFAULT '{}',
  flag INTEGER NOT NULL DEFAULT 1,
  task_priority INTEGER NOT NULL DEFAULT 2,
  worker_group TEXT NOT NULL DEFAULT 'default',
  environment_code INTEGER NOT NULL DEFAULT -1,
  fail_retry_times INTEGER NOT NULL DEFAULT 0,
  fail_retry_interval INTEGER NOT NULL DEFAULT 1,
  timeout_flag INTEGER NOT NULL DEFAULT 0,
  timeout_notify_strategy INTEGER,
  timeout INTEGER NOT NULL DEFAULT 0,
  delay_time INTEGER NOT NULL DEFAULT 0,
  resource_ids TEXT NOT NULL DEFAULT '',
  task_group_id INTEGER NOT NULL DEFAULT 0,
  task_group_priority INTEGER NOT NULL DEFAULT 0,
  cpu_quota INTEGER NOT NULL DEFAULT -1,
  memory_max INTEGER NOT NULL DEFAULT -1,
  task_execute_type INTEGER NOT NULL DEFAULT 0,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);
CREATE INDEX idx_td_project ON t_task_definition(project_code);
CREATE TABLE t_task_definition_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code INTEGER NOT NULL,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  project_code INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  task_type TEXT NOT NULL,
  task_params TEXT NOT NULL DEFAULT '{}',
  flag INTEGER NOT NULL DEFAULT 1,
  task_priority INTEGER NOT NULL DEFAULT 2,
  worker_group TEXT NOT NULL DEFAULT 'default',
  environment_code INTEGER NOT NULL DEFAULT -1,
  fail_retry_times INTEGER NOT NULL DEFAULT 0,
  fail_retry_interval INTEGER NOT NULL DEFAULT 1,
  timeout_flag INTEGER NOT NULL DEFAULT 0,
  timeout_notify_strategy INTEGER,
  timeout INTEGER NOT NULL DEFAULT 0,
  delay_time INTEGER NOT NULL DEFAULT 0,
  resource_ids TEXT NOT NULL DEFAULT '',
  task_group_id INTEGER NOT NULL DEFAULT 0,
  task_group_priority INTEGER NOT NULL DEFAULT 0,
  cpu_quota INTEGER NOT NULL DEFAULT -1,
  memory_max INTEGER NOT NULL DEFAULT -1,
  task_execute_type INTEGER NOT NULL DEFAULT 0,
  operator INTEGER NOT NULL DEFAULT 0,
  operate_time INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL,
  UNIQUE(code, version)
);
CREATE TABLE t_process_task_relation (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL DEFAULT '',
  process_definition_version INTEGER NOT NULL,
  project_code INTEGER NOT NULL,
  process_definition_code INTEGER NOT NULL,
  pre_task_code INTEGER NOT NULL,
  pre_task_version INTEGER NOT NULL DEFAULT 0,
  post_task_code INTEGER NOT NULL,
  post_task_version INTEGER NOT NULL DEFAULT 0,
  condition_type INTEGER NOT NULL DEFAULT 0,
  condition_params TEXT NOT NULL DEFAULT '{}',
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);
CREATE INDEX idx_ptr_def ON t_process_task_relation(process_definition_code);
CREATE INDEX idx_ptr_post ON t_process_task_relation(post_task_code);
CREATE TABLE t_process_task_relation_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL DEFAULT '',
  process_definition_version INTEGER NOT NULL,
  project_code INTEGER NOT NULL,
  process_definition_code INTEGER NOT NULL,
  pre_task_code INTEGER NOT NULL,
  pre_task_version INTEGER NOT NULL DEFAULT 0,
  post_task_code INTEGER NOT NULL,
  post_task_version INTEGER NOT NULL DEFAULT 0,
  condition_type INTEGER NOT NULL DEFAULT 0,
  condition_params TEXT NOT NULL DEFAULT '{}',
  operator INTEGER NOT NULL DEFAULT 0,
  operate_time INTEGER NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);
CREATE INDEX idx_ptrl_def_version ON t_process_task_relation_log(process_definition_code, process_definition_version);
CREATE TABLE t_schedule (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  process_definition_code INTEGER NOT NULL UNIQUE,
  project_code INTEGER NOT NULL,
  start_time INTEGER NOT NULL,
  end_time INTEGER NOT NULL,
  timezone_id TEXT NOT NULL DEFAULT '',
  crontab TEXT NOT NULL,
  failure_strategy INTEGER NOT NULL DEFAULT 1,
  user_id INTEGER NOT NULL,
  release_state INTEGER NOT NULL DEFAULT 0,
  warning_type INTEGER NOT NULL DEFAULT 0,
  warning_group_id INTEGER NOT NULL DEFAULT 0,
  process_instance_priority INTEGER NOT NULL DEFAULT 2,
  worker_group TEXT NOT NULL DEFAULT 'default',
  environment_code INTEGER NOT NULL DEFAULT -1,
  last_fire_time INTEGER,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL
);
CREATE TABLE t_process_instance (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  project_code INTEGER NOT NULL,
  process_definition_code INTEGER NOT NULL,
  process_definition_version INTEGER NOT NULL,
  state INTEGER NOT NULL,
  state_history TEXT NOT NULL DEFAULT '[]',
  recovery INTEGER NOT NULL DEFAULT 0,
  start_time INTEGER,
  end_time INTEGER,
  run_times INTEGER NOT NULL DEFAULT 1,
  host TEXT NOT NULL DEFAULT '',
  command_type INTEGER NOT NULL DEFAULT 0,
  command_param TEXT NOT NULL DEFAULT '{}',
  task_depend_type INTEGER NOT NULL DEFAULT 2,
  max_try_times INTEGER NOT NULL DEFAULT 0,
  failure_strategy INTEGER NOT NULL DEFAULT 1,
  warning_type INTEGER NOT NULL DEFAULT 0,
  warning_group_id INTEGER NOT NULL DEFAULT 0,
  schedule_time INTEGER,
  command_start_time INTEGER,
  global_params TEXT NOT NULL DEFAULT '[]',
  executor_id INTEGER NOT NULL DEFAULT 0,
  is_sub_process INTEGER NOT NULL DEFAULT 0,
  history_cmd TEXT NOT NULL DEFAULT '',
  process_instance_priority INTEGER NOT NULL DEFAULT 2,
  worker_group TEXT NOT NULL DEFAULT 'default',
  environment_code INTEGER NOT NULL DEFAULT -1,
  timeout INTEGER NOT NULL DEFAULT 0,
  tenant_id INTEGER NOT NULL DEFAULT -1,
  tenant_code TEXT NOT NULL DEFAULT '',
  var_pool TEXT NOT NULL DEFAULT '[]',
  dry_run INTEGER NOT NULL DEFAULT 0,
  restart_time INTEGER,
  parent_instance_id INTEGER NOT NULL DEFAULT 0,
  parent_task_instance_id INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_pi_project_start ON t_process_instance(project_code, start_time);
CREATE INDEX idx_pi_def ON t_process_instance(process_definition_code, state);
CREATE INDEX idx_pi_state ON t_process_instance(state);
CREATE INDEX idx_pi_parent ON t_process_instance(parent_task_instance_id);
CREATE TABLE t_task_instance (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  task_type TEXT NOT NULL,
  process_instance_id INTEGER NOT NULL,
  task_code INTEGER NOT NULL,
  task_definition_version INTEGER NOT NULL,
  state INTEGER NOT NULL,
  first_submit_time INTEGER,
  submit_time INTEGER,
  start_time INTEGER,
  end_time INTEGER,
  host TEXT NOT NULL DEFAULT '',
  execute_path TEXT NOT NULL DEFAULT '',
  log_path TEXT NOT NULL DEFAULT '',
  retry_times INTEGER NOT NULL DEFAULT 0,
  alert_flag INTEGER NOT NULL DEFAULT 0,
  pid INTEGER NOT NULL DEFAULT 0,
  app_link TEXT NOT NULL DEFAULT '',
  flag INTEGER NOT NULL DEFAULT 1,
  max_retry_times INTEGER NOT NULL DEFAULT 0,
  retry_interval INTEGER NOT NULL DEFAULT 0,
  task_instance_priority INTEGER NOT NULL DEFAULT 2,
  worker_group TEXT NOT NULL DEFAULT 'default',
  environment_code INTEGER NOT NULL DEFAULT -1,
  environment_config TEXT NOT NULL DEFAULT '',
  executor_id INTEGER NOT NULL DEFAULT 0,
  var_pool TEXT NOT NULL DEFAULT '[]',
  delay_time INTEGER NOT NULL DEFAULT 0,
  task_params TEXT NOT NULL DEFAULT '',
  dry_run INTEGER NOT NULL DEFAULT 0,
  task_group_id INTEGER NOT NULL DEFAULT 0,
  cpu_quota INTEGER NOT NULL DEFAULT -1,
  memory_max INTEGER NOT NULL DEFAULT -1,
  task_execute_type INTEGER NOT NULL DEFAULT 0,
  skip_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_ti_pi ON t_task_instance(process_instance_id);
CREATE INDEX idx_ti_submit ON t_task_instance(submit_time);
CREATE INDEX idx_ti_code ON t_task_instance(task_code);
)SQL";

void seed(Database& db) {
  int64_t now = util::toEpochMillis(util::now());
  auto user = db.prepare(
      "INSERT INTO t_user(id,user_name,password_hash,user_type,email,phone,tenant_id,queue,state,time_zone,"
      "create_time,update_time) VALUES(1,'admin',?,0,'xxx@qq.com','',0,'',1,'',?,?)");
  user.bind(1, util::hashPassword("dolphinscheduler123")).bind(2, now).bind(3, now).run();
  db.prepare("INSERT INTO t_queue(id,queue_name,queue,create_time,update_time) VALUES(1,'default','default',?,?)")
      .bind(1, now)
      .bind(2, now)
      .run();
  db.prepare(
        "INSERT INTO t_alertgroup(id,group_name,alert_instance_ids,description,create_user_id,create_time,update_time)"
        " VALUES(1,'default admin warning group','','default admin warning group',1,?,?)")
      .bind(1, now)
      .bind(2, now)
      .run();
}

struct Migration {
  int version;
  void (*apply)(Database&);
};

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list = {
      {1,
       [](Database& db) {
         db.exec(kSchemaV1);
         seed(db);
       }},
      // Task-definition pages filter by project and execute type and list the newest first.
      {2,
       [](Database& db) {
         db.exec(
             "CREATE INDEX idx_td_project_exec_update ON t_task_definition(project_code, task_execute_type, "
             "update_time)");
       }},
  };
  return list;
}

}  // namespace

int latestSchemaVersion() { return migrations().back().version; }

void migrate(Database& db) {
  for (const auto& m : migrations()) {
    if (db.userVersion() >= m.version) continue;
    Transaction tx(db);
    m.apply(db);
    db.setUserVersion(m.version);
    tx.commit();
  }
}

}  // namespace porpoise::store
