// A statement with its parameters, shared by both stores: the text uses `?`
// placeholders (the PostgreSQL store numbers them $1, $2, …) and the values
// travel apart from it, so user input is never part of SQL text.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include <aperture/store/store.hpp>

namespace aperture::store {

using SqlValue = std::variant<std::monostate, std::int64_t, std::string>;  // monostate is NULL

struct Sql {
  std::string text;
  std::vector<SqlValue> params;
};

// The page of summaries `query` selects, and the count of all its matches.
// REQUIRES: query.page >= 1, 1 <= query.per_page (the server's parser checks).
Sql list_sql(const ReleaseQuery& query);
Sql count_sql(const ReleaseQuery& query);

// `text` with every `?` outside quotes numbered as $1, $2, … (PostgreSQL).
std::string numbered_placeholders(std::string_view text);

// "%text%" for LIKE … ESCAPE '\', lower-cased, with %, _ and \ escaped.
std::string like_pattern(std::string_view text);

// The license ids of `record`, lower-cased and distinct, as release_licenses keeps them.
std::vector<std::string> license_keys(const ReleaseRecord& record);

}  // namespace aperture::store

namespace aperture::store::statements {

// The statements both stores run, with `?` placeholders.
inline constexpr std::string_view k_select_hash = "SELECT hash FROM releases WHERE id = ?";
inline constexpr std::string_view k_upsert_release =
    "INSERT INTO releases (id, name, publisher, source, level, commercial, osd, osaid, mof, open_washing,"
    " assessed_at, hash, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (id) DO UPDATE SET name = excluded.name, publisher = excluded.publisher,"
    " source = excluded.source, level = excluded.level, commercial = excluded.commercial,"
    " osd = excluded.osd, osaid = excluded.osaid, mof = excluded.mof,"
    " open_washing = excluded.open_washing, assessed_at = excluded.assessed_at,"
    " hash = excluded.hash, summary = excluded.summary";
inline constexpr std::string_view k_delete_licenses = "DELETE FROM release_licenses WHERE release_id = ?";
inline constexpr std::string_view k_insert_license =
    "INSERT INTO release_licenses (release_id, license) VALUES (?, ?)";
inline constexpr std::string_view k_insert_assessment =
    "INSERT INTO assessments (release_id, assessed_at, hash, summary, assessment, input)"
    " VALUES (?, ?, ?, ?, ?, ?)";
inline constexpr std::string_view k_select_source = "SELECT source FROM releases WHERE id = ?";
inline constexpr std::string_view k_select_release = "SELECT source, summary FROM releases WHERE id = ?";
inline constexpr std::string_view k_select_history =
    "SELECT assessed_at, summary FROM assessments WHERE release_id = ? ORDER BY id DESC";
inline constexpr std::string_view k_select_latest =
    "SELECT assessment, input FROM assessments WHERE release_id = ? ORDER BY id DESC LIMIT 1";
inline constexpr std::string_view k_insert_token =
    "INSERT INTO api_tokens (name, hash, created_at) VALUES (?, ?, ?)";
inline constexpr std::string_view k_select_token = "SELECT 1 FROM api_tokens WHERE hash = ?";
inline constexpr std::string_view k_max_version = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
inline constexpr std::string_view k_insert_version =
    "INSERT INTO schema_version (version, summary, applied_at) VALUES (?, ?, ?)";

}  // namespace aperture::store::statements

namespace aperture::store {

// The parameters of k_upsert_release for `record`, whose hash is `hash`.
std::vector<SqlValue> release_params(const ReleaseRecord& record, const std::string& hash);

// What decides whether an assessment changed: the scan JSON and every summary
// column except the time (SHA-256, hex).
std::string record_hash(const ReleaseRecord& record);

}  // namespace aperture::store
