#include <algorithm>
#include <map>
#include <memory>

#include <fmt/format.h>

#include <aperture/catalog/catalog.hpp>
#include <aperture/formats/manifest.hpp>
#include <aperture/formats/yaml_tree.hpp>
#include <aperture/util/error.hpp>
#include <aperture/util/text.hpp>

// Symbols of the embedded catalog (cmake/Catalog.cmake); names are the assembler's.
extern "C" {
extern const char aperture_catalog_begin[];  // NOLINT(readability-identifier-naming)
extern const char aperture_catalog_end[];    // NOLINT(readability-identifier-naming)
extern const char aperture_datasets_begin[];  // NOLINT(readability-identifier-naming)
extern const char aperture_datasets_end[];    // NOLINT(readability-identifier-naming)
}

namespace aperture::catalog {
namespace {

constexpr std::string_view k_marker = "#@catalog-file ";
constexpr std::string_view k_hub_prefix = "https://huggingface.co/";

// "owner/name" of a Hub URL or path, lower case, without trailing slashes.
std::string hub_path_of(std::string_view url_or_path) {
  std::string path = util::ascii_lower(util::trim(url_or_path));
  if (path.starts_with(k_hub_prefix)) {
    path.erase(0, k_hub_prefix.size());
  }
  while (path.ends_with('/')) {
    path.pop_back();
  }
  return path;
}

// The id line of a manifest, read without parsing the whole file.
std::string id_of(std::string_view text) {
  auto root = formats::parse_yaml(text);
  if (!root || !root->is_mapping()) {
    return {};
  }
  const formats::YamlNode* id = root->find("id");
  return id != nullptr && id->is_scalar() ? id->scalar : std::string();
}

// The joined files (cmake/Catalog.cmake), each named "DIR/NAME" as evidence shows it.
std::vector<CatalogEntry> split(std::string_view joined, std::string_view dir) {
  std::vector<CatalogEntry> out;
  std::size_t pos = joined.find(k_marker);
  while (pos != std::string_view::npos) {
    std::size_t name_begin = pos + k_marker.size();
    std::size_t eol = joined.find('\n', name_begin);
    if (eol == std::string_view::npos) {
      break;
    }
    std::size_t next = joined.find(k_marker, eol);
    std::string_view text =
        joined.substr(eol + 1, next == std::string_view::npos ? std::string_view::npos : next - eol - 1);
    CatalogEntry e;
    e.file = fmt::format("{}/{}", dir, joined.substr(name_begin, eol - name_begin));
    e.text = text;
    e.id = id_of(text);
    if (e.id.empty()) {
      throw Error(fmt::format("the built-in catalog entry {} has no id", e.file));
    }
    out.push_back(std::move(e));
    pos = next;
  }
  std::sort(out.begin(), out.end(), [](const CatalogEntry& a, const CatalogEntry& b) { return a.id < b.id; });
  return out;
}

}  // namespace

const std::vector<CatalogEntry>& entries() {
  static const std::vector<CatalogEntry> k_entries =
      split(std::string_view(aperture_catalog_begin,
                             static_cast<std::size_t>(aperture_catalog_end - aperture_catalog_begin)),
            "data/catalog");
  return k_entries;
}

const std::vector<CatalogEntry>& dataset_entries() {
  static const std::vector<CatalogEntry> k_entries =
      split(std::string_view(aperture_datasets_begin,
                             static_cast<std::size_t>(aperture_datasets_end - aperture_datasets_begin)),
            "data/datasets");
  return k_entries;
}

const formats::DatasetManifest* find_dataset(std::string_view name) {
  // Every readable entry, by each lower-case name it is known by; built once.
  static const auto k_index = [] {
    auto all = std::make_unique<std::vector<formats::DatasetManifest>>();
    for (const CatalogEntry& e : dataset_entries()) {
      if (auto d = formats::read_dataset_manifest(e.text, e.file)) {
        all->push_back(std::move(*d));
      }  // the catalog test keeps broken entries from shipping
    }
    std::map<std::string, const formats::DatasetManifest*, std::less<>> by_name;
    for (const formats::DatasetManifest& d : *all) {
      by_name.emplace(util::ascii_lower(d.id), &d);
      for (const std::string& n : d.hub_ids) {
        by_name.emplace(util::ascii_lower(n), &d);
      }
    }
    return std::make_pair(std::move(all), std::move(by_name));
  }();
  std::string key = util::ascii_lower(util::trim(name));
  for (std::string_view prefix : {"https://huggingface.co/datasets/", "datasets/"}) {
    if (key.starts_with(prefix)) {
      key.erase(0, prefix.size());
    }
  }
  while (key.ends_with('/')) {
    key.pop_back();
  }
  auto it = k_index.second.find(key);
  return it == k_index.second.end() ? nullptr : it->second;
}

const CatalogEntry* find(std::string_view id) {
  const auto& all = entries();
  auto it = std::lower_bound(all.begin(), all.end(), id,
                             [](const CatalogEntry& e, std::string_view v) { return e.id < v; });
  return it != all.end() && it->id == id ? &*it : nullptr;
}

util::Result<release::Release> read_entry(const CatalogEntry& entry) {
  TRY_ASSIGN(manifest, formats::read_manifest(entry.text, entry.file));
  release::Release r = std::move(manifest.release);
  r.target = entry.id;
  return r;
}

const release::Release* release_of(std::string_view id) {
  static const auto k_releases = [] {
    std::map<std::string, release::Release, std::less<>> all;
    for (const CatalogEntry& e : entries()) {
      if (auto r = read_entry(e)) {
        all.emplace(e.id, std::move(*r));
      }
    }
    return all;
  }();
  auto it = k_releases.find(id);
  return it == k_releases.end() ? nullptr : &it->second;
}

std::vector<std::string> hub_paths(const release::Release& release) {
  std::vector<std::string> out;
  if (util::ascii_lower(release.url).starts_with(k_hub_prefix)) {
    out.push_back(hub_path_of(release.url));
  }
  for (const release::Evidence& v : release.variants) {
    out.push_back(hub_path_of(v.quote));
  }
  return out;
}

}  // namespace aperture::catalog
