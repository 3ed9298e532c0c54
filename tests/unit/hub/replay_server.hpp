// A fixture for the Hub tests: tests/support/hub_replay_server.py serving the
// recorded answers in tests/data/hub, one server per test, so no test ever
// reaches the network.
#pragma once

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <poll.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

#include <aperture/hub/hub_client.hpp>

#include "support/test_support.hpp"

namespace aperture::testing {

// Sets an environment variable for one scope and puts the old value back.
class ScopedEnv {
public:
  ScopedEnv(const char* name, const char* value) : m_name(name) {
    if (const char* old = std::getenv(name)) {
      m_old = old;
    }
    value != nullptr ? ::setenv(name, value, 1) : ::unsetenv(name);
  }
  ~ScopedEnv() { m_old ? ::setenv(m_name, m_old->c_str(), 1) : ::unsetenv(m_name); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
  const char* m_name;
  std::optional<std::string> m_old;
};

// One request the server saw: its path (with the query), user agent and
// Authorization header.
struct ReplayRequest {
  std::string path;
  std::string user_agent;
  std::string authorization;
};

class ReplayServer {
public:
  // Starts the server, logging requests to `log`; fails the test (and leaves
  // `endpoint()` empty) when it does not print its port within 10 s.
  explicit ReplayServer(std::filesystem::path log) : m_log(std::move(log)) {
    int out[2];
    if (::pipe(out) != 0) {
      ADD_FAILURE() << "pipe() failed";
      return;
    }
    std::string script = (source_dir() / "tests/support/hub_replay_server.py").string();
    std::string root = (source_dir() / "tests/data/hub").string();
    std::string log_path = m_log.string();
    m_pid = ::fork();
    if (m_pid == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      ::execlp("python3", "python3", script.c_str(), "--root", root.c_str(), "--log", log_path.c_str(),
               nullptr);
      ::_exit(127);
    }
    ::close(out[1]);
    std::string port = read_line(out[0]);
    ::close(out[0]);
    if (port.empty()) {
      ADD_FAILURE() << "the replay server did not start";
      return;
    }
    m_endpoint = "http://127.0.0.1:" + port;
  }

  ~ReplayServer() {
    if (m_pid > 0) {
      ::kill(m_pid, SIGTERM);
      int status = 0;
      ::waitpid(m_pid, &status, 0);
    }
  }

  ReplayServer(const ReplayServer&) = delete;
  ReplayServer& operator=(const ReplayServer&) = delete;

  [[nodiscard]] const std::string& endpoint() const { return m_endpoint; }

  [[nodiscard]] std::vector<ReplayRequest> requests() const {
    std::vector<ReplayRequest> out;
    std::ifstream in(m_log);
    for (std::string line; std::getline(in, line);) {
      ReplayRequest r;
      std::size_t a = line.find('\t');
      std::size_t b = a == std::string::npos ? a : line.find('\t', a + 1);
      r.path = line.substr(0, a);
      if (b != std::string::npos) {
        r.user_agent = line.substr(a + 1, b - a - 1);
        r.authorization = line.substr(b + 1);
      }
      out.push_back(r);
    }
    return out;
  }

  [[nodiscard]] std::vector<std::string> paths() const {
    std::vector<std::string> out;
    for (const ReplayRequest& r : requests()) {
      out.push_back(r.path);
    }
    return out;
  }

private:
  static std::string read_line(int fd) {
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) {
        continue;
      }
      char c = 0;
      if (::read(fd, &c, 1) != 1) {
        return {};
      }
      if (c == '\n') {
        return line;
      }
      line.push_back(c);
    }
    return {};
  }

  std::filesystem::path m_log;
  pid_t m_pid = -1;
  std::string m_endpoint;
};

// Each test gets its own server and directory; `m_options` points at it.
class HubReplayTest : public TempDirTest {
protected:
  void SetUp() override {
    TempDirTest::SetUp();
    m_server = std::make_unique<ReplayServer>(m_dir / "requests.log");
    m_options.endpoint = m_server->endpoint();
    m_options.connect_timeout = std::chrono::seconds(5);
    m_options.timeout = std::chrono::seconds(30);
  }

  void TearDown() override {
    m_server.reset();
    TempDirTest::TearDown();
  }

  std::unique_ptr<ReplayServer> m_server;
  hub::HubOptions m_options;
};

}  // namespace aperture::testing
