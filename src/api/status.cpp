#include "api/status.h"

#include <map>

#include "util/strings.h"

namespace porpoise::api {

std::string statusTemplate(Status s) {
  static const std::map<Status, std::string> messages = {
      {Status::SUCCESS, "success"},
      {Status::INTERNAL_SERVER_ERROR_ARGS, "Internal Server Error: {0}"},
      {Status::REQUEST_PARAMS_NOT_VALID_ERROR, "request parameter {0} is not valid"},
      {Status::TASK_TIMEOUT_PARAMS_ERROR, "task timeout parameter is not valid"},
      {Status::USER_NAME_EXIST, "user name already exists"},
      {Status::USER_NAME_NULL, "user name is null"},
      {Status::TASK_INSTANCE_NOT_FOUND, "task instance not found"},
      {Status::OS_TENANT_CODE_EXIST, "os tenant code {0} already exists"},
      {Status::USER_NOT_EXIST, "user {0} not exists"},
      {Status::USER_NAME_PASSWD_ERROR, "user name or password error"},
      {Status::LOGIN_SESSION_FAILED, "create session failed!"},
      {Status::TENANT_NOT_EXIST, "tenant not exists"},
      {Status::PROJECT_NOT_FOUND, "project {0} not found "},
      {Status::PROJECT_ALREADY_EXISTS, "project {0} already exists"},
      {Status::SCHEDULE_CRON_NOT_EXISTS, "scheduler crontab {0} does not exist"},
      {Status::SCHEDULE_CRON_ONLINE_FORBID_UPDATE, "online status does not allow update operations"},
      {Status::LOGIN_SUCCESS, "login success"},
      {Status::USER_LOGIN_FAILURE, "user login failure"},
      {Status::CREATE_PROJECT_ERROR, "create project error"},
      {Status::CREATE_USER_ERROR, "create user error"},
      {Status::UPDATE_USER_ERROR, "update user error"},
      {Status::QUERY_TASK_INSTANCE_LOG_ERROR, "view task instance log error"},
      {Status::CREATE_PROCESS_DEFINITION_ERROR, "create process definition error"},
      {Status::UPDATE_PROCESS_DEFINITION_ERROR, "update process definition error"},
      {Status::RELEASE_PROCESS_DEFINITION_ERROR, "release process definition error"},
      {Status::DELETE_PROCESS_INSTANCE_BY_ID_ERROR, "delete process instance by id error"},
      {Status::SCHEDULE_CRON_REALEASE_NEED_NOT_CHANGE, "schedule release is already {0}"},
      {Status::QUEUE_VALUE_EXIST, "queue value {0} already exists"},
      {Status::QUEUE_NAME_EXIST, "queue name {0} already exists"},
      {Status::NAME_NULL, "name must be not null"},
      {Status::NAME_EXIST, "name {0} already exists"},
      {Status::DELETE_PROJECT_ERROR_DEFINES_NOT_NULL,
       "please delete the process definitions in project first!"},
      {Status::PARSE_TO_CRON_EXPRESSION_ERROR, "parse cron to cron expression error: {0}"},
      {Status::SCHEDULE_START_TIME_END_TIME_SAME, "The start time must not be the same as the end"},
      {Status::DELETE_TENANT_BY_ID_FAIL, "delete tenant by id fail, for there are {0} process instances in executing using it"},
      {Status::DELETE_TENANT_BY_ID_FAIL_DEFINES, "delete tenant by id fail, for there are {0} process definitions using it"},
      {Status::DELETE_TENANT_BY_ID_FAIL_USERS, "delete tenant by id fail, for there are {0} users using it"},
      {Status::USER_DISABLED, "The current user is disabled"},
      {Status::DELETE_PROCESS_DEFINITION_EXECUTING_FAIL,
       "delete process definition by code fail, for there are {0} process instances in executing using it"},
      {Status::CHECK_OS_TENANT_CODE_ERROR,
       "Tenant code invalid, should follow linux's users naming conventions"},
      {Status::FORCE_TASK_SUCCESS_ERROR, "force task success error"},
      {Status::TASK_INSTANCE_STATE_OPERATION_ERROR,
       "the status of task instance {0} is {1},Cannot perform force success operation"},
      {Status::PROCESS_DEFINITION_NAME_EXIST, "process definition name {0} already exists"},
      {Status::PROJECT_NOT_EXIST, "This project was not found. Please refresh page."},
      {Status::TASK_INSTANCE_HOST_IS_NULL, "task instance host is null"},
      {Status::DELETE_PROCESS_DEFINITION_USE_BY_OTHER_FAIL,
       "delete process definition fail, cause used by other tasks: {0}"},
      {Status::DELETE_TASK_USE_BY_OTHER_FAIL, "delete task {0} fail, cause used by other tasks: {1}"},
      {Status::USER_NO_OPERATION_PERM, "user has no operation privilege"},
      {Status::USER_NO_OPERATION_PROJECT_PERM, "user {0} is not has project {1} permission"},
      {Status::PROCESS_INSTANCE_NOT_EXIST, "process instance {0} does not exist"},
      {Status::PROCESS_DEFINE_NOT_EXIST, "process definition {0} does not exist"},
      {Status::PROCESS_DEFINE_NOT_RELEASE, "process definition {0} process version {1} not online"},
      {Status::PROCESS_INSTANCE_ALREADY_CHANGED, "the status of process instance {0} is already {1}"},
      {Status::PROCESS_INSTANCE_STATE_OPERATION_ERROR,
       "the status of process instance {0} is {1},Cannot perform {2} operation"},
      {Status::PROCESS_DEFINE_NOT_ALLOWED_EDIT, "process definition {0} does not allow edit"},
      {Status::PROCESS_INSTANCE_EXECUTING_COMMAND, "process instance {0} is executing the command, please wait ..."},
      {Status::START_PROCESS_INSTANCE_ERROR, "start process instance error"},
      {Status::EXECUTE_PROCESS_INSTANCE_ERROR, "execute process instance error"},
      {Status::DATA_IS_NOT_VALID, "data {0} not valid"},
      {Status::DATA_IS_NULL, "data {0} is null"},
      {Status::PROCESS_NODE_HAS_CYCLE, "process node has cycle"},
      {Status::PROCESS_NODE_S_PARAMETER_INVALID, "process node {0} parameter invalid"},
      {Status::PROCESS_DEFINE_STATE_ONLINE, "process definition [{0}] is already online"},
      {Status::SCHEDULE_CRON_STATE_ONLINE, "the status of schedule {0} is already online"},
      {Status::BATCH_DELETE_PROCESS_DEFINE_BY_CODES_ERROR, "batch delete process definition by codes error: {0}"},
      {Status::TENANT_NOT_SUITABLE, "there is not any tenant suitable, please choose a tenant available."},
      {Status::IMPORT_PROCESS_DEFINE_ERROR, "import process definition error"},
      {Status::TASK_DEFINE_NOT_EXIST, "task definition [{0}] does not exist"},
      {Status::PROCESS_DAG_IS_EMPTY, "process dag is empty"},
      {Status::CHECK_PROCESS_TASK_RELATION_ERROR, "check process task relation error"},
      {Status::TASK_DEFINITION_NAME_EXISTED, "task definition name [{0}] already exists"},
      {Status::MAIN_TABLE_USING_VERSION, "the version that the master table is using"},
      {Status::START_TIME_BIGGER_THAN_END_TIME_ERROR, "start time bigger than end time error"},
      {Status::PROCESS_DEFINITION_VERSION_IS_USED, "this process definition version is used"},
      {Status::CREATE_ENVIRONMENT_ERROR, "create environment error"},
      {Status::ENVIRONMENT_NAME_EXISTS, "this environment name [{0}] already exists"},
      {Status::ENVIRONMENT_NAME_IS_NULL, "this environment name shouldn't be empty."},
      {Status::ENVIRONMENT_CONFIG_IS_NULL, "this environment config shouldn't be empty."},
      {Status::UPDATE_ENVIRONMENT_ERROR, "update environment [{0}] info error"},
      {Status::DELETE_ENVIRONMENT_ERROR, "delete environment error"},
      {Status::DELETE_ENVIRONMENT_RELATED_TASK_EXISTS,
       "this environment has been used in tasks,so you can't delete it."},
      {Status::QUERY_ENVIRONMENT_BY_CODE_ERROR, "not found environment [{0}] "},
      {Status::NOT_ALLOW_TO_DISABLE_OWN_ACCOUNT, "Not allow to disable your own account"},
      {Status::TIME_ZONE_ILLEGAL, "time zone [{0}] is illegal"},
      {Status::TENANT_FULL_NAME_TOO_LONG_ERROR, "tenant's fullname is too long error"},
      {Status::USER_PASSWORD_LENGTH_ERROR, "user's password length error"},
      {Status::SCHEDULE_TIME_NUMBER, "The number of complement dates exceeds 100."},
      {Status::DESCRIPTION_TOO_LONG_ERROR, "description is too long error"},
  };
  auto it = messages.find(s);
  return it == messages.end() ? "error" : it->second;
}

std::string formatStatus(Status s, const std::vector<std::string>& args) {
  std::string msg = statusTemplate(s);
  for (size_t i = 0; i < args.size(); ++i) util::replaceAll(msg, "{" + std::to_string(i) + "}", args[i]);
  // Placeholders without an argument render empty, as MessageFormat with missing args would.
  for (size_t i = args.size(); i < 4; ++i) util::replaceAll(msg, "{" + std::to_string(i) + "}", "");
  return msg;
}

}  // namespace porpoise::api
