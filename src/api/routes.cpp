#include "api/routes.h"

namespace porpoise::api {

void registerAllRoutes(ApiServer& api) {
  registerLoginRoutes(api);
  registerUserRoutes(api);
  registerTenantRoutes(api);
  registerQueueRoutes(api);
  registerAccessTokenRoutes(api);
  registerClusterRoutes(api);
  registerProjectRoutes(api);
}

}  // namespace porpoise::api
