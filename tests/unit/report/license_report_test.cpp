#include <aperture/report/license_report.hpp>

#include <gtest/gtest.h>

#include <aperture/terms/knowledge_base.hpp>

namespace aperture::report {
namespace {

using assess::Outcome;

const assess::CriterionVerdict* find(const std::vector<assess::CriterionVerdict>& all, const std::string& id) {
  for (const auto& c : all) {
    if (c.id == id) {
      return &c;
    }
  }
  return nullptr;
}

// The verdicts the issue names: AI licenses with use restrictions and
// non-commercial licenses fail with the clause that decides; Apache and MIT pass.
TEST(LicenseReportTest, JudgesTheKnownLicensesWithTheirClauses) {
  struct Case {
    const char* id;
    Outcome osd;
    Outcome osaid;
    const char* failing;  // an OSD criterion that must fail, with evidence
  };
  const Case cases[] = {
      {"LicenseRef-Llama-2", Outcome::fail, Outcome::fail, "osd-5"},
      {"LicenseRef-Llama-3.1", Outcome::fail, Outcome::fail, "osd-6"},
      {"LicenseRef-Llama-4", Outcome::fail, Outcome::fail, "osd-5"},
      {"LicenseRef-Gemma", Outcome::fail, Outcome::fail, "osd-6"},
      {"LicenseRef-CreativeML-OpenRAIL-M", Outcome::fail, Outcome::fail, "osd-6"},
      {"LicenseRef-BigScience-OpenRAIL-M", Outcome::fail, Outcome::fail, "osd-6"},
      {"LicenseRef-FLUX.1-dev-Non-Commercial", Outcome::fail, Outcome::fail, "osd-6"},
      {"LicenseRef-Stability-AI-Community", Outcome::fail, Outcome::fail, "osd-5"},
      {"CC-BY-NC-4.0", Outcome::fail, Outcome::fail, "osd-1"},
      {"CC-BY-ND-4.0", Outcome::fail, Outcome::fail, "osd-3"},
      {"Apache-2.0", Outcome::pass, Outcome::pass, nullptr},
      {"MIT", Outcome::pass, Outcome::pass, nullptr},
      {"GPL-3.0-only", Outcome::pass, Outcome::pass, nullptr},
  };
  for (const Case& c : cases) {
    std::optional<LicenseView> v = describe_license(c.id);
    ASSERT_TRUE(v && v->verdicts) << c.id;
    EXPECT_EQ(v->verdicts->osd_overall, c.osd) << c.id;
    EXPECT_EQ(v->verdicts->osaid_overall, c.osaid) << c.id;
    if (c.failing != nullptr) {
      const assess::CriterionVerdict* f = find(v->verdicts->osd, c.failing);
      ASSERT_NE(f, nullptr) << c.id;
      EXPECT_EQ(f->outcome, Outcome::fail) << c.id << " " << c.failing;
      ASSERT_FALSE(f->evidence.empty()) << c.id;
      EXPECT_FALSE(f->evidence.front().clause.empty()) << c.id;
      EXPECT_EQ(f->evidence.front().url, v->url) << c.id;
    }
  }
}

TEST(LicenseReportTest, EveryOsiApprovedLicenseWithTermsPassesTheOsd) {
  for (const terms::LicenseProfile& p : terms::KnowledgeBase::embedded().profiles()) {
    std::optional<LicenseView> v = describe_license(p.id);
    ASSERT_TRUE(v) << p.id;
    if (v->osi_approved) {
      EXPECT_EQ(v->verdicts->osd_overall, Outcome::pass) << p.id;
    }
  }
}

TEST(LicenseReportTest, DescribesByAnyNameAndSaysWhenTermsAreMissing) {
  EXPECT_EQ(describe_license("llama3.1")->id, "LicenseRef-Llama-3.1");
  EXPECT_EQ(describe_license("apache-2.0")->id, "Apache-2.0");
  std::optional<LicenseView> spdx_only = describe_license("Beerware");
  ASSERT_TRUE(spdx_only);
  EXPECT_EQ(spdx_only->profile, nullptr);
  EXPECT_FALSE(spdx_only->verdicts.has_value());
  EXPECT_NE(to_text(*spdx_only).find("not recorded"), std::string::npos);
  EXPECT_TRUE(to_json(*spdx_only)["terms"].is_null());
  EXPECT_FALSE(describe_license("No-Such-License").has_value());
}

TEST(LicenseReportTest, JsonCarriesClausesAndVerdicts) {
  nlohmann::ordered_json j = to_json(*describe_license("LicenseRef-Llama-3.1"));
  EXPECT_EQ(j["terms"]["user_threshold"]["value"], 700000000.0);
  EXPECT_EQ(j["terms"]["user_threshold"]["clause"], "2");
  EXPECT_EQ(j["verdicts"]["osd"]["criteria"].size(), 10u);
  EXPECT_EQ(j["verdicts"]["osaid_freedoms"]["freedoms"].size(), 4u);
  bool built_with_llama = false;
  for (const auto& d : j["terms"]["attribution"]) {
    built_with_llama = built_with_llama || d["text"] == "Built with Llama";
  }
  EXPECT_TRUE(built_with_llama);
}

}  // namespace
}  // namespace aperture::report
