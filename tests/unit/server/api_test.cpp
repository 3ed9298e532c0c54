// The API's handlers without sockets (src/aperture/server/api.cpp): a request
// struct in, a response out, over a store holding the catalog: in-memory
// SQLite, and PostgreSQL when APERTURE_TEST_PG is set.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <aperture/report/scan_report.hpp>
#include <aperture/server/api.hpp>
#include <aperture/server/catalog_sync.hpp>
#include <aperture/store/store.hpp>
#include <aperture/store/token.hpp>

#include "unit/store/store_test_support.hpp"

namespace aperture::server {
namespace {

using nlohmann::json;

constexpr const char* k_manifest = R"(aperture: release/1
id: test-model
name: Test Model
publisher: Tester
checked: 2026-11-28
url: https://example.com/test-model
access: weights
license:
  id: MIT
  source: https://example.com/test-model
components:
  model-parameters-final:
    published: true
    where: https://example.com/test-model
)";

class ApiTest : public testing::BackendTest {
protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) {
      return;
    }
    ASSERT_TRUE(sync_catalog(*m_store));
    m_token = store::new_token();
    ASSERT_TRUE(m_store->add_token("test", store::sha256_hex(m_token), "2026-01-01T00:00:00Z"));
    m_api = std::make_unique<Api>(*m_store);
  }

  ApiResponse get(const std::string& path, const std::string& query = "") const {
    return m_api->handle({"GET", path, query, "", "", ""});
  }
  ApiResponse post(const std::string& path,
                   const std::string& body,
                   const std::string& auth = "",
                   const std::string& type = "text/plain",
                   const std::string& query = "") const {
    return m_api->handle({"POST", path, query, body, type, auth});
  }
  std::string bearer() const { return "Bearer " + m_token; }

  std::unique_ptr<Api> m_api;
  std::string m_token;
};

json body(const ApiResponse& r) {
  return json::parse(r.body);
}

TEST_P(ApiTest, ListsTheCatalogPaged) {
  ApiResponse r = get("/api/releases", "per_page=10&page=2");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = body(r);
  EXPECT_EQ(j["total"], 54);
  EXPECT_EQ(j["page"], 2);
  EXPECT_EQ(j["per_page"], 10);
  ASSERT_EQ(j["items"].size(), 10u);
  for (const char* key : {"id", "name", "publisher", "licenses", "level", "level_label", "commercial", "osd",
                          "osaid", "mof", "components", "open_washing", "assessed_at", "source"}) {
    EXPECT_TRUE(j["items"][0].contains(key)) << key;
  }
  EXPECT_EQ(j["items"][0]["components"].size(), 19u);
}

TEST_P(ApiTest, FiltersMatchTheirSummaries) {
  struct Case {
    const char* query;
    const char* key;
    json want;
  };
  const Case cases[] = {
      {"osd=pass", "osd", "pass"},
      {"commercial=restricted", "commercial", "restricted"},
      {"commercial=forbidden", "commercial", "forbidden"},
      {"level=3", "level", 3},
      {"source=catalog", "source", "catalog"},
      {"open_washing=false", "open_washing", false},
  };
  for (const Case& c : cases) {
    json j = body(get("/api/releases", c.query));
    EXPECT_GT(j["total"].get<int>(), 0) << c.query;
    for (const json& item : j["items"]) {
      EXPECT_EQ(item[c.key], c.want) << c.query << " " << item["id"];
    }
  }
  json llama = body(get("/api/releases", "license=licenseref-llama-3.1"));
  EXPECT_GT(llama["total"].get<int>(), 0);
  json text = body(get("/api/releases", "q=LLAMA+3.1"));
  EXPECT_GT(text["total"].get<int>(), 0);
  json none = body(get("/api/releases", "q=%27%20OR%201%3D1%20--"));
  EXPECT_EQ(none["total"], 0);
  EXPECT_EQ(body(get("/api/releases", "license=")), body(get("/api/releases"))) << "empty is no filter";
}

TEST_P(ApiTest, BadQueriesAre400) {
  const char* bad[] = {"level=0",     "level=six", "level=3x",      "commercial=maybe",
                       "osd=1",       "page=0",    "per_page=0",    "per_page=201",
                       "sort=random", "nope=1",    "page=1&page=2", "q=%zz",
                       "q=%00",       "q=%ff",     "mof=class-iv",  "open_washing=yes"};
  for (const char* q : bad) {
    ApiResponse r = get("/api/releases", q);
    EXPECT_EQ(r.status, 400) << q;
    EXPECT_TRUE(body(r).contains("error")) << q;
  }
}

TEST_P(ApiTest, ReleaseHasAssessmentAndHistory) {
  ApiResponse r = get("/api/releases/llama-3.1-8b");
  ASSERT_EQ(r.status, 200);
  json j = body(r);
  EXPECT_EQ(j["summary"]["id"], "llama-3.1-8b");
  EXPECT_EQ(j["assessment"]["schema_version"], report::k_scan_schema_version);
  EXPECT_FALSE(j["assessment"]["licenses"].empty());
  ASSERT_EQ(j["history"].size(), 1u);
  EXPECT_EQ(j["history"][0]["summary"], j["summary"]);
}

TEST_P(ApiTest, UnknownThingsAre404) {
  EXPECT_EQ(get("/api/releases/no-such-model").status, 404);
  EXPECT_EQ(get("/api/releases/a%2Fb").status, 404);
  EXPECT_EQ(get("/api/nothing").status, 404);
  EXPECT_EQ(get("/api/releases/a/b").status, 404);
  EXPECT_EQ(get("/assets/missing.js").status, 404);
}

TEST_P(ApiTest, TraversalIsRefused) {
  for (const char* path : {"/../etc/passwd", "/%2e%2e/etc/passwd", "/a/%2E%2E/%2e%2e/etc/passwd",
                           "/..%5c..%5cwin.ini", "/api/releases/..", "/%zz", "/a%00b"}) {
    ApiResponse r = get(path);
    EXPECT_EQ(r.status, 400) << path;
  }
}

TEST_P(ApiTest, WrongMethodsAre405) {
  EXPECT_EQ(m_api->handle({"DELETE", "/api/releases/llama-3.1-8b", "", "", "", bearer()}).status, 405);
  EXPECT_EQ(get("/api/analyze").status, 405);
  ApiResponse r = m_api->handle({"PUT", "/api/releases", "", "", "", ""});
  EXPECT_EQ(r.status, 405);
  ASSERT_FALSE(r.headers.empty());
  EXPECT_EQ(r.headers[0].first, "Allow");
}

TEST_P(ApiTest, CompareGivesSummariesAndRows) {
  ApiResponse r = get("/api/compare", "ids=llama-3.1-8b,olmo-2-7b");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = body(r);
  ASSERT_EQ(j["releases"].size(), 2u);
  EXPECT_EQ(j["releases"][1]["id"], "olmo-2-7b");
  EXPECT_FALSE(j["comparison"]["rows"].empty());
  EXPECT_EQ(get("/api/compare", "ids=llama-3.1-8b").status, 400);
  EXPECT_EQ(get("/api/compare", "ids=llama-3.1-8b,nope").status, 404);
  EXPECT_EQ(get("/api/compare", "").status, 400);
}

TEST_P(ApiTest, SubmitNeedsAValidToken) {
  for (const char* auth : {"", "Bearer", "Bearer wrong", "Basic abc", "bearer apt_00"}) {
    ApiResponse r = post("/api/releases", k_manifest, auth);
    EXPECT_EQ(r.status, 401) << auth;
  }
  EXPECT_EQ(get("/api/releases/test-model").status, 404) << "nothing was stored";
}

TEST_P(ApiTest, SubmitStoresAndKeepsHistory) {
  ApiResponse r = post("/api/releases", k_manifest, bearer());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(body(r)["id"], "test-model");
  EXPECT_EQ(body(r)["source"], "submitted");
  EXPECT_EQ(body(r)["licenses"], json::array({"MIT"}));
  EXPECT_EQ(post("/api/releases", k_manifest, bearer()).status, 201);  // same: no new history
  std::string changed = k_manifest;
  changed.replace(changed.find("id: MIT"), 7, "id: Apache-2.0");
  ASSERT_EQ(post("/api/releases", changed, "bearer " + m_token).status, 201);
  json j = body(get("/api/releases/test-model"));
  ASSERT_EQ(j["history"].size(), 2u);
  EXPECT_EQ(j["history"][0]["summary"]["licenses"], json::array({"Apache-2.0"}));
  EXPECT_EQ(j["history"][1]["summary"]["licenses"], json::array({"MIT"}));
  EXPECT_EQ(body(get("/api/releases", "source=submitted"))["total"], 1);
  ApiResponse cmp = get("/api/compare", "ids=test-model,llama-3.1-8b");
  EXPECT_EQ(cmp.status, 200) << cmp.body;
}

TEST_P(ApiTest, SubmitAModelCard) {
  std::string card =
      "---\nlicense: apache-2.0\nmodel_name: Card Model\n---\n# Card Model\n\nAn open source model.\n";
  ApiResponse r = post("/api/releases", card, bearer(), "text/markdown", "id=card-model");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(body(r)["id"], "card-model");
  EXPECT_EQ(post("/api/releases", card, bearer(), "text/markdown", "id=Bad%20Id").status, 400);
}

TEST_P(ApiTest, SubmitErrorsAreOneLine400s) {
  std::string typo = k_manifest;
  typo.replace(typo.find("publisher:"), 10, "publsher:");
  ApiResponse r = post("/api/releases", typo, bearer());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(body(r)["error"].get<std::string>().find("publsher"), std::string::npos) << r.body;
  EXPECT_EQ(post("/api/releases", "just words", bearer()).status, 400);
  EXPECT_EQ(post("/api/releases", "", bearer()).status, 400);
  EXPECT_EQ(post("/api/releases", std::string("\x00\x01\x02", 3) + "binary", bearer()).status, 400);
}

TEST_P(ApiTest, CatalogReleasesCannotBeOverwritten) {
  std::string manifest = k_manifest;
  manifest.replace(manifest.find("id: test-model"), 14, "id: llama-3.1-8b");
  EXPECT_EQ(post("/api/releases", manifest, bearer()).status, 409);
}

TEST_P(ApiTest, OversizedBodiesAre413) {
  std::string big(k_max_body_bytes + 1, 'a');
  EXPECT_EQ(post("/api/analyze", big).status, 413);
  EXPECT_EQ(post("/api/releases", big, bearer()).status, 413);
}

TEST_P(ApiTest, AnalyzesALicenseText) {
  std::string apache = "Licensed under the Apache License, Version 2.0 (the \"License\");\n"
                       "you may not use this file except in compliance with the License.\n";
  ApiResponse r = post("/api/analyze", apache);
  ASSERT_EQ(r.status, 200) << r.body;
  json j = body(r);
  EXPECT_EQ(j["kind"], "license");
  ASSERT_FALSE(j["licenses"].empty()) << r.body;
  EXPECT_EQ(j["licenses"][0]["id"], "Apache-2.0");
  EXPECT_TRUE(j["licenses"][0].contains("terms"));
  EXPECT_TRUE(j["licenses"][0].contains("verdicts"));
}

TEST_P(ApiTest, AnalyzesAModelCardAsJson) {
  json request{{"text", "---\nlicense: llama3.1\n---\n# My fine-tune\n\nA fully open source model.\n"}};
  ApiResponse r = post("/api/analyze", request.dump(), "", "application/json");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = body(r);
  EXPECT_EQ(j["kind"], "model-card");
  ASSERT_FALSE(j["licenses"].empty());
  EXPECT_EQ(j["licenses"][0]["id"], "LicenseRef-Llama-3.1");
  EXPECT_TRUE(j["summary"]["open_washing"].get<bool>()) << j["summary"].dump();
  EXPECT_EQ(j["assessment"]["input_kind"], "model-card");
}

TEST_P(ApiTest, AnalyzeRefusesBadJson) {
  for (const char* bad :
       {"{", "[]", "{\"text\": 3}", "{\"txt\": \"a\"}", "{\"text\": \"a\", \"kind\": \"x\"}"}) {
    EXPECT_EQ(post("/api/analyze", bad, "", "application/json").status, 400) << bad;
  }
  EXPECT_EQ(post("/api/analyze", "   ").status, 400);
}

TEST_P(ApiTest, ErrorsAreJson) {
  ApiResponse r = json_error(404, "a \"quoted\"\nthing");
  EXPECT_EQ(body(r)["error"], "a \"quoted\"\nthing");
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
}

INSTANTIATE_TEST_SUITE_P(Backends,
                         ApiTest,
                         ::testing::Values("sqlite", "postgresql"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

TEST(PathSegmentsTest, DecodesEachSegmentAlone) {
  auto s = path_segments("/api/releases/a%2Fb");
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, (std::vector<std::string>{"api", "releases", "a/b"}));
  EXPECT_FALSE(path_segments("relative"));
  EXPECT_FALSE(path_segments("/a/./b"));
}

}  // namespace
}  // namespace aperture::server
