// A Hugging Face model card (README.md): its YAML front matter (license,
// base_model, datasets, tags, model-index, ...) and what its Markdown body
// says about the release: "open source" claims and links to papers, reports,
// code and data. Never fails: broken front matter is recorded, not thrown.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aperture::formats {

// A value of the front matter with the line it is on (1-based, in the card).
struct CardValue {
  std::string value;
  std::uint32_t line = 0;
};

enum class LinkKind : std::uint8_t {
  arxiv,          // arxiv.org: a preprint or technical report
  paper,          // a peer-reviewed venue: ACL Anthology, OpenReview, NeurIPS/ICML/CVPR proceedings, DOI
  code,           // github.com / gitlab.com repository
  dataset,        // huggingface.co/datasets/...
  technical_report,  // a link whose text or path says "technical report" / a PDF report
  other,
};
std::string_view to_string(LinkKind kind);

struct CardLink {
  LinkKind kind = LinkKind::other;
  std::string url;
  std::uint32_t line = 0;
};

struct ModelCard {
  bool has_front_matter = false;
  std::string front_matter_error;  // non-empty when the front matter is broken
  std::uint32_t front_matter_error_line = 0;
  std::vector<CardValue> licenses;  // `license:` (a string or a list)
  CardValue license_name;
  CardValue license_link;
  std::vector<CardValue> base_models;
  CardValue base_model_relation;
  std::vector<CardValue> datasets;
  std::vector<CardValue> tags;
  CardValue pipeline_tag;
  CardValue model_name;         // model-index[0].name or model_name
  bool has_model_index = false; // evaluation results in metadata
  std::uint32_t model_index_line = 0;
  CardValue extra_gated_prompt;  // first line of it; the text is identified with the card
  std::vector<CardLink> links;
  std::vector<CardValue> open_source_claims;  // the line's words
  std::vector<CardValue> open_weights_claims;
  // Body sections a card can have, by heading (line of the heading).
  std::uint32_t training_data_section = 0;
  std::uint32_t evaluation_section = 0;
  std::uint32_t limitations_section = 0;
  std::uint32_t intended_use_section = 0;
  std::uint32_t body_lines = 0;  // non-empty lines of the body
};

// Reads a model card (UTF-8, "\n" line ends).
ModelCard read_model_card(std::string_view text);

}  // namespace aperture::formats
