#include "api/auth.h"
#include "api/routes.h"

namespace porpoise::api {

void registerLoginRoutes(ApiServer& api) {
  RouteOptions pub;
  pub.publicRoute = true;
  api.rawRoute(
      "POST", "/login", Status::USER_LOGIN_FAILURE,
      [](Call& call) {
        auto name = call.params.opt("userName");
        auto password = call.req.rawParam("userPassword").value_or("");
        auto result = login(call.ctx, name, password, call.req.clientIp);
        Json data = {{"sessionId", result.sessionId}, {"securityConfigType", "PASSWORD"}};
        auto r = envelopeResponse(0, statusTemplate(Status::LOGIN_SUCCESS), data);
        r.headers.push_back({"Set-Cookie", "sessionId=" + result.sessionId + "; Path=/; HttpOnly; SameSite=Lax"});
        r.headers.push_back({"Set-Cookie", "securityConfigType=PASSWORD; Path=/; HttpOnly; SameSite=Lax"});
        return r;
      },
      pub);
  api.rawRoute("POST", "/signOut", Status::USER_LOGIN_FAILURE, [](Call& call) {
    signOut(call.ctx, call.req);
    auto r = envelopeResponse(0, "success", nullptr);
    r.headers.push_back({"Set-Cookie", "sessionId=; Path=/; Max-Age=0"});
    return r;
  });
}

}  // namespace porpoise::api
