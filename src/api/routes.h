// Registration of every REST resource on the ApiServer; one function per resource file.
#pragma once

#include "api/api_server.h"

namespace porpoise::api {

void registerLoginRoutes(ApiServer& api);
void registerUserRoutes(ApiServer& api);
void registerTenantRoutes(ApiServer& api);
void registerQueueRoutes(ApiServer& api);
void registerAccessTokenRoutes(ApiServer& api);
void registerClusterRoutes(ApiServer& api);  // worker groups, environments, alert groups, monitor
void registerProjectRoutes(ApiServer& api);
void registerDefinitionRoutes(ApiServer& api);
void registerDefinitionVersionRoutes(ApiServer& api);
void registerDefinitionExchangeRoutes(ApiServer& api);
void registerTaskDefinitionRoutes(ApiServer& api);
void registerExecutorRoutes(ApiServer& api);
void registerInstanceRoutes(ApiServer& api);
void registerLogRoutes(ApiServer& api);
void registerScheduleRoutes(ApiServer& api);

// All of the above (and the resources added later).
void registerAllRoutes(ApiServer& api);

}  // namespace porpoise::api
