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
  registerDefinitionRoutes(api);
  registerDefinitionVersionRoutes(api);
  registerDefinitionExchangeRoutes(api);
  registerTaskDefinitionRoutes(api);
  registerExecutorRoutes(api);
  registerInstanceRoutes(api);
  registerLogRoutes(api);
  registerScheduleRoutes(api);
}

}  // namespace porpoise::api
