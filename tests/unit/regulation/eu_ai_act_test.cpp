#include <gtest/gtest.h>

#include <aperture/regulation/eu_ai_act.hpp>

namespace aperture::regulation {
namespace {

using release::ComponentKind;
using release::Presence;
using release::Release;

// A release as a manifest states it: weights, architecture and card public,
// text outputs, the weights' license declared.
Release open_release(std::string license, std::uint64_t parameters, std::optional<double> tokens) {
  Release r;
  r.target = "demo";
  r.name = "Demo";
  r.input_kind = "manifest";
  r.access = "weights";
  r.outputs = {"text"};
  r.parameter_count = parameters;
  r.parameter_evidence = {"demo.yaml", 9, "https://example.com/card", "nominal: the card gives the size", {}};
  r.training_tokens = tokens;
  r.training_tokens_evidence = {"demo.yaml", 12, "https://example.com/card", "trained on the tokens", {}};
  for (ComponentKind k : {ComponentKind::model_parameters_final, ComponentKind::model_architecture,
                          ComponentKind::model_card}) {
    r.component(k).presence = Presence::present;
    r.component(k).license = license;
    r.component(k).license_id = license;
  }
  release::FoundLicense f;
  f.match.id = license;
  f.file = "demo.yaml";
  f.role = "manifest";
  r.licenses.push_back(f);
  return r;
}

ComputeEstimate stated(double flop) {
  ComputeEstimate c;
  c.basis = ComputeEstimate::Basis::stated;
  c.flop = flop;
  return c;
}

ComputeEstimate unknown_compute() {
  ComputeEstimate c;
  c.missing = {"training tokens"};
  return c;
}

TEST(EuAiActTest, EstimatesSixTimesParametersTimesTokensAndShowsInputs) {
  Release r = open_release("Apache-2.0", 7'000'000'000, 2e12);
  ComputeEstimate c = estimate_compute(r);
  ASSERT_EQ(c.basis, ComputeEstimate::Basis::estimated);
  EXPECT_DOUBLE_EQ(*c.flop, 6 * 7e9 * 2e12);
  EXPECT_DOUBLE_EQ(*c.parameters, 7e9);
  EXPECT_DOUBLE_EQ(*c.tokens, 2e12);
  ASSERT_EQ(c.evidence.size(), 2u);
  EXPECT_EQ(c.evidence[0].line, 9u);
  EXPECT_EQ(c.evidence[1].line, 12u);
}

TEST(EuAiActTest, StatedComputeWinsOverTheEstimate) {
  Release r = open_release("Apache-2.0", 7'000'000'000, 2e12);
  r.training_compute = 3.8e25;
  ComputeEstimate c = estimate_compute(r);
  EXPECT_EQ(c.basis, ComputeEstimate::Basis::stated);
  EXPECT_DOUBLE_EQ(*c.flop, 3.8e25);
}

TEST(EuAiActTest, ComputeIsUnknownWhenTokensOrParametersAreMissing) {
  Release r = open_release("Apache-2.0", 7'000'000'000, std::nullopt);
  ComputeEstimate c = estimate_compute(r);
  EXPECT_EQ(c.basis, ComputeEstimate::Basis::unknown);
  EXPECT_FALSE(c.flop);
  EXPECT_EQ(c.missing, std::vector<std::string>{"training tokens"});
  r.parameter_count.reset();
  EXPECT_EQ(estimate_compute(r).missing, (std::vector<std::string>{"parameter count", "training tokens"}));
  EXPECT_EQ(judge_gpai(estimate_compute(r), r.outputs).answer, Answer::unknown);
}

TEST(EuAiActTest, MixtureOfExpertsTotalGivesOnlyAnUpperBound) {
  Release r = open_release("Apache-2.0", 671'000'000'000, 14.8e12);
  r.parameter_evidence.quote = "mixture of experts: 671B total, 37B activated";
  ComputeEstimate c = estimate_compute(r);
  EXPECT_EQ(c.basis, ComputeEstimate::Basis::upper_bound);
  Statement gpai = judge_gpai(c, r.outputs);
  // Above 10^25 as an upper bound proves nothing about the threshold.
  EXPECT_EQ(judge_systemic_risk(c, gpai).answer, Answer::unknown);
}

TEST(EuAiActTest, GpaiThresholdIsStrictlyAbove1e23) {
  Release r = open_release("Apache-2.0", 1, 1);
  EXPECT_EQ(judge_gpai(stated(1e23), r.outputs).answer, Answer::no);
  EXPECT_EQ(judge_gpai(stated(1.0000001e23), r.outputs).answer, Answer::yes);
  EXPECT_EQ(judge_gpai(unknown_compute(), r.outputs).answer, Answer::unknown);
}

TEST(EuAiActTest, GpaiNeedsTextAudioImageOrVideoOutputs) {
  Release r = open_release("Apache-2.0", 1, 1);
  r.outputs = {"embeddings"};
  EXPECT_EQ(judge_gpai(stated(1e24), r.outputs).answer, Answer::no);
  r.outputs = {"image"};
  EXPECT_EQ(judge_gpai(stated(1e24), r.outputs).answer, Answer::yes);
  r.outputs.clear();  // unstated
  EXPECT_EQ(judge_gpai(stated(1e24), r.outputs).answer, Answer::unknown);
}

TEST(EuAiActTest, SystemicRiskPresumedStrictlyAbove1e25) {
  Release r = open_release("Apache-2.0", 1, 1);
  auto systemic = [&](double flop) {
    return judge_systemic_risk(stated(flop), judge_gpai(stated(flop), r.outputs)).answer;
  };
  EXPECT_EQ(systemic(1e25), Answer::no);
  EXPECT_EQ(systemic(1.01e25), Answer::yes);
  EXPECT_EQ(systemic(5e24), Answer::no);
  Statement s = judge_systemic_risk(stated(2e25), judge_gpai(stated(2e25), r.outputs));
  EXPECT_EQ(s.article, "Art. 51(2)");
}

frameworks::Assessment assessed(Release r) {
  return frameworks::assess_release(std::move(r));
}

TEST(EuAiActTest, OpenSourceSmallModelIsExemptFromDocumentationOnly) {
  // 6 × 1.7e9 × 11e12 = 1.1e23: a GPAI model, far from systemic risk.
  EuAiActAssessment e = assess_eu_ai_act(assessed(open_release("Apache-2.0", 1'700'000'000, 11e12)));
  EXPECT_EQ(e.gpai.answer, Answer::yes);
  EXPECT_EQ(e.systemic_risk.answer, Answer::no);
  EXPECT_EQ(e.exemption.answer, Answer::yes) << e.exemption.text;
  ASSERT_GE(e.duties.size(), 4u);
  EXPECT_EQ(e.duties[0].article, "Art. 53(1)(a)");
  EXPECT_EQ(e.duties[0].applies, Answer::no);
  EXPECT_EQ(e.duties[1].applies, Answer::no);
  EXPECT_EQ(e.duties[2].applies, Answer::yes);  // copyright policy
  EXPECT_EQ(e.duties[3].applies, Answer::yes);  // training-content summary
}

TEST(EuAiActTest, EveryDutyNamesItsReasonById) {
  EuAiActAssessment e = assess_eu_ai_act(assessed(open_release("Apache-2.0", 1'700'000'000, 11e12)));
  ASSERT_EQ(e.duties.size(), 9u);
  struct Case {
    const char* id;
    const char* article;
    const char* reason_id;
  };
  const Case cases[] = {
      {"art-53-1-a", "Art. 53(1)(a)", "exempt"},
      {"art-53-1-b", "Art. 53(1)(b)", "exempt"},
      {"art-53-1-c", "Art. 53(1)(c)", "every-gpai-provider"},
      {"art-53-1-d", "Art. 53(1)(d)", "every-gpai-provider"},
      {"art-54", "Art. 54(6)", "exempt"},
      {"art-55-1-a", "Art. 55(1)(a)", "no-systemic-risk"},
      {"art-55-1-b", "Art. 55(1)(b)", "no-systemic-risk"},
      {"art-55-1-c", "Art. 55(1)(c)", "no-systemic-risk"},
      {"art-55-1-d", "Art. 55(1)(d)", "no-systemic-risk"},
  };
  for (std::size_t i = 0; i < e.duties.size(); ++i) {
    EXPECT_EQ(e.duties[i].id, cases[i].id) << i;
    EXPECT_EQ(e.duties[i].article, cases[i].article) << cases[i].id;
    EXPECT_EQ(e.duties[i].reason_id, cases[i].reason_id) << cases[i].id;
    EXPECT_FALSE(e.duties[i].reason.empty()) << cases[i].id;  // the views' line
  }
  EuAiActAssessment unknown =
      assess_eu_ai_act(assessed(open_release("Apache-2.0", 1'700'000'000, std::nullopt)));
  EXPECT_EQ(unknown.duties[0].reason_id, "unless-exempt");
  EXPECT_EQ(unknown.duties[2].reason_id, "if-gpai");
  EXPECT_EQ(unknown.duties[4].reason_id, "if-outside-union");
  EXPECT_EQ(unknown.duties[5].reason_id, "if-systemic-risk");
}

TEST(EuAiActTest, NonCommercialLicenseIsNotFreeAndOpenSource) {
  frameworks::Assessment a = assessed(open_release("CC-BY-NC-4.0", 1'700'000'000, 11e12));
  Statement license = judge_exemption_license(a.osd);
  EXPECT_EQ(license.answer, Answer::no) << license.text;
  EXPECT_EQ(assess_eu_ai_act(a).exemption.answer, Answer::no);
}

TEST(EuAiActTest, UserThresholdLicenseIsRefusedWithItsClause) {
  frameworks::Assessment a = assessed(open_release("LicenseRef-Llama-3.1", 8'000'000'000, 15e12));
  Statement license = judge_exemption_license(a.osd);
  EXPECT_EQ(license.answer, Answer::no) << license.text;
  bool cites_threshold = false;
  for (const auto& e : license.evidence) {
    cites_threshold = cites_threshold || e.quote.find("700 million") != std::string::npos;
  }
  EXPECT_TRUE(cites_threshold);
  EXPECT_EQ(assess_eu_ai_act(a).duties[0].applies, Answer::yes);
}

TEST(EuAiActTest, ExemptionNeverForSystemicRiskEvenUnderApache) {
  Release r = open_release("Apache-2.0", 405'000'000'000, 15e12);  // 3.6e25
  EuAiActAssessment e = assess_eu_ai_act(assessed(r));
  EXPECT_EQ(e.systemic_risk.answer, Answer::yes);
  EXPECT_EQ(e.exemption_conditions[0].answer, Answer::yes);  // the license itself qualifies
  EXPECT_EQ(e.exemption.answer, Answer::no);
  EXPECT_EQ(e.notification.answer, Answer::yes);
  EXPECT_EQ(e.notification.article, "Art. 52(1)");
}

TEST(EuAiActTest, ApiOnlyModelHasNoExemption) {
  Release r = open_release("Apache-2.0", 1'700'000'000, 11e12);
  r.access = "api";
  r.component(ComponentKind::model_parameters_final).presence = Presence::absent;
  EuAiActAssessment e = assess_eu_ai_act(assessed(r));
  EXPECT_EQ(e.exemption_conditions[1].answer, Answer::no);
  EXPECT_EQ(e.exemption.answer, Answer::no);
}

TEST(EuAiActTest, ExemptionUnknownWhileSystemicRiskIsUnknown) {
  EuAiActAssessment e = assess_eu_ai_act(assessed(open_release("Apache-2.0", 1'700'000'000, std::nullopt)));
  EXPECT_EQ(e.systemic_risk.answer, Answer::unknown);
  EXPECT_EQ(e.exemption.answer, Answer::unknown);
}

TEST(EuAiActTest, ModifierBecomesProviderAboveAThirdOfTheOriginal) {
  ComputeEstimate base = stated(3e24);
  EXPECT_EQ(judge_modification(stated(1e24), base).answer, Answer::no);  // exactly a third
  EXPECT_EQ(judge_modification(stated(1.1e24), base).answer, Answer::yes);
  EXPECT_EQ(judge_modification(unknown_compute(), base).answer, Answer::unknown);
}

TEST(EuAiActTest, ModificationFallbacksWhenTheOriginalIsUnknown) {
  ComputeEstimate base = unknown_compute();
  // At or below a third of 10^23: no provider, whatever the original.
  EXPECT_EQ(judge_modification(stated(1e23 / 3), base).answer, Answer::no);
  // Between the two fallbacks: depends on whether the original has systemic risk.
  Statement between = judge_modification(stated(1e23), base);
  EXPECT_EQ(between.answer, Answer::unknown);
  EXPECT_NE(between.text.find("3.33e22"), std::string::npos) << between.text;
  EXPECT_NE(between.text.find("3.33e24"), std::string::npos) << between.text;
  // Above a third of 10^25: a provider under either fallback.
  EXPECT_EQ(judge_modification(stated(3.4e24), base).answer, Answer::yes);
}

TEST(EuAiActTest, ModificationCountsTheBaseComputeTowardsTheThresholds) {
  Modification m;
  m.base = "meta-llama/Llama-3.1-8B";
  m.base_compute = stated(7.2e23);
  // The fine-tune's own 2e21 FLOP alone would not meet 10^23; with its base it does.
  ComputeEstimate c = cumulative_compute(stated(2e21), {m});
  EXPECT_EQ(c.basis, ComputeEstimate::Basis::estimated);
  EXPECT_DOUBLE_EQ(*c.flop, 7.2e23 + 2e21);
  // Own compute unknown: the base's figure is a lower bound, enough to say yes, never no.
  ComputeEstimate lower = cumulative_compute(unknown_compute(), {m});
  EXPECT_EQ(lower.basis, ComputeEstimate::Basis::lower_bound);
  Release r = open_release("Apache-2.0", 1, 1);
  EXPECT_EQ(judge_gpai(lower, r.outputs).answer, Answer::yes);
  EXPECT_EQ(judge_systemic_risk(lower, judge_gpai(lower, r.outputs)).answer, Answer::unknown);
  // No base compute known: unknown.
  m.base_compute = unknown_compute();
  EXPECT_EQ(cumulative_compute(stated(2e21), {m}).basis, ComputeEstimate::Basis::unknown);
}

TEST(EuAiActTest, DatesFollowTheReleaseDate) {
  Release r = open_release("Apache-2.0", 1, 1);
  r.released = "2024-07-23";
  EuAiActAssessment before = assess_eu_ai_act(assessed(r));
  ASSERT_EQ(before.dates.size(), 3u);
  EXPECT_FALSE(before.dates[0].applies);
  EXPECT_TRUE(before.dates[2].applies);
  EXPECT_EQ(before.dates[2].article, "Art. 111(3)");
  r.released = "2025-08-05";
  EuAiActAssessment after = assess_eu_ai_act(assessed(r));
  EXPECT_TRUE(after.dates[0].applies);
  EXPECT_FALSE(after.dates[2].applies);
  r.released = "2025-08";  // which side of the 2nd is unknown
  EuAiActAssessment month = assess_eu_ai_act(assessed(r));
  EXPECT_FALSE(month.dates[0].applies);
  EXPECT_FALSE(month.dates[2].applies);
}

TEST(EuAiActTest, FormatsScientific) {
  EXPECT_EQ(format_scientific(3.645e25), "3.65e25");
  EXPECT_EQ(format_scientific(1e23 / 3), "3.33e22");
  EXPECT_EQ(format_scientific(7e9), "7e9");
  EXPECT_EQ(format_scientific(1.5e13), "1.5e13");
}

}  // namespace
}  // namespace aperture::regulation
