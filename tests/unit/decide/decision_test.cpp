// Tests src/aperture/decide/decision.cpp: the answers for well-known releases
// (catalog entries) and for releases built here, each with its evidence.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include <aperture/decide/decision.hpp>
#include <aperture/scan/scanner.hpp>

#include "support/test_support.hpp"

namespace aperture::decide {
namespace {

using release::ComponentKind;
using release::Presence;

frameworks::Assessment catalog_entry(const std::string& id) {
  auto r = scan::scan_target(id);
  EXPECT_TRUE(r) << id;
  return frameworks::assess_release(std::move(*r));
}

// A weights release under `license` (as a card's metadata declares it).
release::Release weights_under(const std::string& license) {
  release::Release r;
  r.target = "model";
  r.name = "model";
  r.access = "weights";
  release::Component& w = r.component(ComponentKind::model_parameters_final);
  w.presence = Presence::present;
  w.license = license;
  w.license_id = license;
  release::FoundLicense f;
  f.match.id = license;
  f.match.lines = {{3, 3}};
  f.file = "README.md";
  f.role = "card-metadata";
  r.licenses.push_back(f);
  return r;
}

frameworks::Assessment release_under(const std::string& license) {
  return frameworks::assess_release(weights_under(license));
}

Requirements needs(const std::string& list) {
  auto r = parse_requirements(list);
  EXPECT_TRUE(r) << list;
  return *r;
}

const Check& check_of(const Decision& d, const std::string& rule) {
  auto it = std::find_if(d.checks.begin(), d.checks.end(), [&](const Check& c) { return c.rule == rule; });
  if (it == d.checks.end()) {
    ADD_FAILURE() << "no check " << rule;
    static Check none;
    return none;
  }
  return *it;
}

bool has_obligation(const Decision& d, const std::string& kind) {
  return std::any_of(d.obligations.begin(), d.obligations.end(),
                     [&](const Obligation& o) { return o.kind == kind; });
}

TEST(DecisionTest, LlamaCommercialUseIsAllowedWithItsObligations) {
  Decision d = decide(catalog_entry("llama-3.1-8b"), needs("commercial"));
  EXPECT_EQ(d.verdict, Verdict::allowed_with_obligations);
  const Check& c = check_of(d, "commercial");
  EXPECT_EQ(c.outcome, Verdict::allowed_with_obligations);
  ASSERT_FALSE(c.evidence.empty());
  EXPECT_EQ(c.evidence[0].clause, "2");
  EXPECT_NE(c.evidence[0].url.find("llama3_1/LICENSE"), std::string::npos);
  EXPECT_EQ(c.evidence[0].file, "data/catalog/llama-3.1-8b.yaml");
  EXPECT_GT(c.evidence[0].line, 0u);
  EXPECT_TRUE(has_obligation(d, "display"));
  EXPECT_TRUE(has_obligation(d, "name-prefix"));
  EXPECT_TRUE(has_obligation(d, "use-policy"));
  EXPECT_TRUE(has_obligation(d, "field-of-use"));
  EXPECT_TRUE(has_obligation(d, "user-threshold"));
}

TEST(DecisionTest, UsersAboveLlamasThresholdAreBlockedCitingSection2) {
  Decision d = decide(catalog_entry("llama-3.1-8b"), needs("users=800M"));
  EXPECT_EQ(d.verdict, Verdict::blocked);
  const Check& c = check_of(d, "users");
  EXPECT_EQ(c.outcome, Verdict::blocked);
  EXPECT_NE(c.message.find("700 million monthly active users"), std::string::npos) << c.message;
  EXPECT_EQ(c.evidence.at(0).clause, "2");

  Decision below = decide(catalog_entry("llama-3.1-8b"), needs("users=700M"));
  EXPECT_EQ(check_of(below, "users").outcome, Verdict::allowed_with_obligations);
}

TEST(DecisionTest, ApacheWeightsAreAllowedForEverything) {
  Decision d = decide(catalog_entry("mistral-7b-v0.1"),
                      needs("commercial,redistribute,fine-tune,on-prem,eu,users=2B"));
  for (const Check& c : d.checks) {
    EXPECT_EQ(c.outcome, Verdict::allowed) << c.rule << ": " << c.message;
  }
  // Apache-2.0's notices are duties still.
  EXPECT_EQ(d.verdict, Verdict::allowed_with_obligations);
  EXPECT_TRUE(has_obligation(d, "notice"));
}

TEST(DecisionTest, NonCommercialLicensesBlockCommercialUse) {
  for (const char* license : {"CC-BY-NC-4.0", "LicenseRef-FLUX.1-dev-Non-Commercial"}) {
    Decision d = decide(release_under(license), needs("commercial"));
    EXPECT_EQ(d.verdict, Verdict::blocked) << license;
    const Check& c = check_of(d, "commercial");
    EXPECT_EQ(c.outcome, Verdict::blocked) << license;
    EXPECT_EQ(c.evidence.at(0).file, "README.md") << license;
    EXPECT_EQ(c.evidence.at(0).line, 3u) << license;
    EXPECT_FALSE(c.evidence.at(0).quote.empty()) << license;
  }
}

TEST(DecisionTest, FluxMayBeFineTunedButNotUsedToTrainCompetitors) {
  Decision d = decide(catalog_entry("flux.1-dev"), needs("fine-tune"));
  EXPECT_EQ(check_of(d, "fine-tune").outcome, Verdict::allowed);
  EXPECT_TRUE(has_obligation(d, "improve-other-models"));
  EXPECT_TRUE(has_obligation(d, "flow-down"));
}

// The card says MIT, but the LICENSE file beside it is a changed text.
frameworks::Assessment mit_with_changed_license_file(std::vector<release::ModifiedLicense::Clause> clauses) {
  release::Release r = weights_under("MIT");
  r.modified_licenses.push_back({"LICENSE", "MIT", 0.99, {1, 23}, std::move(clauses)});
  return frameworks::assess_release(std::move(r));
}

TEST(DecisionTest, AChangedLicenseFileMakesTheAnswerUnknownAndItsNonCommercialClauseBlocks) {
  Decision open = decide(mit_with_changed_license_file({}), needs("commercial"));
  EXPECT_EQ(open.verdict, Verdict::unknown);
  auto changed = std::find_if(open.checks.begin(), open.checks.end(), [](const Check& c) {
    return c.rule == "license" && c.outcome == Verdict::unknown;
  });
  ASSERT_NE(changed, open.checks.end());
  EXPECT_NE(changed->message.find("LICENSE holds a changed MIT text"), std::string::npos) << changed->message;
  ASSERT_EQ(changed->evidence.size(), 1u);
  EXPECT_EQ(changed->evidence[0].file, "LICENSE");
  EXPECT_EQ(changed->evidence[0].line, 1u);

  Decision nc = decide(mit_with_changed_license_file(
                           {{"non-commercial", {"LICENSE", 15, {}, "for non-commercial purposes only"}}}),
                       needs("commercial"));
  EXPECT_EQ(nc.verdict, Verdict::blocked);
  auto blocked = std::find_if(nc.checks.begin(), nc.checks.end(), [](const Check& c) {
    return c.rule == "commercial" && c.outcome == Verdict::blocked;
  });
  ASSERT_NE(blocked, nc.checks.end());
  ASSERT_EQ(blocked->evidence.size(), 1u);
  EXPECT_EQ(blocked->evidence[0].line, 15u);
  // Not asked for commercial use: the clause blocks nothing, the answer stays unknown.
  EXPECT_EQ(decide(mit_with_changed_license_file({{"non-commercial", {"LICENSE", 15, {}, "x"}}}),
                   needs("fine-tune"))
                .verdict,
            Verdict::unknown);
}

TEST(DecisionTest, ApiOnlyReleasesCannotRunOnPremises) {
  Decision d = decide(catalog_entry("gpt-4o"), needs("on-prem"));
  EXPECT_EQ(d.verdict, Verdict::blocked);
  const Check& c = check_of(d, "on-prem");
  EXPECT_EQ(c.outcome, Verdict::blocked);
  EXPECT_EQ(c.evidence.at(0).file, "data/catalog/gpt-4o.yaml");
}

TEST(DecisionTest, AnUnknownLicenseIsUnknownNotAllowed) {
  release::Release r;
  r.target = "bare";
  r.access = "weights";
  Decision d = decide(frameworks::assess_release(std::move(r)), needs("commercial"));
  EXPECT_EQ(d.verdict, Verdict::unknown);
  EXPECT_EQ(check_of(d, "commercial").outcome, Verdict::unknown);
  EXPECT_EQ(check_of(d, "license").outcome, Verdict::unknown);
}

TEST(DecisionTest, TheEuClauseForMultimodalModelsNeedsToKnowTheModality) {
  // Llama 3.2's EU paragraph covers its multimodal models only.
  frameworks::Assessment text = release_under("LicenseRef-Llama-3.2");
  text.release.architecture = "llama (LlamaForCausalLM)";
  EXPECT_EQ(check_of(decide(text, needs("eu")), "eu").outcome, Verdict::allowed);

  frameworks::Assessment vision = release_under("LicenseRef-Llama-3.2");
  vision.release.name = "Llama-3.2-11B-Vision-Instruct";
  const Decision blocked = decide(vision, needs("eu"));
  EXPECT_EQ(check_of(blocked, "eu").outcome, Verdict::blocked);
  EXPECT_NE(check_of(blocked, "eu").evidence.at(0).quote.find("European Union"), std::string::npos);

  EXPECT_EQ(check_of(decide(release_under("LicenseRef-Llama-3.2"), needs("eu")), "eu").outcome,
            Verdict::unknown);
  EXPECT_EQ(check_of(decide(release_under("LicenseRef-Llama-3.1"), needs("eu")), "eu").outcome,
            Verdict::allowed);
}

TEST(DecisionTest, PolicyRulesDecideWithTheirLines) {
  Policy p;
  p.path = "policy.yaml";
  p.deny_licenses = {Rule{"CC-BY-NC-*", 2}};
  p.deny_terms = {Rule{"licensor-can-change-policy", 3}, Rule{"flow-down", 4}};
  Decision nc = decide(release_under("CC-BY-NC-4.0"), p);
  const Check& denied = check_of(nc, "deny-licenses");
  EXPECT_EQ(denied.outcome, Verdict::blocked);
  EXPECT_EQ(denied.evidence.back().file, "policy.yaml");
  EXPECT_EQ(denied.evidence.back().line, 2u);

  Decision llama = decide(catalog_entry("llama-3.1-8b"), p);
  EXPECT_EQ(check_of(llama, "deny-terms:licensor-can-change-policy").outcome, Verdict::blocked);
  EXPECT_EQ(check_of(llama, "deny-terms:flow-down").outcome, Verdict::allowed);
  EXPECT_EQ(check_of(llama, "deny-licenses").outcome, Verdict::allowed);
  EXPECT_EQ(llama.verdict, Verdict::blocked);
}

TEST(DecisionTest, AllowListsAndOpennessRules) {
  Policy p;
  p.allow_licenses = {Rule{"Apache-2.0", 1}};
  p.require_osd = true;
  p.min_spectrum_level = 4;
  p.require_evidence = {Rule{"datasets", 5}};
  Decision olmo = decide(catalog_entry("olmo-2-7b"), p);
  EXPECT_EQ(check_of(olmo, "allow-licenses").outcome, Verdict::allowed);
  EXPECT_EQ(check_of(olmo, "require-osd").outcome, Verdict::allowed);
  EXPECT_EQ(check_of(olmo, "require-evidence:datasets").outcome, Verdict::allowed);

  Decision llama = decide(catalog_entry("llama-3.1-8b"), p);
  EXPECT_EQ(check_of(llama, "allow-licenses").outcome, Verdict::blocked);
  EXPECT_EQ(check_of(llama, "require-osd").outcome, Verdict::blocked);
  EXPECT_EQ(check_of(llama, "min-spectrum-level").outcome, Verdict::blocked);
  EXPECT_EQ(check_of(llama, "require-evidence:datasets").outcome, Verdict::blocked);
}

TEST(DecisionTest, OrTakesTheAlternativeThatServesBest) {
  Decision d = decide(release_under("CC-BY-NC-4.0 OR MIT"), needs("commercial"));
  EXPECT_EQ(check_of(d, "commercial").outcome, Verdict::allowed);
  Decision both = decide(release_under("CC-BY-NC-4.0 AND MIT"), needs("commercial"));
  EXPECT_EQ(check_of(both, "commercial").outcome, Verdict::blocked);
}

}  // namespace
}  // namespace aperture::decide

namespace aperture::decide {
namespace {

TEST(DecisionTest, InheritedObligationsAreListedAndAnInheritedNonCommercialBanBlocks) {
  frameworks::Assessment a = release_under("Apache-2.0");
  lineage::Obligation o;
  o.kind = "non-commercial";
  o.text = "NonCommercial purposes only";
  o.license = "CC-BY-NC-4.0";
  o.ancestor = "org/base-model";
  o.evidence.url = "https://creativecommons.org/licenses/by-nc/4.0/legalcode";
  o.evidence.file = "README.md";
  o.evidence.line = 4;
  a.lineage.obligations.push_back(o);
  Decision d = decide(a, needs("commercial"));
  EXPECT_EQ(d.verdict, Verdict::blocked);
  auto it = std::find_if(d.obligations.begin(), d.obligations.end(),
                         [](const Obligation& x) { return x.inherited_from == "org/base-model"; });
  ASSERT_NE(it, d.obligations.end());
  EXPECT_EQ(it->cite.line, 4u);
  bool blocked = std::any_of(d.checks.begin(), d.checks.end(), [](const Check& c) {
    return c.rule == "commercial" && c.outcome == Verdict::blocked &&
           c.message.find("org/base-model") != std::string::npos;
  });
  EXPECT_TRUE(blocked);
}

}  // namespace
}  // namespace aperture::decide
