#include <charconv>
#include <cstdio>
#include <httplib.h>

#include <aperture/server/api.hpp>
#include <aperture/server/server.hpp>

namespace aperture::server {
namespace {

ApiRequest to_api_request(const httplib::Request& req) {
  ApiRequest r;
  r.method = req.method;
  std::string_view target = req.target;
  std::size_t q = target.find('?');
  r.path = std::string(target.substr(0, q));
  r.query = q == std::string_view::npos ? std::string() : std::string(target.substr(q + 1));
  r.body = req.body;
  r.content_type = req.get_header_value("Content-Type");
  r.authorization = req.get_header_value("Authorization");
  return r;
}

void to_http_response(const ApiResponse& a, httplib::Response& res) {
  res.status = a.status;
  for (const auto& [name, value] : a.headers) {
    res.set_header(name, value);
  }
  res.set_content(a.body, a.content_type.c_str());
}

std::string_view status_text(int status) {
  switch (status) {
  case 400:
    return "bad request";
  case 404:
    return "not found";
  case 413:
    return "the body is larger than 1 MiB";
  case 414:
    return "the request URI is too long";
  case 431:
    return "request header fields too large";
  default:
    return status >= 500 ? "internal error" : "request refused";
  }
}

}  // namespace

struct Server::Impl {
  Impl(store::Store& store, ServerOptions o) : api(store), options(std::move(o)) {}

  void configure() {
    std::size_t threads = options.threads;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_payload_max_length(k_max_body_bytes);
    http.set_read_timeout(options.read_timeout.count(), 0);
    http.set_write_timeout(options.write_timeout.count(), 0);
    http.set_keep_alive_max_count(100);
    http.set_keep_alive_timeout(5);
    // Headers and body go out in separate writes: without NODELAY, Nagle's
    // algorithm and delayed ACKs hold the body back ~40 ms.
    http.set_tcp_nodelay(true);
    // Requests without a body are answered before routing (no regex runs on
    // their path); only the two POST routes have their bodies read, up to the limit.
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (req.method == "POST" && (req.path == "/api/releases" || req.path == "/api/analyze")) {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      to_http_response(api.handle(to_api_request(req)), res);
      if (req.has_header("Content-Length") || req.has_header("Transfer-Encoding")) {
        res.set_header("Connection", "close");  // the body was not read: the stream cannot go on
      }
      return httplib::Server::HandlerResponse::Handled;
    });
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      to_http_response(api.handle(to_api_request(req)), res);
    };
    http.Post("/api/releases", handler);
    http.Post("/api/analyze", handler);
    // cpp-httplib's own refusals (bad request line, 413, 414) as JSON errors.
    http.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
          if (res.body.empty()) {
            ApiResponse e = json_error(res.status, status_text(res.status));
            res.set_content(e.body, e.content_type.c_str());
          }
          return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
      try {
        std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "aperture serve: internal error: %s\n", e.what());
      } catch (...) {
        std::fprintf(stderr, "aperture serve: internal error\n");
      }
      ApiResponse e = json_error(500, "internal error");
      res.status = 500;
      res.set_content(e.body, e.content_type.c_str());
    });
  }

  Api api;
  ServerOptions options;
  httplib::Server http;
};

Server::Server(store::Store& store, ServerOptions options)
    : m_impl(std::make_unique<Impl>(store, std::move(options))) {
  m_impl->configure();
}

Server::~Server() = default;

util::Result<int> Server::bind() {
  const ServerOptions& o = m_impl->options;
  int port = o.port == 0 ? m_impl->http.bind_to_any_port(o.host)
                         : (m_impl->http.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port < 0) {
    return util::make_error(util::ErrorCode::io, "cannot listen on " + o.host + ":" + std::to_string(o.port) +
                                                     " (in use, or not an address here)");
  }
  return port;
}

void Server::run() {
  m_impl->http.listen_after_bind();
}

void Server::stop() {
  m_impl->http.stop();
}

util::Result<ServerOptions> parse_listen(std::string_view address, ServerOptions options) {
  std::size_t colon = address.rfind(':');
  if (colon == std::string_view::npos) {
    return util::make_error(util::ErrorCode::invalid, "--listen wants ADDR:PORT, e.g. 127.0.0.1:8080");
  }
  std::string_view host = address.substr(0, colon);
  std::string_view port = address.substr(colon + 1);
  if (host.starts_with('[') && host.ends_with(']')) {
    host = host.substr(1, host.size() - 2);
  }
  int n = -1;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), n);
  if (ec != std::errc() || end != port.data() + port.size() || n < 0 || n > 65535) {
    return util::make_error(util::ErrorCode::invalid, "--listen: the port must be a number from 0 to 65535");
  }
  options.host = host.empty() ? "127.0.0.1" : std::string(host);
  options.port = n;
  return options;
}

}  // namespace aperture::server
