// The HTTP listener: Boost.Beast over an Asio io_context run by a few threads.
//
// Contract: one Session object per connection, asynchronous reads and writes, keep-alive,
// request bodies limited to `maxBodyBytes` (413 above it), headers limited, idle connections
// closed after a timeout. Each complete request is converted to http::Request (query, form and
// multipart parameters merged, cookies parsed) and passed to the handler on an io thread; a
// handler exception becomes a 500. Malformed requests close the connection with 400.
// stop() closes the listener and lets in-flight requests finish.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace porpoise::http {

struct ServerOptions {
  std::string address = "0.0.0.0";
  uint16_t port = 12345;
  size_t threads = 4;
  size_t maxBodyBytes = 64u << 20;
  int idleTimeoutSeconds = 60;
};

class HttpServer {
 public:
  using RequestHandler = std::function<Response(Request&)>;
  HttpServer(ServerOptions options, RequestHandler handler);
  ~HttpServer();

  // Binds and starts serving on background threads. Throws if the port cannot be bound.
  void start();
  void stop();
  uint16_t boundPort() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace porpoise::http
