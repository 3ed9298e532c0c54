#include <aperture/formats/osai_file.hpp>

#include <algorithm>
#include <initializer_list>

#include <aperture/assess/license_openness.hpp>
#include <aperture/formats/yaml_limits.hpp>
#include <aperture/license/identify.hpp>
#include <aperture/util/text.hpp>

namespace aperture::formats {
namespace {

using frameworks::OsaiClass;
using frameworks::OsaiParameter;
using frameworks::Qualifier;
using release::Component;
using release::ComponentKind;
using release::Evidence;
using release::Presence;
using release::Release;

constexpr std::size_t k_max_quote = 200;

std::string scalar(const YAML::Node& node) {
  return node && node.IsScalar() ? node.Scalar() : std::string();
}

std::uint32_t line_of(const YAML::Node& node) {
  return node && node.Mark().line >= 0 ? static_cast<std::uint32_t>(node.Mark().line + 1) : 0u;
}

std::string shorten(std::string_view text) {
  return std::string(text.substr(0, k_max_quote));
}

bool contains_any(std::string_view text, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return text.find(w) != std::string_view::npos; });
}

// --- What the reviewers' notes say about availability --------------------
// The notes are free text by the index's reviewers. Only words about whether
// something exists, is complete or is gated are read here; `class` never is.

// The first sentence of `notes`, lower case, with a leading space so word
// starts can be matched as " no ".
std::string first_sentence(std::string_view lower) {
  std::size_t end = lower.find(". ");
  return " " + std::string(lower.substr(0, end));
}

// "No preprint found", "not released", "taken down", "under review", ...
bool says_absent(std::string_view lower) {
  std::string s = first_sentence(lower);
  return contains_any(s, {" no ", " not ", " none", "n/a", "undisclosed", "proprietary", "taken down", "removed",
                          "unavailable", "under review", "under peer review", "forthcoming", "promised",
                          "closed source", "internal ", "blog post", "blogpost", "medium post", "via api",
                          "without"});
}

// "available", "published", ... in the first sentence, with no negation
// before it in that sentence ("No base model weights provided" is absent).
bool says_present(std::string_view lower) {
  std::string s = first_sentence(lower);
  for (std::string_view w : {"available", "published", "released", "shared", "provided", "exists", "outlined",
                             "described", "documented", "listed", "detailed", "on github", "on huggingface",
                             "contains", "presented", "accepted"}) {
    std::size_t at = s.find(w);
    if (at != std::string::npos &&
        !contains_any(std::string_view(s).substr(0, at), {" no ", " not ", " nor ", "n't ", " none"})) {
      return true;
    }
  }
  return false;
}

// Only part is there or described: "some", "only", "lacks", "however", ...
bool says_incomplete(std::string_view lower) {
  std::string s = " " + std::string(lower);
  return contains_any(s, {" some ", "partial", "not all", " only ", "limited", "subset", "smaller", "unclear",
                          " but ", "however", "lacks", " lack ", "little", "sparse", "minimal", " basic",
                          "high level", "high-level", "brief", "sketch", "mainly", "primarily", "mostly", " few ",
                          "does not", "doesn't", "not fully", "not very", "not comprehensive", "not detailed",
                          "not in detail", "no info", "no detail", "missing"});
}

// Access needs a request, a form, a login or other weights to apply a delta to.
bool says_gated(std::string_view lower) {
  return contains_any(lower, {"gated", "consent", "request", "requires signing", "require signing", "agreeing",
                              "contact information", "user information", "login", "log in", "delta", " diff",
                              "license agreement", "behind"});
}

// --- Link kinds ----------------------------------------------------------

bool is_code_url(std::string_view url) {
  return contains_any(url, {"github.com", "gitlab", "codeberg.org", "bitbucket.org", "git."});
}

bool is_dataset_url(std::string_view url) {
  return contains_any(url, {"huggingface.co/datasets", "github.com", "zenodo.org", "kaggle.com", "commoncrawl",
                            "modelscope.cn/datasets", "/data", "dataset"});
}

// An archived preprint or technical report, not a blog post.
bool is_report_url(std::string_view url) {
  return contains_any(url, {"arxiv.org", ".pdf", "openreview.net", "aclanthology.org", "biorxiv", "ssrn.com",
                            "zenodo.org", "tech-report", "technical-report", "techreport", "/papers/", "doi.org",
                            "researchgate", "semanticscholar"});
}

// --- One parameter's entry ------------------------------------------------

OsaiEntry read_entry(const YAML::Node& root, OsaiParameter parameter) {
  OsaiEntry e;
  e.parameter = parameter;
  const YAML::Node node = root[std::string(frameworks::info(parameter).ref)];
  if (!node || !node.IsMap()) {
    return e;
  }
  e.present = true;
  // The key's line, where a reader looks; the value's mark is its first entry.
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (scalar(it->first) == frameworks::info(parameter).ref) {
      e.line = line_of(it->first);
    }
  }
  e.rating = frameworks::osai_class_from_string(scalar(node["class"])).value_or(OsaiClass::unknown);
  const YAML::Node link = node["link"];
  if (link && link.IsSequence()) {
    for (const YAML::Node& l : link) {
      if (!scalar(l).empty()) {
        e.links.push_back(scalar(l));
      }
    }
  } else if (!scalar(link).empty()) {
    e.links.push_back(scalar(link));
  }
  e.notes = scalar(node["notes"]);
  return e;
}

// One Evidence per link (or one for the notes alone), each quoting the notes.
std::vector<Evidence> evidence_of(const OsaiEntry& e, std::string_view path) {
  std::vector<Evidence> out;
  for (const std::string& url : e.links) {
    out.push_back(Evidence{std::string(path), e.line, url, shorten(e.notes)});
  }
  if (out.empty() && !e.notes.empty()) {
    out.push_back(Evidence{std::string(path), e.line, {}, shorten(e.notes)});
  }
  return out;
}

void add_qualifier(Release& r, Qualifier q, std::string_view subject, const OsaiEntry& e) {
  release::Finding f;
  f.rule = frameworks::qualifier_rule(q, subject);
  f.severity = release::Severity::info;
  f.message = "the index's notes: " + shorten(e.notes);
  f.evidence = evidence_of(e, r.target);
  r.findings.push_back(std::move(f));
}

// Presence of what an entry describes, from its links and the notes' words;
// `kind_ok` says whether a link is of the right kind (a code host for code, ...).
// Returns the presence and whether only part of it is there.
struct Reading {
  Presence presence = Presence::unknown;
  bool incomplete = false;
};

template <typename LinkKind> Reading read_availability(const OsaiEntry& e, LinkKind kind_ok) {
  std::string lower = util::ascii_lower(e.notes);
  bool absent = says_absent(lower);
  bool present = says_present(lower);
  bool right_link = std::any_of(e.links.begin(), e.links.end(), kind_ok);
  if (absent && !present) {
    return {Presence::absent, false};
  }
  if (absent && present) {
    return {Presence::present, true};
  }
  if (!e.links.empty() && !right_link) {
    // A link of the wrong kind (a paper for data, a model page for code): described, not available.
    return {Presence::present, true};
  }
  if (!e.links.empty() || present) {
    return {Presence::present, says_incomplete(lower)};
  }
  return {};
}

void set_component(Component& c, Reading reading, const OsaiEntry& e, std::string_view path) {
  c.presence = reading.presence;
  std::vector<Evidence> ev = evidence_of(e, path);
  c.evidence.insert(c.evidence.end(), ev.begin(), ev.end());
}

void read_component(Release& r, Component& c, std::string_view subject, const OsaiEntry& e,
                    bool (*kind_ok)(std::string_view)) {
  Reading reading = kind_ok != nullptr ? read_availability(e, [&](const std::string& u) { return kind_ok(u); })
                                       : read_availability(e, [](const std::string&) { return true; });
  set_component(c, reading, e, r.target);
  if (reading.incomplete) {
    add_qualifier(r, Qualifier::incomplete, subject, e);
  }
}

void read_weights(Release& r, Component& c, std::string_view subject, const OsaiEntry& e) {
  Reading reading = read_availability(e, [](const std::string&) { return true; });
  std::string lower = util::ascii_lower(e.notes);
  // "Weights removed", "restricted access via API": the weights cannot be had.
  if (contains_any(lower, {"removed", "taken down", "via api", "empty", "not made publicly", "not publicly"})) {
    reading = {Presence::absent, false};
  } else if (!e.links.empty() && says_gated(lower)) {
    // "Inspecting the weights requires signing ...": there, behind a gate.
    reading = {Presence::present, false};
  }
  set_component(c, reading, e, r.target);
  if (reading.presence == Presence::present && says_gated(lower)) {
    add_qualifier(r, Qualifier::gated, subject, e);
  } else if (reading.incomplete) {
    add_qualifier(r, Qualifier::incomplete, subject, e);
  }
}

// Documentation entries (code, hardware_architecture) become qualifiers.
void read_documentation(Release& r, std::string_view subject, const OsaiEntry& e) {
  Reading reading = read_availability(e, [](const std::string&) { return true; });
  if (reading.presence == Presence::absent) {
    add_qualifier(r, Qualifier::undocumented, subject, e);
  } else if (reading.presence == Presence::present) {
    add_qualifier(r, reading.incomplete ? Qualifier::incomplete : Qualifier::documented, subject, e);
  }
}

// A preprint: an archived report; a blog post alone is not one.
void read_preprint(Release& r, const OsaiEntry& e) {
  Component& c = r.component(ComponentKind::technical_report);
  read_component(r, c, release::to_string(c.kind), e, &is_report_url);
  bool any_report = std::any_of(e.links.begin(), e.links.end(), [](const std::string& u) { return is_report_url(u); });
  if (c.presence == Presence::present && !any_report && !e.links.empty()) {
    c.presence = Presence::absent;
  }
}

// --- Licenses --------------------------------------------------------------

// `text` resolved to an id or expression Aperture can judge: as written, else
// the licenses identify_text finds in it, joined with AND; empty when neither.
std::string resolve_license(std::string_view text, release::ContentType type) {
  assess::LicenseOpenness o = assess::judge_openness(text, type);
  if (o.openness != assess::Openness::unknown) {
    return o.id.empty() ? std::string(text) : o.id;
  }
  std::string joined;
  for (const license::LicenseMatch& m : license::identify_text(text)) {
    joined += joined.empty() ? m.id : " AND " + m.id;
  }
  if (joined.empty() && text.size() < k_max_quote) {
    // A bare name ("MIT License", "Llama 2 Community License Agreement") is
    // read as the notice it stands for.
    for (const license::LicenseMatch& m : license::identify_text("Licensed under the " + std::string(text) + ".")) {
      joined += joined.empty() ? m.id : " AND " + m.id;
    }
  }
  return joined;
}

void set_license(Component& c, std::string_view text, Evidence evidence) {
  std::string id = resolve_license(text, release::content_type(c.kind));
  c.license = std::string(text);
  c.license_id = id;
  evidence.quote = shorten(text);
  c.evidence.push_back(std::move(evidence));
}

// "Weights: Apache-2.0. Code: not released. Data: ODC-By." → the text after `label`.
std::string segment(std::string_view notes, std::string_view label) {
  std::string lower = util::ascii_lower(notes);
  std::size_t at = lower.find(label);
  if (at == std::string::npos) {
    return {};
  }
  std::size_t start = at + label.size();
  std::size_t end = lower.size();
  for (std::string_view next : {"weights:", "code:", "data:"}) {
    std::size_t n = lower.find(next, start);
    end = std::min(end, n == std::string::npos ? end : n);
  }
  std::string_view s = notes.substr(start, end - start);
  while (!s.empty() && (s.back() == ' ' || s.back() == '.')) {
    s.remove_suffix(1);
  }
  while (!s.empty() && s.front() == ' ') {
    s.remove_prefix(1);
  }
  return std::string(s);
}

// A license statement from the notes that is not about availability.
bool is_license_statement(std::string_view text) {
  std::string lower = util::ascii_lower(text);
  return !text.empty() && !contains_any(lower, {"not released", "not disclosed", "not specified", "not available",
                                                "limited", "unclear", "variable", "mixed", "various"});
}

void add_found_license(Release& r, const std::string& id, const OsaiEntry& e) {
  bool seen = std::any_of(r.licenses.begin(), r.licenses.end(),
                          [&](const release::FoundLicense& f) { return f.match.id == id; });
  if (seen || id.empty()) {
    return;
  }
  release::FoundLicense f;
  f.match.id = id;
  f.match.kind = license::MatchKind::notice;
  f.match.lines.push_back({e.line, e.line});
  f.match.evidence = shorten(e.notes);
  f.file = r.target;
  f.role = "notice";
  r.licenses.push_back(std::move(f));
}

// The `licenses` notes: "Weights: X. Code: Y. Data: Z." when reviewers wrote
// it so, otherwise whatever licenses identify_text (or the first clause, as a
// license name) finds in them.
void read_licenses(Release& r, const OsaiEntry& e) {
  Evidence where{r.target, e.line, e.links.empty() ? std::string() : e.links.front(), {}};
  struct Part {
    std::string_view label;
    ComponentKind kind;
  };
  bool structured = false;
  for (Part part : {Part{"weights:", ComponentKind::model_parameters_final}, Part{"code:", ComponentKind::training_code},
                    Part{"data:", ComponentKind::datasets}}) {
    std::string text = segment(e.notes, part.label);
    structured = structured || !text.empty();
    Component& c = r.component(part.kind);
    if (is_license_statement(text) && c.license_id.empty()) {
      set_license(c, text, where);
    } else if (says_absent(util::ascii_lower(text)) && c.presence == Presence::unknown) {
      c.presence = Presence::absent;  // "Code: not released."
    }
  }
  if (structured) {
    return;
  }
  for (const license::LicenseMatch& m : license::identify_text(e.notes)) {
    add_found_license(r, m.id, e);
  }
  std::string_view first = e.notes;
  first = first.substr(0, std::min(first.find(','), first.find(". ")));
  add_found_license(r, resolve_license(first, release::ContentType::code), e);
}

// --- system: and org: -------------------------------------------------------

void read_system(Release& r, const YAML::Node& root) {
  const YAML::Node system = root["system"];
  r.name = scalar(system["name"]);
  r.url = scalar(system["link"]);
  r.publisher = scalar(root["org"]["name"]);
  std::string license = scalar(system["endmodellicense"]);
  const YAML::Node license_node = system["endmodellicense"];
  if (!license.empty()) {
    Evidence e{r.target, line_of(license_node), {}, shorten(license)};
    set_license(r.component(ComponentKind::model_parameters_final), license, e);
    r.claims.push_back({release::ClaimKind::declared_license, license, "osai-endmodellicense", e});
  }
  // The index always rates a base model; where base and end model are one,
  // its base entries mirror the end model's (_parameters-descriptions.yml).
  std::string base = scalar(system["basemodelname"]);
  release::BaseModel b;
  b.name = base.empty() ? scalar(system["endmodelname"]) : base;
  b.evidence = Evidence{r.target, line_of(system["basemodelname"]), {}, shorten(b.name)};
  // The index records one license per system (`endmodellicense`); the base
  // model's weights are taken to be under it unless the notes gate them.
  if (!license.empty()) {
    set_license(b.weights, license, Evidence{r.target, line_of(license_node), {}, {}});
  }
  r.base_models.push_back(std::move(b));
  if (!base.empty()) {
    r.claims.push_back({release::ClaimKind::base_model, base, "osai-basemodelname", r.base_models.back().evidence});
  }
}

// Fills `file.release` from the entries, parameter by parameter.
void build_release(OsaiFile& file) {
  Release& r = file.release;
  auto entry = [&](OsaiParameter p) -> const OsaiEntry& { return file.index[static_cast<std::size_t>(p)]; };
  auto kind_id = [](ComponentKind k) { return release::to_string(k); };
  if (!r.base_models.empty()) {
    release::BaseModel& base = r.base_models.front();
    read_weights(r, base.weights, frameworks::k_subject_base_weights, entry(OsaiParameter::weights_basemodel));
    read_component(r, base.datasets, frameworks::k_subject_base_datasets, entry(OsaiParameter::datasources_basemodel),
                   &is_dataset_url);
  }
  read_component(r, r.component(ComponentKind::datasets), kind_id(ComponentKind::datasets),
                 entry(OsaiParameter::datasources_endmodel), &is_dataset_url);
  read_weights(r, r.component(ComponentKind::model_parameters_final), kind_id(ComponentKind::model_parameters_final),
               entry(OsaiParameter::weights_endmodel));
  read_component(r, r.component(ComponentKind::training_code), kind_id(ComponentKind::training_code),
                 entry(OsaiParameter::trainingcode), &is_code_url);
  read_documentation(r, kind_id(ComponentKind::training_code), entry(OsaiParameter::code));
  read_documentation(r, frameworks::k_subject_hardware, entry(OsaiParameter::hardware_architecture));
  read_preprint(r, entry(OsaiParameter::preprint));
  read_component(r, r.component(ComponentKind::research_paper), kind_id(ComponentKind::research_paper),
                 entry(OsaiParameter::paper), nullptr);
  read_component(r, r.component(ComponentKind::model_card), kind_id(ComponentKind::model_card),
                 entry(OsaiParameter::modelcard), nullptr);
  read_component(r, r.component(ComponentKind::data_card), kind_id(ComponentKind::data_card),
                 entry(OsaiParameter::datasheet), nullptr);
  read_licenses(r, entry(OsaiParameter::licenses));
}

util::Unexpected parse_error(std::string message, std::string_view path) {
  return util::make_error(util::ErrorCode::parse, std::move(message), std::string(path));
}

}  // namespace

bool looks_like_osai(const YAML::Node& root) {
  if (!root || !root.IsMap() || !root["system"] || !root["system"].IsMap()) {
    return false;
  }
  return std::any_of(frameworks::osai_parameters().begin(), frameworks::osai_parameters().end(),
                     [&](const frameworks::OsaiParameterInfo& i) { return root[std::string(i.ref)].IsDefined(); });
}

std::array<frameworks::OsaiClass, frameworks::k_osai_parameters> index_ratings(const OsaiFile& file) {
  std::array<OsaiClass, frameworks::k_osai_parameters> out{};
  for (std::size_t n = 0; n < out.size(); ++n) {
    out[n] = file.index[n].rating;
  }
  return out;
}

util::Result<OsaiFile> read_osai_file(std::string_view text, std::string_view path) {
  if (text.size() > k_max_osai_bytes) {
    return util::make_error(util::ErrorCode::too_large, "OSAI-index file larger than 1 MiB", std::string(path));
  }
  if (flow_depth(text) > k_max_osai_depth || widest_indent(text) > 4 * k_max_osai_depth) {
    return parse_error("OSAI-index file nested more than 32 levels deep", path);
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return parse_error(e.msg + " at line " + std::to_string(e.mark.line + 1) + ", column " +
                           std::to_string(e.mark.column + 1),
                       path);
  }
  if (!looks_like_osai(root)) {
    return parse_error("not an OSAI-index file (no `system:` mapping and parameters)", path);
  }
  OsaiFile file;
  file.path = std::string(path);
  file.release.target = file.path;
  file.release.input_kind = "osai";
  try {
    for (const frameworks::OsaiParameterInfo& i : frameworks::osai_parameters()) {
      file.index[static_cast<std::size_t>(i.parameter)] = read_entry(root, i.parameter);
    }
    read_system(file.release, root);
    build_release(file);
  } catch (const YAML::Exception& e) {
    // Conversions of hostile values (a mapping where a scalar belongs) throw.
    return parse_error(e.msg, path);
  }
  return file;
}

}  // namespace aperture::formats
