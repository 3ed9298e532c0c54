#include <aperture/assess/license_verdicts.hpp>

#include <gtest/gtest.h>

#include <aperture/terms/knowledge_base.hpp>

namespace aperture::assess {
namespace {

// A profile from a small YAML description, through the real loader.
terms::LicenseProfile profile(const std::string& terms_yaml) {
  std::string yaml = "licenses:\n  - id: LicenseRef-Test\n    name: Test License\n    kind: license\n"
                     "    url: https://example.org/license\n    terms:\n" +
                     terms_yaml;
  auto kb = terms::KnowledgeBase::parse(yaml);
  EXPECT_TRUE(kb) << (kb ? "" : kb.error().message);
  return kb ? kb->profiles().front() : terms::LicenseProfile{};
}

const CriterionVerdict& criterion(const std::vector<CriterionVerdict>& all, const std::string& id) {
  for (const auto& c : all) {
    if (c.id == id) {
      return c;
    }
  }
  static const CriterionVerdict k_none;
  ADD_FAILURE() << "no criterion " << id;
  return k_none;
}

const char* k_permissive = R"(      commercial_use: {value: allowed, clause: "1"}
      modification: {value: allowed, clause: "1"}
      redistribution: {value: allowed, clause: "1"}
)";

TEST(LicenseVerdictsTest, PermissiveTermsPassEverything) {
  LicenseVerdicts v = judge_license(profile(k_permissive), false);
  EXPECT_EQ(v.osd.size(), 10u);
  EXPECT_EQ(v.osd_overall, Outcome::pass);
  EXPECT_EQ(v.osaid.size(), 4u);
  EXPECT_EQ(v.osaid_overall, Outcome::pass);
  EXPECT_EQ(criterion(v.osd, "osd-2").outcome, Outcome::not_applicable);
}

TEST(LicenseVerdictsTest, EachRestrictionFailsTheRightCriterionWithItsClause) {
  struct Case {
    const char* name;
    std::string extra;
    const char* osd_failing;
    const char* osaid_failing;
    const char* clause;
  };
  const Case cases[] = {
      {"user threshold", "      user_threshold: {value: 700000000, unit: monthly active users, clause: \"2\"}\n",
       "osd-5", "osaid-use", "2"},
      {"territory", "      geographic: [{text: no EU residents, clause: \"4.b\"}]\n", "osd-5", "osaid-use", "4.b"},
      {"field of use", "      field_of_use: [{text: military use, clause: \"Attachment A\"}]\n", "osd-6", "osaid-use",
       "Attachment A"},
      {"improving other models", "      improve_other_models: {value: banned, clause: \"1.b.v\"}\n", "osd-6",
       "osaid-use", "1.b.v"},
      {"changeable policy",
       "      acceptable_use_policy: {policy: \"\", url: \"https://x\", incorporated: true, changeable_by_licensor: true, "
       "clause: \"1.b.iv\"}\n",
       "osd-7", "osaid-use", "1.b.iv"},
      {"click-through", "      acceptance: {value: click-through, clause: \"preamble\"}\n", "osd-10", nullptr,
       "preamble"},
      {"registration", "      registration: {value: required, clause: \"3\"}\n", "osd-7", "osaid-use", "3"},
      {"flow-down", "      flow_down: {value: \"yes\", clause: \"5\"}\n", nullptr, "osaid-share", "5"},
  };
  for (const Case& c : cases) {
    LicenseVerdicts v = judge_license(profile(k_permissive + c.extra), false);
    if (c.osd_failing != nullptr) {
      const CriterionVerdict& failing = criterion(v.osd, c.osd_failing);
      EXPECT_EQ(failing.outcome, Outcome::fail) << c.name;
      ASSERT_FALSE(failing.evidence.empty()) << c.name;
      EXPECT_EQ(failing.evidence.back().clause, c.clause) << c.name;
      EXPECT_EQ(failing.evidence.back().url, "https://example.org/license") << c.name;
      EXPECT_EQ(v.osd_overall, Outcome::fail) << c.name;
    }
    if (c.osaid_failing != nullptr) {
      EXPECT_EQ(criterion(v.osaid, c.osaid_failing).outcome, Outcome::fail) << c.name;
      EXPECT_EQ(v.osaid_overall, Outcome::fail) << c.name;
    }
  }
}

TEST(LicenseVerdictsTest, NonCommercialAndNoDerivativesFail) {
  LicenseVerdicts nc = judge_license(profile(R"y(      commercial_use: {value: banned, clause: "3(a)"}
      modification: {value: allowed, clause: "2"}
      redistribution: {value: allowed, clause: "2"}
)y"),
                                     false);
  EXPECT_EQ(criterion(nc.osd, "osd-1").outcome, Outcome::fail);
  EXPECT_EQ(criterion(nc.osd, "osd-6").outcome, Outcome::fail);
  EXPECT_EQ(criterion(nc.osaid, "osaid-share").outcome, Outcome::fail);
  LicenseVerdicts nd = judge_license(profile(R"y(      commercial_use: {value: allowed, clause: "2"}
      modification: {value: banned, clause: "2(a)(1)"}
      redistribution: {value: allowed, clause: "2"}
)y"),
                                     false);
  EXPECT_EQ(criterion(nd.osd, "osd-3").outcome, Outcome::fail);
  EXPECT_EQ(criterion(nd.osaid, "osaid-modify").outcome, Outcome::fail);
}

TEST(LicenseVerdictsTest, MissingTermsAreUnknownButOsiApprovalDecidesTheOsd) {
  LicenseVerdicts v = judge_license(profile("      copyleft: {value: none, clause: \"1\"}\n"), false);
  EXPECT_EQ(v.osd_overall, Outcome::unknown);
  EXPECT_EQ(v.osaid_overall, Outcome::unknown);
  LicenseVerdicts approved = judge_license(profile("      copyleft: {value: none, clause: \"1\"}\n"), true);
  EXPECT_EQ(approved.osd_overall, Outcome::pass);
}

}  // namespace
}  // namespace aperture::assess
