// One model file of the European Open Source AI Index (osai-index.eu; the
// Language-Technology-Assessment/main-database repository): `system:`, `org:`
// and the twelve parameters, each with `class`, `link` and `notes`.
//
// The reader keeps two things apart: the index's own ratings (`index`), and a
// Release built only from the file's evidence (links, license statements, the
// base model's name, and availability words in the reviewers' notes), never
// from `class`, so that Aperture's judgement of that Release can be compared
// with the index's.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include <aperture/frameworks/osai_index.hpp>
#include <aperture/release/release.hpp>
#include <aperture/util/result.hpp>

namespace aperture::formats {

// Limits that keep hostile YAML from hurting (yaml-cpp recurses per level).
inline constexpr std::size_t k_max_osai_bytes = 1 << 20;
inline constexpr int k_max_osai_depth = 32;

// One parameter as the index rates it.
struct OsaiEntry {
  frameworks::OsaiParameter parameter = frameworks::OsaiParameter::datasources_basemodel;
  bool present = false;  // the file has the key
  frameworks::OsaiClass rating = frameworks::OsaiClass::unknown;  // `class`; unknown when missing or unreadable
  std::vector<std::string> links;
  std::string notes;
  std::uint32_t line = 0;  // 1-based line of the key, 0 when missing
};

struct OsaiFile {
  std::string path;
  std::array<OsaiEntry, frameworks::k_osai_parameters> index{};  // the index's ratings, in parameter order
  release::Release release;                                       // the evidence only
};

// True when `root` is a mapping with a `system:` mapping and at least one of
// the twelve parameter keys.
bool looks_like_osai(const YAML::Node& root);

// The index's ratings of `file`, in parameter order (unknown when missing).
std::array<frameworks::OsaiClass, frameworks::k_osai_parameters> index_ratings(const OsaiFile& file);

// Reads the OSAI-index file `text` named `path`. Fails with ErrorCode::too_large
// or ErrorCode::parse (one line naming `path`: YAML error with line and column,
// too deep, not an index file).
util::Result<OsaiFile> read_osai_file(std::string_view text, std::string_view path);

}  // namespace aperture::formats
