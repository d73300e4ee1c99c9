// The standalone server: wires store, HTTP API, engine and worker into one process.
//
// Contract: run() blocks until SIGINT/SIGTERM, then shuts down gracefully (stop accepting
// requests, let the engine persist its state; running task processes are left to finish and are
// re-adopted on the next start). Returns the process exit code.
#pragma once

#include "server/config.h"

namespace porpoise::server {

int runStandaloneServer(const Config& config, bool foreground);

}  // namespace porpoise::server
