#include <gtest/gtest.h>

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
