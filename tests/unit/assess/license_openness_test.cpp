#include <aperture/assess/license_openness.hpp>

#include <gtest/gtest.h>

namespace aperture::assess {
namespace {

using release::ContentType;

TEST(LicenseOpennessTest, JudgesLicensesAsWritten) {
  struct Case {
    const char* license;
    ContentType type;
    Openness expected;
  };
  const Case cases[] = {
      {"MIT", ContentType::code, Openness::open},
      {"Apache-2.0", ContentType::code, Openness::open},
      {"  Apache-2.0  ", ContentType::code, Openness::open},
      {"Apache-2.0 OR LicenseRef-Llama-3.1", ContentType::code, Openness::open},
      {"Apache-2.0 AND LicenseRef-Llama-3.1", ContentType::code, Openness::restricted},
      {"LicenseRef-Llama-3.1", ContentType::code, Openness::restricted},
      {"llama3.1", ContentType::code, Openness::restricted},
      {"CC-BY-NC-4.0", ContentType::data, Openness::restricted},
      {"CC-BY-NC-4.0", ContentType::code, Openness::restricted},
      {"unlicensed", ContentType::code, Openness::none},
      {"Proprietary", ContentType::code, Openness::none},
      {"all rights reserved", ContentType::data, Openness::none},
      {"Totally-Made-Up", ContentType::code, Openness::unknown},
      {"", ContentType::code, Openness::unknown},
      {"CC-BY-2.5", ContentType::data, Openness::open},
      {"CC-BY-4.0", ContentType::data, Openness::open},
      {"CC-BY-4.0", ContentType::document, Openness::open},
      {"MIT AND Totally-Made-Up", ContentType::code, Openness::unknown},
  };
  for (const Case& c : cases) {
    LicenseOpenness o = judge_openness(c.license, c.type);
    EXPECT_EQ(o.openness, c.expected) << "'" << c.license << "' (" << release::to_string(c.type)
                                      << "): " << to_string(o.openness) << " — " << o.reason;
    EXPECT_FALSE(o.reason.empty()) << c.license;
  }
}

TEST(LicenseOpennessTest, ExpressionsKeepTheirCanonicalId) {
  LicenseOpenness o = judge_openness("Apache-2.0 AND LicenseRef-Llama-3.1", ContentType::code);
  EXPECT_EQ(o.id, "Apache-2.0 AND LicenseRef-Llama-3.1");
  LicenseOpenness mit = judge_openness("MIT", ContentType::code);
  EXPECT_EQ(mit.id, "MIT");
}

// Possible bug: an expression naming one id Aperture does not know is not
// parsed at all, so "MIT OR Totally-Made-Up" is judged as one unknown id
// ("'MIT OR Totally-Made-Up' is not a license Aperture knows") instead of
// taking the open MIT alternative, as the header says OR does.
TEST(LicenseOpennessTest, OrWithAnUnknownAlternativeTakesTheOpenOne) {
  LicenseOpenness o = judge_openness("MIT OR Totally-Made-Up", ContentType::code);
  EXPECT_EQ(o.openness, Openness::open) << o.reason;
  EXPECT_EQ(judge_openness("MIT AND Totally-Made-Up", ContentType::code).openness, Openness::unknown);
  EXPECT_EQ(judge_openness("Totally-Made-Up and llama3.1", ContentType::code).openness, Openness::restricted);
}

TEST(LicenseOpennessTest, LicenseNamesAsPeopleWriteThem) {
  EXPECT_EQ(judge_openness("MIT License", ContentType::code).openness, Openness::open);
  EXPECT_EQ(judge_openness("Llama 2 Community License Agreement", ContentType::data).openness, Openness::restricted);
  EXPECT_EQ(judge_openness("CreativeML Open RAIL-M", ContentType::data).id, "LicenseRef-CreativeML-OpenRAIL-M");
  EXPECT_EQ(judge_openness("CreativeML Open RAIL++-M License", ContentType::data).id, "LicenseRef-OpenRAIL-Plus-Plus-M");
}

TEST(LicenseOpennessTest, OpenDataLicencesByTheirTerms) {
  EXPECT_EQ(judge_openness("ODC-By-1.0", ContentType::data).openness, Openness::open);
  EXPECT_EQ(judge_openness("ODbL-1.0", ContentType::data).openness, Openness::open);
  EXPECT_NE(judge_openness("ODC-By-1.0", ContentType::code).openness, Openness::open);
}

TEST(LicenseOpennessTest, RestrictedReasonNamesTheCriterion) {
  LicenseOpenness o = judge_openness("LicenseRef-Llama-3.1", ContentType::code);
  EXPECT_NE(o.reason.find("fails"), std::string::npos) << o.reason;
}

TEST(LicenseOpennessTest, FailingCriteriaOfLlamaHaveClauses) {
  for (bool osaid : {false, true}) {
    std::vector<CriterionVerdict> failing = failing_criteria("LicenseRef-Llama-3.1", osaid);
    ASSERT_FALSE(failing.empty()) << "osaid=" << osaid;
    bool any_clause = false;
    for (const CriterionVerdict& c : failing) {
      EXPECT_EQ(c.outcome, Outcome::fail);
      EXPECT_FALSE(c.id.empty());
      EXPECT_EQ(c.id.rfind(osaid ? "osaid-" : "osd-", 0), 0u) << c.id;
      for (const Evidence& e : c.evidence) {
        any_clause = any_clause || (!e.clause.empty() && !e.url.empty());
      }
    }
    EXPECT_TRUE(any_clause) << "osaid=" << osaid;
  }
}

TEST(LicenseOpennessTest, FailingCriteriaOfOpenOrUnknownLicensesAreEmpty) {
  EXPECT_TRUE(failing_criteria("MIT", false).empty());
  EXPECT_TRUE(failing_criteria("Apache-2.0", true).empty());
  EXPECT_TRUE(failing_criteria("Totally-Made-Up", false).empty());
  EXPECT_FALSE(failing_criteria("MIT AND LicenseRef-Llama-3.1", false).empty());
}

TEST(LicenseOpennessTest, Names) {
  EXPECT_EQ(to_string(Openness::open), "open");
  EXPECT_EQ(to_string(Openness::restricted), "restricted");
  EXPECT_EQ(to_string(Openness::none), "none");
  EXPECT_EQ(to_string(Openness::unknown), "unknown");
}

}  // namespace
}  // namespace aperture::assess
