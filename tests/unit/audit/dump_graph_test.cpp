#include <string>

#include <gtest/gtest.h>

#include <aperture/audit/dump_graph.hpp>

namespace aperture::audit {
namespace {

DumpRecord rec(std::string id, std::string license, std::vector<std::string> bases = {}) {
  DumpRecord r;
  r.id = std::move(id);
  r.license = std::move(license);
  r.base_models = std::move(bases);
  return r;
}

ExternalModel known_llama(std::string_view id) {
  if (id == "meta-llama/Llama-3.1-8B") {
    return {"catalog:llama-3.1-8b", "LicenseRef-Llama-3.1"};
  }
  return {};
}

std::uint32_t node_of(const DumpGraph& g, std::size_t record) {
  return g.models()[record].node;
}

TEST(DumpGraphTest, RootLicensePropagatesDownAChain) {
  DumpGraph g;
  g.add(rec("c/child", "", {"b/mid"}), 3);  // children may come before their bases
  g.add(rec("a/root", "apache-2.0"), 1);
  g.add(rec("b/mid", "mit", {"A/ROOT"}), 2);  // ids are case-insensitive
  g.resolve(nullptr);
  const NodeLineage& child = g.lineage(node_of(g, 0));
  EXPECT_EQ(child.depth, 2u);
  EXPECT_EQ(g.licenses().label(child.root_license), "Apache-2.0");
  EXPECT_FALSE(child.unresolved_base);
  EXPECT_EQ(g.name(node_of(g, 1)), "a/root");
}

TEST(DumpGraphTest, CatalogResolvesBasesOutsideTheDump) {
  DumpGraph g;
  g.add(rec("x/ft", "apache-2.0", {"meta-llama/Llama-3.1-8B"}), 1);
  g.add(rec("x/orphan", "mit", {"gone/model"}), 2);
  g.resolve(known_llama);
  const NodeLineage& ft = g.lineage(node_of(g, 0));
  EXPECT_FALSE(ft.unresolved_base);
  EXPECT_EQ(g.licenses().label(ft.root_license), "LicenseRef-Llama-3.1");
  ASSERT_EQ(ft.binding.size(), 1u);  // the Llama license binds derivatives
  EXPECT_EQ(g.name(ft.binding[0].ancestor), "meta-llama/Llama-3.1-8B");
  const NodeLineage& orphan = g.lineage(node_of(g, 1));
  EXPECT_TRUE(orphan.unresolved_base);
  EXPECT_EQ(orphan.root_license, k_none);
}

TEST(DumpGraphTest, MarksCyclesAndSelfReferences) {
  DumpGraph g;
  g.add(rec("a/x", "mit", {"a/y"}), 1);
  g.add(rec("a/y", "mit", {"a/z"}), 2);
  g.add(rec("a/z", "mit", {"a/x"}), 3);
  g.add(rec("a/below", "mit", {"a/z"}), 4);
  g.add(rec("a/self", "mit", {"a/self"}), 5);
  g.resolve(nullptr);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_TRUE(g.lineage(node_of(g, i)).in_cycle) << i;
  }
  EXPECT_FALSE(g.lineage(node_of(g, 3)).in_cycle);
  EXPECT_TRUE(g.lineage(node_of(g, 4)).self_reference);
  EXPECT_FALSE(g.lineage(node_of(g, 4)).in_cycle);
}

TEST(DumpGraphTest, TenThousandDeepChainNeitherRecursesNorGoesQuadratic) {
  DumpGraph g;
  constexpr int k_depth = 10000;
  g.add(rec("deep/0", "llama3.1"), 1);
  for (int i = 1; i <= k_depth; ++i) {
    g.add(rec("deep/" + std::to_string(i), i % 2 ? "" : "apache-2.0", {"deep/" + std::to_string(i - 1)}),
          i + 1);
  }
  g.resolve(nullptr);
  const NodeLineage& last = g.lineage(node_of(g, k_depth));
  EXPECT_EQ(last.depth, static_cast<std::uint32_t>(k_depth));
  EXPECT_EQ(g.licenses().label(last.root_license), "LicenseRef-Llama-3.1");
  ASSERT_FALSE(last.binding.empty());
  EXPECT_EQ(g.name(last.binding[0].ancestor), "deep/0");
  EXPECT_EQ(last.binding[0].depth, static_cast<std::uint32_t>(k_depth));
}

TEST(DumpGraphTest, DuplicateIdsKeepTheFirstRecord) {
  DumpGraph g;
  g.add(rec("a/b", "mit"), 1);
  g.add(rec("a/b", "apache-2.0"), 2);
  g.resolve(nullptr);
  EXPECT_FALSE(g.models()[0].duplicate);
  EXPECT_TRUE(g.models()[1].duplicate);
  EXPECT_EQ(g.record_of(node_of(g, 1)), 0u);
}

}  // namespace
}  // namespace aperture::audit
