// Release manifests (docs/manifest.md): a YAML description of a release for
// which there is no repository to scan (API-only models, vendors' models) and
// the format of Aperture's bundled catalog (data/catalog/*.yaml). Each fact
// carries the URL that states it and the date it was checked.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/release/release.hpp>
#include <aperture/util/result.hpp>

namespace aperture::formats {

inline constexpr std::size_t k_max_manifest_bytes = 1 << 20;
inline constexpr std::string_view k_manifest_format = "release/1";

// True when `text` declares itself a manifest (a top-level `aperture:` key).
bool looks_like_manifest(std::string_view text);

// The manifest's `id` (empty when it has none) and the Release it describes
// (input_kind "manifest", target `path`). Fails with one line naming `path`
// and the line: malformed or oversized YAML (ErrorCode::parse), an unknown
// key, a missing required key, a bad date, component id or boolean
// (ErrorCode::invalid). A typo never silently drops a fact.
struct Manifest {
  std::string id;
  release::Release release;
};
util::Result<Manifest> read_manifest(std::string_view text, std::string_view path);

// Dataset entries (`aperture: dataset/1`, data/datasets/README.md): a training
// data set of the bundled catalog, the names model cards use for it and its
// license with the page that states it. Same strictness as manifests.
inline constexpr std::string_view k_dataset_format = "dataset/1";
struct DatasetManifest {
  std::string id;
  std::string name;
  std::string publisher;
  std::string url;
  std::vector<std::string> hub_ids;  // as cards name it in `datasets:` ("tatsu-lab/alpaca", "c4")
  std::string license;               // an SPDX id or expression, or "other"
  release::Evidence license_evidence;
  release::Evidence note;  // a stated caveat (outputs of another model, terms of access); quote empty when none
};
util::Result<DatasetManifest> read_dataset_manifest(std::string_view text, std::string_view path);

}  // namespace aperture::formats
