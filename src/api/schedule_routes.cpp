// /projects/{pc}/schedules (spec ds-api.md §3.12): cron timing of released workflows.
//
// Times in the `schedule` JSON ({startTime,endTime,crontab,timezoneId}) are wall-clock readings in
// the server's zone, and are rendered back the same way, as DolphinScheduler does; timezoneId only
// drives the cron matching. The scheduler is told about online/offline/delete after each commit
// through ApiContext::scheduleListener (null until the server wires it).
#include <nlohmann/json.hpp>

#include "api/admin_json.h"
#include "api/project_access.h"
#include "api/routes.h"
#include "cron/cron_expression.h"
#include "cron/schedule_preview.h"
#include "scheduler/schedule_events.h"
#include "store/schedule_repository.h"

namespace porpoise::api {
namespace {

namespace schedules = store::schedules;

// DolphinScheduler codes that status.h does not name yet: the endpoints' fallback codes and
// SCHEDULE_ALREADY_EXISTS (one schedule per workflow).
constexpr Status kCreateScheduleError = Status::CREATE_SCHEDULE_ERROR;
constexpr Status kUpdateScheduleError = Status::UPDATE_SCHEDULE_ERROR;
constexpr Status kPublishScheduleOnlineError = Status::PUBLISH_SCHEDULE_ONLINE_ERROR;
constexpr Status kOfflineScheduleError = Status::OFFLINE_SCHEDULE_ERROR;
constexpr Status kQueryScheduleListPagingError = Status::QUERY_SCHEDULE_LIST_PAGING_ERROR;
constexpr Status kQueryScheduleListError = Status::QUERY_SCHEDULE_LIST_ERROR;
constexpr Status kPreviewScheduleError = Status::PREVIEW_SCHEDULE_ERROR;
constexpr Status kScheduleAlreadyExists = Status::SCHEDULE_ALREADY_EXISTS;
constexpr Status kDeleteScheduleError = Status::DELETE_SCHEDULE_CRON_BY_ID_ERROR;

struct ScheduleParam {
  util::TimePoint startTime;
  util::TimePoint endTime;
  std::string crontab;
  std::string timezoneId;
};

std::string textField(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) throw ParamError(std::string("parameter schedule lacks ") + key);
  if (!it->is_string()) throw ParamError(std::string("parameter schedule: ") + key + " must be a string");
  return it->get<std::string>();
}

util::TimePoint timeField(const Json& obj, const char* key) {
  std::string text = textField(obj, key);
  auto t = util::parseDateTime(text, util::defaultTimeZone());
  if (!t)
    throw ParamError(std::string("parameter schedule: ") + key + " '" + text + "' is not a date 'yyyy-MM-dd HH:mm:ss'");
  return *t;
}

// Parses the `schedule` parameter; an unknown zone is 130031, an empty one the server's zone.
ScheduleParam readScheduleParam(const Call& call) {
  Json obj = call.params.requiredJson("schedule");
  if (!obj.is_object()) throw ParamError("parameter schedule must be a JSON object");
  ScheduleParam p;
  p.startTime = timeField(obj, "startTime");
  p.endTime = timeField(obj, "endTime");
  p.crontab = util::trim(textField(obj, "crontab"));
  auto zone = obj.find("timezoneId");
  if (zone != obj.end() && !zone->is_null() && !zone->is_string())
    throw ParamError("parameter schedule: timezoneId must be a string");
  p.timezoneId = zone != obj.end() && zone->is_string() ? util::trim(zone->get<std::string>()) : "";
  if (p.timezoneId.empty()) p.timezoneId = util::defaultTimeZone();
  if (!util::isValidTimeZone(p.timezoneId)) throw ApiError(Status::TIME_ZONE_ILLEGAL, {p.timezoneId});
  return p;
}

// The checks create and update share: start != end (10141), start < end (80003), valid cron (10001).
void validateForSaving(const ScheduleParam& p) {
  if (std::chrono::floor<std::chrono::seconds>(p.startTime) == std::chrono::floor<std::chrono::seconds>(p.endTime))
    throw ApiError(Status::SCHEDULE_START_TIME_END_TIME_SAME);
  if (p.startTime > p.endTime) throw ApiError(Status::START_TIME_BIGGER_THAN_END_TIME_ERROR);
  try {
    cron::CronExpression::parse(p.crontab);
  } catch (const cron::CronError& e) {
    throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR, e.what());
  }
}

void applyParam(model::Schedule& s, const ScheduleParam& p) {
  s.startTime = p.startTime;
  s.endTime = p.endTime;
  s.crontab = p.crontab;
  s.timezoneId = p.timezoneId;
}

Json scheduleJson(const model::Schedule& s, const Call& call) {
  const std::string& serverZone = util::defaultTimeZone();
  return {{"id", s.id},
          {"processDefinitionCode", s.processDefinitionCode},
          {"processDefinitionName", s.processDefinitionName},
          {"projectName", s.projectName},
          {"definitionDescription", s.definitionDescription},
          {"startTime", util::formatDateTime(s.startTime, serverZone)},
          {"endTime", util::formatDateTime(s.endTime, serverZone)},
          {"timezoneId", s.timezoneId},
          {"crontab", s.crontab},
          {"failureStrategy", model::enumName(s.failureStrategy)},
          {"warningType", model::enumName(s.warningType)},
          {"createTime", call.fmt(s.createTime)},
          {"updateTime", call.fmt(s.updateTime)},
          {"userId", s.userId},
          {"userName", s.userName},
          {"releaseState", model::enumName(s.releaseState)},
          {"warningGroupId", s.warningGroupId},
          {"processInstancePriority", model::enumName(s.processInstancePriority)},
          {"workerGroup", s.workerGroup},
          {"environmentCode", s.environmentCode}};
}

Json scheduleListJson(const std::vector<model::Schedule>& list, const Call& call) {
  Json out = Json::array();
  for (const auto& s : list) out.push_back(scheduleJson(s, call));
  return out;
}

int scheduleIdFromPath(const Call& call) {
  auto id = util::parseInt(call.req.pathParam("id"));
  if (!id) throw ParamError("schedule id in the path must be an integer, got '" + call.req.pathParam("id") + "'");
  return *id;
}

schedules::ScheduledWorkflow requireWorkflow(store::Database& db, int64_t projectCode, int64_t code) {
  auto w = schedules::findWorkflow(db, code);
  if (!w || w->projectCode != projectCode) throw ApiError(Status::PROCESS_DEFINE_NOT_EXIST, {std::to_string(code)});
  return *w;
}

void requireOnline(const schedules::ScheduledWorkflow& w) {
  if (w.releaseState != model::ReleaseState::ONLINE)
    throw ApiError(Status::PROCESS_DEFINE_NOT_RELEASE, {w.name, std::to_string(w.version)});
}

model::Schedule requireSchedule(store::Database& db, int id) {
  auto s = schedules::findById(db, id);
  if (!s) throw ApiError(Status::SCHEDULE_CRON_NOT_EXISTS, {std::to_string(id)});
  return *s;
}

void notifyChanged(const Call& call, int scheduleId) {
  if (call.ctx.scheduleListener) call.ctx.scheduleListener->scheduleChanged(scheduleId);
}

Json createSchedule(Call& call) {
  int64_t projectCode = projectCodeFromPath(call);
  int64_t workflowCode = call.params.requiredInt64("processDefinitionCode");
  model::Schedule s;
  s.warningType = call.params.optEnum("warningType", model::WarningType::NONE);
  s.warningGroupId = call.params.optInt("warningGroupId", 1);
  s.failureStrategy = call.params.optEnum("failureStrategy", model::FailureStrategy::CONTINUE);
  s.workerGroup = call.params.opt("workerGroup", "default");
  s.environmentCode = call.params.optInt64("environmentCode", -1);
  s.processInstancePriority = call.params.optEnum("processInstancePriority", model::Priority::MEDIUM);
  return call.ctx.store.write([&](store::Database& db) {
    requireProject(call, db, projectCode);
    auto workflow = requireWorkflow(db, projectCode, workflowCode);
    requireOnline(workflow);
    ScheduleParam param = readScheduleParam(call);
    validateForSaving(param);
    if (auto existing = schedules::findByWorkflowCode(db, workflowCode))
      throw ApiError::withMessage(kScheduleAlreadyExists, "workflow " + std::to_string(workflowCode) + " schedule " +
                                                              std::to_string(existing->id) +
                                                              " already exist, please update or delete it");
    applyParam(s, param);
    s.processDefinitionCode = workflowCode;
    s.projectCode = projectCode;
    s.releaseState = model::ReleaseState::OFFLINE;
    s.userId = call.user.id;
    s.createTime = s.updateTime = util::now();
    int id = schedules::insert(db, s);
    schedules::setWorkflowWarningGroup(db, workflowCode, s.warningGroupId);
    return scheduleJson(requireSchedule(db, id), call);
  });
}

// Shared by update-by-id and update-by-workflow-code; `find` locates the schedule (or throws 10022).
Json updateSchedule(Call& call, const std::function<model::Schedule(store::Database&)>& find) {
  int64_t projectCode = projectCodeFromPath(call);
  auto warningType = call.params.maybe("warningType")
                         ? std::optional(call.params.requiredEnum<model::WarningType>("warningType"))
                         : std::nullopt;
  auto warningGroupId =
      call.params.maybe("warningGroupId") ? std::optional(call.params.requiredInt("warningGroupId")) : std::nullopt;
  auto failureStrategy = call.params.optEnum("failureStrategy", model::FailureStrategy::END);
  auto workerGroup = call.params.opt("workerGroup", "default");
  auto environmentCode = call.params.maybeInt64("environmentCode");
  auto priority = call.params.maybe("processInstancePriority")
                      ? std::optional(call.params.requiredEnum<model::Priority>("processInstancePriority"))
                      : std::nullopt;
  call.ctx.store.write([&](store::Database& db) {
    requireProject(call, db, projectCode);
    model::Schedule s = find(db);
    requireWorkflow(db, projectCode, s.processDefinitionCode);
    if (s.releaseState == model::ReleaseState::ONLINE) throw ApiError(Status::SCHEDULE_CRON_ONLINE_FORBID_UPDATE);
    ScheduleParam param = readScheduleParam(call);
    validateForSaving(param);
    applyParam(s, param);
    if (warningType) s.warningType = *warningType;
    if (warningGroupId) s.warningGroupId = *warningGroupId;
    s.failureStrategy = failureStrategy;
    s.workerGroup = workerGroup;
    if (environmentCode) s.environmentCode = *environmentCode;
    if (priority) s.processInstancePriority = *priority;
    s.updateTime = util::now();
    schedules::update(db, s);
    schedules::setWorkflowWarningGroup(db, s.processDefinitionCode, s.warningGroupId);
  });
  return nullptr;
}

Json setReleaseState(Call& call, model::ReleaseState target) {
  int64_t projectCode = projectCodeFromPath(call);
  int id = scheduleIdFromPath(call);
  call.ctx.store.write([&](store::Database& db) {
    requireProject(call, db, projectCode);
    model::Schedule s = requireSchedule(db, id);
    if (s.releaseState == target)
      throw ApiError(Status::SCHEDULE_CRON_REALEASE_NEED_NOT_CHANGE, {model::enumName(target)});
    auto workflow = requireWorkflow(db, projectCode, s.processDefinitionCode);
    if (target == model::ReleaseState::ONLINE) {
      if (schedules::countRelations(db, workflow.code) == 0) throw ApiError(Status::PROCESS_DAG_IS_EMPTY);
      requireOnline(workflow);
      auto offlineChildren = schedules::offlineSubWorkflows(db, workflow.code);
      if (!offlineChildren.empty())
        throw ApiError::withMessage(Status::PROCESS_DEFINE_NOT_RELEASE,
                                    "sub process definition " + offlineChildren.front() + " is not online");
    }
    schedules::setReleaseState(db, id, target, util::now());
  });
  notifyChanged(call, id);
  return nullptr;
}

Json listSchedulesPaging(Call& call) {
  int64_t projectCode = projectCodeFromPath(call);
  auto workflowCode = call.params.maybeInt64("processDefinitionCode");
  auto page = call.params.page();
  std::string search = call.params.opt("searchVal");
  auto result = call.ctx.store.read([&](store::Database& db) {
    requireProject(call, db, projectCode);
    if (workflowCode) requireWorkflow(db, projectCode, *workflowCode);
    return schedules::page(db, projectCode, workflowCode, search, page);
  });
  return pageInfo(scheduleListJson(result.items, call), result.total, page.pageNo, page.pageSize);
}

Json listSchedules(Call& call) {
  int64_t projectCode = projectCodeFromPath(call);
  auto list = call.ctx.store.read([&](store::Database& db) {
    requireProject(call, db, projectCode);
    return schedules::listByProject(db, projectCode);
  });
  return scheduleListJson(list, call);
}

Json deleteSchedule(Call& call) {
  int64_t projectCode = projectCodeFromPath(call);
  int id = scheduleIdFromPath(call);
  call.ctx.store.write([&](store::Database& db) {
    requireProject(call, db, projectCode);
    model::Schedule s = requireSchedule(db, id);
    if (s.userId != call.user.id && !call.isAdmin()) throw ApiError(Status::USER_NO_OPERATION_PERM);
    if (s.releaseState == model::ReleaseState::ONLINE)
      throw ApiError(Status::SCHEDULE_CRON_STATE_ONLINE, {std::to_string(id)});
    schedules::remove(db, id);
  });
  if (call.ctx.scheduleListener) call.ctx.scheduleListener->scheduleRemoved(id);
  return nullptr;
}

Json previewSchedule(Call& call) {
  ScheduleParam param = readScheduleParam(call);
  std::optional<cron::CronExpression> expression;
  try {
    expression.emplace(cron::CronExpression::parse(param.crontab));
  } catch (const cron::CronError& e) {
    throw ApiError::withMessage(Status::PARSE_TO_CRON_EXPRESSION_ERROR,
                                "parse cron to cron expression error: " + std::string(e.what()));
  }
  Json out = Json::array();
  for (const auto& t :
       cron::previewFireTimes(*expression, util::now(), param.startTime, param.endTime, param.timezoneId))
    out.push_back(t);
  return out;
}

}  // namespace

void registerScheduleRoutes(ApiServer& api) {
  RouteOptions created;
  created.created = true;
  const std::string base = "/projects/{pc}/schedules";
  api.route("POST", base, kCreateScheduleError, createSchedule, created);
  api.route("PUT", base + "/{id}", kUpdateScheduleError, [](Call& call) {
    int id = scheduleIdFromPath(call);
    return updateSchedule(call, [id](store::Database& db) { return requireSchedule(db, id); });
  });
  api.route("PUT", base + "/update/{code}", kUpdateScheduleError, [](Call& call) {
    auto code = util::parseInt64(call.req.pathParam("code"));
    if (!code) throw ParamError("workflow code in the path must be an integer");
    return updateSchedule(call, [code = *code](store::Database& db) {
      auto s = schedules::findByWorkflowCode(db, code);
      if (!s) throw ApiError(Status::SCHEDULE_CRON_NOT_EXISTS, {std::to_string(code)});
      return *s;
    });
  });
  api.route("POST", base + "/{id}/online", kPublishScheduleOnlineError,
            [](Call& call) { return setReleaseState(call, model::ReleaseState::ONLINE); });
  api.route("POST", base + "/{id}/offline", kOfflineScheduleError,
            [](Call& call) { return setReleaseState(call, model::ReleaseState::OFFLINE); });
  api.route("GET", base, kQueryScheduleListPagingError, listSchedulesPaging);
  api.route("POST", base + "/list", kQueryScheduleListError, listSchedules);
  api.route("DELETE", base + "/{id}", kDeleteScheduleError, deleteSchedule);
  api.route("POST", base + "/preview", kPreviewScheduleError, previewSchedule, created);
}

}  // namespace porpoise::api
