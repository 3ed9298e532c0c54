// The catalog's database (`aperture serve`, docs/server.md): releases with the
// summary columns the API filters on, every assessment kept per release (licenses
// change over time) and the API tokens, stored hashed. Two implementations of one
// logical schema (migrations.cpp): SQLite, embedded, the default, and PostgreSQL
// for shared deployments. Every statement is parameterised; no SQL is ever built
// from user input.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/util/result.hpp>

namespace aperture::store {

// One assessment of a release, as the server files it: the columns lists filter
// on, the summary the API answers with and the whole scan JSON.
struct ReleaseRecord {
  std::string id;  // "llama-3.1-8b"
  std::string name;
  std::string publisher;              // empty when unknown
  std::string source;                 // "catalog" or "submitted"
  std::vector<std::string> licenses;  // distinct license ids
  std::optional<int> level;           // openness spectrum level
  std::string commercial;             // "allowed", "restricted", "forbidden", "unknown"
  std::string osd;                    // "pass", "fail", "unknown"
  std::string osaid;
  std::string mof;  // "class-i", "class-ii", "class-iii", "none"
  bool open_washing = false;
  std::string assessed_at;   // "2026-11-28T19:00:00Z"
  std::string summary_json;  // the API's summary object
  std::string scan_json;     // what `aperture scan --json` prints
  std::string input;         // the submitted manifest or card, to assess again; empty for catalog entries
};

// What put_release did: a new release, a new assessment of a known one, or
// nothing because the assessment is the same as the latest (same scan JSON).
enum class PutOutcome { added, changed, unchanged };

enum class SortKey { id, name, level };

// Filters of a list; empty strings and nullopt filter nothing.
struct ReleaseQuery {
  std::string license;  // a license id, compared case-insensitively
  std::optional<int> level;
  std::string commercial;
  std::string osd;
  std::string osaid;
  std::string mof;
  std::string source;
  std::optional<bool> open_washing;
  std::string text;  // substring of id, name or publisher, case-insensitive
  SortKey sort = SortKey::id;
  std::int64_t page = 1;  // from 1
  std::int64_t per_page = 50;
};

struct ReleasePage {
  std::vector<std::string> summaries;  // summary JSON objects, in order
  std::int64_t total = 0;              // matches over all pages
};

struct HistoryEntry {
  std::string assessed_at;
  std::string summary_json;
};

struct StoredRelease {
  std::string id;
  std::string source;
  std::string summary_json;           // the latest
  std::string scan_json;              // the latest
  std::string input;                  // the latest's submitted text; empty for catalog entries
  std::vector<HistoryEntry> history;  // newest first; the first is the latest
};

class Store {
public:
  virtual ~Store() = default;

  // Runs the migrations not yet applied, each in its own transaction, and
  // records them in schema_version. Safe to call on every start.
  virtual util::Status migrate() = 0;

  // The highest migration applied; 0 on an empty database.
  virtual util::Result<int> schema_version() = 0;

  // Files `record`: inserts or updates the release's row and appends an
  // assessment to its history unless the latest one has the same scan JSON.
  // Durable when it returns (the transaction is committed).
  virtual util::Result<PutOutcome> put_release(const ReleaseRecord& record) = 0;

  // The source ("catalog", "submitted") of the release `id`; nullopt when unknown.
  virtual util::Result<std::optional<std::string>> source_of(std::string_view id) = 0;

  virtual util::Result<ReleasePage> list_releases(const ReleaseQuery& query) = 0;

  // The release `id` with its history; nullopt when unknown.
  virtual util::Result<std::optional<StoredRelease>> get_release(std::string_view id) = 0;

  // Records a token by its hash (`token_hash`: sha256_hex of the token).
  virtual util::Status
  add_token(std::string_view name, std::string_view token_hash, std::string_view created_at) = 0;

  // True when a token with this hash was created.
  virtual util::Result<bool> has_token(std::string_view token_hash) = 0;
};

// Opens (and creates, for SQLite) the database `url`: "sqlite:PATH",
// "sqlite::memory:", or "postgresql://…" / "postgres://…" (libpq's URL syntax).
// Does not migrate.
util::Result<std::unique_ptr<Store>> open_store(std::string_view url);

// "sqlite:$XDG_DATA_HOME/aperture/aperture.db", or under ~/.local/share when
// XDG_DATA_HOME is unset; the directory is created when missing.
util::Result<std::string> default_database_url();

// The current time in UTC: "2026-11-28T19:00:00Z".
std::string utc_now();

}  // namespace aperture::store
