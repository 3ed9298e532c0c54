// The HTTP server of `aperture serve`: cpp-httplib's thread pool in front of
// Api::handle. Limits: bodies over 1 MiB are refused (413) before they are
// read, a client has `read_timeout` to send a request and `write_timeout` to
// take the answer (slow clients lose their connection, not a thread for long),
// request lines and header lines over 8 KiB are refused by cpp-httplib.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include <aperture/store/store.hpp>
#include <aperture/util/result.hpp>

namespace aperture::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests)
  std::size_t threads = 32;
  std::chrono::seconds read_timeout{5};
  std::chrono::seconds write_timeout{5};
};

class Server {
public:
  Server(store::Store& store, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket; the port bound (options.port, or the free one chosen for 0).
  util::Result<int> bind();

  // Serves until stop(). REQUIRES: bind() succeeded.
  void run();

  // Stops accepting and returns from run() once requests in flight are answered;
  // callable from any thread.
  void stop();

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// "127.0.0.1:8080" → host and port; "[::1]:8080" for IPv6; ":8080" is 127.0.0.1.
util::Result<ServerOptions> parse_listen(std::string_view address, ServerOptions options = {});

}  // namespace aperture::server
