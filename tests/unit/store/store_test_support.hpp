// The store tests run over every backend: SQLite always (in memory), and
// PostgreSQL when APERTURE_TEST_PG holds a connection URL (.ci/run and
// scripts/run-tests.sh set it); otherwise those tests are skipped, saying so.
#pragma once

#include <memory>
#include <optional>
#include <string>

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

// A record with every column set, for `id`.
store::ReleaseRecord sample_record(const std::string& id, const std::string& scan_json = "{\"v\":1}");

}  // namespace aperture::testing
