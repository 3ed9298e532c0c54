#include <cctype>

#include <gtest/gtest.h>

#include <aperture/catalog/catalog.hpp>
#include <aperture/lineage/resolver.hpp>

#include "support/test_support.hpp"

namespace aperture::lineage {
namespace {

using aperture::testing::TempDirTest;

TEST(ResolverTest, CatalogMatchesHubNamesCaseInsensitively) {
  CatalogResolver r;
  std::optional<ResolvedModel> m = r.resolve("META-LLAMA/llama-3.1-8b");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->resolved_by, "catalog:llama-3.1-8b");
  EXPECT_EQ(m->license, "LicenseRef-Llama-3.1");
  EXPECT_NE(m->license_evidence.url.find("llama3_1/LICENSE"), std::string::npos);
}

TEST(ResolverTest, CatalogMatchesIdsAndNothingElse) {
  CatalogResolver r;
  ASSERT_TRUE(r.resolve("gemma-7b").has_value());
  EXPECT_FALSE(r.resolve("TinyLlama/TinyLlama-1.1B-Chat-v1.0").has_value());
}

TEST(ResolverTest, CatalogVariantsResolveToTheirEntry) {
  CatalogResolver r;
  std::size_t variants = 0;
  for (const catalog::CatalogEntry& e : catalog::entries()) {
    auto release = catalog::read_entry(e);
    ASSERT_TRUE(release) << release.error().to_string();
    for (const release::Evidence& v : release->variants) {
      ++variants;
      std::optional<ResolvedModel> m = r.resolve(v.quote);
      ASSERT_TRUE(m.has_value()) << v.quote;
      EXPECT_EQ(m->resolved_by, "catalog:" + e.id) << v.quote;
      EXPECT_EQ(m->license, release::release_license(*release)) << v.quote;
    }
  }
  EXPECT_GT(variants, 0u);
}

TEST(ResolverTest, DatasetsResolveThroughTheDatasetCatalog) {
  ASSERT_FALSE(catalog::dataset_entries().empty());
  const catalog::CatalogEntry& first = catalog::dataset_entries().front();
  auto d = formats::read_dataset_manifest(first.text, first.file);
  ASSERT_TRUE(d) << d.error().to_string();
  ASSERT_FALSE(d->hub_ids.empty());
  CatalogResolver catalog;
  ResolverChain chain = [] {
    std::vector<std::unique_ptr<Resolver>> all;
    all.push_back(std::make_unique<DirectoryResolver>());
    all.push_back(std::make_unique<CatalogResolver>());
    return ResolverChain(std::move(all));
  }();
  for (Resolver* r : {static_cast<Resolver*>(&catalog), static_cast<Resolver*>(&chain)}) {
    std::string upper = d->hub_ids.front();
    for (char& c : upper) {
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    std::optional<Dataset> found = r->resolve_dataset(upper);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->license, d->license);
    EXPECT_EQ(found->resolved_by, "dataset-catalog:" + d->id);
    EXPECT_FALSE(found->license_evidence.url.empty());
  }
  EXPECT_FALSE(catalog.resolve_dataset("nobody/no-such-dataset").has_value());
  EXPECT_FALSE(DirectoryResolver().resolve_dataset(d->hub_ids.front()).has_value());
}

class DirectoryResolverTest : public TempDirTest {};

TEST_F(DirectoryResolverTest, ScansADirectoryAndReadsItsBases) {
  write("base/README.md", "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n---\n# Base\n");
  DirectoryResolver r;
  std::optional<ResolvedModel> m = r.resolve((m_dir / "base").string());
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->license, "LicenseRef-Llama-3.1");
  ASSERT_EQ(m->bases.size(), 1u);
  EXPECT_EQ(m->bases[0].name, "meta-llama/Llama-3.1-8B");
  EXPECT_EQ(m->bases[0].relation, "finetune");
  EXPECT_TRUE(m->bases[0].relation_inferred);
  EXPECT_FALSE(r.resolve((m_dir / "missing").string()).has_value());
}

TEST(ResolverTest, ChainNamesEverySource) {
  EXPECT_EQ(default_resolver()->where(), "the catalog or local directories");
}

}  // namespace
}  // namespace aperture::lineage
