#include <aperture/formats/model_card.hpp>

#include <re2/re2.h>

#include <aperture/formats/front_matter.hpp>
#include <aperture/util/text.hpp>

namespace aperture::formats {
namespace {

constexpr std::size_t k_max_links = 200;
constexpr std::size_t k_max_claims = 50;
constexpr std::size_t k_max_list = 200;
constexpr std::size_t k_max_value = 400;

std::string clip(std::string_view s) { return util::clip_utf8(util::trim(s), k_max_value); }

// A scalar, or each scalar of a sequence.
std::vector<CardValue> values_of(const YamlNode* node) {
  std::vector<CardValue> out;
  for (const YamlNode* v : scalars_of(node)) {
    if (out.size() < k_max_list && !util::trim(v->scalar).empty()) {
      out.push_back({clip(v->scalar), v->line});
    }
  }
  return out;
}

CardValue value_of(const YamlNode* node) {
  std::vector<CardValue> v = values_of(node);
  return v.empty() ? CardValue{} : v.front();
}

void read_model_index(const YamlNode* index, ModelCard& card) {
  if (index == nullptr || !index->is_sequence() || index->items.empty()) {
    return;
  }
  card.has_model_index = true;
  card.model_index_line = index->line - 1;
  const YamlNode& first = index->items.front();
  if (const YamlNode* name = first.find("name"); name != nullptr && name->is_scalar()) {
    card.model_name = {clip(name->scalar), name->line};
  }
}

void read_metadata(const YamlNode& d, ModelCard& card) {
  card.licenses = values_of(d.find("license"));
  card.license_name = value_of(d.find("license_name"));
  card.license_link = value_of(d.find("license_link"));
  card.base_models = values_of(d.find("base_model"));
  card.base_model_relation = value_of(d.find("base_model_relation"));
  card.datasets = values_of(d.find("datasets"));
  card.tags = values_of(d.find("tags"));
  card.pipeline_tag = value_of(d.find("pipeline_tag"));
  card.model_name = value_of(d.find("model_name"));
  read_model_index(d.find("model-index"), card);
  const YamlNode* gate = d.find("extra_gated_prompt");
  if (gate != nullptr && gate->is_scalar()) {
    std::string_view text = gate->scalar;
    card.extra_gated_prompt = {clip(text.substr(0, text.find('\n'))), gate->line};
  }
}

LinkKind classify_link(std::string_view url, std::string_view line) {
  std::string u = util::ascii_lower(url);
  auto has = [&](std::string_view s) { return u.find(s) != std::string::npos; };
  if (has("arxiv.org/")) {
    return LinkKind::arxiv;
  }
  if (has("aclanthology.org") || has("aclweb.org/anthology") || has("openreview.net") ||
      has("proceedings.neurips.cc") || has("proceedings.mlr.press") || has("openaccess.thecvf.com") ||
      has("doi.org/") || has("jmlr.org/papers") || has("ojs.aaai.org") || has("dl.acm.org/doi")) {
    return LinkKind::paper;
  }
  if (has("huggingface.co/datasets/")) {
    return LinkKind::dataset;
  }
  std::string l = util::ascii_lower(line);
  if (u.ends_with(".pdf") || l.find("technical report") != std::string::npos ||
      l.find("tech report") != std::string::npos) {
    return LinkKind::technical_report;
  }
  if (has("github.com/") || has("gitlab.com/")) {
    return LinkKind::code;
  }
  return LinkKind::other;
}

// "open source" said of the release itself, not of tools or communities.
// The pattern names the forms cards use ("X is open-sourced", "our open-source
// model", "among open-source models", "we open-source"); mentions of other
// things (libraries, communities, software) are left out.
const RE2& open_source_claim() {
  static const RE2 re(
      R"((?i)(?:(?:is|are|been|being|was|were|fully|we|will|to)\s+open[- ]?sourc(?:ed|e|ing)\b)|)"
      R"((?:open[- ]?source[d]?\s+(?:and\s+(?:bilingual|multilingual|commercially\s+usable)\s+)?)"
      R"((?:large\s+|small\s+|foundation\s+|base\s+|chat\s+)?(?:language\s+|vision\s+|multimodal\s+)?)"
      R"((?:models?|llms?|weights|checkpoints?|release|version|alternative|foundation\s+models?|reproduction)\b)|)"
      R"((?:\b(?:an|our|the\s+first|this|fully)\s+open[- ]?source\b))");
  return re;
}

const RE2& open_weights_claim() {
  static const RE2 re(R"((?i)\bopen[- ]weights?\b)");
  return re;
}

// Mentions that are about other things, not this release: open-source
// libraries or communities, and comparisons ("outperforms open-source
// models"; but "compared with *other* open-source models" is a claim).
const RE2& not_a_claim() {
  static const RE2 re(
      R"((?i)open[- ]?source(?:d)?\s+(?:communit|librar|tools?\b|software|projects?|frameworks?|packages?|ecosystem|datasets?|contribut|implementation|code\b|repositor|initiative)|)"
      R"((?:outperform\w*|better\s+than|than|surpass\w*|beats?)\s+(?:(?:many|most|all|the|of|available|existing|leading|popular|similar(?:ly)?|sized?|comparable|current)\s+)*open[- ]?source|)"
      R"(compar\w+\s+(?:\S+\s+){0,4}?(?:with|to|against)\s+(?:the\s+)?open[- ]?source|)"
      R"((?:tools?|code|librar\w*|scripts?|datasets?|frameworks?|toolkits?|pipelines?|recipes?)\s+(?:is|are|was|were|has\s+been|have\s+been|will\s+be)\s+(?:also\s+|fully\s+)?open[- ]?sourc)");
  return re;
}

const RE2& url_pattern() {
  static const RE2 re(R"((https?://[^\s)\]>"'`<|]+))");
  return re;
}

void read_heading(std::string_view line, std::uint32_t n, ModelCard& card) {
  std::string l = util::ascii_lower(line);
  auto set = [&](std::uint32_t& field, std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) {
      if (field == 0 && l.find(w) != std::string::npos) {
        field = n;
      }
    }
  };
  set(card.training_data_section, {"training data", "training dataset", "pretraining data", "datasets"});
  set(card.evaluation_section, {"evaluation", "benchmark", "results"});
  set(card.limitations_section, {"limitation", "bias", "risks"});
  set(card.intended_use_section, {"intended use", "uses", "out-of-scope"});
}

// "open" in any case.
bool contains_open(std::string_view line) {
  for (std::size_t i = 0; i + 4 <= line.size(); ++i) {
    if ((line[i] | 0x20) == 'o' && (line[i + 1] | 0x20) == 'p' && (line[i + 2] | 0x20) == 'e' &&
        (line[i + 3] | 0x20) == 'n') {
      return true;
    }
  }
  return false;
}

void read_line(std::string_view line, std::uint32_t n, ModelCard& card) {
  std::string_view t = util::trim(line);
  if (t.empty()) {
    return;
  }
  ++card.body_lines;
  if (t.starts_with("#")) {
    read_heading(t, n, card);
  }
  // Cheap checks first: most lines have no URL and never say "open".
  bool has_url = line.find("http") != std::string_view::npos;
  bool has_open = contains_open(line);
  re2::StringPiece input(line.data(), has_url ? line.size() : 0);
  std::string url;
  while (has_url && card.links.size() < k_max_links && RE2::FindAndConsume(&input, url_pattern(), &url)) {
    while (!url.empty() && (url.back() == '.' || url.back() == ',' || url.back() == ';')) {
      url.pop_back();
    }
    card.links.push_back({classify_link(url, line), url, n});
  }
  if (!has_open) {
    return;
  }
  re2::StringPiece whole(line.data(), line.size());
  if (card.open_source_claims.size() < k_max_claims && RE2::PartialMatch(whole, open_source_claim()) &&
      !RE2::PartialMatch(whole, not_a_claim())) {
    card.open_source_claims.push_back({clip(t), n});
  }
  if (card.open_weights_claims.size() < k_max_claims && RE2::PartialMatch(whole, open_weights_claim())) {
    card.open_weights_claims.push_back({clip(t), n});
  }
}

void read_body(std::string_view body, std::uint32_t first_line, ModelCard& card) {
  std::uint32_t n = first_line;
  for (std::size_t pos = 0; pos < body.size(); ++n) {
    std::size_t eol = body.find('\n', pos);
    eol = eol == std::string_view::npos ? body.size() : eol;
    read_line(body.substr(pos, eol - pos), n, card);
    pos = eol + 1;
  }
}

}  // namespace

std::string_view to_string(LinkKind kind) {
  switch (kind) {
  case LinkKind::arxiv: return "arxiv";
  case LinkKind::paper: return "paper";
  case LinkKind::code: return "code";
  case LinkKind::dataset: return "dataset";
  case LinkKind::technical_report: return "technical-report";
  case LinkKind::other: return "other";
  }
  return "other";
}

ModelCard read_model_card(std::string_view text) {
  ModelCard card;
  std::size_t body_offset = 0;
  auto fm = read_front_matter(text);
  if (fm) {
    card.has_front_matter = true;
    body_offset = fm->body_offset;
    read_metadata(fm->data, card);
  } else if (fm.error().code != util::ErrorCode::not_found) {
    card.has_front_matter = true;
    card.front_matter_error = fm.error().message;
    card.front_matter_error_line = 1;
    // The body starts after the closing line when there is one.
    std::size_t close = text.find("\n---", 3);
    body_offset = close == std::string_view::npos ? 0 : text.find('\n', close + 1);
    body_offset = body_offset == std::string_view::npos ? text.size() : body_offset + 1;
  }
  std::uint32_t first_line = 1;
  for (std::size_t i = 0; i < body_offset && i < text.size(); ++i) {
    first_line += text[i] == '\n' ? 1 : 0;
  }
  read_body(text.substr(std::min(body_offset, text.size())), first_line, card);
  return card;
}

}  // namespace aperture::formats
