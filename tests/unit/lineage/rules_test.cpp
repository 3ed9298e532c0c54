#include <algorithm>

#include <gtest/gtest.h>

#include <aperture/lineage/rules.hpp>

#include "support/test_support.hpp"

namespace aperture::lineage {
namespace {

using aperture::testing::first_with;
using release::Finding;
using release::Severity;

Ancestor parent(std::string name,
                std::string license,
                std::string relation = "finetune",
                std::string child = "my-org/chat") {
  Ancestor a;
  a.name = std::move(name);
  a.license = std::move(license);
  a.relation = std::move(relation);
  a.child = std::move(child);
  a.resolved_by = "catalog:test";
  a.evidence = {"README.md", 3, {}, "base_model: " + a.name};
  return a;
}

Subject subject(std::string name, std::string license) {
  Subject s;
  s.name = std::move(name);
  s.license = std::move(license);
  s.declaration = {"README.md", 2, {}, "license: " + s.license};
  return s;
}

std::size_t count_rule(const std::vector<Finding>& list, std::string_view rule) {
  return static_cast<std::size_t>(
      std::count_if(list.begin(), list.end(), [&](const Finding& f) { return f.rule == rule; }));
}

TEST(RulesTest, InfersRelationFromNamesFilesAndBaseCount) {
  struct Case {
    const char* name;
    std::string declared;
    std::string child;
    std::vector<std::string> files;
    std::size_t bases;
    std::string want;
  };
  std::vector<Case> cases = {
      {"declared wins", "merge", "x-GGUF", {}, 1, "merge"},
      {"gguf name", "", "org/Llama-3.1-8B-GGUF", {}, 1, "quantized"},
      {"awq name", "", "org/model-AWQ", {}, 1, "quantized"},
      {"gguf file", "", "org/model", {"model.Q4_K_M.gguf"}, 1, "quantized"},
      {"bnb 4bit", "", "org/model-bnb-4bit", {}, 1, "quantized"},
      {"adapter file", "", "org/model", {"adapter_config.json"}, 1, "adapter"},
      {"lora name", "", "org/model-lora", {}, 1, "adapter"},
      {"two bases", "", "org/model", {}, 2, "merge"},
      {"plain", "", "org/model", {"model.safetensors"}, 1, "finetune"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(infer_relation(c.declared, c.child, c.files, c.bases), c.want) << c.name;
  }
}

TEST(RulesTest, BindingTermsComeFromTheKnowledgeBase) {
  EXPECT_TRUE(binds_derivatives("LicenseRef-Llama-3.1"));  // restricted, copy of the agreement
  EXPECT_TRUE(binds_derivatives("llama3.1"));              // the Hub id of the same
  EXPECT_TRUE(binds_derivatives("LicenseRef-Gemma"));      // flow-down
  EXPECT_TRUE(binds_derivatives("GPL-3.0-only"));          // copyleft
  EXPECT_FALSE(binds_derivatives("Apache-2.0"));
  EXPECT_FALSE(binds_derivatives("MIT"));
  EXPECT_FALSE(binds_derivatives("LicenseRef-Nobody-Knows"));
}

TEST(RulesTest, ApacheOnALlamaFineTuneIsLaunderingWithTheChain) {
  std::vector<Ancestor> chain = {parent("meta-llama/Llama-3.1-8B", "LicenseRef-Llama-3.1")};
  chain[0].resolved_by = "catalog:llama-3.1-8b";
  std::vector<Finding> f = check_laundering(subject("my-org/chat", "Apache-2.0"), chain);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "license-laundering");
  EXPECT_EQ(f[0].severity, Severity::error);
  EXPECT_NE(
      f[0].message.find("my-org/chat → meta-llama/Llama-3.1-8B (LicenseRef-Llama-3.1, catalog:llama-3.1-8b)"),
      std::string::npos)
      << f[0].message;
  ASSERT_EQ(f[0].evidence.size(), 3u);
  EXPECT_EQ(f[0].evidence[0].quote, "license: Apache-2.0");                     // the child's declaration
  EXPECT_NE(f[0].evidence[2].url.find("llama3_1/LICENSE"), std::string::npos);  // the base's clause
}

TEST(RulesTest, AnApacheBaseNamedLikeLlamaIsNotLlama) {
  // TinyLlama: the name says Llama, the license is Apache-2.0.
  std::vector<Ancestor> chain = {parent("TinyLlama/TinyLlama-1.1B", "Apache-2.0")};
  Subject s = subject("my-org/tiny-chat", "MIT");
  s.card_read = true;
  EXPECT_TRUE(check_laundering(s, chain).empty());
  std::vector<Obligation> o = license_obligations(chain[0]);
  EXPECT_EQ(first_with(o, &Obligation::kind, "name-prefix"), nullptr);
  EXPECT_TRUE(check_notices(s, chain, o).empty());
}

TEST(RulesTest, QuantizedReleaseMustKeepTheBaseLicense) {
  std::vector<Ancestor> chain = {parent("google/gemma-7b", "LicenseRef-Gemma", "quantized")};
  EXPECT_TRUE(check_laundering(subject("org/gemma-7b-GGUF", "LicenseRef-Gemma"), chain).empty());
  std::vector<Finding> f =
      check_laundering(subject("org/gemma-7b-GGUF", "LicenseRef-CreativeML-OpenRAIL-M"), chain);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::error);
  EXPECT_NE(f[0].message.find("quantized"), std::string::npos) << f[0].message;
}

TEST(RulesTest, MitOnAGplBaseDropsTheCopyleft) {
  std::vector<Ancestor> chain = {parent("org/gpl-model", "GPL-3.0-only")};
  std::vector<Finding> f = check_laundering(subject("org/child", "MIT"), chain);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, Severity::error);
}

TEST(RulesTest, OneFindingPerAncestorLicenseAtTheNearest) {
  std::vector<Ancestor> chain = {
      parent("org/llama-ft", "LicenseRef-Llama-3.1"),
      parent("meta-llama/Llama-3.1-8B", "LicenseRef-Llama-3.1", "finetune", "org/llama-ft")};
  chain[1].depth = 2;
  std::vector<Finding> f = check_laundering(subject("my-org/chat", "MIT"), chain);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(chain_text(subject("my-org/chat", "MIT"), chain, 1),
            "my-org/chat → org/llama-ft (LicenseRef-Llama-3.1, catalog:test) → meta-llama/Llama-3.1-8B "
            "(LicenseRef-Llama-3.1, catalog:test)");
}

TEST(RulesTest, MergeOfLlamaAndGemmaConflicts) {
  std::vector<Ancestor> chain = {parent("meta-llama/Llama-3.1-8B", "LicenseRef-Llama-3.1", "merge"),
                                 parent("google/gemma-7b", "LicenseRef-Gemma", "merge")};
  std::vector<Finding> f = check_merges(subject("my-org/chat", "LicenseRef-Llama-3.1"), chain);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "merge-conflict");
  EXPECT_EQ(f[0].severity, Severity::error);
}

TEST(RulesTest, MergeOfPermissiveAndLlamaDoesNotConflict) {
  std::vector<Ancestor> chain = {parent("meta-llama/Llama-3.1-8B", "LicenseRef-Llama-3.1", "merge"),
                                 parent("org/apache-model", "Apache-2.0", "merge")};
  EXPECT_TRUE(check_merges(subject("my-org/chat", "LicenseRef-Llama-3.1"), chain).empty());
}

TEST(RulesTest, LlamaObligationsAndMissingNotices) {
  std::vector<Ancestor> chain = {parent("meta-llama/Llama-3.1-8B", "LicenseRef-Llama-3.1")};
  Lineage l;
  l.ancestors = chain;
  Subject s = subject("my-org/chat-8b", "LicenseRef-Llama-3.1");
  s.card_read = true;
  apply_rules(s, l);
  for (const char* kind :
       {"name-prefix", "display", "notice", "copy-of-license", "use-policy", "user-threshold"}) {
    EXPECT_NE(first_with(l.obligations, &Obligation::kind, kind), nullptr) << kind;
  }
  const Obligation* threshold = first_with(l.obligations, &Obligation::kind, "user-threshold");
  ASSERT_NE(threshold, nullptr);
  EXPECT_EQ(threshold->text, "a separate license above 700 million monthly active users");
  EXPECT_EQ(count_rule(l.findings, "notice-missing"), 2u);  // no "Llama" prefix, no "Built with Llama"
  EXPECT_EQ(count_rule(l.findings, "license-laundering"), 0u);
}

TEST(RulesTest, NoticesShownAreNotMissing) {
  std::vector<Ancestor> chain = {parent("meta-llama/Llama-3.1-8B", "LicenseRef-Llama-3.1")};
  Lineage l;
  l.ancestors = chain;
  Subject s = subject("my-org/Llama-3.1-chat", "LicenseRef-Llama-3.1");
  s.card_read = true;
  s.shown_phrases = {"Built with Llama"};
  apply_rules(s, l);
  EXPECT_EQ(count_rule(l.findings, "notice-missing"), 0u);
}

TEST(RulesTest, DisplayIsNotJudgedWithoutACard) {
  std::vector<Ancestor> chain = {parent("meta-llama/Llama-3.1-8B", "LicenseRef-Llama-3.1")};
  Lineage l;
  l.ancestors = chain;
  apply_rules(subject("my-org/Llama-chat", "LicenseRef-Llama-3.1"), l);
  EXPECT_EQ(count_rule(l.findings, "notice-missing"), 0u);
}

TEST(RulesTest, TheLicensorsOwnReleasesOweNoNotice) {
  std::vector<Ancestor> chain = {parent("meta-llama/Llama-3.1-8B", "LicenseRef-Llama-3.1")};
  Subject s = subject("meta-llama/Other-8B", "LicenseRef-Llama-3.1");
  s.card_read = true;
  EXPECT_TRUE(check_notices(s, chain, license_obligations(chain[0])).empty());
}

TEST(RulesTest, DataSetsPassOnNonCommercialAndShareAlike) {
  std::vector<Obligation> nc = dataset_obligations({"org/nc-data", "CC-BY-NC-4.0", "org/m", {}});
  ASSERT_EQ(nc.size(), 1u);
  EXPECT_EQ(nc[0].kind, "non-commercial");
  std::vector<Obligation> sa = dataset_obligations({"org/sa-data", "CC-BY-SA-4.0", "org/m", {}});
  ASSERT_EQ(sa.size(), 1u);
  EXPECT_EQ(sa[0].kind, "share-alike");
  EXPECT_TRUE(dataset_obligations({"org/open-data", "ODC-By-1.0", "org/m", {}}).empty());
  EXPECT_TRUE(dataset_obligations({"org/unknown", "", "org/m", {}}).empty());
}

TEST(RulesTest, CopyOfLicenseIsCheckedAgainstTheListedFiles) {
  std::vector<Ancestor> chain = {parent("meta-llama/Llama-3.1-8B", "LicenseRef-Llama-3.1")};
  std::vector<Obligation> duties = license_obligations(chain[0]);
  Subject s = subject("my-org/Llama-3.1-chat", "LicenseRef-Llama-3.1");
  EXPECT_EQ(count_rule(check_notices(s, chain, duties), "notice-missing"), 0u);  // files not listed
  s.files_listed = true;
  std::vector<Finding> missing = check_notices(s, chain, duties);
  ASSERT_EQ(count_rule(missing, "notice-missing"), 1u);
  EXPECT_NE(missing[0].message.find("requires a copy of the license"), std::string::npos);
  EXPECT_EQ(missing[0].evidence.back().quote.substr(0, 6), "1.b.i(");  // the clause that asks for it
  s.license_copies = {"MIT"};
  EXPECT_EQ(count_rule(check_notices(s, chain, duties), "notice-missing"), 1u);
  s.license_copies = {"LicenseRef-Llama-3.1"};
  EXPECT_EQ(count_rule(check_notices(s, chain, duties), "notice-missing"), 0u);
}

TEST(RulesTest, DataSetExpressionsAreReadLicenseByLicense) {
  std::vector<Obligation> both = dataset_obligations({"org/mixed", "CC-BY-SA-3.0 AND CC-BY-NC-4.0", "m", {}});
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].kind, "share-alike");
  EXPECT_EQ(both[0].license, "CC-BY-SA-3.0");
  EXPECT_EQ(both[1].kind, "non-commercial");
  EXPECT_TRUE(dataset_obligations({"org/custom", "other", "m", {}}).empty());
}

TEST(RulesTest, NonCommercialDataIsReadThroughTheExpression) {
  EXPECT_TRUE(data_bans_commercial("CC-BY-NC-4.0"));
  EXPECT_TRUE(data_bans_commercial("CC-BY-NC-4.0 AND MIT"));
  EXPECT_FALSE(data_bans_commercial("MIT OR CC-BY-NC-4.0"));  // the MIT alternative allows it
  EXPECT_TRUE(data_bans_commercial("CC-BY-NC-4.0 OR CC-BY-NC-SA-4.0"));
  EXPECT_FALSE(data_bans_commercial("CC-BY-SA-4.0"));
  EXPECT_FALSE(data_bans_commercial("other"));
  EXPECT_FALSE(data_bans_commercial(""));
}

TEST(RulesTest, ACommercialLicenseOverNonCommercialDataIsAWarning) {
  std::vector<Dataset> data = {{"tatsu-lab/alpaca", "CC-BY-NC-4.0", "my-org/chat", {"README.md", 5, {}, "- tatsu-lab/alpaca"}}};
  data[0].license_evidence = {"data/datasets/alpaca.yaml", 9, "https://example.com/alpaca", "license: cc-by-nc-4.0"};
  std::vector<Finding> f = check_data_terms(subject("my-org/chat", "Apache-2.0"), data);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rule, "data-terms-conflict");
  EXPECT_EQ(f[0].severity, Severity::warning);
  EXPECT_NE(f[0].message.find("tatsu-lab/alpaca under CC-BY-NC-4.0"), std::string::npos);
  ASSERT_EQ(f[0].evidence.size(), 3u);  // the declaration, where the data is named, the data's license page
  EXPECT_EQ(f[0].evidence[2].url, "https://example.com/alpaca");
  EXPECT_TRUE(check_data_terms(subject("my-org/chat", "CC-BY-NC-4.0"), data).empty());
  EXPECT_TRUE(check_data_terms(subject("my-org/chat", ""), data).empty());
  data[0].license = "MIT";
  EXPECT_TRUE(check_data_terms(subject("my-org/chat", "Apache-2.0"), data).empty());
}

}  // namespace
}  // namespace aperture::lineage
