#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>

#include <fmt/format.h>

#include <aperture/assess/known_license.hpp>
#include <aperture/assess/license_openness.hpp>
#include <aperture/formats/manifest.hpp>
#include <aperture/formats/yaml_tree.hpp>
#include <aperture/license/expression.hpp>
#include <aperture/util/text.hpp>

namespace aperture::formats {
namespace {

using release::ComponentKind;
using release::Evidence;
using Keys = std::initializer_list<std::string_view>;

// The reader keeps the file's path and default date; every method reports the
// first problem as a Result naming the file and line.
class ManifestReader {
public:
  ManifestReader(std::string_view path) : m_path(path) {}

  util::Result<Manifest> read(const YamlNode& root) {
    if (!root.is_mapping()) {
      return fail(root, "a manifest is a YAML mapping");
    }
    TRY(check_keys(root, {"aperture", "id", "name", "publisher", "released", "checked", "url", "variants",
                          "access", "outputs", "parameters", "training_tokens", "training_compute", "license",
                          "base_models", "datasets", "components", "claims"}));
    TRY_ASSIGN(format, required_text(root, "aperture"));
    if (format != k_manifest_format) {
      return fail(*root.find("aperture"),
                  fmt::format("unsupported manifest format '{}' (this Aperture reads {})", format,
                              k_manifest_format));
    }
    TRY_ASSIGN(checked, required_text(root, "checked"));
    TRY(check_date(*root.find("checked"), checked, true));
    m_checked = checked;
    Manifest m;
    release::Release& r = m.release;
    r.input_kind = "manifest";
    r.target = std::string(m_path);
    TRY_ASSIGN(id, optional_text(root, "id"));
    TRY(check_id(root, id));
    m.id = id;
    TRY_ASSIGN(name, required_text(root, "name"));
    TRY_ASSIGN(publisher, required_text(root, "publisher"));
    TRY_ASSIGN(released, optional_text(root, "released"));
    TRY_ASSIGN(url, optional_text(root, "url"));
    TRY_ASSIGN(access, required_text(root, "access"));
    if (access != "weights" && access != "api") {
      return fail(*root.find("access"), fmt::format("access is 'weights' or 'api', not '{}'", access));
    }
    if (!released.empty()) {
      TRY(check_date(*root.find("released"), released, false));
    }
    r.name = name;
    r.publisher = publisher;
    r.released = released;
    r.url = url;
    r.access = access;
    TRY(read_variants(root, r));
    TRY(read_outputs(root, r));
    TRY(read_counts(root, r));
    TRY(read_license(root, r));
    TRY(read_base_models(root, r));
    TRY(read_datasets(root, r));
    TRY(read_components(root, r));
    TRY(read_claims(root, r));
    apply_defaults(r);
    return m;
  }

  util::Result<DatasetManifest> read_dataset(const YamlNode& root) {
    if (!root.is_mapping()) {
      return fail(root, "a dataset entry is a YAML mapping");
    }
    TRY(check_keys(root, {"aperture", "id", "name", "publisher", "checked", "url", "hub_ids", "license",
                          "note", "note_source"}));
    TRY_ASSIGN(format, required_text(root, "aperture"));
    if (format != k_dataset_format) {
      return fail(*root.find("aperture"),
                  fmt::format("unsupported dataset format '{}' (this Aperture reads {})", format,
                              k_dataset_format));
    }
    TRY_ASSIGN(checked, required_text(root, "checked"));
    TRY(check_date(*root.find("checked"), checked, true));
    m_checked = checked;
    DatasetManifest d;
    TRY_ASSIGN(id, required_text(root, "id"));
    TRY(check_id(root, id));
    d.id = id;
    TRY_ASSIGN(name, required_text(root, "name"));
    TRY_ASSIGN(publisher, optional_text(root, "publisher"));
    TRY_ASSIGN(url, optional_text(root, "url"));
    d.name = name;
    d.publisher = publisher;
    d.url = url;
    TRY_ASSIGN(ids, list_at(root, "hub_ids"));
    for (const YamlNode* item : ids) {
      if (!item->is_scalar() || util::trim(item->scalar).empty()) {
        return fail(*item, "hub_ids are the names model cards use for the dataset");
      }
      d.hub_ids.emplace_back(util::trim(item->scalar));
    }
    TRY_ASSIGN(fact, mapping_at(root, "license"));
    if (fact == nullptr) {
      return fail(root, "'license' is required");
    }
    TRY(check_keys(*fact, {"id", "source", "quote", "checked"}));
    TRY_ASSIGN(license, required_text(*fact, "id"));
    TRY_ASSIGN(source, required_text(*fact, "source"));
    TRY_ASSIGN(quote, optional_text(*fact, "quote"));
    TRY_ASSIGN(e, evidence_of(*fact, quote.empty() ? fmt::format("license: {}", license) : quote));
    if (license != "other") {
      auto parsed = license::parse_expression(license);
      if (!parsed) {
        return fail(*fact, fmt::format("license '{}': {} (an SPDX expression, or 'other')",
                                       util::clip_utf8(license, 60), parsed.error().message));
      }
      license = license::to_string(*parsed);
    }
    d.license = license;
    d.license_evidence = std::move(e);
    TRY_ASSIGN(note, optional_text(root, "note"));
    TRY_ASSIGN(note_source, optional_text(root, "note_source"));
    if (!note.empty()) {
      d.note = Evidence{std::string(m_path), root.find("note")->line, note_source, note, m_checked};
    }
    return d;
  }

private:
  util::Unexpected fail(const YamlNode& at, const std::string& message) const {
    return util::make_error(util::ErrorCode::invalid, fmt::format("line {}: {}", at.line, message),
                            std::string(m_path));
  }

  util::Result<util::Ok> check_keys(const YamlNode& map, Keys allowed) const {
    for (std::size_t i = 0; i < map.entries.size(); ++i) {
      const YamlEntry& e = map.entries[i];
      if (std::find(allowed.begin(), allowed.end(), e.key) == allowed.end()) {
        return fail(e.value, fmt::format("unknown key '{}'", util::clip_utf8(e.key, 60)));
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (map.entries[j].key == e.key) {
          return fail(e.value, fmt::format("'{}' is repeated", e.key));
        }
      }
    }
    return util::Ok{};
  }

  // A scalar value of `key`, empty when the key is absent.
  util::Result<std::string> optional_text(const YamlNode& map, std::string_view key) const {
    const YamlNode* v = map.find(key);
    if (v == nullptr || v->kind == YamlNode::Kind::null) {
      return std::string();
    }
    if (!v->is_scalar()) {
      return fail(*v, fmt::format("'{}' must be a single value", key));
    }
    return std::string(util::trim(v->scalar));
  }

  util::Result<std::string> required_text(const YamlNode& map, std::string_view key) const {
    TRY_ASSIGN(text, optional_text(map, key));
    if (text.empty()) {
      return fail(map, fmt::format("'{}' is required", key));
    }
    return text;
  }

  // YYYY-MM-DD, or YYYY-MM when `day_required` is false.
  util::Result<util::Ok> check_date(const YamlNode& at, std::string_view date, bool day_required) const {
    auto digits = [&](std::size_t from, std::size_t n) {
      return std::all_of(date.begin() + static_cast<std::ptrdiff_t>(from),
                         date.begin() + static_cast<std::ptrdiff_t>(from + n),
                         [](char c) { return c >= '0' && c <= '9'; });
    };
    bool month = date.size() >= 7 && digits(0, 4) && date[4] == '-' && digits(5, 2);
    bool day = date.size() == 10 && month && date[7] == '-' && digits(8, 2);
    if ((day_required && !day) || (!day_required && !(day || (month && date.size() == 7)))) {
      return fail(at, fmt::format("'{}' is not a date (YYYY-MM-DD{})", util::clip_utf8(date, 40),
                                  day_required ? "" : " or YYYY-MM"));
    }
    return util::Ok{};
  }

  util::Result<util::Ok> check_id(const YamlNode& root, std::string_view id) const {
    bool ok = std::all_of(id.begin(), id.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    });
    if (!ok || (!id.empty() && (id.front() == '-' || id.front() == '.'))) {
      return fail(*root.find("id"),
                  fmt::format("id '{}' may hold only a-z, 0-9, '.' and '-'", util::clip_utf8(id, 60)));
    }
    return util::Ok{};
  }

  // A fact's evidence: `source` (else `where`), `note`, `checked`.
  util::Result<Evidence> evidence_of(const YamlNode& fact, std::string quote) const {
    TRY_ASSIGN(source, optional_text(fact, "source"));
    TRY_ASSIGN(where, optional_text(fact, "where"));
    TRY_ASSIGN(note, optional_text(fact, "note"));
    TRY_ASSIGN(checked, optional_text(fact, "checked"));
    if (!checked.empty()) {
      TRY(check_date(*fact.find("checked"), checked, true));
    }
    Evidence e{
        std::string(m_path), fact.line, source.empty() ? where : source, note.empty() ? quote : note, {}};
    e.checked = checked.empty() ? m_checked : checked;
    return e;
  }

  util::Result<const YamlNode*> mapping_at(const YamlNode& map, std::string_view key) const {
    const YamlNode* v = map.find(key);
    if (v != nullptr && v->kind != YamlNode::Kind::null && !v->is_mapping()) {
      return fail(*v, fmt::format("'{}' must be a mapping", key));
    }
    return v != nullptr && v->is_mapping() ? v : nullptr;
  }

  util::Result<std::vector<const YamlNode*>> list_at(const YamlNode& map, std::string_view key) const {
    std::vector<const YamlNode*> out;
    const YamlNode* v = map.find(key);
    if (v == nullptr || v->kind == YamlNode::Kind::null) {
      return out;
    }
    if (!v->is_sequence()) {
      return fail(*v, fmt::format("'{}' must be a list", key));
    }
    for (const YamlNode& item : v->items) {
      out.push_back(&item);
    }
    return out;
  }

  // `variants`: Hub paths "owner/name", each with the page that shows its license.
  util::Result<util::Ok> read_variants(const YamlNode& root, release::Release& r) const {
    TRY_ASSIGN(items, list_at(root, "variants"));
    for (const YamlNode* item : items) {
      if (!item->is_mapping()) {
        return fail(*item, "a variant is a mapping with 'hub' and 'source'");
      }
      TRY(check_keys(*item, {"hub", "source", "note", "checked"}));
      TRY_ASSIGN(hub, required_text(*item, "hub"));
      TRY_ASSIGN(source, required_text(*item, "source"));
      std::size_t slash = hub.find('/');
      if (slash == std::string::npos || slash == 0 || slash + 1 == hub.size() ||
          hub.find_first_of("/ \t", slash + 1) != std::string::npos) {
        return fail(*item, fmt::format("a variant's hub is a Hub path owner/name, not '{}'",
                                       util::clip_utf8(hub, 60)));
      }
      TRY_ASSIGN(e, evidence_of(*item, hub));
      e.quote = hub;
      r.variants.push_back(std::move(e));
    }
    return util::Ok{};
  }

  util::Result<util::Ok> read_outputs(const YamlNode& root, release::Release& r) const {
    static constexpr std::array<std::string_view, 6> k_outputs = {"text",  "code",  "image",
                                                                  "audio", "video", "embeddings"};
    TRY_ASSIGN(items, list_at(root, "outputs"));
    for (const YamlNode* item : items) {
      if (!item->is_scalar() ||
          std::find(k_outputs.begin(), k_outputs.end(), item->scalar) == k_outputs.end()) {
        return fail(*item, "outputs are text, code, image, audio, video or embeddings");
      }
      r.outputs.push_back(item->scalar);
    }
    return util::Ok{};
  }

  // A positive number as written: 8030261248, 7.0e9, 15e12.
  util::Result<double> number_at(const YamlNode& fact, std::string_view key) const {
    TRY_ASSIGN(text, required_text(fact, key));
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value <= 0) {
      return fail(fact,
                  fmt::format("'{}' must be a positive number, not '{}'", key, util::clip_utf8(text, 40)));
    }
    return value;
  }

  util::Result<util::Ok> read_counts(const YamlNode& root, release::Release& r) const {
    TRY_ASSIGN(params, mapping_at(root, "parameters"));
    if (params != nullptr) {
      TRY(check_keys(*params, {"count", "source", "note", "checked"}));
      TRY_ASSIGN(count, number_at(*params, "count"));
      r.parameter_count = static_cast<std::uint64_t>(std::llround(count));
      TRY_ASSIGN(e, evidence_of(*params, fmt::format("parameters: {}", *r.parameter_count)));
      r.parameter_evidence = std::move(e);
    }
    TRY_ASSIGN(tokens, mapping_at(root, "training_tokens"));
    if (tokens != nullptr) {
      TRY(check_keys(*tokens, {"count", "source", "note", "checked"}));
      TRY_ASSIGN(count, number_at(*tokens, "count"));
      r.training_tokens = count;
      TRY_ASSIGN(e, evidence_of(*tokens, fmt::format("training tokens: {:g}", count)));
      r.training_tokens_evidence = std::move(e);
    }
    TRY_ASSIGN(compute, mapping_at(root, "training_compute"));
    if (compute != nullptr) {
      TRY(check_keys(*compute, {"flop", "source", "note", "checked"}));
      TRY_ASSIGN(flop, number_at(*compute, "flop"));
      r.training_compute = flop;
      TRY_ASSIGN(e, evidence_of(*compute, fmt::format("training compute: {:g} FLOP", flop)));
      r.training_compute_evidence = std::move(e);
    }
    return util::Ok{};
  }

  // The release's license: a found license (role "manifest") like a card's declaration.
  util::Result<util::Ok> read_license(const YamlNode& root, release::Release& r) {
    TRY_ASSIGN(fact, mapping_at(root, "license"));
    if (fact == nullptr) {
      return util::Ok{};
    }
    TRY(check_keys(*fact, {"id", "source", "note", "checked"}));
    TRY_ASSIGN(id, required_text(*fact, "id"));
    TRY_ASSIGN(e, evidence_of(*fact, fmt::format("license: {}", id)));
    m_license = id;
    m_license_evidence = e;
    r.claims.push_back({release::ClaimKind::declared_license, id, "manifest", e});
    assess::LicenseOpenness o = assess::judge_openness(id, release::ContentType::data);
    if (o.id.empty()) {
      return util::Ok{};  // "proprietary" and unknown names: no license id to report
    }
    release::FoundLicense f;
    f.match.id = o.id;
    if (const assess::KnownLicense* k = assess::find_known_license(o.id)) {
      f.match.name = k->name;
      f.match.osi_approved = k->osi_approved;
    }
    f.match.kind = license::MatchKind::declared;
    f.match.confidence = 1.0;
    f.match.lines.push_back({fact->line, fact->line});
    f.match.evidence = fmt::format("declared in the manifest: license: {}", id);
    f.file = std::string(m_path);
    f.role = "manifest";
    r.licenses.push_back(std::move(f));
    return util::Ok{};
  }

  util::Result<util::Ok> read_base_models(const YamlNode& root, release::Release& r) const {
    TRY_ASSIGN(items, list_at(root, "base_models"));
    for (const YamlNode* item : items) {
      TRY(check_keys(*item, {"name", "relation", "source", "note", "checked"}));
      TRY_ASSIGN(name, required_text(*item, "name"));
      TRY_ASSIGN(relation, optional_text(*item, "relation"));
      if (!relation.empty() && relation != "finetune" && relation != "adapter" && relation != "merge" &&
          relation != "quantized") {
        return fail(*item, fmt::format("relation is finetune, adapter, merge or quantized, not '{}'",
                                       util::clip_utf8(relation, 40)));
      }
      release::BaseModel b;
      b.name = name;
      b.relation = relation;
      TRY_ASSIGN(e, evidence_of(*item, fmt::format("base model: {}", name)));
      b.evidence = std::move(e);
      r.base_models.push_back(std::move(b));
    }
    return util::Ok{};
  }

  util::Result<util::Ok> read_datasets(const YamlNode& root, release::Release& r) const {
    TRY_ASSIGN(items, list_at(root, "datasets"));
    for (const YamlNode* item : items) {
      TRY(check_keys(*item, {"name", "license", "url", "source", "note", "checked"}));
      TRY_ASSIGN(name, required_text(*item, "name"));
      TRY_ASSIGN(license, optional_text(*item, "license"));
      TRY_ASSIGN(url, optional_text(*item, "url"));
      TRY_ASSIGN(e, evidence_of(*item, license.empty() ? fmt::format("dataset: {}", name)
                                                       : fmt::format("dataset: {} ({})", name, license)));
      if (e.url.empty()) {
        e.url = url;
      }
      r.claims.push_back({release::ClaimKind::dataset, name, "manifest", std::move(e)});
    }
    return util::Ok{};
  }

  util::Result<util::Ok> read_components(const YamlNode& root, release::Release& r) const {
    TRY_ASSIGN(map, mapping_at(root, "components"));
    if (map == nullptr) {
      return util::Ok{};
    }
    for (const YamlEntry& entry : map->entries) {
      if (map->find(entry.key) != &entry.value) {
        return fail(entry.value, fmt::format("component '{}' is repeated", util::clip_utf8(entry.key, 60)));
      }
      std::optional<ComponentKind> kind = release::component_kind_from_string(entry.key);
      if (!kind) {
        return fail(entry.value, fmt::format("'{}' is not a component id (docs/manifest.md lists them)",
                                             util::clip_utf8(entry.key, 60)));
      }
      TRY(read_component(entry.value, *kind, r));
    }
    return util::Ok{};
  }

  util::Result<util::Ok> read_component(const YamlNode& fact, ComponentKind kind, release::Release& r) const {
    if (!fact.is_mapping()) {
      return fail(fact, fmt::format("component '{}' must be a mapping", release::to_string(kind)));
    }
    TRY(check_keys(fact, {"published", "license", "where", "source", "note", "checked"}));
    TRY_ASSIGN(published, required_text(fact, "published"));
    if (published != "true" && published != "false") {
      return fail(*fact.find("published"), "published is true or false");
    }
    TRY_ASSIGN(license, optional_text(fact, "license"));
    std::string quote = published == "true" ? "published" : "not published";
    if (!license.empty()) {
      quote += fmt::format(", license: {}", license);
    }
    TRY_ASSIGN(e, evidence_of(fact, quote));
    release::Component& c = r.component(kind);
    c.presence = published == "true" ? release::Presence::present : release::Presence::absent;
    set_license(c, license);
    c.evidence.push_back(std::move(e));
    return util::Ok{};
  }

  static void set_license(release::Component& c, const std::string& license) {
    c.license = license;
    c.license_id =
        license.empty() ? std::string() : assess::judge_openness(license, release::content_type(c.kind)).id;
  }

  util::Result<util::Ok> read_claims(const YamlNode& root, release::Release& r) const {
    TRY_ASSIGN(items, list_at(root, "claims"));
    for (const YamlNode* item : items) {
      TRY(check_keys(*item, {"text", "source", "note", "checked"}));
      TRY_ASSIGN(text, required_text(*item, "text"));
      TRY_ASSIGN(e, evidence_of(*item, text));
      e.quote = text;
      std::string lower = util::ascii_lower(text);
      auto says = [&](std::string_view a, std::string_view b) {
        return lower.find(a) != std::string::npos || lower.find(b) != std::string::npos;
      };
      if (lower.find("open") == std::string::npos) {
        return fail(*item,
                    "a claim quotes the publisher's words about openness ('open source', 'open model', ...)");
      }
      // "Open source" is checked against the OSD and OSAID; weaker words
      // ("open model", "open weights", "openly released") are recorded.
      release::ClaimKind kind = says("open source", "open-source") ? release::ClaimKind::open_source
                                                                   : release::ClaimKind::open_weights;
      r.claims.push_back({kind, text, "publisher", std::move(e)});
    }
    return util::Ok{};
  }

  // The release's license covers the weights that have none of their own;
  // an API-only release that says nothing of its weights does not publish them.
  void apply_defaults(release::Release& r) const {
    for (ComponentKind k :
         {ComponentKind::model_parameters_final, ComponentKind::model_parameters_intermediate}) {
      release::Component& c = r.component(k);
      if (c.presence == release::Presence::present && c.license.empty() && !m_license.empty()) {
        set_license(c, m_license);
        c.evidence.push_back(m_license_evidence);
      }
    }
    release::Component& weights = r.component(ComponentKind::model_parameters_final);
    if (r.access == "api" && weights.presence == release::Presence::unknown) {
      weights.presence = release::Presence::absent;
      Evidence e{std::string(m_path), 0, r.url, "access: api (the weights are not published)", m_checked};
      weights.evidence.push_back(std::move(e));
    }
  }

  std::string_view m_path;
  std::string m_checked;
  std::string m_license;
  Evidence m_license_evidence;
};

// Parses `text` with the limits every manifest gets.
util::Result<YamlNode> parse_manifest_yaml(std::string_view text, std::string_view path) {
  if (text.size() > k_max_manifest_bytes) {
    return util::make_error(util::ErrorCode::too_large, "a manifest is at most 1 MiB", std::string(path));
  }
  auto root = parse_yaml(text, YamlLimits{32, 20000, 1});
  if (!root) {
    return util::make_error(util::ErrorCode::parse, root.error().message, std::string(path));
  }
  return root;
}

}  // namespace

bool looks_like_manifest(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    if (line.starts_with("aperture:")) {
      return true;
    }
    if (eol == std::string_view::npos) {
      break;
    }
    pos = eol + 1;
  }
  return false;
}

util::Result<Manifest> read_manifest(std::string_view text, std::string_view path) {
  TRY_ASSIGN(root, parse_manifest_yaml(text, path));
  return ManifestReader(path).read(root);
}

util::Result<DatasetManifest> read_dataset_manifest(std::string_view text, std::string_view path) {
  TRY_ASSIGN(root, parse_manifest_yaml(text, path));
  return ManifestReader(path).read_dataset(root);
}

}  // namespace aperture::formats
