#include "store_test_support.hpp"

#include <cctype>
#include <cstdlib>
#include <pqxx/pqxx>

#include <gtest/gtest.h>

namespace aperture::testing {

std::optional<std::string> test_pg_url() {
  const char* url = std::getenv("APERTURE_TEST_PG");
  if (url == nullptr || *url == '\0') {
    return std::nullopt;
  }
  return std::string(url);
}

std::string pg_schema_url(const std::string& url, const std::string& schema) {
  pqxx::connection c(url);
  pqxx::work tx(c);
  tx.exec("DROP SCHEMA IF EXISTS " + tx.quote_name(schema) + " CASCADE");
  tx.exec("CREATE SCHEMA " + tx.quote_name(schema));
  tx.commit();
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

std::unique_ptr<store::Store> fresh_store(const std::string& backend, std::string& skip_reason) {
  std::string url = "sqlite::memory:";
  if (backend == "postgresql") {
    std::optional<std::string> pg = test_pg_url();
    if (!pg) {
      skip_reason =
          "APERTURE_TEST_PG is not set: skipping the PostgreSQL store tests (scripts/run-tests.sh sets it)";
      return nullptr;
    }
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string schema = "t_" + std::string(test->name());
    for (char& c : schema) {
      c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
    }
    url = pg_schema_url(*pg, schema.substr(0, 60));
  }
  auto opened = store::open_store(url);
  if (!opened) {
    ADD_FAILURE() << opened.error().to_string();
    return nullptr;
  }
  std::unique_ptr<store::Store> s = std::move(*opened);
  auto migrated = s->migrate();
  if (!migrated) {
    ADD_FAILURE() << migrated.error().to_string();
    return nullptr;
  }
  return s;
}

store::ReleaseRecord sample_record(const std::string& id, const std::string& scan_json) {
  store::ReleaseRecord r;
  r.id = id;
  r.name = "Model " + id;
  r.publisher = "Publisher";
  r.source = "submitted";
  r.licenses = {"Apache-2.0"};
  r.level = 4;
  r.commercial = "allowed";
  r.osd = "pass";
  r.osaid = "unknown";
  r.mof = "none";
  r.open_washing = false;
  r.assessed_at = "2026-01-01T00:00:00Z";
  r.summary_json = "{\"id\":\"" + id + "\"}";
  r.scan_json = scan_json;
  r.input = "input of " + id;
  return r;
}

}  // namespace aperture::testing
