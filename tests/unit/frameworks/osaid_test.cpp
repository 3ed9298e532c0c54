#include <aperture/frameworks/osaid.hpp>

#include <gtest/gtest.h>

namespace aperture::frameworks {
namespace {

using assess::Outcome;
using release::ComponentKind;
using release::Presence;
using release::Release;

void set(Release& r, ComponentKind k, Presence p, std::string license = {}) {
  release::Component& c = r.component(k);
  c.presence = p;
  c.license = license;
  c.license_id = license;
}

Release all_absent() {
  Release r;
  for (auto& c : r.components) {
    c.presence = Presence::absent;
  }
  return r;
}

Release fully_open() {
  Release r = all_absent();
  set(r, ComponentKind::data_card, Presence::present, "CC-BY-4.0");
  set(r, ComponentKind::training_code, Presence::present, "MIT");
  set(r, ComponentKind::inference_code, Presence::present, "MIT");
  set(r, ComponentKind::data_preprocessing_code, Presence::present, "MIT");
  set(r, ComponentKind::model_parameters_final, Presence::present, "Apache-2.0");
  return r;
}

const assess::CriterionVerdict* requirement(const OsaidVerdict& v, std::string_view id) {
  for (const auto& c : v.requirements) {
    if (c.id == id) {
      return &c;
    }
  }
  return nullptr;
}

TEST(OsaidReleaseTest, FullyOpenReleasePasses) {
  OsaidVerdict v = judge_osaid_release(fully_open());
  EXPECT_EQ(v.outcome, Outcome::pass);
  ASSERT_EQ(v.requirements.size(), 4u);
  for (const char* id : {"osaid-data-information", "osaid-code", "osaid-parameters", "osaid-freedoms"}) {
    const assess::CriterionVerdict* c = requirement(v, id);
    ASSERT_NE(c, nullptr) << id;
    EXPECT_EQ(c->outcome, Outcome::pass) << id << ": " << c->reason;
  }
}

TEST(OsaidReleaseTest, LlamaWeightsFail) {
  Release r = fully_open();
  set(r, ComponentKind::model_parameters_final, Presence::present, "LicenseRef-Llama-3.1");
  OsaidVerdict v = judge_osaid_release(r);
  EXPECT_EQ(v.outcome, Outcome::fail);
  const assess::CriterionVerdict* params = requirement(v, "osaid-parameters");
  ASSERT_NE(params, nullptr);
  EXPECT_EQ(params->outcome, Outcome::fail);
  const assess::CriterionVerdict* freedoms = requirement(v, "osaid-freedoms");
  ASSERT_NE(freedoms, nullptr);
  EXPECT_EQ(freedoms->outcome, Outcome::fail);
  EXPECT_FALSE(freedoms->evidence.empty());
  EXPECT_FALSE(freedoms->reason.empty());
  const assess::CriterionVerdict* code = requirement(v, "osaid-code");
  ASSERT_NE(code, nullptr);
  EXPECT_EQ(code->outcome, Outcome::pass);
}

TEST(OsaidReleaseTest, MissingTrainingCodeFailsCode) {
  Release r = fully_open();
  set(r, ComponentKind::training_code, Presence::absent);
  OsaidVerdict v = judge_osaid_release(r);
  EXPECT_EQ(v.outcome, Outcome::fail);
  EXPECT_EQ(requirement(v, "osaid-code")->outcome, Outcome::fail);
  EXPECT_EQ(requirement(v, "osaid-parameters")->outcome, Outcome::pass);
}

TEST(OsaidReleaseTest, NoDataInformationFails) {
  Release r = fully_open();
  set(r, ComponentKind::data_card, Presence::absent);
  OsaidVerdict v = judge_osaid_release(r);
  EXPECT_EQ(requirement(v, "osaid-data-information")->outcome, Outcome::fail);
  EXPECT_EQ(v.outcome, Outcome::fail);
}

TEST(OsaidReleaseTest, APaperAloneLeavesDataInformationUnknown) {
  Release r = fully_open();
  set(r, ComponentKind::data_card, Presence::absent);
  set(r, ComponentKind::research_paper, Presence::present, "CC-BY-4.0");
  OsaidVerdict v = judge_osaid_release(r);
  EXPECT_EQ(requirement(v, "osaid-data-information")->outcome, Outcome::unknown);
  EXPECT_EQ(v.outcome, Outcome::unknown);
}

TEST(OsaidReleaseTest, NothingKnownIsNotAPass) {
  OsaidVerdict v = judge_osaid_release(Release{});
  EXPECT_NE(v.outcome, Outcome::pass);
  EXPECT_EQ(requirement(v, "osaid-freedoms")->outcome, Outcome::unknown);
}

}  // namespace
}  // namespace aperture::frameworks
