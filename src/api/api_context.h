// What every API handler can reach: the store, the settings and the run-time services.
//
// Contract: ApiContext outlives the HTTP server. Call is built per request after
// authentication: the authenticated user, the request, its parameters and the zone in which
// dates are rendered (the user's time zone, else the server's).
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "api/api_error.h"
#include "api/param_reader.h"
#include "http/request.h"
#include "model/admin.h"
#include "store/store.h"

namespace porpoise::scheduler {
struct ScheduleListener;  // scheduler/schedule_events.h
}

namespace porpoise::engine {
class Engine;
}

namespace porpoise::api {

struct ApiSettings {
  std::chrono::seconds sessionTimeout{7200};
  std::string uiRoot;          // directory of the built web UI
  std::string dataDir;
  std::string logDir;          // task logs live below it
  std::string envScriptPath;   // conf/dolphinscheduler_env.sh
  std::string host = "127.0.0.1:5678";  // what instances and task instances report as host
};

struct ApiContext {
  store::Store& store;
  ApiSettings settings;
  engine::Engine* engine = nullptr;  // the DAG master (null in tests that need no runs)
  scheduler::ScheduleListener* scheduleListener = nullptr;  // told when schedules go online/offline
};

struct Call {
  http::Request& req;
  ParamReader params;
  model::User user;
  std::string zone;
  ApiContext& ctx;

  bool isAdmin() const { return user.isAdmin(); }
  // Throws ApiError 30001 unless the user is an admin.
  void requireAdmin() const {
    if (!isAdmin()) throw ApiError(Status::USER_NO_OPERATION_PERM);
  }
  std::string fmt(util::TimePoint t) const { return util::formatDateTime(t, zone); }
};

}  // namespace porpoise::api
