// The server over real sockets, in-process on an ephemeral loopback port:
// every route, limits, hostile requests sent byte by byte, a slow client.
#include <arpa/inet.h>
#include <chrono>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

#include <aperture/server/catalog_sync.hpp>
#include <aperture/server/server.hpp>
#include <aperture/store/store.hpp>
#include <aperture/store/token.hpp>

namespace aperture::server {
namespace {

using Clock = std::chrono::steady_clock;

// A raw TCP client: what it sends is exactly what the server reads.
class RawClient {
public:
  explicit RawClient(int port) {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    m_connected = ::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawClient() { ::close(m_fd); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return m_connected; }

  void send(std::string_view bytes) const {
    while (!bytes.empty()) {
      ssize_t n = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) {
        return;  // the server may close early on hostile input
      }
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  // Everything the server sends until it closes, or until `timeout` passes
  // with nothing to read, or one whole response when `one_response`.
  std::string receive(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) const {
    std::string out;
    char buf[65536];
    while (true) {
      pollfd p{m_fd, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) {
        break;
      }
      ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
      if (n <= 0) {
        break;
      }
      out.append(buf, static_cast<std::size_t>(n));
      if (complete(out)) {
        break;
      }
    }
    return out;
  }

private:
  // A response with its whole Content-Length body read.
  static bool complete(const std::string& out) {
    std::size_t end = out.find("\r\n\r\n");
    if (end == std::string::npos) {
      return false;
    }
    std::size_t cl = out.find("Content-Length: ");
    if (cl == std::string::npos || cl > end) {
      return false;
    }
    std::size_t length = std::stoul(out.substr(cl + 16));
    return out.size() >= end + 4 + length;
  }

  int m_fd = -1;
  bool m_connected = false;
};

int status_of(const std::string& response) {
  if (!response.starts_with("HTTP/1.1 ")) {
    return 0;
  }
  return std::stoi(response.substr(9, 3));
}

std::string body_of(const std::string& response) {
  std::size_t end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

class ServerTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    auto opened = store::open_store("sqlite::memory:");
    ASSERT_TRUE(opened);
    s_store = std::move(*opened).release();
    ASSERT_TRUE(s_store->migrate());
    ASSERT_TRUE(sync_catalog(*s_store));
    s_token = store::new_token();
    ASSERT_TRUE(s_store->add_token("test", store::sha256_hex(s_token), "2026-01-01T00:00:00Z"));
    ServerOptions options;
    options.port = 0;
    options.threads = 8;
    options.read_timeout = std::chrono::seconds(1);
    s_server = new Server(*s_store, options);
    auto port = s_server->bind();
    ASSERT_TRUE(port) << port.error().message;
    s_port = *port;
    s_thread = new std::thread([] { s_server->run(); });
  }

  static void TearDownTestSuite() {
    s_server->stop();
    s_thread->join();
    delete s_thread;
    delete s_server;
    delete s_store;
  }

  // One request on a fresh connection; the raw response.
  static std::string exchange(std::string_view request) {
    RawClient c(s_port);
    EXPECT_TRUE(c.connected());
    c.send(request);
    return c.receive();
  }

  static std::string get(const std::string& target) {
    return exchange("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  }

  static std::string post(const std::string& target, const std::string& body, const std::string& extra = "") {
    return exchange("POST " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n" + extra + "\r\n" + body);
  }

  // The server still answers.
  static void expect_alive() {
    EXPECT_EQ(status_of(get("/api/releases?per_page=1")), 200) << "the server died";
  }

  static inline store::Store* s_store = nullptr;
  static inline Server* s_server = nullptr;
  static inline std::thread* s_thread = nullptr;
  static inline int s_port = 0;
  static inline std::string s_token;
};

TEST_F(ServerTest, EveryRouteAnswers) {
  struct Case {
    std::string response;
    int status;
  };
  std::string manifest =
      "aperture: release/1\nid: wire-model\nname: Wire Model\npublisher: P\nchecked: 2026-11-28\n"
      "url: https://example.com/w\naccess: weights\nlicense:\n  id: MIT\n  source: https://example.com/w\n";
  const Case cases[] = {
      {get("/api/releases?per_page=2"), 200},
      {get("/api/releases/llama-3.1-8b"), 200},
      {get("/api/compare?ids=llama-3.1-8b,olmo-2-7b"), 200},
      {post("/api/analyze", "Licensed under the Apache License, Version 2.0"), 200},
      {post("/api/releases", manifest), 401},
      {post("/api/releases", manifest, "Authorization: Bearer nope\r\n"), 401},
      {post("/api/releases", manifest, "Authorization: Bearer " + s_token + "\r\n"), 201},
      {get("/api/releases/wire-model"), 200},
      {get("/api/releases/nope"), 404},
      {get("/api/nope"), 404},
      {get("/api/releases?level=77"), 400},
      {get("/api/releases?sort=1;DROP%20TABLE%20releases"), 400},
      {exchange("DELETE /api/releases/llama-3.1-8b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 405},
  };
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    EXPECT_EQ(status_of(cases[i].response), cases[i].status)
        << "case " << i << ": " << cases[i].response.substr(0, 300);
    EXPECT_NE(cases[i].response.find("Content-Type: application/json"), std::string::npos) << "case " << i;
  }
  expect_alive();
}

TEST_F(ServerTest, BodiesOverTheLimitAre413WithoutBeingRead) {
  RawClient c(s_port);
  c.send("POST /api/analyze HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n");
  std::string response = c.receive();
  EXPECT_EQ(status_of(response), 413) << response;
  EXPECT_NE(body_of(response).find("\"error\""), std::string::npos);
  expect_alive();
}

TEST_F(ServerTest, TraversalNeverReachesTheFilesystem) {
  for (const char* target : {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                             "/..%2f..%2f..%2fetc%2fpasswd", "/static/..%5c..%5cetc%5cpasswd",
                             "/%252e%252e/etc/passwd", "//etc/passwd", "/index.html/../../etc/passwd"}) {
    std::string response = get(target);
    int status = status_of(response);
    EXPECT_TRUE(status == 400 || status == 404 ||
                (status == 200 && response.find("text/html") != std::string::npos))
        << target << ": " << response.substr(0, 200);
    EXPECT_EQ(response.find("root:"), std::string::npos) << target;
  }
  expect_alive();
}

TEST_F(ServerTest, MalformedRequestsGet4xxOrAClosedConnection) {
  const std::string hostile[] = {
      "GARBAGE\r\n\r\n",
      "GET\r\n\r\n",
      "GET / HTTP/9.9\r\n\r\n",
      "GET / HTTP/1.1\r\nNo-Colon-Here\r\n\r\n",
      std::string("GET /\0 HTTP/1.1\r\n\r\n", 19),
      "GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
      "POST /api/analyze HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
      "POST /api/analyze HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "\r\n\r\n\r\n",
      std::string(100000, 'A'),
      "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\n\r\n",
      "GET / HTTP/1.1\r\nX-Big: " + std::string(20000, 'b') + "\r\n\r\n",
  };
  for (std::size_t i = 0; i < std::size(hostile); ++i) {
    std::string response = exchange(hostile[i]);
    int status = status_of(response);
    EXPECT_TRUE(status == 0 || (status >= 400 && status < 500) || status == 200)
        << "case " << i << ": " << response.substr(0, 200);
    EXPECT_NE(status, 500) << "case " << i;
    expect_alive();
  }
}

TEST_F(ServerTest, ASlowClientDoesNotBlockOthers) {
  RawClient slow(s_port);
  slow.send("GET /api/releases HTTP/1.1\r\nHost: x\r\n");  // and then nothing
  auto start = Clock::now();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(status_of(get("/api/releases?per_page=1")), 200);
  }
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2)) << "others were kept waiting";
  // The slow client is cut off after the read timeout (1 s here).
  auto cut = Clock::now();
  std::string response = slow.receive(std::chrono::milliseconds(4000));
  EXPECT_LT(Clock::now() - cut, std::chrono::milliseconds(3500));
  EXPECT_TRUE(response.empty() || status_of(response) >= 400) << response.substr(0, 200);
}

TEST_F(ServerTest, ManySlowClientsAtOnce) {
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < 6; ++i) {  // fewer than the 8 threads
    slow.push_back(std::make_unique<RawClient>(s_port));
    slow.back()->send("GET / HTTP/1.1\r\n");
  }
  auto start = Clock::now();
  EXPECT_EQ(status_of(get("/api/releases/llama-3.1-8b")), 200);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
}

TEST_F(ServerTest, ServesThePage) {
  std::string index = get("/");
  int status = status_of(index);
  EXPECT_TRUE(status == 200 || status == 404);
  if (status == 200) {
    EXPECT_NE(index.find("Content-Type: text/html"), std::string::npos);
    EXPECT_EQ(body_of(get("/release/llama-3.1-8b")), body_of(index));
  }
  EXPECT_EQ(status_of(get("/missing.css")), 404);
}

TEST(ListenTest, ParsesAddresses) {
  auto a = parse_listen("0.0.0.0:9000");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "0.0.0.0");
  EXPECT_EQ(a->port, 9000);
  auto b = parse_listen("[::1]:0");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->host, "::1");
  EXPECT_FALSE(parse_listen("localhost"));
  EXPECT_FALSE(parse_listen("x:65536"));
  EXPECT_FALSE(parse_listen("x:80a"));
}

}  // namespace
}  // namespace aperture::server
