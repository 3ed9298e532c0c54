// The store tests run over every backend: SQLite always (in memory), and
// PostgreSQL when APERTURE_TEST_PG holds a connection URL (.ci/run and
// scripts/run-tests.sh set it); otherwise those tests are skipped, saying so.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include <aperture/store/store.hpp>

namespace aperture::testing {

// APERTURE_TEST_PG, when set and not empty.
std::optional<std::string> test_pg_url();

// `url` with its own fresh, empty schema `schema` (dropped and created again)
// as the search path, so tests running in parallel do not meet.
std::string pg_schema_url(const std::string& url, const std::string& schema);

// A fresh, migrated store for `backend` ("sqlite" or "postgresql"); nullptr
// with `skip_reason` set when the backend is not available.
std::unique_ptr<store::Store> fresh_store(const std::string& backend, std::string& skip_reason);

// A test over one backend (the parameter, "sqlite" or "postgresql"): SetUp
// opens a fresh store in `m_store`, or skips the test, saying why, when the
// backend is not available. Subclasses call it first and return when
// IsSkipped() or HasFatalFailure().
class BackendTest : public ::testing::TestWithParam<std::string> {
protected:
  void SetUp() override {
    std::string skip;
    m_store = fresh_store(GetParam(), skip);
    if (!m_store && !skip.empty()) {
      GTEST_SKIP() << skip;
    }
    ASSERT_NE(m_store, nullptr);
  }

  std::unique_ptr<store::Store> m_store;
};

// A record with every column set, for `id`.
store::ReleaseRecord sample_record(const std::string& id, const std::string& scan_json = "{\"v\":1}");

}  // namespace aperture::testing
