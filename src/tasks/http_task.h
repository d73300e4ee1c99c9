// HTTP task plugin (spec ds-tasks.md §3.10).
//
// taskParams: url (required), httpMethod GET|POST|HEAD|PUT|DELETE (default GET), httpParams
// [{prop, httpParametersType PARAMETER|BODY|HEADERS, value}] (a missing type means PARAMETER; "HEADER" and
// lower case are accepted), httpCheckCondition STATUS_CODE_DEFAULT|STATUS_CODE_CUSTOM|BODY_CONTAINS|
// BODY_NOT_CONTAINS (default STATUS_CODE_DEFAULT), condition (required unless the default check),
// connectTimeout / socketTimeout in ms (default 60000, 0 = no limit), localParams.
//
// render(): url, every param's name and value, and the condition are parameter-substituted; a Python 3
// program using only the standard library is written to http_<appId>.py and the returned script runs it
// with python3. The program sends the request (PARAMETER -> query string, BODY -> one JSON object body,
// HEADERS -> request headers), prints the request line, status and body to the log, and exits 0 when the
// check passes, 1 when it fails, 2 on a connection/protocol error.
// Differences from DolphinScheduler, on purpose: BODY_NOT_CONTAINS passes on an empty body, the condition
// is substituted too, and environment proxies are ignored (as DolphinScheduler's HTTP client does).
#pragma once

#include <porpoise/task_plugin.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace porpoise::tasks {

struct HttpParam {
  std::string prop;
  std::string type;  // PARAMETER, BODY or HEADERS
  std::string value;
};

struct HttpTaskParams {
  std::string url;
  std::string method = "GET";
  std::vector<HttpParam> params;
  std::string checkCondition = "STATUS_CODE_DEFAULT";
  std::string condition;
  int64_t connectTimeoutMs = 60000;
  int64_t socketTimeoutMs = 60000;
};

// Parses and checks HTTP taskParams; throws TaskParamsError naming the field.
HttpTaskParams parseHttpTaskParams(const nlohmann::json& taskParams);

std::unique_ptr<TaskPlugin> makeHttpPlugin();

}  // namespace porpoise::tasks
