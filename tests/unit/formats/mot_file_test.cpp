#include <aperture/formats/mot_file.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace aperture::formats {
namespace {

using release::ComponentKind;
using release::Presence;

constexpr const char* k_model = R"(framework:
  name: 'Model Openness Framework'
  version: '1.0'
  date: '2024-12-15'
release:
  name: Tiny
  version: 7B
  producer: Example Lab
  repository: 'https://github.com/example/tiny'
  huggingface: 'https://huggingface.co/example/tiny'
  license:
    distribution:
      name: Apache-2.0
      path: 'https://example.com/LICENSE'
    document:
      name: CC-BY-4.0
      path: ''
  components:
    -
      name: 'Model architecture'
      description: "Well commented code for the model's architecture"
      component_path: 'https://github.com/example/tiny/model.py'
      license: MIT
      license_path: 'https://example.com/MIT'
    -
      name: 'Model parameters (Final)'
      description: 'Trained model parameters, weights and biases'
    -
      name: 'Model card'
      description: 'Model details'
    -
      name: Datasets
      license: unlicensed
    -
      name: 'Evaluation data'
      license: ''
    -
      name: 'Training code'
      license: ~
    -
      name: 'Inference code'
      license: 'Component not included'
    -
      name: 'Flux capacitor'
)";

release::Release read_ok(const std::string& yaml) {
  auto r = read_mot_file(yaml, "models/Tiny.yml");
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().to_string());
  return r ? std::move(r).value() : release::Release{};
}

TEST(MotFileTest, ReadsReleaseFacts) {
  release::Release r = read_ok(k_model);
  EXPECT_EQ(r.input_kind, "mot");
  EXPECT_EQ(r.target, "models/Tiny.yml");
  EXPECT_EQ(r.name, "Tiny");
  EXPECT_EQ(r.version, "7B");
  EXPECT_EQ(r.publisher, "Example Lab");
  EXPECT_EQ(r.url, "https://github.com/example/tiny");
}

TEST(MotFileTest, ComponentLicenseAsWrittenWithEvidence) {
  release::Release r = read_ok(k_model);
  const release::Component& arch = r.component(ComponentKind::model_architecture);
  EXPECT_EQ(arch.presence, Presence::present);
  EXPECT_EQ(arch.license, "MIT");
  EXPECT_EQ(arch.license_id, "MIT");
  ASSERT_EQ(arch.evidence.size(), 2U);
  EXPECT_EQ(arch.evidence[0].file, "models/Tiny.yml");
  EXPECT_EQ(arch.evidence[0].line, 20U);
  EXPECT_EQ(arch.evidence[0].url, "https://github.com/example/tiny/model.py");
  EXPECT_EQ(arch.evidence[1].line, 23U);
  EXPECT_EQ(arch.evidence[1].quote, "license: MIT");
  EXPECT_EQ(arch.evidence[1].url, "https://example.com/MIT");
}

TEST(MotFileTest, GlobalLicensesApplyByContentTypeThenDistribution) {
  release::Release r = read_ok(k_model);
  // Data component without its own license: no data license, so distribution.
  const release::Component& weights = r.component(ComponentKind::model_parameters_final);
  EXPECT_EQ(weights.license, "Apache-2.0");
  ASSERT_EQ(weights.evidence.size(), 2U);
  EXPECT_EQ(weights.evidence[1].line, 13U);
  EXPECT_EQ(weights.evidence[1].quote, "release.license.distribution.name: Apache-2.0");
  EXPECT_EQ(weights.evidence[1].url, "https://example.com/LICENSE");
  // Document component: the document license wins over distribution.
  EXPECT_EQ(r.component(ComponentKind::model_card).license, "CC-BY-4.0");
  // A null license falls back like a missing one.
  EXPECT_EQ(r.component(ComponentKind::training_code).license, "Apache-2.0");
}

TEST(MotFileTest, OwnLicenseKeyBlocksFallbackEvenWhenEmpty) {
  release::Release r = read_ok(k_model);
  EXPECT_EQ(r.component(ComponentKind::datasets).license, "unlicensed");
  EXPECT_EQ(r.component(ComponentKind::datasets).presence, Presence::present);
  EXPECT_EQ(r.component(ComponentKind::evaluation_data).license, "");
  EXPECT_EQ(r.component(ComponentKind::evaluation_data).presence, Presence::present);
}

TEST(MotFileTest, UnlistedAndNotIncludedComponentsAreAbsent) {
  release::Release r = read_ok(k_model);
  EXPECT_EQ(r.component(ComponentKind::inference_code).presence, Presence::absent);
  EXPECT_EQ(r.component(ComponentKind::research_paper).presence, Presence::absent);
  EXPECT_EQ(r.component(ComponentKind::research_paper).license, "");
  EXPECT_EQ(r.component(ComponentKind::safety_tooling).presence, Presence::absent);
}

TEST(MotFileTest, UnknownComponentIsAFinding) {
  release::Release r = read_ok(k_model);
  ASSERT_EQ(r.findings.size(), 1U);
  EXPECT_EQ(r.findings[0].rule, "mot-unknown-component");
  EXPECT_NE(r.findings[0].message.find("Flux capacitor"), std::string::npos);
  ASSERT_EQ(r.findings[0].evidence.size(), 1U);
  EXPECT_EQ(r.findings[0].evidence[0].line, 44U);
}

TEST(MotFileTest, LooksLikeMot) {
  EXPECT_TRUE(looks_like_mot(YAML::Load("framework: {name: Model Openness Framework}")));
  EXPECT_TRUE(looks_like_mot(YAML::Load("release: {components: []}")));
  EXPECT_FALSE(looks_like_mot(YAML::Load("license: mit\ntags: [a]")));
  EXPECT_FALSE(looks_like_mot(YAML::Load("just a string")));
  EXPECT_FALSE(looks_like_mot(YAML::Load("framework: scalar\nrelease: [1, 2]")));
}

TEST(MotFileTest, RefusesBadInputWithOneLineNamingTheFile) {
  struct Case {
    const char* name;
    std::string yaml;
    util::ErrorCode code;
  };
  const Case cases[] = {
      {"malformed", "release:\n  components: [\n", util::ErrorCode::parse},
      {"too deep", "release: " + std::string(100, '[') + std::string(100, ']'), util::ErrorCode::parse},
      {"too large", "release:\n  name: '" + std::string(2 << 20, 'x') + "'\n", util::ErrorCode::parse},
      {"not mot", "license: mit\n", util::ErrorCode::invalid},
      {"empty", "", util::ErrorCode::invalid},
  };
  for (const Case& c : cases) {
    auto r = read_mot_file(c.yaml, "bad.yml");
    ASSERT_FALSE(r.has_value()) << c.name;
    EXPECT_EQ(r.error().code, c.code) << c.name;
    EXPECT_EQ(r.error().path, "bad.yml") << c.name;
    EXPECT_EQ(r.error().to_string().find('\n'), std::string::npos) << c.name;
  }
}

TEST(MotFileTest, OddShapesDoNotThrow) {
  const char* cases[] = {
      "release: {components: [1, [2], {name: [x]}, {name: Datasets, license: [a, b]}]}",
      "release: {license: scalar, components: [{name: Datasets}]}",
      "release: {license: {distribution: {name: {a: b}}}, components: [{name: 'Model card'}]}",
      "framework: {name: Model Openness Framework}\nrelease: 42",
  };
  for (const char* yaml : cases) {
    auto r = read_mot_file(yaml, "odd.yml");
    EXPECT_TRUE(r.has_value()) << yaml << ": " << (r ? "" : r.error().to_string());
  }
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(MotFileTest, ReadsEveryCorpusModel) {
  APERTURE_REQUIRE_SHARED(shared);
  std::filesystem::path mot = shared / "corpus" / "mot";
  int models = 0;
  for (const char* dir : {"models", "Test_Data"}) {
    for (const auto& entry : std::filesystem::directory_iterator(mot / dir)) {
      if (entry.path().extension() != ".yml") {
        continue;
      }
      auto r = read_mot_file(slurp(entry.path()), entry.path().filename().string());
      ASSERT_TRUE(r.has_value()) << r.error().to_string();
      EXPECT_FALSE(r->name.empty()) << entry.path();
      EXPECT_TRUE(r->findings.empty()) << entry.path() << ": " << r->findings.front().message;
      models += std::string(dir) == "models" ? 1 : 0;
    }
  }
  EXPECT_EQ(models, 273);
}

}  // namespace
}  // namespace aperture::formats
