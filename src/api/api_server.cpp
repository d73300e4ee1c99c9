#include "api/api_server.h"

#include <spdlog/spdlog.h>

#include "api/auth.h"
#include "util/strings.h"

namespace porpoise::api {
namespace {

constexpr std::string_view kBase = "/dolphinscheduler";

}  // namespace

std::string envelope(int code, const std::string& msg, const Json& data) {
  Json body = {{"code", code}, {"msg", msg}, {"data", data}, {"success", code == 0}, {"failed", code != 0}};
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

http::Response envelopeResponse(int code, const std::string& msg, const Json& data, int httpStatus) {
  return http::Response::json(envelope(code, msg, data), httpStatus);
}

ApiServer::ApiServer(ApiContext& ctx) : ctx_(ctx), ui_(ctx.settings.uiRoot) {}

void ApiServer::route(const std::string& method, const std::string& pattern, Status fallback, JsonHandler fn,
                      RouteOptions opts) {
  router_.add(method, pattern, [this, fallback, fn = std::move(fn), opts](http::Request& req) {
    return dispatch(req, fallback, opts, [&](Call& call) {
      Json data = fn(call);
      return envelopeResponse(0, opts.successMsg.empty() ? "success" : opts.successMsg, data,
                              opts.created ? 201 : 200);
    });
  });
}

void ApiServer::rawRoute(const std::string& method, const std::string& pattern, Status fallback, RawHandler fn,
                         RouteOptions opts) {
  router_.add(method, pattern, [this, fallback, fn = std::move(fn), opts](http::Request& req) {
    return dispatch(req, fallback, opts, fn);
  });
}

http::Response ApiServer::dispatch(http::Request& req, Status fallback, const RouteOptions& opts,
                                   const std::function<http::Response(Call&)>& body) {
  model::User user;
  if (!opts.publicRoute) {
    auto authed = authenticate(ctx_, req);
    if (!authed) return http::Response::empty(401);
    user = *authed;
  }
  Call call{req, ParamReader(req), user, user.timeZone.empty() ? util::defaultTimeZone() : user.timeZone, ctx_};
  int errorHttp = opts.created ? 201 : 200;
  try {
    return body(call);
  } catch (const ApiError& e) {
    return envelopeResponse(static_cast<int>(e.status()), e.what(), nullptr, errorHttp);
  } catch (const ParamError& e) {
    return envelopeResponse(static_cast<int>(fallback), formatStatus(fallback, {}) + ": " + e.what(), nullptr, errorHttp);
  } catch (const std::exception& e) {
    spdlog::warn("{} {} failed: {}", req.method, req.path, e.what());
    return envelopeResponse(static_cast<int>(fallback), formatStatus(fallback, {}) + ": " + e.what(), nullptr, errorHttp);
  }
}

http::Response ApiServer::handle(http::Request& req) {
  std::string_view path = req.path;
  if (req.method == "OPTIONS") {
    auto r = http::Response::empty(200);
    r.headers.push_back({"Access-Control-Allow-Methods", "GET,POST,PUT,DELETE,PATCH,OPTIONS"});
    r.headers.push_back({"Access-Control-Allow-Headers", "*"});
    return r;
  }
  if (path == "/" || path == kBase || path == "/dolphinscheduler/" || path == "/dolphinscheduler/ui") {
    auto r = http::Response::empty(302);
    r.headers.push_back({"Location", "/dolphinscheduler/ui/"});
    return r;
  }
  if (!util::startsWith(path, "/dolphinscheduler/")) return ui_.index();
  std::string apiPath(path.substr(kBase.size()));
  if (util::startsWith(apiPath, "/ui/")) return ui_.serve(apiPath.substr(4));
  req.path = apiPath;
  if (const auto* handler = router_.match(req)) return (*handler)(req);
  return ui_.index();  // DolphinScheduler forwards unknown paths to the UI with HTTP 200
}

}  // namespace porpoise::api
