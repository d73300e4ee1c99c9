#include "store/definition_rows.h"

#include "store/row_time.h"

namespace porpoise::store::rows {

const char* kTaskColumns =
    "code,name,version,description,project_code,user_id,task_type,task_params,flag,task_priority,worker_group,"
    "environment_code,fail_retry_times,fail_retry_interval,timeout_flag,timeout_notify_strategy,timeout,delay_time,"
    "resource_ids,task_group_id,task_group_priority,cpu_quota,memory_max,task_execute_type,create_time,update_time";

const char* kWorkflowColumns =
    "code,name,version,release_state,project_code,description,global_params,locations,flag,user_id,timeout,"
    "tenant_id,warning_group_id,execution_type,create_time,update_time";

const char* kRelationColumns =
    "name,process_definition_version,project_code,process_definition_code,pre_task_code,pre_task_version,"
    "post_task_code,post_task_version,condition_type,condition_params,create_time,update_time";

int bindTask(Statement& st, int i, const model::TaskDefinition& t) {
  auto b = [&](const auto& v) { st.bind(i++, v); };
  b(t.code); b(t.name); b(t.version); b(t.description); b(t.projectCode);
  b(t.userId); b(t.taskType); b(t.taskParams.dump()); b(model::enumCode(t.flag));
  b(model::enumCode(t.taskPriority)); b(t.workerGroup); b(t.environmentCode);
  b(t.failRetryTimes); b(t.failRetryInterval); b(model::enumCode(t.timeoutFlag));
  if (t.timeoutNotifyStrategy)
    b(model::enumCode(*t.timeoutNotifyStrategy));
  else
    st.bindNull(i++);
  b(t.timeout); b(t.delayTime); b(t.resourceIds); b(t.taskGroupId);
  b(t.taskGroupPriority); b(t.cpuQuota); b(t.memoryMax);
  b(model::enumCode(t.taskExecuteType)); b(ms(t.createTime)); b(ms(t.updateTime));
  return i;
}

model::TaskDefinition readTask(const Statement& st, int i) {
  model::TaskDefinition t;
  t.id = st.getInt64(i - 1);
  t.code = st.getInt64(i++);
  t.name = st.getText(i++);
  t.version = st.getInt(i++);
  t.description = st.getText(i++);
  t.projectCode = st.getInt64(i++);
  t.userId = st.getInt(i++);
  t.taskType = st.getText(i++);
  try {
    t.taskParams = model::Json::parse(st.getText(i++));
  } catch (...) {
    t.taskParams = model::Json::object();
  }
  t.flag = model::enumFromCode<model::Flag>(st.getInt(i++)).value_or(model::Flag::YES);
  t.taskPriority = model::enumFromCode<model::Priority>(st.getInt(i++)).value_or(model::Priority::MEDIUM);
  t.workerGroup = st.getText(i++);
  t.environmentCode = st.getInt64(i++);
  t.failRetryTimes = st.getInt(i++);
  t.failRetryInterval = st.getInt(i++);
  t.timeoutFlag = model::enumFromCode<model::TimeoutFlag>(st.getInt(i++)).value_or(model::TimeoutFlag::CLOSE);
  if (!st.isNull(i)) t.timeoutNotifyStrategy = model::enumFromCode<model::TimeoutStrategy>(st.getInt(i));
  ++i;
  t.timeout = st.getInt(i++);
  t.delayTime = st.getInt(i++);
  t.resourceIds = st.getText(i++);
  t.taskGroupId = st.getInt(i++);
  t.taskGroupPriority = st.getInt(i++);
  t.cpuQuota = st.getInt(i++);
  t.memoryMax = st.getInt(i++);
  t.taskExecuteType =
      model::enumFromCode<model::TaskExecuteType>(st.getInt(i++)).value_or(model::TaskExecuteType::BATCH);
  t.createTime = timeAt(st, i++);
  t.updateTime = timeAt(st, i++);
  return t;
}

int bindWorkflow(Statement& st, int i, const model::WorkflowDefinition& w) {
  auto b = [&](const auto& v) { st.bind(i++, v); };
  b(w.code); b(w.name); b(w.version); b(model::enumCode(w.releaseState));
  b(w.projectCode); b(w.description); b(w.globalParams); b(w.locations);
  b(model::enumCode(w.flag)); b(w.userId); b(w.timeout); b(w.tenantId);
  b(w.warningGroupId); b(model::enumCode(w.executionType)); b(ms(w.createTime));
  b(ms(w.updateTime));
  return i;
}

model::WorkflowDefinition readWorkflow(const Statement& st, int i) {
  model::WorkflowDefinition w;
  w.id = st.getInt64(i - 1);
  w.code = st.getInt64(i++);
  w.name = st.getText(i++);
  w.version = st.getInt(i++);
  w.releaseState = model::enumFromCode<model::ReleaseState>(st.getInt(i++)).value_or(model::ReleaseState::OFFLINE);
  w.projectCode = st.getInt64(i++);
  w.description = st.getText(i++);
  w.globalParams = st.getText(i++);
  w.locations = st.getText(i++);
  w.flag = model::enumFromCode<model::Flag>(st.getInt(i++)).value_or(model::Flag::YES);
  w.userId = st.getInt(i++);
  w.timeout = st.getInt(i++);
  w.tenantId = st.getInt(i++);
  w.warningGroupId = st.getInt(i++);
  w.executionType =
      model::enumFromCode<model::ExecutionType>(st.getInt(i++)).value_or(model::ExecutionType::PARALLEL);
  w.createTime = timeAt(st, i++);
  w.updateTime = timeAt(st, i++);
  return w;
}

int bindRelation(Statement& st, int i, const model::TaskRelation& r) {
  auto b = [&](const auto& v) { st.bind(i++, v); };
  b(r.name); b(r.processDefinitionVersion); b(r.projectCode);
  b(r.processDefinitionCode); b(r.preTaskCode); b(r.preTaskVersion);
  b(r.postTaskCode); b(r.postTaskVersion); b(model::enumCode(r.conditionType));
  b(r.conditionParams.dump()); b(ms(r.createTime)); b(ms(r.updateTime));
  return i;
}

model::TaskRelation readRelation(const Statement& st, int i) {
  model::TaskRelation r;
  r.id = st.getInt64(i - 1);
  r.name = st.getText(i++);
  r.processDefinitionVersion = st.getInt(i++);
  r.projectCode = st.getInt64(i++);
  r.processDefinitionCode = st.getInt64(i++);
  r.preTaskCode = st.getInt64(i++);
  r.preTaskVersion = st.getInt(i++);
  r.postTaskCode = st.getInt64(i++);
  r.postTaskVersion = st.getInt(i++);
  r.conditionType = model::enumFromCode<model::ConditionType>(st.getInt(i++)).value_or(model::ConditionType::NONE);
  try {
    r.conditionParams = model::Json::parse(st.getText(i++));
  } catch (...) {
    r.conditionParams = model::Json::object();
  }
  r.createTime = timeAt(st, i++);
  r.updateTime = timeAt(st, i++);
  return r;
}

}  // namespace porpoise::store::rows
