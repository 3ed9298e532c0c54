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

release::ModifiedLicense changed_mit(bool with_ban) {
  release::ModifiedLicense m{"LICENSE", "MIT", 0.98, {1, 24}, {}};
  if (with_ban) {
    m.clauses.push_back(
        {"field-of-use-ban", {"LICENSE", 15, {}, "shall not use the Software for any military purpose"}});
  }
  return m;
}

TEST(FindingsTest, AChangedLicenseTextWithABanIsAnError) {
  Release r = directory_release();
  r.licenses.push_back(found("MIT", "README.md", "card-metadata", 3));
  r.modified_licenses.push_back(changed_mit(true));
  std::vector<release::Finding> out = judge_findings(r, judge_osaid_release(r));
  auto lm = with_rule(out, "license-modified");
  ASSERT_EQ(lm.size(), 1u);
  EXPECT_EQ(lm[0]->severity, Severity::error);
  EXPECT_NE(lm[0]->message.find("LICENSE holds a changed MIT text (98% of its words there"),
            std::string::npos)
      << lm[0]->message;
  EXPECT_NE(lm[0]->message.find("the model card declares MIT"), std::string::npos) << lm[0]->message;
  EXPECT_NE(lm[0]->message.find("it adds: field-of-use-ban"), std::string::npos) << lm[0]->message;
  ASSERT_EQ(lm[0]->evidence.size(), 2u);
  EXPECT_EQ(lm[0]->evidence[0].line, 1u);
  EXPECT_NE(lm[0]->evidence[0].url, "");  // the SPDX list's page of MIT
  EXPECT_EQ(lm[0]->evidence[1].line, 15u);
  EXPECT_EQ(out[0].rule, "license-modified");  // errors first
}

TEST(FindingsTest, AChangedLicenseTextWithoutClausesIsAWarningAndNotMissing) {
  Release r = directory_release();
  r.modified_licenses.push_back(changed_mit(false));
  std::vector<release::Finding> out = judge_findings(r, judge_osaid_release(r));
  auto lm = with_rule(out, "license-modified");
  ASSERT_EQ(lm.size(), 1u);
  EXPECT_EQ(lm[0]->severity, Severity::warning);
  EXPECT_EQ(lm[0]->message.find("declares"), std::string::npos);
  EXPECT_EQ(lm[0]->message.find("it adds"), std::string::npos);
  // There is a LICENSE file: "no LICENSE file" would be wrong.
  EXPECT_TRUE(with_rule(out, "license-missing").empty());
}

TEST(FindingsTest, AnOpenSourceClaimAgainstAChangedLicenseWithABanIsOpenWashing) {
  Release r = directory_release();
  r.licenses.push_back(found("MIT", "README.md", "card-metadata", 3));
  r.claims.push_back(open_source_claim());
  r.modified_licenses.push_back(changed_mit(true));
  std::vector<release::Finding> out = judge_findings(r, judge_osaid_release(r));
  auto ow = with_rule(out, "open-washing");
  ASSERT_EQ(ow.size(), 1u);
  EXPECT_EQ(ow[0]->severity, Severity::error);
  EXPECT_NE(
      ow[0]->message.find("the LICENSE file's changed MIT text fails the Open Source Definition (osd-6)"),
      std::string::npos)
      << ow[0]->message;
  ASSERT_EQ(ow[0]->evidence.size(), 2u);
  EXPECT_EQ(ow[0]->evidence[0].line, 12u);  // the claim
  EXPECT_EQ(ow[0]->evidence[1].line, 15u);  // the clause

  std::vector<assess::CriterionVerdict> failing = failing_in_modified_licenses(r);
  ASSERT_EQ(failing.size(), 1u);
  EXPECT_EQ(failing[0].id, "osd-6");
  EXPECT_EQ(failing[0].evidence[0].clause, "LICENSE:15");
  // A changed text without such a clause fails no criterion.
  Release quiet = directory_release();
  quiet.modified_licenses.push_back(changed_mit(false));
  EXPECT_TRUE(failing_in_modified_licenses(quiet).empty());
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
