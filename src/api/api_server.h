// The REST API front: routes /dolphinscheduler/... requests to resource handlers.
//
// Contract: handle() implements DolphinScheduler's transport rules (spec ds-api.md §1):
//  - `/dolphinscheduler` and `/dolphinscheduler/` redirect to `/dolphinscheduler/ui/`;
//    `/dolphinscheduler/ui/**` serves the built UI with an SPA fallback;
//  - every API route except public ones (login) needs a session (`sessionId` header or cookie)
//    or a `token` header, else HTTP 401 with an empty body;
//  - handler results are wrapped in {code,msg,data,success,failed}; routes flagged `created`
//    answer HTTP 201; ApiError → its code; ParamError → the route's fallback code with a message
//    naming the parameter; any other exception → the fallback code with the error text;
//  - unknown paths answer the UI's index.html with HTTP 200.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "api/api_context.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "http/static_files.h"

namespace porpoise::api {

using Json = nlohmann::json;

struct RouteOptions {
  bool created = false;      // answer HTTP 201 (DolphinScheduler's @ResponseStatus(CREATED))
  bool publicRoute = false;  // no authentication
  std::string successMsg;    // msg on success (default "success")
};

class ApiServer {
 public:
  explicit ApiServer(ApiContext& ctx);
  http::Response handle(http::Request& req);

  using JsonHandler = std::function<Json(Call&)>;
  using RawHandler = std::function<http::Response(Call&)>;
  void route(const std::string& method, const std::string& pattern, Status fallback, JsonHandler fn,
             RouteOptions opts = {});
  void rawRoute(const std::string& method, const std::string& pattern, Status fallback, RawHandler fn,
                RouteOptions opts = {});

  ApiContext& context() { return ctx_; }

 private:
  http::Response dispatch(http::Request& req, Status fallback, const RouteOptions& opts,
                          const std::function<http::Response(Call&)>& body);
  ApiContext& ctx_;
  http::Router router_;
  http::StaticFiles ui_;
};

// Envelope helpers.
std::string envelope(int code, const std::string& msg, const Json& data);
http::Response envelopeResponse(int code, const std::string& msg, const Json& data, int httpStatus = 200);

}  // namespace porpoise::api
