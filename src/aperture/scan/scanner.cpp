#include <aperture/scan/scanner.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <aperture/catalog/catalog.hpp>
#include <aperture/formats/model_card.hpp>
#include <aperture/hub/hub_release.hpp>
#include <aperture/license/identify.hpp>
#include <aperture/scan/component_licenses.hpp>
#include <aperture/scan/inventory.hpp>
#include <aperture/scan/structured_inputs.hpp>
#include <aperture/scan/weight_files.hpp>
#include <aperture/terms/clause_detector.hpp>
#include <aperture/terms/hub_license.hpp>
#include <aperture/terms/knowledge_base.hpp>
#include <aperture/util/file.hpp>
#include <aperture/util/text.hpp>

namespace aperture::scan {
namespace {

namespace fs = std::filesystem;
using release::ClaimKind;
using release::ComponentKind;
using release::Evidence;
using release::Presence;
using release::Release;
using release::Severity;

constexpr std::uint64_t k_max_text_file = 8ull * 1024 * 1024;
constexpr std::uint64_t k_code_header_bytes = 16 * 1024;
constexpr std::size_t k_max_code_files_read = 400;
constexpr std::uint64_t k_max_config_bytes = 4ull * 1024 * 1024;

void mark_present(Release& r, ComponentKind kind, Evidence e) {
  release::Component& c = r.component(kind);
  c.presence = Presence::present;
  if (c.evidence.size() < 20) {
    c.evidence.push_back(std::move(e));
  }
}

// A component the release points to (a link) without holding it here.
void mark_linked(Release& r, ComponentKind kind, Evidence e) {
  release::Component& c = r.component(kind);
  if (c.presence == Presence::absent) {
    c.presence = Presence::unknown;
  }
  if (c.evidence.size() < 20) {
    c.evidence.push_back(std::move(e));
  }
}

// A LICENSE file's text too changed to name: the text it is most like, and
// the restrictive clauses in its lines, so a reader sees what was changed.
release::ModifiedLicense modified_license(std::string_view text,
                                          const util::LineIndex& lines,
                                          const std::string& path,
                                          const license::UnidentifiedText& u) {
  release::ModifiedLicense m{path, u.closest, u.coverage, u.lines, {}};
  std::size_t begin = lines.start_of(u.lines.first);
  std::size_t end = u.lines.last < lines.line_count() ? lines.start_of(u.lines.last + 1) : text.size();
  for (const terms::DetectedClause& c : terms::detect_clauses(text.substr(begin, end - begin))) {
    m.clauses.push_back(
        {std::string(to_string(c.kind)), {path, u.lines.first + c.first_line - 1, {}, c.quote}});
  }
  return m;
}

void add_licenses(Release& r,
                  std::string_view text,
                  const std::string& path,
                  const std::string& role,
                  bool read_metadata = true) {
  license::Identification found = license::identify(text, license::SpdxIndex::embedded(), read_metadata);
  for (license::LicenseMatch& m : found.licenses) {
    std::string where = m.kind == license::MatchKind::declared ? "card-metadata" : role;
    r.licenses.push_back({std::move(m), path, where});
  }
  // Only a LICENSE file is read for a whole text: a changed license header
  // in a source file or a card's prose is not the release's license.
  if (role == "license-file" && !found.unidentified.empty()) {
    util::LineIndex lines(text);
    for (const license::UnidentifiedText& u : found.unidentified) {
      r.modified_licenses.push_back(modified_license(text, lines, path, u));
    }
  }
}

void add_card_metadata(Release& r, const formats::ModelCard& card, const std::string& path) {
  for (const auto& l : card.licenses) {
    r.claims.push_back({ClaimKind::declared_license, l.value, "card-metadata", {path, l.line, {}, "license: " + l.value}});
    terms::DeclaredLicense d = terms::resolve_hub_license(l.value, card.license_name.value);
    if (auto m = terms::declared_match(d, "declared in the model card: license: " + d.declared, l.line)) {
      r.licenses.push_back({std::move(*m), path, "card-metadata"});
    }
  }
  for (const auto& b : card.base_models) {
    release::BaseModel base;
    base.name = b.value;
    base.relation = card.base_model_relation.value;
    base.evidence = {path, b.line, "https://huggingface.co/" + b.value, "base_model: " + b.value};
    r.base_models.push_back(base);
    r.claims.push_back({ClaimKind::base_model, b.value, "card-metadata", base.evidence});
  }
  for (const auto& d : card.datasets) {
    Evidence e{path, d.line, "https://huggingface.co/datasets/" + d.value, "datasets: " + d.value};
    r.claims.push_back({ClaimKind::dataset, d.value, "card-metadata", e});
    mark_linked(r, ComponentKind::datasets, e);
  }
  for (const auto& t : card.tags) {
    std::string tag = util::ascii_lower(t.value);
    if (tag == "open-source" || tag == "opensource" || tag == "open_source") {
      r.claims.push_back({ClaimKind::open_source, t.value, "tags", {path, t.line, {}, "tags: " + t.value}});
    }
  }
  if (card.has_model_index) {
    mark_present(r, ComponentKind::evaluation_results, {path, card.model_index_line, {}, "model-index"});
  }
  if (!card.model_name.value.empty() && r.name.empty()) {
    r.name = card.model_name.value;
  }
}

void add_card_links(Release& r, const formats::ModelCard& card, const std::string& path) {
  for (const auto& link : card.links) {
    Evidence e{path, link.line, link.url, {}};
    switch (link.kind) {
    case formats::LinkKind::arxiv: mark_linked(r, ComponentKind::research_paper, e); break;
    case formats::LinkKind::paper: mark_linked(r, ComponentKind::research_paper, e); break;
    case formats::LinkKind::technical_report: mark_linked(r, ComponentKind::technical_report, e); break;
    case formats::LinkKind::code: mark_linked(r, ComponentKind::inference_code, e); break;
    case formats::LinkKind::dataset: mark_linked(r, ComponentKind::datasets, e); break;
    case formats::LinkKind::other: break;
    }
  }
}

void add_card_claims(Release& r, const formats::ModelCard& card, const std::string& path) {
  for (const auto& c : card.open_source_claims) {
    r.claims.push_back({ClaimKind::open_source, c.value, "card-text", {path, c.line, {}, c.value}});
  }
  for (const auto& c : card.open_weights_claims) {
    r.claims.push_back({ClaimKind::open_weights, c.value, "card-text", {path, c.line, {}, c.value}});
  }
  std::string name = util::ascii_lower(r.name);
  if (name.find("open-source") != std::string::npos || name.find("opensource") != std::string::npos) {
    r.claims.push_back({ClaimKind::open_source, r.name, "name", {path, card.model_name.line, {}, r.name}});
  }
}

void add_card_findings(Release& r, const formats::ModelCard& card, const std::string& path) {
  if (!card.front_matter_error.empty()) {
    r.findings.push_back({"card-front-matter", Severity::warning,
                          "the model card's metadata cannot be read: " + card.front_matter_error,
                          {{path, card.front_matter_error_line, {}, {}}}});
  }
}

struct DisplayPhrase {
  std::string text;   // as the license writes it: "Built with Llama"
  std::string lower;  // what a lower-cased card is searched for
};

// The knowledge base's distinct display phrases, in profile order, found once
// per process: the card scan runs for every card of an audit or benchmark.
const std::vector<DisplayPhrase>& display_phrases() {
  static const std::vector<DisplayPhrase> k_phrases = [] {
    std::vector<DisplayPhrase> out;
    for (const terms::LicenseProfile& p : terms::KnowledgeBase::embedded().profiles()) {
      for (const terms::Duty& d : p.terms.attribution) {
        bool seen = std::any_of(out.begin(), out.end(), [&](const DisplayPhrase& x) { return x.text == d.text; });
        if (d.duty == "display" && !d.text.empty() && !seen) {
          out.push_back({d.text, util::ascii_lower(d.text)});
        }
      }
    }
    return out;
  }();
  return k_phrases;
}

// The display phrases of known licenses ("Built with Llama") that `text` contains.
std::vector<std::string> display_phrases_in(std::string_view text) {
  std::string lower = util::ascii_lower(text);
  std::vector<std::string> found;
  for (const DisplayPhrase& phrase : display_phrases()) {
    if (lower.find(phrase.lower) != std::string::npos) {
      found.push_back(phrase.text);
    }
  }
  return found;
}

void add_model_card(Release& r, std::string_view text, const std::string& path) {
  formats::ModelCard card = formats::read_model_card(text);
  r.card_phrases = display_phrases_in(text);
  mark_present(r, ComponentKind::model_card, {path, 0, {}, {}});
  add_card_metadata(r, card, path);
  add_card_links(r, card, path);
  add_card_claims(r, card, path);
  add_card_findings(r, card, path);
  add_licenses(r, text, path, "model-card", false);  // the metadata was read above
  if (card.training_data_section != 0) {
    r.component(ComponentKind::datasets).evidence.push_back(
        {path, card.training_data_section, {}, "the model card describes its training data"});
  }
}

util::Result<std::string> read_text(const std::string& absolute, const std::string& shown,
                                    std::uint64_t limit = k_max_text_file) {
  TRY_ASSIGN(bytes, util::with_path(util::read_file(absolute, limit), shown));
  return util::decode_text(bytes, shown);
}

util::Result<std::string> read_text(const FileSource& source, const InventoryEntry& entry) {
  TRY_ASSIGN(bytes, source.read(entry, k_max_text_file));
  return util::decode_text(bytes, entry.path);
}

void note_unreadable(Release& r, const util::Error& e) {
  r.findings.push_back({"unreadable-file", Severity::warning, e.message, {{e.path, 0, {}, {}}}});
}

// Source files carry their own license in a header or an SPDX tag.
void read_code_header(Release& r, const FileSource& source, const InventoryEntry& entry) {
  auto file = source.read_head(entry, k_code_header_bytes);
  if (!file) {
    return;
  }
  std::string_view head = *file;
  std::string lower = util::ascii_lower(head);
  if (lower.find("license") == std::string::npos && lower.find("licence") == std::string::npos) {
    return;
  }
  if (auto text = util::decode_text(head, entry.path)) {
    add_licenses(r, *text, entry.path, "code");
  }
}

// config.json: the architecture, as Transformers names it.
void read_config(Release& r, const FileSource& source, const InventoryEntry& entry) {
  std::string name = fs::path(entry.path).filename().string();
  if (name != "config.json" || !r.architecture.empty()) {
    return;
  }
  auto bytes = source.read(entry, k_max_config_bytes);
  if (!bytes) {
    note_unreadable(r, bytes.error());
    return;
  }
  nlohmann::json j = nlohmann::json::parse(*bytes, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    r.findings.push_back({"unreadable-file", Severity::warning, "config.json is not a JSON object", {{entry.path, 0, {}, {}}}});
    return;
  }
  std::string type = j.contains("model_type") && j["model_type"].is_string() ? j["model_type"].get<std::string>() : "";
  std::string cls;
  if (j.contains("architectures") && j["architectures"].is_array() && !j["architectures"].empty() &&
      j["architectures"][0].is_string()) {
    cls = j["architectures"][0].get<std::string>();
  }
  r.architecture = type.empty() ? cls : cls.empty() ? type : type + " (" + cls + ")";
  r.architecture_evidence = {entry.path, 0, {}, cls.empty() ? "model_type" : "architectures"};
}

void read_entry(Release& r, const FileSource& source, const InventoryEntry& entry, std::size_t& code_read) {
  release::FileEntry file{entry.path, entry.size, 0, std::string(to_string(entry.role))};
  if (entry.component) {
    mark_present(r, *entry.component, {entry.path, 0, {}, {}});
  }
  switch (entry.role) {
  case FileRole::license:
    if (auto text = read_text(source, entry)) {
      add_licenses(r, *text, entry.path, "license-file");
    } else {
      note_unreadable(r, text.error());
    }
    break;
  case FileRole::model_card:
    if (auto text = read_text(source, entry)) {
      add_model_card(r, *text, entry.path);
    } else {
      note_unreadable(r, text.error());
    }
    break;
  case FileRole::weights: source.read_weights(entry, file, r); break;
  case FileRole::config: read_config(r, source, entry); break;
  case FileRole::code:
    if (code_read++ < k_max_code_files_read) {
      read_code_header(r, source, entry);
    }
    break;
  default: break;
  }
  r.files.push_back(std::move(file));
}

void mark_absent_rest(Release& r) {
  for (auto& c : r.components) {
    if (c.presence == Presence::unknown && c.evidence.empty()) {
      c.presence = Presence::absent;
    }
  }
}

// The files of a directory on disk.
class DirectorySource : public FileSource {
public:
  explicit DirectorySource(std::string dir) : m_dir(std::move(dir)) {}

  util::Result<std::string> read(const InventoryEntry& entry, std::uint64_t max_bytes) const override {
    return util::with_path(util::read_file(absolute(entry), max_bytes), entry.path);
  }

  util::Result<std::string> read_head(const InventoryEntry& entry, std::uint64_t max_bytes) const override {
    TRY_ASSIGN(head, util::read_file_head(absolute(entry), max_bytes));
    return std::move(head.bytes);
  }

  void read_weights(const InventoryEntry& entry, release::FileEntry& file, Release& r) const override {
    read_weight_file(absolute(entry), entry, file, r);
  }

private:
  [[nodiscard]] std::string absolute(const InventoryEntry& entry) const {
    return (fs::path(m_dir) / entry.path).string();
  }

  std::string m_dir;
};

util::Result<Release> scan_directory(const std::string& dir) {
  TRY_ASSIGN(entries, take_inventory(dir));
  Release r;
  r.target = dir;
  r.input_kind = "directory";
  r.name = fs::path(dir).lexically_normal().filename().string();
  if (r.name.empty() || r.name == ".") {
    r.name = fs::weakly_canonical(dir).filename().string();
  }
  scan_files(entries, DirectorySource(dir), r);
  return r;
}

bool is_weights_file(const std::string& path) {
  InventoryEntry e = classify_path(fs::path(path).filename().string(), 0);
  return e.role == FileRole::weights;
}

util::Result<Release> scan_file(const std::string& target) {
  std::string ext = util::ascii_lower(fs::path(target).extension().string());
  if (ext == ".yml" || ext == ".yaml") {
    return scan_structured_file(target);
  }
  std::string shown = fs::path(target).filename().string();
  if (is_weights_file(target)) {
    Release r;
    r.target = target;
    r.input_kind = "weights-file";
    r.name = shown;
    InventoryEntry entry = classify_path(shown, fs::file_size(target));
    mark_present(r, *entry.component, {shown, 0, {}, {}});
    release::FileEntry file{shown, entry.size, 0, "weights"};
    read_weight_file(target, entry, file, r);
    r.files.push_back(file);
    finish_weights(r);
    assign_component_licenses(r);
    return r;
  }
  TRY_ASSIGN(text, read_text(target, target));
  bool card = ext == ".md" || ext == ".markdown" || text.starts_with("---\n");
  Release r = card ? scan_model_card_text(text, shown) : scan_license_text(text, shown);
  r.target = target;
  return r;
}

}  // namespace

Release scan_model_card_text(std::string_view text, const std::string& path) {
  Release r;
  r.target = path;
  r.input_kind = "model-card";
  add_model_card(r, text, path);
  if (r.name.empty()) {
    r.name = fs::path(path).stem().string();
  }
  // A card alone does not say which other components exist: they stay unknown.
  assign_component_licenses(r);
  return r;
}

void scan_files(const std::vector<InventoryEntry>& entries, const FileSource& source, Release& r) {
  std::size_t code_read = 0;
  for (const InventoryEntry& entry : entries) {
    read_entry(r, source, entry, code_read);
  }
  finish_weights(r);
  mark_absent_rest(r);
  assign_component_licenses(r);
}

Release scan_license_text(std::string_view text, const std::string& path) {
  Release r;
  r.target = path;
  r.input_kind = "license-text";
  r.name = fs::path(path).filename().string();
  add_licenses(r, text, path, "license-file");
  // A license alone says nothing of which components exist.
  return r;
}

util::Result<Release> scan_target(const std::string& target) {
  if (target.starts_with("hf:")) {
    return hub::scan_hub(target);
  }
  std::error_code ec;
  fs::file_status st = fs::status(target, ec);
  if (ec || !fs::exists(st)) {
    // Not a path: a release of the bundled catalog, by id.
    if (const catalog::CatalogEntry* entry = catalog::find(target)) {
      return catalog::read_entry(*entry);
    }
    return util::make_error(util::ErrorCode::not_found,
                            "no such file, directory or catalog id (`aperture catalog` lists the ids)", target);
  }
  if (fs::is_directory(st)) {
    return scan_directory(target);
  }
  return scan_file(target);
}

}  // namespace aperture::scan
