#include <aperture/frameworks/spectrum.hpp>

#include <gtest/gtest.h>

namespace aperture::frameworks {
namespace {

using release::ComponentKind;
using release::Presence;
using release::Release;

void set(Release& r, ComponentKind k, Presence p, std::string license = {}) {
  release::Component& c = r.component(k);
  c.presence = p;
  c.license = license;
  c.license_id = license;
}

// Everything absent: what a directory scan with nothing in it says.
Release all_absent() {
  Release r;
  for (auto& c : r.components) {
    c.presence = Presence::absent;
  }
  return r;
}

const LayerVerdict* layer(const SpectrumVerdict& v, std::string_view name) {
  for (const auto& l : v.layers) {
    if (l.layer == name) {
      return &l;
    }
  }
  return nullptr;
}

TEST(SpectrumTest, NothingReleasedIsApiOnly) {
  SpectrumVerdict v = judge_spectrum(all_absent());
  ASSERT_TRUE(v.level.has_value());
  EXPECT_EQ(*v.level, 1);
  EXPECT_EQ(v.label, "API only");
  EXPECT_EQ(v.ceiling, 5);
  EXPECT_EQ(v.layers.size(), 6u);
}

TEST(SpectrumTest, NoWeightsButAModelCardIsLevelTwo) {
  Release r = all_absent();
  set(r, ComponentKind::model_card, Presence::present, "CC-BY-4.0");
  SpectrumVerdict v = judge_spectrum(r);
  ASSERT_TRUE(v.level.has_value());
  EXPECT_EQ(*v.level, 2);
  EXPECT_EQ(v.label, "API with published documentation");
}

TEST(SpectrumTest, NoWeightsAndAnUnlicensedModelCardIsStillDocumented) {
  Release r = all_absent();
  set(r, ComponentKind::model_card, Presence::present);
  SpectrumVerdict v = judge_spectrum(r);
  ASSERT_TRUE(v.level.has_value());
  EXPECT_EQ(*v.level, 2);
}

TEST(SpectrumTest, LlamaWeightsAreLevelThreeCappedAtThree) {
  Release r = all_absent();
  set(r, ComponentKind::model_parameters_final, Presence::present, "LicenseRef-Llama-3.1");
  set(r, ComponentKind::inference_code, Presence::present, "MIT");
  SpectrumVerdict v = judge_spectrum(r);
  ASSERT_TRUE(v.level.has_value());
  EXPECT_EQ(*v.level, 3);
  EXPECT_EQ(v.ceiling, 3);
  EXPECT_EQ(v.label, "open weights under restrictive terms");
  const LayerVerdict* w = layer(v, "weights");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->state, State::restricted);
}

TEST(SpectrumTest, UnlicensedWeightsAreLevelThree) {
  Release r = all_absent();
  set(r, ComponentKind::model_parameters_final, Presence::present);
  SpectrumVerdict v = judge_spectrum(r);
  ASSERT_TRUE(v.level.has_value());
  EXPECT_EQ(*v.level, 3);
  EXPECT_EQ(v.ceiling, 3);
}

TEST(SpectrumTest, ApacheWeightsWithoutCodeAreLevelThree) {
  Release r = all_absent();
  set(r, ComponentKind::model_parameters_final, Presence::present, "Apache-2.0");
  SpectrumVerdict v = judge_spectrum(r);
  ASSERT_TRUE(v.level.has_value());
  EXPECT_EQ(*v.level, 3);
  EXPECT_EQ(v.ceiling, 5);
  EXPECT_NE(v.reason.find("no inference, architecture or training code"), std::string::npos) << v.reason;
  EXPECT_EQ(v.label, "open weights, code not open");
}

TEST(SpectrumTest, ApacheWeightsAndInferenceCodeAreLevelFour) {
  Release r = all_absent();
  set(r, ComponentKind::model_parameters_final, Presence::present, "Apache-2.0");
  set(r, ComponentKind::inference_code, Presence::present, "Apache-2.0");
  SpectrumVerdict v = judge_spectrum(r);
  ASSERT_TRUE(v.level.has_value());
  EXPECT_EQ(*v.level, 4);
  EXPECT_EQ(v.label, "open weights and code, data closed");
}

TEST(SpectrumTest, ArchitectureCodeIsEnoughForFour) {
  Release r = all_absent();
  set(r, ComponentKind::model_parameters_final, Presence::present, "MIT");
  set(r, ComponentKind::model_architecture, Presence::present, "MIT");
  SpectrumVerdict v = judge_spectrum(r);
  ASSERT_TRUE(v.level.has_value());
  EXPECT_EQ(*v.level, 4);
}

TEST(SpectrumTest, OpenTrainingCodeAndDataAreLevelFive) {
  Release r = all_absent();
  set(r, ComponentKind::model_parameters_final, Presence::present, "Apache-2.0");
  set(r, ComponentKind::inference_code, Presence::present, "Apache-2.0");
  set(r, ComponentKind::training_code, Presence::present, "Apache-2.0");
  set(r, ComponentKind::datasets, Presence::present, "CC-BY-4.0");
  SpectrumVerdict v = judge_spectrum(r);
  ASSERT_TRUE(v.level.has_value());
  EXPECT_EQ(*v.level, 5);
  EXPECT_EQ(v.label, "fully open");
  const LayerVerdict* data = layer(v, "data");
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(data->state, State::open);
}

TEST(SpectrumTest, OpenDataWithoutTrainingCodeStaysAtFour) {
  Release r = all_absent();
  set(r, ComponentKind::model_parameters_final, Presence::present, "Apache-2.0");
  set(r, ComponentKind::inference_code, Presence::present, "Apache-2.0");
  set(r, ComponentKind::datasets, Presence::present, "CC-BY-4.0");
  SpectrumVerdict v = judge_spectrum(r);
  ASSERT_TRUE(v.level.has_value());
  EXPECT_EQ(*v.level, 4);
}

TEST(SpectrumTest, NonCommercialDataStaysAtFour) {
  Release r = all_absent();
  set(r, ComponentKind::model_parameters_final, Presence::present, "Apache-2.0");
  set(r, ComponentKind::inference_code, Presence::present, "Apache-2.0");
  set(r, ComponentKind::training_code, Presence::present, "Apache-2.0");
  set(r, ComponentKind::datasets, Presence::present, "CC-BY-NC-4.0");
  SpectrumVerdict v = judge_spectrum(r);
  ASSERT_TRUE(v.level.has_value());
  EXPECT_EQ(*v.level, 4);
}

TEST(SpectrumTest, UnknownWeightsGiveNoLevel) {
  Release r;  // everything unknown: a card or a license alone
  r.component(ComponentKind::model_card).presence = Presence::present;
  SpectrumVerdict v = judge_spectrum(r);
  EXPECT_FALSE(v.level.has_value());
  EXPECT_EQ(v.label, "unknown");
  EXPECT_FALSE(v.reason.empty());
}

TEST(SpectrumTest, Labels) {
  EXPECT_EQ(spectrum_label(1), "API only");
  EXPECT_EQ(spectrum_label(5), "fully open");
  EXPECT_EQ(spectrum_label(0), "unknown");
  EXPECT_EQ(spectrum_label(6), "unknown");
}

}  // namespace
}  // namespace aperture::frameworks
