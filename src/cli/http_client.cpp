#include "cli/http_client.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>

namespace porpoise::cli {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

std::string HttpUrl::toString() const { return "http://" + host + (port == "80" ? "" : ":" + port) + basePath; }

HttpUrl parseHttpUrl(const std::string& url) {
  const std::string scheme = "http://";
  if (url.rfind("https://", 0) == 0) throw std::invalid_argument("https is not supported: " + url);
  if (url.rfind(scheme, 0) != 0) throw std::invalid_argument("the server URL must start with http://: " + url);
  const std::string rest = url.substr(scheme.size());
  const auto slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  HttpUrl parsed;
  parsed.basePath = slash == std::string::npos ? "" : rest.substr(slash);
  while (!parsed.basePath.empty() && parsed.basePath.back() == '/') parsed.basePath.pop_back();
  const auto colon = authority.rfind(':');
  if (colon != std::string::npos && authority.find(']') == std::string::npos) {
    parsed.host = authority.substr(0, colon);
    parsed.port = authority.substr(colon + 1);
  } else {
    parsed.host = authority;
  }
  if (parsed.host.empty()) throw std::invalid_argument("the server URL has no host: " + url);
  if (parsed.port.empty() || parsed.port.find_first_not_of("0123456789") != std::string::npos)
    throw std::invalid_argument("the server URL has a bad port: " + url);
  return parsed;
}

HttpClient::HttpClient(HttpUrl base, std::chrono::seconds timeout) : base_(std::move(base)), timeout_(timeout) {}

HttpResponse HttpClient::send(std::string_view method, const std::string& target, const HttpFields& headers,
                              const std::string& body, const std::string& contentType) {
  const std::string where = std::string(method) + " " + base_.toString() + target;
  try {
    asio::io_context io;
    tcp::resolver resolver(io);
    tcp::socket socket(io);
    asio::connect(socket, resolver.resolve(base_.host, base_.port));
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout_.count());
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);

    const http::verb verb = http::string_to_verb(beast::string_view(method.data(), method.size()));
    if (verb == http::verb::unknown) throw HttpError(where + ": unknown HTTP method");
    http::request<http::string_body> request(verb, base_.basePath + target, 11);
    request.set(http::field::host, base_.host + (base_.port == "80" ? "" : ":" + base_.port));
    request.set(http::field::user_agent, "porpoise-cli");
    request.set(http::field::accept, "application/json");
    request.set(http::field::connection, "close");
    for (const auto& [name, value] : headers) request.set(name, value);
    if (!body.empty() || method == "POST" || method == "PUT") {
      request.set(http::field::content_type, contentType.empty() ? "application/x-www-form-urlencoded" : contentType);
      request.body() = body;
      request.prepare_payload();
    }
    http::write(socket, request);

    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(256 * 1024 * 1024);
    http::read(socket, buffer, parser);
    beast::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    return {static_cast<int>(parser.get().result_int()), parser.get().body()};
  } catch (const boost::system::system_error& e) {
    throw HttpError(where + " failed: " + e.code().message());
  }
}

std::string urlEncode(std::string_view text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string formEncode(const HttpFields& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += urlEncode(name) + "=" + urlEncode(value);
  }
  return out;
}

}  // namespace porpoise::cli
