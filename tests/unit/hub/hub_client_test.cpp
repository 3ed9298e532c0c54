#include <gtest/gtest.h>

#include <aperture/hub/hub_client.hpp>

#include "unit/hub/replay_server.hpp"

namespace aperture::hub {
namespace {

using testing::HubReplayTest;
using testing::ScopedEnv;

constexpr std::size_t k_mib = 1024 * 1024;

bool one_line(const util::Error& e) {
  return !e.message.empty() && e.message.find('\n') == std::string::npos;
}

using HubClientTest = HubReplayTest;

TEST_F(HubClientTest, FetchesABodyWithUserAgentAndToken) {
  m_options.token = "hf_test_token";
  auto body =
      fetch(m_options.endpoint + "/mistralai/Mistral-7B-v0.1/resolve/main/config.json", k_mib, m_options);
  ASSERT_TRUE(body) << body.error().to_string();
  EXPECT_NE(body->find("MistralForCausalLM"), std::string::npos);
  auto requests = m_server->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_TRUE(requests[0].user_agent.starts_with("aperture/")) << requests[0].user_agent;
  EXPECT_EQ(requests[0].authorization, "Bearer hf_test_token");
}

TEST_F(HubClientTest, SendsNoAuthorizationWithoutAToken) {
  auto body =
      fetch(m_options.endpoint + "/mistralai/Mistral-7B-v0.1/resolve/main/config.json", k_mib, m_options);
  ASSERT_TRUE(body);
  EXPECT_EQ(m_server->requests().at(0).authorization, "");
}

TEST_F(HubClientTest, FollowsARedirect) {
  auto body = fetch(m_options.endpoint + "/redirect-to-readme", k_mib, m_options);
  ASSERT_TRUE(body) << body.error().to_string();
  EXPECT_NE(body->find("Mistral-7B-v0.1"), std::string::npos);
}

TEST_F(HubClientTest, StopsAtTooManyRedirects) {
  std::string url = m_options.endpoint + "/api/models/acme/redirect-loop?blobs=true";
  auto body = fetch(url, k_mib, m_options);
  ASSERT_FALSE(body);
  EXPECT_NE(body.error().message.find("more than 5 redirects"), std::string::npos) << body.error().message;
  EXPECT_EQ(body.error().path, url);
  EXPECT_LE(m_server->paths().size(), 6u);
}

TEST_F(HubClientTest, NeverFollowsARedirectToAFile) {
  auto body = fetch(m_options.endpoint + "/redirect-to-file", k_mib, m_options);
  ASSERT_FALSE(body);
  EXPECT_EQ(body.error().code, util::ErrorCode::invalid) << body.error().to_string();
  EXPECT_TRUE(one_line(body.error()));
}

TEST_F(HubClientTest, FetchesOnlyHttpUrls) {
  auto body = fetch("file:///etc/hostname", k_mib, m_options);
  ASSERT_FALSE(body);
  EXPECT_NE(body.error().message.find("only http:// and https://"), std::string::npos)
      << body.error().message;
}

TEST_F(HubClientTest, StopsABodyLargerThanTheLimit) {
  std::string url = m_options.endpoint + "/mistralai/Mistral-7B-v0.1/resolve/main/README.md";
  auto body = fetch(url, 100, m_options);
  ASSERT_FALSE(body);
  EXPECT_EQ(body.error().code, util::ErrorCode::too_large);
  EXPECT_NE(body.error().message.find("larger than 100 bytes"), std::string::npos) << body.error().message;
  EXPECT_EQ(body.error().path, url);
}

TEST_F(HubClientTest, MapsHttpStatusesToClearErrors) {
  struct Case {
    const char* name;
    std::string path;
    util::ErrorCode code;
    const char* says;
  };
  const Case cases[] = {
      {"404", "/api/models/acme/nothing-here?blobs=true", util::ErrorCode::not_found, "HTTP 404: not found"},
      {"401", "/api/models/acme/private-model?blobs=true", util::ErrorCode::invalid, "gated or private"},
      {"403", "/api/models/acme/forbidden-model?blobs=true", util::ErrorCode::invalid, "set HF_TOKEN"},
      {"503", "/api/models/acme/server-error?blobs=true", util::ErrorCode::io, "HTTP 503"},
  };
  for (const Case& c : cases) {
    auto body = fetch(m_options.endpoint + c.path, k_mib, m_options);
    ASSERT_FALSE(body) << c.name;
    EXPECT_EQ(body.error().code, c.code) << c.name;
    EXPECT_NE(body.error().message.find(c.says), std::string::npos) << c.name << ": " << body.error().message;
    EXPECT_EQ(body.error().path, m_options.endpoint + c.path) << c.name;
    EXPECT_TRUE(one_line(body.error())) << c.name;
  }
}

TEST_F(HubClientTest, SaysOfflineWhenTheHostCannotBeReached) {
  m_options.endpoint = "http://127.0.0.1:1";
  auto body = fetch(m_options.endpoint + "/api/models/a/b", k_mib, m_options);
  ASSERT_FALSE(body);
  EXPECT_NE(body.error().message.find("cannot reach http://127.0.0.1:1: offline?"), std::string::npos)
      << body.error().message;
  EXPECT_TRUE(one_line(body.error()));
}

TEST_F(HubClientTest, GivesUpAfterTheTimeout) {
  m_options.timeout = std::chrono::milliseconds(300);
  auto body = fetch(m_options.endpoint + "/slow", k_mib, m_options);
  ASSERT_FALSE(body);
  EXPECT_NE(body.error().message.find("no complete answer within"), std::string::npos)
      << body.error().message;
}

TEST(HubOptionsTest, ReadsTheEndpointAndTokenFromTheEnvironment) {
  {
    ScopedEnv endpoint("HF_ENDPOINT", nullptr);
    ScopedEnv token("HF_TOKEN", nullptr);
    auto options = hub_options_from_environment();
    ASSERT_TRUE(options);
    EXPECT_EQ(options->endpoint, "https://huggingface.co");
    EXPECT_EQ(options->token, "");
  }
  {
    ScopedEnv endpoint("HF_ENDPOINT", "http://127.0.0.1:8080/");
    ScopedEnv token("HF_TOKEN", "hf_abc");
    auto options = hub_options_from_environment();
    ASSERT_TRUE(options);
    EXPECT_EQ(options->endpoint, "http://127.0.0.1:8080");
    EXPECT_EQ(options->token, "hf_abc");
  }
}

TEST(HubOptionsTest, RejectsAnEndpointThatIsNotHttp) {
  ScopedEnv endpoint("HF_ENDPOINT", "ftp://mirror.example");
  auto options = hub_options_from_environment();
  ASSERT_FALSE(options);
  EXPECT_NE(options.error().message.find("HF_ENDPOINT"), std::string::npos);
}

TEST(HubOptionsTest, RejectsATokenThatWouldBreakTheHeader) {
  ScopedEnv token("HF_TOKEN", "hf_abc\r\nX-Evil: 1");
  auto options = hub_options_from_environment();
  ASSERT_FALSE(options);
  EXPECT_TRUE(one_line(options.error()));
}

}  // namespace
}  // namespace aperture::hub
