// DolphinScheduler REST calls over HttpClient: authentication and the {code,msg,data} envelope.
//
// Contract: get/post/put return the envelope's `data` when `code` is 0. A non-zero code
// throws DsApiError carrying that code and `msg`; HTTP 401, a body that is not an envelope,
// and transport failures throw DsApiError with code -1 and a message naming the request.
// After login() (POST /login, form-encoded) or useToken(), every request carries the
// `sessionId` or `token` header.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "cli/http_client.h"

namespace porpoise::cli {

using Json = nlohmann::json;

class DsApiError : public std::runtime_error {
 public:
  DsApiError(int code, const std::string& message);
  int code() const { return code_; }

 private:
  int code_;
};

class DsApiClient {
 public:
  explicit DsApiClient(HttpClient& http);

  // Logs in with user name and password; later requests use the session.
  void login(const std::string& user, const std::string& password);
  void useToken(const std::string& token);

  Json get(const std::string& path, const HttpFields& query = {});
  Json post(const std::string& path, const HttpFields& form = {});
  Json put(const std::string& path, const HttpFields& form = {});

  const HttpUrl& server() const { return http_.base(); }

 private:
  Json call(const std::string& method, const std::string& path, const HttpFields& fields);

  HttpClient& http_;
  HttpFields authHeaders_;
};

}  // namespace porpoise::cli
