// A small synchronous HTTP/1.1 client (Boost.Beast, plain TCP, no TLS) for the command line.
//
// Contract: HttpClient talks to one server given by a base URL "http://host[:port][/prefix]";
// send() opens a connection, sends one request under the prefix and returns the status and
// body (any status; interpreting it is the caller's job). Connection problems, timeouts and
// malformed responses throw HttpError with a message naming the URL.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace porpoise::cli {

using HttpFields = std::vector<std::pair<std::string, std::string>>;

class HttpError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct HttpUrl {
  std::string host;
  std::string port = "80";
  std::string basePath;  // without trailing slash, e.g. "/dolphinscheduler"

  std::string toString() const;
};

// Parses "http://host[:port][/path]"; throws std::invalid_argument (https is not supported).
HttpUrl parseHttpUrl(const std::string& url);

struct HttpResponse {
  int status = 0;
  std::string body;
};

class HttpClient {
 public:
  explicit HttpClient(HttpUrl base, std::chrono::seconds timeout = std::chrono::seconds(60));

  // `target` is the path (and query) below the base path, e.g. "/projects?pageNo=1".
  HttpResponse send(std::string_view method, const std::string& target, const HttpFields& headers,
                    const std::string& body = "", const std::string& contentType = "");

  const HttpUrl& base() const { return base_; }

 private:
  HttpUrl base_;
  std::chrono::seconds timeout_;
};

// Percent-encoding for query strings and form bodies (application/x-www-form-urlencoded).
std::string urlEncode(std::string_view text);
std::string formEncode(const HttpFields& fields);

}  // namespace porpoise::cli
