#include "http/http_server.h"

#include <utility>  // Boost 1.74 asio needs std::exchange declared first under C++20

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <atomic>

#include "http/form_parser.h"
#include "util/strings.h"

namespace porpoise::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

Request toRequest(const bhttp::request<bhttp::string_body>& in, const std::string& clientIp) {
  Request req;
  req.method = std::string(in.method_string());
  req.target = std::string(in.target());
  std::string_view target = req.target;
  size_t q = target.find('?');
  req.path = percentDecode(target.substr(0, q), false);
  if (q != std::string_view::npos) parseUrlEncoded(target.substr(q + 1), req.parameters);
  for (const auto& field : in) req.headers[util::toLower(std::string(field.name_string()))] = std::string(field.value());
  if (auto c = req.header("cookie")) req.cookies = parseCookies(*c);
  req.body = in.body();
  req.clientIp = clientIp;
  std::string contentType = util::toLower(req.header("content-type").value_or(""));
  if (util::startsWith(contentType, "application/x-www-form-urlencoded")) {
    parseUrlEncoded(req.body, req.parameters);
  } else if (util::startsWith(contentType, "multipart/form-data")) {
    parseMultipart(req.body, req.header("content-type").value_or(""), req.parameters, req.files);
  }
  return req;
}

bhttp::response<bhttp::string_body> toBeast(Response&& r, unsigned version, bool keepAlive) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(r.status), version};
  out.set(bhttp::field::server, "porpoise");
  if (!r.contentType.empty()) out.set(bhttp::field::content_type, r.contentType);
  out.set(bhttp::field::access_control_allow_origin, "*");
  for (auto& [k, v] : r.headers) out.insert(k, v);
  out.body() = std::move(r.body);
  out.keep_alive(keepAlive);
  out.prepare_payload();
  return out;
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const ServerOptions& options, const HttpServer::RequestHandler& handler)
      : stream_(std::move(socket)), options_(options), handler_(handler) {}

  void start() { asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); }); }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(options_.maxBodyBytes);
    parser_->header_limit(64 * 1024);
    stream_.expires_after(std::chrono::seconds(options_.idleTimeoutSeconds));
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, size_t) { self->onRead(ec); });
  }

  void onRead(beast::error_code ec) {
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == asio::error::eof) {
      return close();
    }
    if (ec == bhttp::error::body_limit) {
      Response r = Response::json(R"({"code":10001,"msg":"request body is too large","data":null,"success":false,"failed":true})", 413);
      return write(toBeast(std::move(r), 11, false));
    }
    if (ec) {
      Response r = Response::empty(400);
      return write(toBeast(std::move(r), 11, false));
    }
    auto& in = parser_->get();
    std::string ip;
    beast::error_code ignored;
    auto ep = stream_.socket().remote_endpoint(ignored);
    if (!ignored) ip = ep.address().to_string();
    Response response;
    try {
      Request req = toRequest(in, ip);
      response = handler_(req);
    } catch (const std::exception& e) {
      spdlog::error("unhandled error for {} {}: {}", std::string(in.method_string()), std::string(in.target()), e.what());
      response = Response::json(R"({"code":10000,"msg":"Internal Server Error","data":null,"success":false,"failed":true})");
    }
    write(toBeast(std::move(response), in.version(), in.keep_alive()));
  }

  void write(bhttp::response<bhttp::string_body>&& res) {
    auto sp = std::make_shared<bhttp::response<bhttp::string_body>>(std::move(res));
    bool keep = sp->keep_alive();
    bhttp::async_write(stream_, *sp, [self = shared_from_this(), sp, keep](beast::error_code ec, size_t) {
      if (ec || !keep) return self->close();
      self->read();
    });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  const ServerOptions& options_;
  const HttpServer::RequestHandler& handler_;
};

}  // namespace

struct HttpServer::Impl {
  ServerOptions options;
  RequestHandler handler;
  asio::io_context io;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  tcp::acceptor acceptor{io};
  std::vector<std::thread> threads;
  std::atomic<bool> stopped{false};

  void accept() {
    acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (!acceptor.is_open()) return;
      } else {
        std::make_shared<Session>(std::move(socket), options, handler)->start();
      }
      accept();
    });
  }
};

HttpServer::HttpServer(ServerOptions options, RequestHandler handler) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->handler = std::move(handler);
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
  auto address = asio::ip::make_address(impl_->options.address);
  tcp::endpoint endpoint{address, impl_->options.port};
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen(asio::socket_base::max_listen_connections);
  impl_->work.emplace(impl_->io.get_executor());
  impl_->accept();
  size_t n = std::max<size_t>(1, impl_->options.threads);
  for (size_t i = 0; i < n; ++i) impl_->threads.emplace_back([this] { impl_->io.run(); });
}

void HttpServer::stop() {
  if (!impl_ || impl_->stopped.exchange(true)) return;
  asio::post(impl_->io, [this] {
    beast::error_code ec;
    impl_->acceptor.close(ec);
  });
  impl_->work.reset();
  impl_->io.stop();
  for (auto& t : impl_->threads)
    if (t.joinable()) t.join();
}

uint16_t HttpServer::boundPort() const { return impl_->acceptor.local_endpoint().port(); }

}  // namespace porpoise::http
