// /projects/{pc}/executors: start workflows (incl. backfill), control running instances
// (spec ds-api.md §3.8, ds-tasks.md §6.14).
#include "api/definition_service.h"
#include "api/engine_call.h"
#include "api/project_access.h"
#include "api/routes.h"
#include "cron/cron_expression.h"
#include "engine/engine.h"
#include "model/lenient_json.h"
#include "params/param_resolver.h"
#include "store/instance_repository.h"
#include "store/schedule_repository.h"

namespace porpoise::api {
namespace {

const std::string kBase = "/projects/{pc}/executors";
constexpr size_t kMaxComplementDates = 100;

engine::Engine& requireEngine(Call& call) {
  if (!call.ctx.engine) throw ApiError::withMessage(Status::START_PROCESS_INSTANCE_ERROR, "the engine is not running");
  return *call.ctx.engine;
}

std::vector<int64_t> parseNodes(const std::string& raw) {
  std::vector<int64_t> out;
  for (const auto& part : util::split(raw, ',')) {
    auto v = util::parseInt64(part);
    if (!v) throw ApiError(Status::REQUEST_PARAMS_NOT_VALID_ERROR, {"startNodeList"});
    out.push_back(*v);
  }
  return out;
}

util::TimePoint requireDate(const std::string& text, const std::string& zone, const std::string& field) {
  auto t = util::parseDateTime(text, zone);
  if (!t) throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR,
                                      "request parameter scheduleTime is not valid: " + field + " '" + text +
                                          "' must be yyyy-MM-dd HH:mm:ss");
  return *t;
}

// The backfill dates of a COMPLEMENT_DATA start: a list, or a range walked with the workflow's
// schedule (cron) when it has one, else one run per day.
std::vector<util::TimePoint> complementDates(Call& call, store::Database& db, int64_t workflowCode) {
  auto raw = call.params.opt("scheduleTime");
  nlohmann::json spec = nlohmann::json::parse(raw, nullptr, false);
  if (!spec.is_object()) throw ApiError(Status::REQUEST_PARAMS_NOT_VALID_ERROR, {"scheduleTime"});
  std::vector<util::TimePoint> dates;
  auto list = model::lenientString(spec, "complementScheduleDateList");
  if (!list.empty()) {
    for (const auto& d : util::split(list, ',')) dates.push_back(requireDate(d, call.zone, "complementScheduleDateList"));
    if (dates.size() > kMaxComplementDates) throw ApiError(Status::SCHEDULE_TIME_NUMBER);
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    return dates;
  }
  auto start = requireDate(model::lenientString(spec, "complementStartDate"), call.zone, "complementStartDate");
  auto end = requireDate(model::lenientString(spec, "complementEndDate"), call.zone, "complementEndDate");
  if (start > end) throw ApiError(Status::START_TIME_BIGGER_THAN_END_TIME_ERROR);
  auto schedule = store::schedules::findByWorkflowCode(db, workflowCode);
  if (schedule) {
    try {
      auto cron = cron::CronExpression::parse(schedule->crontab);
      dates = cron.nextN(start - std::chrono::milliseconds(1), kMaxComplementDates + 1, schedule->timezoneId, end);
    } catch (const std::exception&) {
      dates.clear();
    }
  }
  if (!schedule || dates.empty()) {
    for (auto t = start; t <= end && dates.size() <= kMaxComplementDates; t += std::chrono::hours(24)) dates.push_back(t);
  }
  if (dates.size() > kMaxComplementDates) throw ApiError(Status::SCHEDULE_TIME_NUMBER);
  if (dates.empty())
    throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR, "request parameter scheduleTime is not valid: no dates in the range");
  return dates;
}

void checkSubWorkflowsOnline(store::Database& db, const model::DagData& dag) {
  for (const auto& t : dag.tasks) {
    if (t.taskType != "SUB_PROCESS" && t.taskType != "SUB_WORKFLOW") continue;
    int64_t child = 0;
    for (const char* key : {"processDefinitionCode", "workflowDefinitionCode"})
      if (!child) child = model::lenientInt64(t.taskParams, key, 0);
    auto w = store::definitions::findWorkflow(db, child);
    if (!w) throw ApiError(Status::PROCESS_DEFINE_NOT_EXIST, {std::to_string(child)});
    if (w->releaseState != model::ReleaseState::ONLINE)
      throw ApiError(Status::PROCESS_DEFINE_NOT_RELEASE, {w->name, std::to_string(w->version)});
    if (auto childDag = store::definitions::loadDag(db, child)) checkSubWorkflowsOnline(db, *childDag);
  }
}

Json startWorkflow(Call& call) {
  int64_t pc = projectCodeFromPath(call);
  auto& p = call.params;
  int64_t code = p.requiredInt64("processDefinitionCode");
  int timeout = p.optInt("timeout", 86400);
  if (timeout <= 0 || timeout > 86400) throw ApiError(Status::TASK_TIMEOUT_PARAMS_ERROR);
  engine::StartRequest req;
  req.workflowCode = code;
  req.failureStrategy = p.optEnum("failureStrategy", model::FailureStrategy::CONTINUE);
  req.warningType = p.optEnum("warningType", model::WarningType::NONE);
  req.warningGroupId = p.optInt("warningGroupId", 0);
  req.commandType = p.optEnum("execType", model::CommandType::START_PROCESS);
  if (req.commandType != model::CommandType::START_PROCESS && req.commandType != model::CommandType::COMPLEMENT_DATA)
    throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR,
                                "request parameter execType is not valid: use START_PROCESS or COMPLEMENT_DATA");
  req.startNodes = parseNodes(p.opt("startNodeList"));
  req.taskDependType = p.optEnum("taskDependType", model::TaskDependType::TASK_POST);
  auto runMode = p.optEnum("runMode", model::RunMode::RUN_MODE_SERIAL);
  req.priority = p.optEnum("processInstancePriority", model::Priority::MEDIUM);
  req.workerGroup = p.opt("workerGroup", "default");
  req.environmentCode = p.optInt64("environmentCode", -1);
  req.dryRun = p.optInt("dryRun", 0) ? 1 : 0;
  int parallelism = p.optInt("expectedParallelismNumber", 0);
  if (auto raw = p.maybe("startParams")) {
    try {
      req.startParams = params::parseStartParams(*raw);
    } catch (const std::exception& e) {
      throw ApiError::withMessage(Status::REQUEST_PARAMS_NOT_VALID_ERROR,
                                  std::string("request parameter startParams is not valid: ") + e.what());
    }
  }
  req.executorId = call.user.id;
  req.timezone = call.zone;
  std::vector<util::TimePoint> dates;
  call.ctx.store.read([&](store::Database& db) {
    requireProject(call, db, pc);
    auto w = requireWorkflow(db, pc, code);
    if (w.releaseState != model::ReleaseState::ONLINE)
      throw ApiError(Status::PROCESS_DEFINE_NOT_RELEASE, {w.name, std::to_string(w.version)});
    auto dag = store::definitions::loadDag(db, code);
    checkSubWorkflowsOnline(db, *dag);
    auto tenant = resolveRunTenant(db, w);
    if (!tenant) throw ApiError(Status::TENANT_NOT_SUITABLE);
    req.tenantId = tenant->first;
    req.tenantCode = tenant->second;
    if (req.commandType == model::CommandType::COMPLEMENT_DATA) dates = complementDates(call, db, code);
  });
  auto& engine = requireEngine(call);
  if (dates.empty()) return awaitEngine(engine.start(req));
  // Backfill: serial = one chain; parallel = up to `parallelism` chains running side by side.
  size_t chains = runMode == model::RunMode::RUN_MODE_SERIAL ? 1
                  : parallelism > 0 ? std::min<size_t>(parallelism, dates.size())
                                    : dates.size();
  Json ids = Json::array();
  for (size_t c = 0; c < chains; ++c) {
    size_t begin = dates.size() * c / chains, end = dates.size() * (c + 1) / chains;
    engine::StartRequest chain = req;
    chain.complementDates.assign(dates.begin() + begin, dates.begin() + end);
    ids.push_back(awaitEngine(engine.start(chain)));
  }
  return ids.size() == 1 ? ids[0] : ids;
}

Json executeOne(Call& call, int64_t pc, int64_t instanceId, model::ExecuteType action) {
  call.ctx.store.read([&](store::Database& db) {
    requireProject(call, db, pc);
    auto w = store::instances::findWorkflow(db, instanceId);
    if (!w || w->projectCode != pc) throw ApiError(Status::PROCESS_INSTANCE_NOT_EXIST, {std::to_string(instanceId)});
    if (action != model::ExecuteType::STOP && action != model::ExecuteType::PAUSE) {
      if (auto dag = store::definitions::loadDagVersion(db, w->processDefinitionCode, w->processDefinitionVersion))
        checkSubWorkflowsOnline(db, *dag);
    }
  });
  awaitEngine(requireEngine(call).execute(instanceId, action));
  return nullptr;
}

}  // namespace

void registerExecutorRoutes(ApiServer& api) {
  api.route("POST", kBase + "/start-process-instance", Status::START_PROCESS_INSTANCE_ERROR, startWorkflow);
  api.route("POST", kBase + "/execute", Status::EXECUTE_PROCESS_INSTANCE_ERROR, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t id = call.params.requiredInt64("processInstanceId");
    auto action = call.params.requiredEnum<model::ExecuteType>("executeType");
    if (action == model::ExecuteType::NONE) throw ParamError("parameter executeType must not be NONE");
    return executeOne(call, pc, id, action);
  });
  api.route("POST", kBase + "/batch-execute", Status::EXECUTE_PROCESS_INSTANCE_ERROR, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    auto action = call.params.requiredEnum<model::ExecuteType>("executeType");
    std::vector<std::string> errors;
    for (const auto& part : util::split(call.params.required("processInstanceIds"), ',')) {
      auto id = util::parseInt64(part);
      if (!id) throw ParamError("parameter processInstanceIds must be comma-separated ids");
      try {
        executeOne(call, pc, *id, action);
      } catch (const ApiError& e) {
        errors.push_back(part + ": " + e.what());
      }
    }
    if (!errors.empty())
      throw ApiError::withMessage(Status::EXECUTE_PROCESS_INSTANCE_ERROR,
                                  "execute process instance error: " + util::join(errors, "; "));
    return Json(nullptr);
  });
  api.route("POST", kBase + "/start-check", Status::PROCESS_DEFINE_NOT_RELEASE, [](Call& call) {
    int64_t pc = projectCodeFromPath(call);
    int64_t code = call.params.requiredInt64("processDefinitionCode");
    call.ctx.store.read([&](store::Database& db) {
      requireProject(call, db, pc);
      requireWorkflow(db, pc, code);
      checkSubWorkflowsOnline(db, *store::definitions::loadDag(db, code));
    });
    return Json(nullptr);
  });
}

}  // namespace porpoise::api
