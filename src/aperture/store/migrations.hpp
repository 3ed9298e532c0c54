// The schema, as numbered migrations applied in order at start (Store::migrate).
// Each has the same logical schema in both dialects; a migration once released is
// never edited, only followed by a new one.
#pragma once

#include <span>
#include <string_view>

namespace aperture::store {

struct Migration {
  int version;               // 1, 2, …: applied in order, each once
  std::string_view summary;  // what it does, for the schema_version table
  std::string_view sqlite;   // statements separated by ';'
  std::string_view postgres;
};

std::span<const Migration> migrations();

// The table that records what was applied; created before any migration.
inline constexpr std::string_view k_schema_version_table =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER PRIMARY KEY, summary TEXT NOT NULL, applied_at TEXT NOT NULL)";

}  // namespace aperture::store
