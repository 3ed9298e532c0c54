#include <algorithm>

#include <aperture/catalog/catalog.hpp>
#include <aperture/formats/manifest.hpp>
#include <aperture/formats/yaml_tree.hpp>
#include <aperture/util/error.hpp>

// Symbols of the embedded catalog (cmake/Catalog.cmake); names are the assembler's.
extern "C" {
extern const char aperture_catalog_begin[];  // NOLINT(readability-identifier-naming)
extern const char aperture_catalog_end[];    // NOLINT(readability-identifier-naming)
}

namespace aperture::catalog {
namespace {

constexpr std::string_view k_marker = "#@catalog-file ";

// The id line of a manifest, read without parsing the whole file.
std::string id_of(std::string_view text) {
  auto root = formats::parse_yaml(text);
  if (!root || !root->is_mapping()) {
    return {};
  }
  const formats::YamlNode* id = root->find("id");
  return id != nullptr && id->is_scalar() ? id->scalar : std::string();
}

std::vector<CatalogEntry> split(std::string_view joined) {
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
    e.file = "data/catalog/" + std::string(joined.substr(name_begin, eol - name_begin));
    e.text = text;
    e.id = id_of(text);
    if (e.id.empty()) {
      throw Error("the built-in catalog entry " + e.file + " has no id");
    }
    out.push_back(std::move(e));
    pos = next;
  }
  std::sort(out.begin(), out.end(), [](const CatalogEntry& a, const CatalogEntry& b) { return a.id < b.id; });
  return out;
}

}  // namespace

const std::vector<CatalogEntry>& entries() {
  static const std::vector<CatalogEntry> k_entries = split(std::string_view(
      aperture_catalog_begin, static_cast<std::size_t>(aperture_catalog_end - aperture_catalog_begin)));
  return k_entries;
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

}  // namespace aperture::catalog
