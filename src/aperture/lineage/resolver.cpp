#include <filesystem>
#include <map>
#include <utility>

#include <aperture/catalog/catalog.hpp>
#include <aperture/lineage/resolver.hpp>
#include <aperture/scan/scanner.hpp>
#include <aperture/util/text.hpp>

namespace aperture::lineage {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_hub_prefix = "https://huggingface.co/";

// Every catalog release as a resolver answers it, by lower-case catalog id
// and Hub path; built once per process.
const std::map<std::string, ResolvedModel>& catalog_index() {
  static const std::map<std::string, ResolvedModel> k_index = [] {
    std::map<std::string, ResolvedModel> index;
    for (const catalog::CatalogEntry& entry : catalog::entries()) {
      util::Result<release::Release> r = catalog::read_entry(entry);
      if (!r) {
        continue;  // the catalog test keeps broken manifests from shipping
      }
      ResolvedModel m = resolved_of(*r, "catalog:" + entry.id);
      for (std::string& path : catalog::hub_paths(*r)) {
        index.emplace(std::move(path), m);
      }
      index.emplace(util::ascii_lower(entry.id), std::move(m));
    }
    return index;
  }();
  return k_index;
}

}  // namespace

std::optional<ResolvedModel> CatalogResolver::resolve(std::string_view name) {
  const auto& index = catalog_index();
  std::string key = util::ascii_lower(util::trim(name));
  if (key.starts_with(k_hub_prefix)) {
    key = key.substr(k_hub_prefix.size());
  }
  auto it = index.find(key);
  if (it == index.end()) {
    return std::nullopt;
  }
  return it->second;
}

std::optional<Dataset> CatalogResolver::resolve_dataset(std::string_view name) {
  const formats::DatasetManifest* d = catalog::find_dataset(name);
  if (d == nullptr) {
    return std::nullopt;
  }
  Dataset out;
  out.name = std::string(name);
  out.license = d->license;
  out.resolved_by = "dataset-catalog:" + d->id;
  out.license_evidence = d->license_evidence;
  out.note = d->note;
  return out;
}

std::optional<ResolvedModel> DirectoryResolver::resolve(std::string_view name) {
  std::string path(util::trim(name));
  std::error_code ec;
  if (path.empty() || !fs::is_directory(path, ec)) {
    return std::nullopt;
  }
  util::Result<release::Release> r = scan::scan_target(path);
  if (!r) {
    return std::nullopt;
  }
  return resolved_of(*r, "directory:" + path);
}

std::optional<ResolvedModel> ResolverChain::resolve(std::string_view name) {
  for (const std::unique_ptr<Resolver>& r : m_resolvers) {
    if (std::optional<ResolvedModel> m = r->resolve(name)) {
      return m;
    }
  }
  return std::nullopt;
}

std::optional<Dataset> ResolverChain::resolve_dataset(std::string_view name) {
  for (const std::unique_ptr<Resolver>& r : m_resolvers) {
    if (std::optional<Dataset> d = r->resolve_dataset(name)) {
      return d;
    }
  }
  return std::nullopt;
}

std::string ResolverChain::where() const {
  std::string out;
  for (std::size_t i = 0; i < m_resolvers.size(); ++i) {
    out += i == 0 ? "" : i + 1 == m_resolvers.size() ? " or " : ", ";
    out += m_resolvers[i]->where();
  }
  return out.empty() ? "no source" : out;
}

std::unique_ptr<Resolver> default_resolver() {
  std::vector<std::unique_ptr<Resolver>> all;
  all.push_back(std::make_unique<CatalogResolver>());
  all.push_back(std::make_unique<DirectoryResolver>());
  return std::make_unique<ResolverChain>(std::move(all));
}

}  // namespace aperture::lineage
