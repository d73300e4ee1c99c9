// An HTTP response produced by a handler.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace porpoise::http {

struct Response {
  int status = 200;
  std::string contentType = "application/json;charset=UTF-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Set-Cookie, Location...)

  static Response json(std::string body, int status = 200) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
  static Response empty(int status) {
    Response r;
    r.status = status;
    r.contentType.clear();
    return r;
  }
};

}  // namespace porpoise::http
