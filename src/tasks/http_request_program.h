// The Python 3 program an HTTP task runs (standard library only: urllib, http.client, json).
//
// Contract: the returned text is a complete program. The request is embedded as JSON (ASCII-escaped, so
// any byte in a value is safe). Run it with `python3 -u <file>`; it prints
//   HTTP request: <METHOD> <url>            (plus header names and the JSON body, never header values)
//   HTTP response status: <code>
//   HTTP response body:
//   <body>
//   HTTP check passed|failed: <why>
// and exits 0 (check passed), 1 (check failed) or 2 (bad url, connection, timeout or protocol error).
// STATUS_CODE_DEFAULT needs 200; STATUS_CODE_CUSTOM needs status == condition; BODY_CONTAINS /
// BODY_NOT_CONTAINS test the decoded body for the condition text. Redirects are followed the way urllib
// does (301/302/303/307/308; a redirected POST becomes a GET). Environment proxies are not used.
#pragma once

#include <string>

#include "tasks/http_task.h"

namespace porpoise::tasks {

std::string httpRequestProgram(const HttpTaskParams& request);

}  // namespace porpoise::tasks
