// The resolvers a scan uses: the bundled catalog and local directories, tried
// in that order. The audit of hub dumps adds its own over dump records.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/lineage/trace.hpp>

namespace aperture::lineage {

// The bundled catalog: a Hub name "owner/name" matches an entry whose `url`
// is https://huggingface.co/owner/name, or one of its `variants`
// (case-insensitive); a catalog id matches itself.
class CatalogResolver final : public Resolver {
public:
  std::optional<ResolvedModel> resolve(std::string_view name) override;
  // Data sets by the names of the dataset catalog (data/datasets/).
  std::optional<Dataset> resolve_dataset(std::string_view name) override;
  [[nodiscard]] std::string where() const override { return "the catalog"; }
};

// A name that is an existing directory (absolute, or relative to the working
// directory) is scanned as a model directory.
class DirectoryResolver final : public Resolver {
public:
  std::optional<ResolvedModel> resolve(std::string_view name) override;
  [[nodiscard]] std::string where() const override { return "local directories"; }
};

// Several resolvers, the first that knows a name answering.
class ResolverChain final : public Resolver {
public:
  explicit ResolverChain(std::vector<std::unique_ptr<Resolver>> resolvers)
      : m_resolvers(std::move(resolvers)) {}
  std::optional<ResolvedModel> resolve(std::string_view name) override;
  std::optional<Dataset> resolve_dataset(std::string_view name) override;
  [[nodiscard]] std::string where() const override;

private:
  std::vector<std::unique_ptr<Resolver>> m_resolvers;
};

// The catalog, then local directories.
std::unique_ptr<Resolver> default_resolver();

}  // namespace aperture::lineage
