#include <aperture/frameworks/findings.hpp>

#include <algorithm>

#include <gtest/gtest.h>

namespace aperture::frameworks {
namespace {

using release::ClaimKind;
using release::ComponentKind;
using release::Presence;
using release::Release;
using release::Severity;

void set(Release& r, ComponentKind k, Presence p, std::string license = {}) {
  release::Component& c = r.component(k);
  c.presence = p;
  c.license = license;
  c.license_id = license;
}

Release directory_release() {
  Release r;
  r.target = "model-dir";
  r.input_kind = "directory";
  for (auto& c : r.components) {
    c.presence = Presence::absent;
  }
  return r;
}

release::Claim open_source_claim() {
  return {ClaimKind::open_source, "Demo is an open-source model.", "card-text",
          {"README.md", 12, {}, "Demo is an open-source model."}};
}

release::FoundLicense found(std::string id, std::string file, std::string role, std::uint32_t line = 0) {
  release::FoundLicense f;
  f.match.id = std::move(id);
  if (line != 0) {
    f.match.lines = {{line, line}};
  }
  f.file = std::move(file);
  f.role = std::move(role);
  return f;
}

std::vector<const release::Finding*> with_rule(const std::vector<release::Finding>& all, std::string_view rule) {
  std::vector<const release::Finding*> out;
  for (const auto& f : all) {
    if (f.rule == rule) {
      out.push_back(&f);
    }
  }
  return out;
}

TEST(FindingsTest, OpenSourceClaimWithLlamaWeightsIsOpenWashing) {
  Release r = directory_release();
  set(r, ComponentKind::model_parameters_final, Presence::present, "LicenseRef-Llama-3.1");
  r.component(ComponentKind::model_parameters_final).evidence.push_back({"LICENSE", 0, {}, "LicenseRef-Llama-3.1"});
  r.licenses.push_back(found("LicenseRef-Llama-3.1", "LICENSE", "license-file"));
  r.claims.push_back(open_source_claim());
  std::vector<release::Finding> out = judge_findings(r, judge_osaid_release(r));
  auto ow = with_rule(out, "open-washing");
  ASSERT_EQ(ow.size(), 1u);
  EXPECT_EQ(ow[0]->severity, Severity::error);
  EXPECT_NE(ow[0]->message.find("LicenseRef-Llama-3.1"), std::string::npos) << ow[0]->message;
  ASSERT_GE(ow[0]->evidence.size(), 2u);
  EXPECT_EQ(ow[0]->evidence[0].file, "README.md");
  EXPECT_EQ(ow[0]->evidence[0].line, 12u);
  EXPECT_EQ(ow[0]->evidence[0].quote, "Demo is an open-source model.");
  bool has_clause = std::any_of(ow[0]->evidence.begin() + 1, ow[0]->evidence.end(),
                                [](const release::Evidence& e) { return !e.url.empty() && !e.quote.empty(); });
  EXPECT_TRUE(has_clause) << "no clause with a URL in the evidence";
  EXPECT_EQ(ow[0]->evidence[1].file, "LICENSE");  // where the weights' license was found
}

TEST(FindingsTest, OpenLicenseButNoCodeIsAnOsaidWarning) {
  Release r = directory_release();
  set(r, ComponentKind::model_parameters_final, Presence::present, "Apache-2.0");
  set(r, ComponentKind::data_card, Presence::present, "Apache-2.0");
  r.licenses.push_back(found("Apache-2.0", "LICENSE", "license-file"));
  r.claims.push_back(open_source_claim());
  OsaidVerdict osaid = judge_osaid_release(r);
  ASSERT_EQ(osaid.outcome, assess::Outcome::fail);
  std::vector<release::Finding> out = judge_findings(r, osaid);
  auto ow = with_rule(out, "open-washing");
  ASSERT_EQ(ow.size(), 1u);
  EXPECT_EQ(ow[0]->severity, Severity::warning);
  EXPECT_NE(ow[0]->message.find("Open Source AI Definition"), std::string::npos) << ow[0]->message;
  EXPECT_NE(ow[0]->message.find("osaid-code"), std::string::npos) << ow[0]->message;
  EXPECT_EQ(ow[0]->message.find("osaid-parameters"), std::string::npos) << ow[0]->message;
}

TEST(FindingsTest, FullyOpenReleaseWithClaimIsNotOpenWashing) {
  Release r = directory_release();
  for (ComponentKind k : {ComponentKind::training_code, ComponentKind::inference_code,
                          ComponentKind::data_preprocessing_code}) {
    set(r, k, Presence::present, "MIT");
  }
  set(r, ComponentKind::model_parameters_final, Presence::present, "Apache-2.0");
  set(r, ComponentKind::data_card, Presence::present, "CC-BY-4.0");
  r.licenses.push_back(found("Apache-2.0", "LICENSE", "license-file"));
  r.claims.push_back(open_source_claim());
  std::vector<release::Finding> out = judge_findings(r, judge_osaid_release(r));
  EXPECT_TRUE(with_rule(out, "open-washing").empty());
  EXPECT_TRUE(with_rule(out, "license-missing").empty());
}

TEST(FindingsTest, ClaimWithoutAnyLicenseIsAWarning) {
  Release r = directory_release();
  set(r, ComponentKind::model_parameters_final, Presence::present);
  r.claims.push_back(open_source_claim());
  std::vector<release::Finding> out = judge_findings(r, judge_osaid_release(r));
  auto ow = with_rule(out, "open-washing");
  ASSERT_EQ(ow.size(), 1u);
  EXPECT_EQ(ow[0]->severity, Severity::warning);
  EXPECT_NE(ow[0]->message.find("no license was found"), std::string::npos);
}

TEST(FindingsTest, CardTextClaimIsQuotedFirst) {
  Release r = directory_release();
  set(r, ComponentKind::model_parameters_final, Presence::present, "LicenseRef-Llama-3.1");
  r.claims.push_back({ClaimKind::open_source, "open-source", "tags", {"README.md", 4, {}, "tags: open-source"}});
  r.claims.push_back(open_source_claim());
  std::vector<release::Finding> out = judge_findings(r, judge_osaid_release(r));
  auto ow = with_rule(out, "open-washing");
  ASSERT_EQ(ow.size(), 1u);
  EXPECT_EQ(ow[0]->evidence[0].line, 12u);
  EXPECT_NE(ow[0]->message.find("(and 1 more)"), std::string::npos) << ow[0]->message;
}

TEST(FindingsTest, DeclaredLicenseContradictingTheLicenseFile) {
  Release r = directory_release();
  set(r, ComponentKind::model_parameters_final, Presence::present, "MIT");
  r.licenses.push_back(found("MIT", "README.md", "card-metadata", 3));
  r.licenses.push_back(found("Apache-2.0", "LICENSE", "license-file", 1));
  std::vector<release::Finding> out = judge_findings(r, judge_osaid_release(r));
  auto mm = with_rule(out, "license-mismatch");
  ASSERT_EQ(mm.size(), 1u);
  EXPECT_EQ(mm[0]->severity, Severity::error);
  EXPECT_NE(mm[0]->message.find("MIT"), std::string::npos);
  EXPECT_NE(mm[0]->message.find("Apache-2.0"), std::string::npos);
  ASSERT_EQ(mm[0]->evidence.size(), 2u);
  EXPECT_EQ(mm[0]->evidence[0].file, "README.md");
  EXPECT_EQ(mm[0]->evidence[0].line, 3u);
  EXPECT_EQ(mm[0]->evidence[1].file, "LICENSE");
  EXPECT_TRUE(with_rule(out, "license-missing").empty());
}

TEST(FindingsTest, SharedIdIsNoMismatch) {
  Release r = directory_release();
  r.licenses.push_back(found("MIT", "README.md", "card-metadata"));
  r.licenses.push_back(found("MIT", "LICENSE", "license-file"));
  r.licenses.push_back(found("Apache-2.0", "LICENSE-APACHE", "license-file"));
  std::vector<release::Finding> out = judge_findings(r, judge_osaid_release(r));
  EXPECT_TRUE(with_rule(out, "license-mismatch").empty());
}

TEST(FindingsTest, GgufLicenseMismatch) {
  Release r = directory_release();
  r.licenses.push_back(found("MIT", "README.md", "card-metadata"));
  r.licenses.push_back(found("Apache-2.0", "model.gguf", "gguf-metadata"));
  std::vector<release::Finding> out = judge_findings(r, judge_osaid_release(r));
  auto mm = with_rule(out, "license-mismatch");
  ASSERT_EQ(mm.size(), 1u);
  EXPECT_NE(mm[0]->message.find("GGUF"), std::string::npos);
}

TEST(FindingsTest, NoLicenseInADirectoryIsMissing) {
  Release r = directory_release();
  std::vector<release::Finding> out = judge_findings(r, judge_osaid_release(r));
  auto lm = with_rule(out, "license-missing");
  ASSERT_EQ(lm.size(), 1u);
  EXPECT_EQ(lm[0]->severity, Severity::error);
  ASSERT_EQ(lm[0]->evidence.size(), 1u);
  EXPECT_EQ(lm[0]->evidence[0].file, "model-dir");
  EXPECT_TRUE(with_rule(out, "open-washing").empty());
}

TEST(FindingsTest, NoLicenseIsNotMissingForStructuredInputs) {
  for (const char* kind : {"license-text", "mot", "osai"}) {
    Release r;
    r.input_kind = kind;
    std::vector<release::Finding> out = judge_findings(r, judge_osaid_release(r));
    EXPECT_TRUE(with_rule(out, "license-missing").empty()) << kind;
  }
}

TEST(FindingsTest, DeclaredButUnresolvedLicenseHasNoText) {
  Release r = directory_release();
  r.claims.push_back({ClaimKind::declared_license, "other", "card-metadata", {"README.md", 2, {}, "license: other"}});
  std::vector<release::Finding> out = judge_findings(r, judge_osaid_release(r));
  EXPECT_TRUE(with_rule(out, "license-missing").empty());
  auto lw = with_rule(out, "license-without-text");
  ASSERT_EQ(lw.size(), 1u);
  EXPECT_EQ(lw[0]->severity, Severity::warning);
  EXPECT_EQ(lw[0]->evidence[0].line, 2u);
}

TEST(FindingsTest, ReaderFindingsAreKeptAndErrorsComeFirst) {
  Release r = directory_release();
  r.findings.push_back({"pickle-weights", Severity::warning, "pickle", {}});
  r.findings.push_back({"lfs-pointers", Severity::info, "lfs", {}});
  std::vector<release::Finding> out = judge_findings(r, judge_osaid_release(r));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].rule, "license-missing");
  EXPECT_EQ(out[1].rule, "pickle-weights");
  EXPECT_EQ(out[2].rule, "lfs-pointers");
}

}  // namespace
}  // namespace aperture::frameworks
