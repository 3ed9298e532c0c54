#include <aperture/formats/osai_file.hpp>

#include <gtest/gtest.h>

namespace aperture::formats {
namespace {

using frameworks::OsaiClass;
using frameworks::OsaiParameter;
using release::ComponentKind;
using release::Presence;

const char* k_open_model = R"(---
# comment
system:
    name: Open Model
    link: https://huggingface.co/org/open-model
    basemodelname: open-base
    endmodelname: open-model-instruct
    endmodellicense: Apache-2.0
org:
    name: Org
weights_endmodel:
    class: open
    link: https://huggingface.co/org/open-model-instruct
    notes: Weights published on HuggingFace.
weights_basemodel:
    class: partial
    link: https://huggingface.co/org/open-base
    notes: Gated model available on HuggingFace.
trainingcode:
    class: closed
    link:
    notes: No training code found.
preprint:
    class: open
    link: ["https://arxiv.org/abs/2401.00001", "https://org.example/blog"]
    notes: Preprint on arXiv.
modelcard:
    class: partial
    link: https://huggingface.co/org/open-model-instruct
    notes: Model card lacks details on training.
licenses:
    class: partial
    link: https://huggingface.co/org/open-model-instruct
    notes: "Weights: Apache-2.0. Code: not released. Data: CC-BY-NC-4.0."
)";

TEST(OsaiFileTest, KeepsTheIndexRatingsApart) {
  auto file = read_osai_file(k_open_model, "open.yaml");
  ASSERT_TRUE(file) << file.error().to_string();
  const OsaiEntry& w = file->index[static_cast<std::size_t>(OsaiParameter::weights_endmodel)];
  EXPECT_TRUE(w.present);
  EXPECT_EQ(w.rating, OsaiClass::open);
  EXPECT_EQ(w.line, 11u);
  ASSERT_EQ(w.links.size(), 1u);
  const OsaiEntry& paper = file->index[static_cast<std::size_t>(OsaiParameter::paper)];
  EXPECT_FALSE(paper.present);
  EXPECT_EQ(paper.rating, OsaiClass::unknown);
  EXPECT_EQ(file->index[static_cast<std::size_t>(OsaiParameter::preprint)].links.size(), 2u);
}

TEST(OsaiFileTest, BuildsTheReleaseFromEvidence) {
  auto file = read_osai_file(k_open_model, "open.yaml");
  ASSERT_TRUE(file) << file.error().to_string();
  const release::Release& r = file->release;
  EXPECT_EQ(r.input_kind, "osai");
  EXPECT_EQ(r.name, "Open Model");
  EXPECT_EQ(r.publisher, "Org");
  const release::Component& weights = r.component(ComponentKind::model_parameters_final);
  EXPECT_EQ(weights.presence, Presence::present);
  EXPECT_EQ(weights.license_id, "Apache-2.0");
  ASSERT_FALSE(weights.evidence.empty());
  EXPECT_EQ(weights.evidence.front().file, "open.yaml");
  EXPECT_EQ(weights.evidence.front().line, 8u);  // endmodellicense
  EXPECT_EQ(r.component(ComponentKind::training_code).presence, Presence::absent);
  EXPECT_EQ(r.component(ComponentKind::technical_report).presence, Presence::present);
  EXPECT_EQ(r.component(ComponentKind::datasets).license_id, "CC-BY-NC-4.0");
  EXPECT_EQ(r.component(ComponentKind::research_paper).presence, Presence::unknown);
  ASSERT_EQ(r.base_models.size(), 1u);
  EXPECT_EQ(r.base_models[0].name, "open-base");
  EXPECT_NE(frameworks::find_qualifier(r, frameworks::Qualifier::gated, frameworks::k_subject_base_weights), nullptr);
  EXPECT_NE(frameworks::find_qualifier(r, frameworks::Qualifier::incomplete, "model-card"), nullptr);
}

TEST(OsaiFileTest, NeverReadsTheClass) {
  std::string flipped = k_open_model;
  for (std::size_t at = flipped.find("class: open"); at != std::string::npos; at = flipped.find("class: open")) {
    flipped.replace(at, 11, "class: closed");
  }
  auto a = read_osai_file(k_open_model, "a.yaml");
  auto b = read_osai_file(flipped, "a.yaml");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(frameworks::judge_osai(a->release).score, frameworks::judge_osai(b->release).score);
}

TEST(OsaiFileTest, RefusesBadInputWithOneLineNamingTheFile) {
  struct Case {
    const char* name;
    std::string text;
    util::ErrorCode code;
  };
  const Case cases[] = {
      {"bad yaml", "system: [a\n", util::ErrorCode::parse},
      {"not osai", "license: mit\n", util::ErrorCode::parse},
      {"no parameters", "system:\n  name: x\n", util::ErrorCode::parse},
      {"deep flow", "system: " + std::string(100, '[') + std::string(100, ']') + "\n", util::ErrorCode::parse},
      {"deep block", "system:\n" + std::string(300, ' ') + "a: b\n", util::ErrorCode::parse},
      {"too large", std::string(k_max_osai_bytes + 1, 'a'), util::ErrorCode::too_large},
      {"scalar where a map belongs", "system: x\nlicenses: y\n", util::ErrorCode::parse},
  };
  for (const Case& c : cases) {
    auto file = read_osai_file(c.text, "bad.yaml");
    ASSERT_FALSE(file) << c.name;
    EXPECT_EQ(file.error().code, c.code) << c.name;
    EXPECT_EQ(file.error().path, "bad.yaml") << c.name;
    EXPECT_EQ(file.error().to_string().find('\n'), std::string::npos) << c.name;
  }
}

TEST(OsaiFileTest, RecognisesIndexFiles) {
  EXPECT_TRUE(looks_like_osai(YAML::Load("system: {name: x}\nlicenses: {class: open}\n")));
  EXPECT_FALSE(looks_like_osai(YAML::Load("license: mit\n")));
  EXPECT_FALSE(looks_like_osai(YAML::Load("- a\n")));
}

}  // namespace
}  // namespace aperture::formats
