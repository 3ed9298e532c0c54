#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <aperture/lineage/trace.hpp>

#include "support/test_support.hpp"

namespace aperture::lineage {
namespace {

using aperture::testing::first_with;
using release::Finding;

// Records in memory, as a dump would give them; counts each look-up.
class MapResolver final : public Resolver {
public:
  void add(std::string name, std::string license, std::vector<std::string> bases = {}) {
    ResolvedModel m;
    m.license = std::move(license);
    for (std::string& b : bases) {
      m.bases.push_back({b, infer_relation("", name, {}, bases.size()), true, {"README.md", 1, {}, b}});
    }
    m.resolved_by = "dump";
    m_models[name] = std::move(m);
  }
  std::optional<ResolvedModel> resolve(std::string_view name) override {
    ++m_lookups[std::string(name)];
    auto it = m_models.find(std::string(name));
    return it == m_models.end() ? std::nullopt : std::optional<ResolvedModel>(it->second);
  }
  [[nodiscard]] std::string where() const override { return "the test records"; }
  std::map<std::string, ResolvedModel> m_models;
  std::map<std::string, int> m_lookups;
};

Subject subject(std::string name, std::string license) {
  Subject s;
  s.name = std::move(name);
  s.license = std::move(license);
  return s;
}

std::vector<BaseRef> bases(std::vector<std::string> names, std::string relation = {}) {
  std::vector<BaseRef> out;
  for (std::string& n : names) {
    out.push_back({n, relation.empty() ? "finetune" : relation, relation.empty(), {"README.md", 3, {}, n}});
  }
  return out;
}

std::size_t count_rule(const std::vector<Finding>& list, std::string_view rule) {
  return static_cast<std::size_t>(
      std::count_if(list.begin(), list.end(), [&](const Finding& f) { return f.rule == rule; }));
}

TEST(TraceTest, FollowsBasesToTheRoot) {
  MapResolver r;
  r.add("org/ft", "LicenseRef-Llama-3.1", {"meta-llama/Llama-3.1-8B"});
  r.add("meta-llama/Llama-3.1-8B", "LicenseRef-Llama-3.1");
  Lineage l = trace(subject("me/Llama-chat", "LicenseRef-Llama-3.1"), bases({"org/ft"}), {}, r);
  ASSERT_EQ(l.ancestors.size(), 2u);
  EXPECT_EQ(l.ancestors[1].name, "meta-llama/Llama-3.1-8B");
  EXPECT_EQ(l.ancestors[1].depth, 2);
  EXPECT_EQ(l.ancestors[1].child, "org/ft");
  EXPECT_EQ(l.ancestors[1].resolved_by, "dump");
  EXPECT_TRUE(l.findings.empty());
}

TEST(TraceTest, ApacheOnALlamaGrandchildIsLaunderingShowingTheWholeChain) {
  MapResolver r;
  r.add("org/ft", "Apache-2.0", {"meta-llama/Llama-3.1-8B"});  // itself laundered
  r.add("meta-llama/Llama-3.1-8B", "LicenseRef-Llama-3.1");
  Lineage l = trace(subject("me/Llama-chat", "Apache-2.0"), bases({"org/ft"}), {}, r);
  const Finding* f = first_with(l.findings, &Finding::rule, "license-laundering");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->message.find("me/Llama-chat → org/ft (Apache-2.0, dump) → meta-llama/Llama-3.1-8B "
                            "(LicenseRef-Llama-3.1, dump)"),
            std::string::npos)
      << f->message;
}

TEST(TraceTest, SelfReferenceIsAFindingNotALoop) {
  MapResolver r;
  Lineage l = trace(subject("me/model", "MIT"), bases({"me/model"}), {}, r);
  EXPECT_TRUE(l.ancestors.empty());
  const Finding* f = first_with(l.findings, &Finding::rule, "lineage-cycle");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->message.find("names itself"), std::string::npos) << f->message;
}

TEST(TraceTest, CycleIsReportedAndEachAncestorResolvedOnce) {
  MapResolver r;
  r.add("a/x", "MIT", {"b/y"});
  r.add("b/y", "MIT", {"a/x"});
  Lineage l = trace(subject("me/model", "MIT"), bases({"a/x"}), {}, r);
  EXPECT_EQ(l.ancestors.size(), 2u);
  EXPECT_EQ(count_rule(l.findings, "lineage-cycle"), 1u);
  EXPECT_EQ(r.m_lookups["a/x"], 1);
  EXPECT_EQ(r.m_lookups["b/y"], 1);
}

TEST(TraceTest, SharedAncestorIsNotACycle) {
  MapResolver r;
  r.add("a/left", "MIT", {"root/base"});
  r.add("a/right", "MIT", {"root/base"});
  r.add("root/base", "MIT");
  Lineage l = trace(subject("me/merge", "MIT"), bases({"a/left", "a/right"}, "merge"), {}, r);
  EXPECT_EQ(l.ancestors.size(), 3u);
  EXPECT_EQ(count_rule(l.findings, "lineage-cycle"), 0u);
  EXPECT_EQ(r.m_lookups["root/base"], 1);
}

TEST(TraceTest, TenThousandDeepChainIsBoundedAndReported) {
  MapResolver r;
  const int k_depth = 10000;
  for (int i = 0; i < k_depth; ++i) {
    r.add(fmt::format("org/m{}", i), "MIT", {fmt::format("org/m{}", i + 1)});
  }
  Lineage l = trace(subject("me/model", "MIT"), bases({"org/m0"}), {}, r);
  EXPECT_EQ(l.ancestors.size(), 64u);
  EXPECT_EQ(count_rule(l.findings, "lineage-too-deep"), 1u);
  EXPECT_EQ(count_rule(l.findings, "ancestor-unresolved"), 0u);
}

TEST(TraceTest, UnresolvedAncestorSaysWhereItLooked) {
  MapResolver r;
  Lineage l = trace(subject("me/model", "MIT"), bases({"nowhere/base"}), {}, r);
  ASSERT_EQ(l.ancestors.size(), 1u);
  EXPECT_TRUE(l.ancestors[0].resolved_by.empty());
  const Finding* f = first_with(l.findings, &Finding::rule, "ancestor-unresolved");
  ASSERT_NE(f, nullptr);
  EXPECT_NE(f->message.find("the test records"), std::string::npos) << f->message;
}

TEST(TraceTest, MergeOfLlamaAndGemmaConflicts) {
  MapResolver r;
  r.add("meta-llama/Llama-3.1-8B", "LicenseRef-Llama-3.1");
  r.add("google/gemma-7b", "LicenseRef-Gemma");
  Lineage l = trace(subject("me/Llama-gemma-merge", "LicenseRef-Llama-3.1"),
                    bases({"meta-llama/Llama-3.1-8B", "google/gemma-7b"}, "merge"), {}, r);
  EXPECT_EQ(count_rule(l.findings, "merge-conflict"), 1u);
}

TEST(TraceTest, DataSetObligationsJoinTheLineage) {
  MapResolver r;
  Lineage l = trace(subject("me/model", "MIT"), {}, {{"org/nc", "CC-BY-NC-4.0", "me/model", {}}}, r);
  EXPECT_NE(first_with(l.obligations, &Obligation::kind, "non-commercial"), nullptr);
}

// Knows one data set, as the dataset catalog would.
class DataResolver final : public Resolver {
public:
  std::optional<ResolvedModel> resolve(std::string_view) override { return std::nullopt; }
  std::optional<Dataset> resolve_dataset(std::string_view name) override {
    if (name != "org/nc") {
      return std::nullopt;
    }
    Dataset d;
    d.license = "CC-BY-NC-4.0";
    d.resolved_by = "dataset-catalog:nc";
    d.license_evidence = {"data/datasets/nc.yaml", 9, "https://example.com/nc", "license: cc-by-nc-4.0"};
    return d;
  }
  [[nodiscard]] std::string where() const override { return "the test data"; }
};

TEST(TraceTest, DataSetLicensesNoRecordStatesAreLookedUp) {
  DataResolver r;
  Subject s = subject("me/model", "Apache-2.0");
  Lineage l = trace(s, {}, {{"org/nc", "", "me/model", {}}, {"org/other", "", "me/model", {}}}, r);
  ASSERT_EQ(l.datasets.size(), 2u);
  EXPECT_EQ(l.datasets[0].license, "CC-BY-NC-4.0");
  EXPECT_EQ(l.datasets[0].resolved_by, "dataset-catalog:nc");
  EXPECT_EQ(l.datasets[0].name, "org/nc");
  EXPECT_TRUE(l.datasets[1].license.empty());
  EXPECT_NE(first_with(l.obligations, &Obligation::kind, "non-commercial"), nullptr);
  EXPECT_EQ(count_rule(l.findings, "data-terms-conflict"), 1u);
  // A license the record states is kept, never replaced by a look-up.
  Lineage stated = trace(s, {}, {{"org/nc", "MIT", "me/model", {}}}, r);
  EXPECT_EQ(stated.datasets[0].license, "MIT");
  EXPECT_TRUE(stated.datasets[0].resolved_by.empty());
}

TEST(TraceTest, ReleaseBasesGetInferredRelations) {
  release::Release rel;
  rel.name = "org/Llama-3.1-8B-GGUF";
  rel.base_models.push_back({"meta-llama/Llama-3.1-8B", "", {}});
  std::vector<BaseRef> b = bases_of(rel);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].relation, "quantized");
  EXPECT_TRUE(b[0].relation_inferred);
}

}  // namespace
}  // namespace aperture::lineage
