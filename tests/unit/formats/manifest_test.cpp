#include <string>

#include <gtest/gtest.h>

#include <aperture/formats/manifest.hpp>
#include <aperture/frameworks/assessment.hpp>

namespace aperture::formats {
namespace {

using release::ComponentKind;
using release::Presence;

constexpr const char* k_weights = R"(aperture: release/1
id: tiny-chat-7b
name: Tiny Chat 7B
publisher: Example Lab
released: 2025-03
checked: 2026-11-20
url: https://example.com/tiny
access: weights
outputs: [text, code]
parameters:
  count: 7.0e9
  source: https://example.com/tiny/card
  note: nominal
training_tokens:
  count: 2e12
  source: https://example.com/tiny/report
license:
  id: LicenseRef-Llama-3.1
  source: https://example.com/tiny/LICENSE
base_models:
  - name: example/tiny-base
    relation: finetune
    source: https://example.com/tiny/card
components:
  model-parameters-final:
    published: true
    where: https://example.com/tiny/weights
  inference-code:
    published: true
    license: MIT
    where: https://github.com/example/tiny
    checked: 2026-11-25
  training-code:
    published: false
    source: https://example.com/tiny/faq
claims:
  - text: "Tiny Chat is open source"
    source: https://example.com/blog
)";

Manifest read(const std::string& text) {
  auto m = read_manifest(text, "tiny.yaml");
  EXPECT_TRUE(m) << (m ? "" : m.error().to_string());
  return m ? std::move(m).value() : Manifest{};
}

std::string error_of(const std::string& text) {
  auto m = read_manifest(text, "bad.yaml");
  return m ? std::string("no error") : m.error().to_string();
}

TEST(ManifestTest, ReadsEveryFactWithItsSourceAndDate) {
  Manifest m = read(k_weights);
  const release::Release& r = m.release;
  EXPECT_EQ(m.id, "tiny-chat-7b");
  EXPECT_EQ(r.input_kind, "manifest");
  EXPECT_EQ(r.name, "Tiny Chat 7B");
  EXPECT_EQ(r.publisher, "Example Lab");
  EXPECT_EQ(r.released, "2025-03");
  EXPECT_EQ(r.access, "weights");
  EXPECT_EQ(r.outputs, (std::vector<std::string>{"text", "code"}));
  EXPECT_EQ(r.parameter_count, 7000000000ULL);
  EXPECT_EQ(r.parameter_evidence.url, "https://example.com/tiny/card");
  EXPECT_EQ(r.parameter_evidence.quote, "nominal");
  EXPECT_EQ(r.parameter_evidence.checked, "2026-11-20");
  ASSERT_TRUE(r.training_tokens);
  EXPECT_DOUBLE_EQ(*r.training_tokens, 2e12);
  ASSERT_EQ(r.base_models.size(), 1u);
  EXPECT_EQ(r.base_models[0].relation, "finetune");
  ASSERT_EQ(r.licenses.size(), 1u);
  EXPECT_EQ(r.licenses[0].match.id, "LicenseRef-Llama-3.1");
  EXPECT_EQ(r.licenses[0].role, "manifest");
  EXPECT_EQ(release::release_license(r), "LicenseRef-Llama-3.1");
}

TEST(ManifestTest, ComponentsAndTheReleaseLicenseCoveringTheWeights) {
  Manifest m = read(k_weights);
  const release::Release& r = m.release;
  const release::Component& weights = r.component(ComponentKind::model_parameters_final);
  EXPECT_EQ(weights.presence, Presence::present);
  EXPECT_EQ(weights.license_id, "LicenseRef-Llama-3.1");
  const release::Component& code = r.component(ComponentKind::inference_code);
  EXPECT_EQ(code.license_id, "MIT");
  ASSERT_FALSE(code.evidence.empty());
  EXPECT_EQ(code.evidence[0].url, "https://github.com/example/tiny");
  EXPECT_EQ(code.evidence[0].checked, "2026-11-25");  // the fact's own date wins
  EXPECT_EQ(r.component(ComponentKind::training_code).presence, Presence::absent);
  EXPECT_EQ(r.component(ComponentKind::datasets).presence, Presence::unknown);  // not listed: unknown
}

TEST(ManifestTest, AnOpenSourceClaimIsCheckedForOpenWashing) {
  frameworks::Assessment a = frameworks::assess_release(read(k_weights).release);
  auto washing = std::find_if(a.findings.begin(), a.findings.end(),
                              [](const release::Finding& f) { return f.rule == "open-washing"; });
  ASSERT_NE(washing, a.findings.end());
  EXPECT_EQ(washing->severity, release::Severity::error);  // Llama 3.1 fails the OSD
  EXPECT_EQ(washing->evidence.front().url, "https://example.com/blog");
}

TEST(ManifestTest, AnApiOnlyReleaseWithServiceTerms) {
  Manifest m = read(R"(aperture: release/1
name: Hosted 1
publisher: Example Cloud
checked: 2026-11-20
access: api
license: {id: proprietary, source: https://example.com/terms}
components:
  technical-report: {published: true, license: proprietary, where: https://example.com/report.pdf}
)");
  const release::Release& r = m.release;
  EXPECT_EQ(r.component(ComponentKind::model_parameters_final).presence, Presence::absent);
  EXPECT_TRUE(r.licenses.empty());  // no license grants rights
  frameworks::Assessment a = frameworks::assess_release(r);
  EXPECT_EQ(a.spectrum.level, 2);  // API with published documentation
  for (const auto& f : a.findings) {
    EXPECT_NE(f.rule, "license-missing") << f.message;  // service terms are an answer
    EXPECT_NE(f.rule, "license-without-text") << f.message;
  }
}

TEST(ManifestTest, AnUnknownLicenseNameIsAWarningNotAGuess) {
  Manifest m = read(R"(aperture: release/1
name: X
publisher: Y
checked: 2026-11-20
access: weights
license: {id: LicenseRef-Nobody-Knows, source: https://example.com/l}
)");
  EXPECT_TRUE(m.release.licenses.empty());
  frameworks::Assessment a = frameworks::assess_release(m.release);
  ASSERT_FALSE(a.findings.empty());
  EXPECT_EQ(a.findings[0].rule, "license-unknown");
}

TEST(ManifestTest, MistakesAreOneLineErrorsNamingFileAndLine) {
  std::string base = "aperture: release/1\nname: X\npublisher: Y\nchecked: 2026-11-20\naccess: weights\n";
  EXPECT_EQ(error_of(base + "licence: {id: MIT}\n"), "bad.yaml: line 6: unknown key 'licence'");
  EXPECT_EQ(error_of("aperture: release/1\npublisher: Y\nchecked: 2026-11-20\naccess: api\n"),
            "bad.yaml: line 1: 'name' is required");
  EXPECT_EQ(error_of("aperture: release/2\nname: X\n"),
            "bad.yaml: line 1: unsupported manifest format 'release/2' (this Aperture reads release/1)");
  EXPECT_NE(error_of(base + "released: 2025-13-40x\n").find("is not a date"), std::string::npos);
  EXPECT_NE(
      error_of(base + "components:\n  weights: {published: true}\n").find("'weights' is not a component id"),
      std::string::npos);
  EXPECT_NE(
      error_of(base + "components:\n  model-card: {published: yes}\n").find("published is true or false"),
      std::string::npos);
  EXPECT_NE(error_of(base + "parameters: {count: lots}\n").find("must be a positive number"),
            std::string::npos);
  EXPECT_NE(error_of(base + "claims:\n  - text: the best model\n").find("about openness"), std::string::npos);
  EXPECT_EQ(error_of(base + "access: api\n"), "bad.yaml: line 6: 'access' is repeated");
  EXPECT_NE(
      error_of(base + "components:\n  model-card: {published: true}\n  model-card: {published: false}\n")
          .find("component 'model-card' is repeated"),
      std::string::npos);
  EXPECT_NE(error_of(base + "id: Bad_Id\n").find("may hold only"), std::string::npos);
  EXPECT_NE(error_of("[1, 2").find("bad.yaml"), std::string::npos);
  EXPECT_NE(error_of("- a\n- b\n").find("a manifest is a YAML mapping"), std::string::npos);
}

TEST(ManifestTest, VariantsAreHubPathsWithTheirSources) {
  std::string base = "aperture: release/1\nname: X\npublisher: Y\nchecked: 2026-11-20\naccess: weights\n";
  auto m = read_manifest(base + "variants:\n  - hub: org/X-Instruct\n    source: https://example.com/x-instruct\n"
                                "  - hub: org/Old-X\n    source: https://example.com/x\n    note: former name\n",
                         "x.yaml");
  ASSERT_TRUE(m) << m.error().to_string();
  ASSERT_EQ(m->release.variants.size(), 2u);
  EXPECT_EQ(m->release.variants[0].quote, "org/X-Instruct");
  EXPECT_EQ(m->release.variants[0].url, "https://example.com/x-instruct");
  EXPECT_EQ(m->release.variants[0].line, 7u);
  EXPECT_EQ(m->release.variants[1].checked, "2026-11-20");
  EXPECT_NE(error_of(base + "variants:\n  - hub: X-Instruct\n    source: https://e.com\n").find("owner/name"),
            std::string::npos);
  EXPECT_NE(error_of(base + "variants:\n  - hub: org/X\n").find("'source' is required"), std::string::npos);
  EXPECT_NE(error_of(base + "variants:\n  - org/X\n").find("a variant is a mapping"), std::string::npos);
}

constexpr const char* k_dataset = R"(aperture: dataset/1
id: nc-data
name: NC Data
publisher: Example Lab
checked: 2026-11-20
url: https://example.com/nc-data
hub_ids: [example/nc-data, nc_data]
license:
  id: cc-by-nc-4.0 and mit
  source: https://example.com/nc-data/README.md
  quote: "license: cc-by-nc-4.0"
note: generated with another lab's model
note_source: https://example.com/nc-data/how
)";

TEST(ManifestTest, DatasetEntriesReadTheirLicenseAndNames) {
  auto d = read_dataset_manifest(k_dataset, "data/datasets/nc-data.yaml");
  ASSERT_TRUE(d) << d.error().to_string();
  EXPECT_EQ(d->id, "nc-data");
  EXPECT_EQ(d->hub_ids, (std::vector<std::string>{"example/nc-data", "nc_data"}));
  EXPECT_EQ(d->license, "CC-BY-NC-4.0 AND MIT");  // canonical
  EXPECT_EQ(d->license_evidence.file, "data/datasets/nc-data.yaml");
  EXPECT_EQ(d->license_evidence.line, 9u);
  EXPECT_EQ(d->license_evidence.url, "https://example.com/nc-data/README.md");
  EXPECT_EQ(d->license_evidence.quote, "license: cc-by-nc-4.0");
  EXPECT_EQ(d->license_evidence.checked, "2026-11-20");
  EXPECT_EQ(d->note.quote, "generated with another lab's model");
  EXPECT_EQ(d->note.url, "https://example.com/nc-data/how");
}

TEST(ManifestTest, DatasetEntryMistakesAreOneLineErrors) {
  auto error = [](const std::string& text) {
    auto d = read_dataset_manifest(text, "d.yaml");
    return d ? std::string() : d.error().to_string();
  };
  std::string head = "aperture: dataset/1\nid: d\nname: D\nchecked: 2026-11-20\n";
  EXPECT_NE(error(head).find("'license' is required"), std::string::npos);
  EXPECT_NE(error(head + "license: {id: Not-A-License, source: https://e.com}\n").find("unknown license id"),
            std::string::npos);
  EXPECT_TRUE(error(head + "license: {id: other, source: https://e.com}\n").empty());
  EXPECT_NE(error(head + "license: {id: MIT}\n").find("'source' is required"), std::string::npos);
  EXPECT_NE(error(head + "licence: {id: MIT}\n").find("unknown key 'licence'"), std::string::npos);
  EXPECT_NE(error("aperture: release/1\nid: d\n").find("unsupported dataset format"), std::string::npos);
  EXPECT_NE(error(head + "hub_ids: [[a]]\nlicense: {id: MIT, source: https://e.com}\n").find("hub_ids"),
            std::string::npos);
}

TEST(ManifestTest, HostileYamlIsRefused) {
  std::string deep = "aperture: release/1\nname: " + std::string(500, '[') + "\n";
  EXPECT_NE(error_of(deep), "no error");
  std::string laughs =
      "aperture: release/1\na: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n";
  EXPECT_NE(error_of(laughs), "no error");  // an unknown key, and never expanded
  EXPECT_NE(error_of(std::string(k_max_manifest_bytes + 1, 'a')).find("at most 1 MiB"), std::string::npos);
}

TEST(ManifestTest, LooksLikeManifest) {
  EXPECT_TRUE(looks_like_manifest("# a comment\naperture: release/1\n"));
  EXPECT_FALSE(looks_like_manifest("release:\n  name: x\n  aperture: 1\n"));
}

}  // namespace
}  // namespace aperture::formats
