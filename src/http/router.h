// Maps (method, path pattern) to handlers. Patterns are literal segments and `{name}` segments
// that capture one path segment into Request::pathParams.
//
// Contract: when several patterns match, the one with more literal segments earlier wins
// (so `/projects/list` beats `/projects/{code}`); match() returns nullptr when nothing matches.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace porpoise::http {

using Handler = std::function<Response(Request&)>;

class Router {
 public:
  void add(const std::string& method, const std::string& pattern, Handler handler);
  // Returns the handler and fills req.pathParams, or nullptr.
  const Handler* match(Request& req) const;
  // True if some route exists for the path with another method.
  bool pathExists(const std::string& path) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };
  static bool matches(const Route& r, const std::vector<std::string>& segs, std::map<std::string, std::string>* out);
  std::vector<Route> routes_;
};

}  // namespace porpoise::http
