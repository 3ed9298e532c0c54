#include <array>

#include <aperture/store/migrations.hpp>

namespace aperture::store {
namespace {

// Version 1: releases with their filter columns, the license ids each carries,
// the history of assessments and the API tokens. The two dialects differ only in
// how an auto-increment key is spelt.
constexpr std::string_view k_v1_sqlite = R"sql(
CREATE TABLE releases (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  publisher TEXT NOT NULL,
  source TEXT NOT NULL,
  level INTEGER,
  commercial TEXT NOT NULL,
  osd TEXT NOT NULL,
  osaid TEXT NOT NULL,
  mof TEXT NOT NULL,
  open_washing INTEGER NOT NULL,
  assessed_at TEXT NOT NULL,
  hash TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE TABLE release_licenses (
  release_id TEXT NOT NULL REFERENCES releases(id),
  license TEXT NOT NULL,
  PRIMARY KEY (release_id, license)
);
CREATE INDEX release_licenses_by_license ON release_licenses(license);
CREATE TABLE assessments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  release_id TEXT NOT NULL REFERENCES releases(id),
  assessed_at TEXT NOT NULL,
  hash TEXT NOT NULL,
  summary TEXT NOT NULL,
  assessment TEXT NOT NULL,
  input TEXT NOT NULL
);
CREATE INDEX assessments_by_release ON assessments(release_id, id);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
)
)sql";

constexpr std::string_view k_v1_postgres = R"sql(
CREATE TABLE releases (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  publisher TEXT NOT NULL,
  source TEXT NOT NULL,
  level INTEGER,
  commercial TEXT NOT NULL,
  osd TEXT NOT NULL,
  osaid TEXT NOT NULL,
  mof TEXT NOT NULL,
  open_washing INTEGER NOT NULL,
  assessed_at TEXT NOT NULL,
  hash TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE TABLE release_licenses (
  release_id TEXT NOT NULL REFERENCES releases(id),
  license TEXT NOT NULL,
  PRIMARY KEY (release_id, license)
);
CREATE INDEX release_licenses_by_license ON release_licenses(license);
CREATE TABLE assessments (
  id BIGSERIAL PRIMARY KEY,
  release_id TEXT NOT NULL REFERENCES releases(id),
  assessed_at TEXT NOT NULL,
  hash TEXT NOT NULL,
  summary TEXT NOT NULL,
  assessment TEXT NOT NULL,
  input TEXT NOT NULL
);
CREATE INDEX assessments_by_release ON assessments(release_id, id);
CREATE TABLE api_tokens (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
)
)sql";

constexpr std::array k_migrations = {
    Migration{1, "releases, license ids, assessment history, API tokens", k_v1_sqlite, k_v1_postgres},
};

}  // namespace

std::span<const Migration> migrations() {
  return k_migrations;
}

}  // namespace aperture::store
