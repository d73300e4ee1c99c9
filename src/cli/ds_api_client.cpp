#include "cli/ds_api_client.h"

namespace porpoise::cli {

DsApiError::DsApiError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}

DsApiClient::DsApiClient(HttpClient& http) : http_(http) {}

void DsApiClient::login(const std::string& user, const std::string& password) {
  authHeaders_.clear();
  const Json data = post("/login", {{"userName", user}, {"userPassword", password}});
  if (!data.is_object() || !data.contains("sessionId") || !data["sessionId"].is_string())
    throw DsApiError(-1, "login answered without a session id");
  authHeaders_ = {{"sessionId", data["sessionId"].get<std::string>()}};
}

void DsApiClient::useToken(const std::string& token) { authHeaders_ = {{"token", token}}; }

Json DsApiClient::get(const std::string& path, const HttpFields& query) { return call("GET", path, query); }
Json DsApiClient::post(const std::string& path, const HttpFields& form) { return call("POST", path, form); }
Json DsApiClient::put(const std::string& path, const HttpFields& form) { return call("PUT", path, form); }

Json DsApiClient::call(const std::string& method, const std::string& path, const HttpFields& fields) {
  const std::string what = method + " " + path;
  HttpResponse response;
  try {
    if (method == "GET") {
      response = http_.send(method, fields.empty() ? path : path + "?" + formEncode(fields), authHeaders_);
    } else {
      response = http_.send(method, path, authHeaders_, formEncode(fields), "application/x-www-form-urlencoded");
    }
  } catch (const HttpError& e) {
    throw DsApiError(-1, e.what());
  }
  if (response.status == 401) throw DsApiError(-1, what + ": not authenticated (check --user/--password or --token)");
  Json envelope;
  try {
    envelope = Json::parse(response.body);
  } catch (const Json::parse_error&) {
    throw DsApiError(-1, what + ": HTTP " + std::to_string(response.status) +
                             " with a body that is not JSON: " + response.body.substr(0, 200));
  }
  if (!envelope.is_object() || !envelope.contains("code") || !envelope["code"].is_number_integer())
    throw DsApiError(-1, what + ": HTTP " + std::to_string(response.status) + " without a {code,msg,data} envelope");
  const int code = envelope["code"].get<int>();
  if (code != 0) {
    const std::string msg =
        envelope.contains("msg") && envelope["msg"].is_string() ? envelope["msg"].get<std::string>() : "error";
    throw DsApiError(code, msg);
  }
  return envelope.contains("data") ? envelope["data"] : Json();
}

}  // namespace porpoise::cli
