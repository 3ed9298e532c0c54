#include <aperture/formats/model_card.hpp>

#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include <aperture/util/text.hpp>

namespace aperture::formats {
namespace {

std::vector<std::string> values(const std::vector<CardValue>& v) {
  std::vector<std::string> out;
  for (const auto& x : v) {
    out.push_back(x.value);
  }
  return out;
}

TEST(ModelCardTest, ReadsAStringLicense) {
  ModelCard card = read_model_card("---\nlicense: apache-2.0\n---\n# Model\n");
  EXPECT_TRUE(card.has_front_matter);
  EXPECT_TRUE(card.front_matter_error.empty());
  ASSERT_EQ(card.licenses.size(), 1u);
  EXPECT_EQ(card.licenses[0].value, "apache-2.0");
  EXPECT_EQ(card.licenses[0].line, 2u);
}

TEST(ModelCardTest, ReadsAListOfLicensesWithLines) {
  ModelCard card = read_model_card("---\nlicense:\n  - mit\n  - apache-2.0\n---\n");
  EXPECT_EQ(values(card.licenses), (std::vector<std::string>{"mit", "apache-2.0"}));
  ASSERT_EQ(card.licenses.size(), 2u);
  EXPECT_EQ(card.licenses[0].line, 3u);
  EXPECT_EQ(card.licenses[1].line, 4u);
}

TEST(ModelCardTest, ReadsLicenseNameAndLink) {
  ModelCard card = read_model_card(
      "---\nlicense: other\nlicense_name: llama3.1\nlicense_link: https://example.com/LICENSE\n---\n");
  ASSERT_EQ(card.licenses.size(), 1u);
  EXPECT_EQ(card.licenses[0].value, "other");
  EXPECT_EQ(card.license_name.value, "llama3.1");
  EXPECT_EQ(card.license_name.line, 3u);
  EXPECT_EQ(card.license_link.value, "https://example.com/LICENSE");
  EXPECT_EQ(card.license_link.line, 4u);
}

TEST(ModelCardTest, ReadsBaseModelAsStringWithLine) {
  ModelCard card = read_model_card(
      "---\nlicense: mit\nbase_model: meta-llama/Llama-3.1-8B\nbase_model_relation: finetune\n---\n");
  ASSERT_EQ(card.base_models.size(), 1u);
  EXPECT_EQ(card.base_models[0].value, "meta-llama/Llama-3.1-8B");
  EXPECT_EQ(card.base_models[0].line, 3u);
  EXPECT_EQ(card.base_model_relation.value, "finetune");
}

TEST(ModelCardTest, ReadsBaseModelAsListWithLines) {
  ModelCard card = read_model_card("---\nbase_model:\n- org/a\n- org/b\n---\n");
  EXPECT_EQ(values(card.base_models), (std::vector<std::string>{"org/a", "org/b"}));
  ASSERT_EQ(card.base_models.size(), 2u);
  EXPECT_EQ(card.base_models[0].line, 3u);
  EXPECT_EQ(card.base_models[1].line, 4u);
}

TEST(ModelCardTest, ReadsDatasetsAndTags) {
  ModelCard card = read_model_card(
      "---\ndatasets:\n- allenai/dolma\n- HuggingFaceFW/fineweb\ntags: [text-generation, open-source]\n"
      "pipeline_tag: text-generation\n---\n");
  EXPECT_EQ(values(card.datasets), (std::vector<std::string>{"allenai/dolma", "HuggingFaceFW/fineweb"}));
  EXPECT_EQ(card.datasets[1].line, 4u);
  EXPECT_EQ(values(card.tags), (std::vector<std::string>{"text-generation", "open-source"}));
  EXPECT_EQ(card.tags[0].line, 5u);
  EXPECT_EQ(card.pipeline_tag.value, "text-generation");
}

TEST(ModelCardTest, EmptyValuesAreDropped) {
  ModelCard card = read_model_card("---\nlicense: ''\ntags:\n- ''\n- a\n---\n");
  EXPECT_TRUE(card.licenses.empty());
  EXPECT_EQ(values(card.tags), (std::vector<std::string>{"a"}));
}

TEST(ModelCardTest, ModelIndexMeansEvaluationResults) {
  ModelCard card = read_model_card(
      "---\nlicense: mit\nmodel-index:\n- name: my-model\n  results:\n  - task:\n      type: text-generation\n---\n");
  EXPECT_TRUE(card.has_model_index);
  EXPECT_EQ(card.model_index_line, 3u);
  EXPECT_EQ(card.model_name.value, "my-model");
  EXPECT_EQ(card.model_name.line, 4u);
}

TEST(ModelCardTest, NoModelIndex) {
  ModelCard card = read_model_card("---\nlicense: mit\n---\n");
  EXPECT_FALSE(card.has_model_index);
  ModelCard empty_index = read_model_card("---\nmodel-index: []\n---\n");
  EXPECT_FALSE(empty_index.has_model_index);
}

TEST(ModelCardTest, NoFrontMatter) {
  ModelCard card = read_model_card("# Just a README\n\nSome text.\n");
  EXPECT_FALSE(card.has_front_matter);
  EXPECT_TRUE(card.front_matter_error.empty());
  EXPECT_TRUE(card.licenses.empty());
  EXPECT_EQ(card.body_lines, 2u);
}

TEST(ModelCardTest, BrokenFrontMatterIsRecordedAndTheBodyStillRead) {
  std::string text =
      "---\nlicense: [mit\n---\n# Model\nThis model is open-sourced under MIT.\nSee https://arxiv.org/abs/2401.00001\n";
  ModelCard card = read_model_card(text);
  EXPECT_TRUE(card.has_front_matter);
  EXPECT_FALSE(card.front_matter_error.empty());
  EXPECT_EQ(card.front_matter_error_line, 1u);
  EXPECT_TRUE(card.licenses.empty());
  ASSERT_EQ(card.open_source_claims.size(), 1u);
  EXPECT_EQ(card.open_source_claims[0].line, 5u);
  ASSERT_EQ(card.links.size(), 1u);
  EXPECT_EQ(card.links[0].kind, LinkKind::arxiv);
  EXPECT_EQ(card.links[0].line, 6u);
}

TEST(ModelCardTest, UnclosedFrontMatterIsRecorded) {
  ModelCard card = read_model_card("---\nlicense: mit\n");
  EXPECT_TRUE(card.has_front_matter);
  EXPECT_FALSE(card.front_matter_error.empty());
}

TEST(ModelCardTest, ClassifiesLinks) {
  std::string text =
      "---\nlicense: mit\n---\n"
      "Paper: https://arxiv.org/abs/2402.00838\n"                          // 4
      "ACL: https://aclanthology.org/2024.acl-long.1/\n"                   // 5
      "Code: https://github.com/allenai/OLMo.\n"                           // 6
      "Data: https://huggingface.co/datasets/allenai/dolma\n"              // 7
      "Home: https://allenai.org\n"                                        // 8
      "[OpenReview](https://openreview.net/forum?id=abc)\n";               // 9
  ModelCard card = read_model_card(text);
  ASSERT_EQ(card.links.size(), 6u);
  EXPECT_EQ(card.links[0].kind, LinkKind::arxiv);
  EXPECT_EQ(card.links[0].line, 4u);
  EXPECT_EQ(card.links[1].kind, LinkKind::paper);
  EXPECT_EQ(card.links[2].kind, LinkKind::code);
  EXPECT_EQ(card.links[2].url, "https://github.com/allenai/OLMo");  // trailing '.' removed
  EXPECT_EQ(card.links[3].kind, LinkKind::dataset);
  EXPECT_EQ(card.links[3].line, 7u);
  EXPECT_EQ(card.links[4].kind, LinkKind::other);
  EXPECT_EQ(card.links[5].kind, LinkKind::paper);
  EXPECT_EQ(card.links[5].url, "https://openreview.net/forum?id=abc");  // ')' not part of it
  EXPECT_EQ(to_string(LinkKind::dataset), "dataset");
  EXPECT_EQ(to_string(LinkKind::technical_report), "technical-report");
}

TEST(ModelCardTest, TechnicalReportLinks) {
  ModelCard card = read_model_card(
      "See our technical report at https://example.com/report\nand https://example.com/paper.pdf\n");
  ASSERT_EQ(card.links.size(), 2u);
  EXPECT_EQ(card.links[0].kind, LinkKind::technical_report);
  EXPECT_EQ(card.links[1].kind, LinkKind::technical_report);
}

TEST(ModelCardTest, DetectsOpenSourceClaims) {
  const char* claims[] = {
      "Falcon-7B is open-sourced under the Apache 2.0 license.",
      "This is our open-source model for code.",
      "It ranks first among open-source models on the leaderboard.",
      "We open-source the weights and the code.",
      "An open source large language model.",
      "OLMo is a fully open source release.",
      "It beats GPT-3.5 when compared with other open-source models.",
  };
  for (const char* line : claims) {
    ModelCard card = read_model_card(std::string("# Title\n") + line + "\n");
    ASSERT_EQ(card.open_source_claims.size(), 1u) << line;
    EXPECT_EQ(card.open_source_claims[0].line, 2u) << line;
    EXPECT_EQ(card.open_source_claims[0].value, line);
  }
}

TEST(ModelCardTest, IgnoresOpenSourceMentionsOfOtherThings) {
  const char* not_claims[] = {
      "Thanks to the open-source community for their help.",
      "We build on open-source libraries such as PyTorch.",
      "We thank our open-source community.",
      "This model is released under a custom license.",
      "Open weights are not the same as open data.",
      "The models outperform many of the available open source chat models on benchmarks.",
      "It is better than most open-source models of its size.",
      "## Comparing WizardCoder with the Open-Source Models.",
      "Our trust tools are open sourced for the community to use.",
      "",
  };
  for (const char* line : not_claims) {
    ModelCard card = read_model_card(std::string("---\nlicense: mit\n---\n") + line + "\n");
    EXPECT_TRUE(card.open_source_claims.empty()) << line << " -> " << card.open_source_claims.front().value;
  }
}

TEST(ModelCardTest, ClaimLinesCountFrontMatter) {
  std::string text =
      "---\nlicense: apache-2.0\ntags:\n- a\n---\n\n# Model\n\nPlain text.\nOur model is open-sourced.\n"
      "Built with open-source libraries.\nWe release open weights.\n";
  ModelCard card = read_model_card(text);
  ASSERT_EQ(card.open_source_claims.size(), 1u);
  EXPECT_EQ(card.open_source_claims[0].line, 10u);
  EXPECT_EQ(card.open_source_claims[0].value, "Our model is open-sourced.");
  ASSERT_EQ(card.open_weights_claims.size(), 1u);
  EXPECT_EQ(card.open_weights_claims[0].line, 12u);
}

TEST(ModelCardTest, FindsSectionsByHeading) {
  std::string text =
      "---\nlicense: mit\n---\n# Model\n## Intended Uses\nx\n## Training Data\ny\n## Evaluation\nz\n"
      "## Bias, Risks, and Limitations\nw\n";
  ModelCard card = read_model_card(text);
  EXPECT_EQ(card.intended_use_section, 5u);
  EXPECT_EQ(card.training_data_section, 7u);
  EXPECT_EQ(card.evaluation_section, 9u);
  EXPECT_EQ(card.limitations_section, 11u);
  EXPECT_EQ(card.body_lines, 9u);
}

TEST(ModelCardTest, GatedPromptFirstLine) {
  ModelCard card = read_model_card("---\nextra_gated_prompt: |\n  First line.\n  Second line.\n---\n");
  EXPECT_EQ(card.extra_gated_prompt.value, "First line.");
}

TEST(ModelCardTest, NonScalarMetadataIsIgnored) {
  ModelCard card = read_model_card("---\nlicense:\n  a: b\nbase_model: {x: y}\nmodel-index: 3\n---\n");
  EXPECT_TRUE(card.front_matter_error.empty());
  EXPECT_TRUE(card.licenses.empty());
  EXPECT_TRUE(card.base_models.empty());
  EXPECT_FALSE(card.has_model_index);
}

TEST(ModelCardTest, LongClaimsAreCutOnACharacterBoundary) {
  std::string line = "This is an open-source model. ";
  for (int i = 0; i < 300; ++i) {
    line += "中文";
  }
  ModelCard card = read_model_card("# Title\n" + line + "\n");
  ASSERT_EQ(card.open_source_claims.size(), 1u);
  EXPECT_TRUE(util::is_valid_utf8(card.open_source_claims[0].value));
  EXPECT_LE(card.open_source_claims[0].value.size(), 400u + 3u);  // the limit, then "…"
}

}  // namespace
}  // namespace aperture::formats
