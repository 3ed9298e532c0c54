// The catalog bundled with Aperture: reviewed release manifests
// (data/catalog/*.yaml, docs/manifest.md) embedded in the binary at build
// time, so `aperture show llama-3.1-8b` needs no network and no files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <aperture/formats/manifest.hpp>
#include <aperture/release/release.hpp>
#include <aperture/util/result.hpp>

namespace aperture::catalog {

struct CatalogEntry {
  std::string id;         // "llama-3.1-8b": the manifest's id
  std::string file;       // "data/catalog/llama-3.1-8b.yaml", as evidence names it
  std::string_view text;  // the manifest, in the binary
};

// Every entry, sorted by id. Throws aperture::Error when an embedded manifest
// has no id (the catalog test keeps that from shipping).
const std::vector<CatalogEntry>& entries();

// The entry with `id`, or nullptr.
const CatalogEntry* find(std::string_view id);

// The release an entry describes: target and name of the entry, evidence
// naming its file in the repository.
util::Result<release::Release> read_entry(const CatalogEntry& entry);

// The bundled dataset entries (data/datasets/*.yaml, `aperture: dataset/1`),
// sorted by id.
const std::vector<CatalogEntry>& dataset_entries();

// The dataset a model card names ("tatsu-lab/alpaca", "c4", a Hub dataset
// URL), matched case-insensitively against each entry's `hub_ids` and `id`;
// nullptr when the catalog does not know it.
const formats::DatasetManifest* find_dataset(std::string_view name);

// The release of the entry `id`, read once per process and kept (entries
// that do not read are left out: the catalog test keeps them from shipping);
// nullptr when there is no such entry. Safe to call from several threads.
const release::Release* release_of(std::string_view id);

// The Hugging Face paths ("owner/name", lower case) a release is known by:
// its `url`'s when that is a Hub page, then its variants'.
std::vector<std::string> hub_paths(const release::Release& release);

}  // namespace aperture::catalog
