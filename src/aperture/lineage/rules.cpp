#include <algorithm>
#include <array>
#include <set>
#include <utility>

#include <fmt/format.h>

#include <aperture/assess/known_license.hpp>
#include <aperture/assess/license_openness.hpp>
#include <aperture/license/expression.hpp>
#include <aperture/lineage/rules.hpp>
#include <aperture/util/text.hpp>

namespace aperture::lineage {

using release::Evidence;
using release::Finding;
using release::Severity;

namespace {

bool contains_word(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

const terms::LicenseProfile* profile_of(std::string_view id) {
  if (id.empty()) {
    return nullptr;
  }
  const assess::KnownLicense* k = assess::find_known_license(id);
  return k == nullptr ? nullptr : k->profile;
}

// The license ids of an id or an SPDX expression ("CC-BY-SA-3.0 AND GFDL-1.3-or-later").
std::vector<std::string> license_ids(std::string_view license) {
  if (license.empty()) {
    return {};
  }
  auto parsed = license::parse_expression(license);
  return parsed ? license::leaf_terms(*parsed) : std::vector<std::string>{std::string(license)};
}

// The id a license is known by ("llama3.1" → "LicenseRef-Llama-3.1"), lower case.
std::string canonical(std::string_view id) {
  const assess::KnownLicense* k = assess::find_known_license(id);
  return util::ascii_lower(k == nullptr ? id : std::string_view(k->id));
}

bool same_license(std::string_view a, std::string_view b) {
  return canonical(a) == canonical(b);
}

std::string family_of(std::string_view id) {
  const terms::LicenseProfile* p = profile_of(id);
  return p == nullptr ? std::string() : p->family;
}

// How open a license is for weights: none < restricted < open; -1 unknown.
int openness_rank(std::string_view id) {
  release::ContentType type = release::content_type(release::ComponentKind::model_parameters_final);
  switch (assess::judge_openness(id, type).openness) {
  case assess::Openness::open:
    return 2;
  case assess::Openness::restricted:
    return 1;
  case assess::Openness::none:
    return 0;
  case assess::Openness::unknown:
    return -1;
  }
  return -1;
}

// none/absent 0, weak 1, strong 2, network 3.
int copyleft_rank(std::string_view id) {
  const terms::LicenseProfile* p = profile_of(id);
  if (p == nullptr || !p->terms.copyleft) {
    return 0;
  }
  const std::string& v = p->terms.copyleft->value;
  return v == "weak" ? 1 : v == "strong" ? 2 : v == "network" ? 3 : 0;
}

const terms::Duty* find_duty(const terms::LicenseProfile& p, std::string_view kind) {
  for (const terms::Duty& d : p.terms.attribution) {
    if (d.duty == kind) {
      return &d;
    }
  }
  return nullptr;
}

// The clause that makes a license bind derivatives, cited with the license URL.
Evidence binding_clause(std::string_view id) {
  const terms::LicenseProfile* p = profile_of(id);
  if (p == nullptr) {
    return {};
  }
  const terms::Terms& t = p->terms;
  terms::Citation c;
  if (t.flow_down && t.flow_down->value == "yes") {
    c = t.flow_down->cite;
  } else if (t.copyleft && t.copyleft->value != "none") {
    c = t.copyleft->cite;
  } else if (const terms::Duty* d = find_duty(*p, "copy-of-license")) {
    c = d->cite;
  } else if (const terms::Duty* n = find_duty(*p, "name-prefix")) {
    c = n->cite;
  }
  return {{}, 0, p->url, c.quote.empty() ? c.clause : fmt::format("{}: {}", c.clause, c.quote), {}};
}

Evidence clause_evidence(const terms::LicenseProfile& p, const terms::Citation& c) {
  return {{}, 0, p.url, c.quote.empty() ? c.clause : fmt::format("{}: {}", c.clause, c.quote), {}};
}

// "meta-llama" of "meta-llama/Llama-3.1-8B"; empty for a bare name.
std::string_view owner_of(std::string_view name) {
  std::size_t slash = name.find('/');
  return slash == std::string_view::npos ? std::string_view() : name.substr(0, slash);
}

std::string_view model_part(std::string_view name) {
  std::size_t slash = name.rfind('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

std::string link_text(const Ancestor& a) {
  return fmt::format("{} ({}, {})", a.name, a.license.empty() ? "license unknown" : a.license,
                     a.resolved_by.empty() ? "unresolved" : a.resolved_by);
}

std::vector<Evidence> evidence_of(const Subject& s, const Ancestor& a, Evidence clause) {
  std::vector<Evidence> e;
  if (!s.declaration.file.empty() || !s.declaration.quote.empty()) {
    e.push_back(s.declaration);
  }
  e.push_back(a.evidence);
  if (!clause.url.empty() || !clause.quote.empty()) {
    e.push_back(std::move(clause));
  }
  return e;
}

std::string duty_text(const terms::Duty& d, const terms::LicenseProfile& p) {
  if (!d.text.empty()) {
    return d.text;
  }
  if (d.duty == "copy-of-license") {
    return "give recipients a copy of the " + p.name;
  }
  if (d.duty == "notice") {
    return "keep the copyright and attribution notices";
  }
  if (d.duty == "credit") {
    return "credit the licensor";
  }
  if (d.duty == "mark-changes") {
    return "mark modified files as changed";
  }
  return d.duty;
}

std::string number_text(double v) {
  if (v >= 1e6 && static_cast<double>(static_cast<std::int64_t>(v / 1e6)) * 1e6 == v) {
    return fmt::format("{} million", static_cast<std::int64_t>(v / 1e6));
  }
  return fmt::format("{}", v);
}

void add_data_terms(const terms::LicenseProfile& p,
                    const std::string& id,
                    const std::string& who,
                    std::vector<Obligation>& out) {
  const terms::Terms& t = p.terms;
  if (t.commercial_use && t.commercial_use->value == "banned") {
    out.push_back(
        {"non-commercial", "no commercial use", id, who, clause_evidence(p, t.commercial_use->cite)});
  }
  if (t.copyleft && t.copyleft->value != "none") {
    out.push_back({"share-alike", "derivatives under the same license terms", id, who,
                   clause_evidence(p, t.copyleft->cite)});
  }
}

// Each kind and text (and license) once, the first (nearest) kept.
void append_unique(std::vector<Obligation>& all, std::vector<Obligation> more, std::set<std::string>& seen) {
  for (Obligation& o : more) {
    if (seen.insert(o.kind + '\n' + o.text + '\n' + canonical(o.license)).second) {
      all.push_back(std::move(o));
    }
  }
}

}  // namespace

std::string infer_relation(std::string_view declared,
                           std::string_view child_name,
                           const std::vector<std::string>& file_names,
                           std::size_t base_count) {
  if (!declared.empty()) {
    return std::string(declared);
  }
  static constexpr std::array<std::string_view, 6> k_quantized = {"gguf", "-awq", "-gptq",
                                                                  "bnb",  "4bit", "8bit"};
  std::vector<std::string> names{util::ascii_lower(child_name)};
  for (const std::string& f : file_names) {
    names.push_back(util::ascii_lower(f));
  }
  for (const std::string& n : names) {
    for (std::string_view q : k_quantized) {
      if (contains_word(n, q)) {
        return "quantized";
      }
    }
  }
  for (const std::string& n : names) {
    if (n.ends_with("adapter_config.json") || contains_word(n, "lora")) {
      return "adapter";
    }
  }
  return base_count > 1 ? "merge" : "finetune";
}

bool binds_derivatives(std::string_view id) {
  const terms::LicenseProfile* p = profile_of(id);
  if (p == nullptr) {
    return false;
  }
  const terms::Terms& t = p->terms;
  if (t.flow_down && t.flow_down->value == "yes") {
    return true;
  }
  if (t.copyleft && t.copyleft->value != "none") {
    return true;
  }
  bool carries = find_duty(*p, "copy-of-license") != nullptr || find_duty(*p, "name-prefix") != nullptr;
  return carries && openness_rank(id) == 1;
}

std::string chain_text(const Subject& subject, const std::vector<Ancestor>& ancestors, std::size_t index) {
  std::vector<std::size_t> path{index};
  std::set<std::size_t> on_path{index};
  // Walk back through the first ancestor of each `child` name, bounded by the list.
  while (path.size() <= ancestors.size()) {
    const std::string& child = ancestors[path.back()].child;
    if (child == subject.name) {
      break;
    }
    auto it =
        std::find_if(ancestors.begin(), ancestors.end(), [&](const Ancestor& a) { return a.name == child; });
    auto at = static_cast<std::size_t>(it - ancestors.begin());
    if (it == ancestors.end() || !on_path.insert(at).second) {
      break;
    }
    path.push_back(at);
  }
  std::string out = subject.name.empty() ? "this release" : subject.name;
  for (auto i = path.rbegin(); i != path.rend(); ++i) {
    out += " → " + link_text(ancestors[*i]);
  }
  return out;
}

std::vector<Obligation> license_obligations(const Ancestor& a) {
  const terms::LicenseProfile* p = profile_of(a.license);
  if (p == nullptr) {
    return {};
  }
  std::vector<Obligation> out;
  const terms::Terms& t = p->terms;
  for (const terms::Duty& d : t.attribution) {
    out.push_back({d.duty, duty_text(d, *p), p->id, a.name, clause_evidence(*p, d.cite)});
  }
  if (t.flow_down && t.flow_down->value == "yes") {
    out.push_back({"flow-down", "pass the use restrictions on as an enforceable provision", p->id, a.name,
                   clause_evidence(*p, t.flow_down->cite)});
  }
  if (const auto& aup = t.acceptable_use_policy) {
    std::string text = "follow the use policy " + aup->url;
    if (aup->changeable_by_licensor) {
      text += " (the licensor may change it)";
    }
    out.push_back({"use-policy", text, p->id, a.name, clause_evidence(*p, aup->cite)});
  }
  if (const auto& u = t.user_threshold) {
    out.push_back({"user-threshold",
                   fmt::format("a separate license above {} {}", number_text(u->value), u->unit), p->id,
                   a.name, clause_evidence(*p, u->cite)});
  }
  add_data_terms(*p, p->id, a.name, out);
  return out;
}

std::vector<Obligation> dataset_obligations(const Dataset& d) {
  std::vector<Obligation> out;
  for (const std::string& id : license_ids(d.license)) {
    if (const terms::LicenseProfile* p = profile_of(id)) {
      add_data_terms(*p, p->id, d.name, out);
    }
  }
  return out;
}

bool data_bans_commercial(std::string_view license) {
  auto banned = [](std::string_view id) {
    const terms::LicenseProfile* p = profile_of(id);
    return p != nullptr && p->terms.commercial_use && p->terms.commercial_use->value == "banned";
  };
  auto parsed = license::parse_expression(license);
  if (!parsed) {
    return banned(license);
  }
  std::vector<std::string> ids = license::leaf_terms(*parsed);
  if (parsed->kind == license::Expression::Kind::disjunction) {
    return !ids.empty() && std::all_of(ids.begin(), ids.end(), banned);
  }
  return std::any_of(ids.begin(), ids.end(), banned);
}

std::vector<Finding> check_data_terms(const Subject& s, const std::vector<Dataset>& datasets) {
  std::vector<Finding> out;
  const terms::LicenseProfile* own = profile_of(s.license);
  if (own == nullptr || !own->terms.commercial_use || own->terms.commercial_use->value == "banned") {
    return out;
  }
  for (const Dataset& d : datasets) {
    if (d.license.empty() || !data_bans_commercial(d.license)) {
      continue;
    }
    std::vector<Evidence> e{s.declaration, d.evidence};
    if (!d.license_evidence.url.empty()) {
      e.push_back(d.license_evidence);
    }
    out.push_back({"data-terms-conflict", Severity::warning,
                   fmt::format("declares {}, which allows commercial use, but {} was trained on {} under {}, "
                               "which bans it; whether a data set's terms reach a model trained on it is "
                               "unsettled: check before commercial use",
                               s.license, d.named_by.empty() ? std::string("it") : d.named_by, d.name,
                               d.license),
                   std::move(e)});
  }
  return out;
}

namespace {

std::optional<Finding> laundering(const Subject& s, const std::vector<Ancestor>& ancestors, std::size_t i) {
  const Ancestor& a = ancestors[i];
  bool keeps_copy = a.depth == 1 && (a.relation == "quantized" || a.relation == "adapter");
  bool same_family = !family_of(s.license).empty() && family_of(s.license) == family_of(a.license);
  int child_rank = openness_rank(s.license);
  int base_rank = openness_rank(a.license);
  if (child_rank < 0 || (same_family && !keeps_copy)) {
    return std::nullopt;
  }
  bool more_permissive = child_rank > base_rank ||
                         (child_rank == base_rank && copyleft_rank(s.license) < copyleft_rank(a.license));
  std::string chain = chain_text(s, ancestors, i);
  Finding f{"license-laundering", Severity::error, {}, evidence_of(s, a, binding_clause(a.license))};
  if (more_permissive) {
    f.message = fmt::format("declares {}, more permissive than {}, whose terms bind derivatives: {}",
                            s.license, a.license, chain);
  } else if (keeps_copy) {
    f.severity = same_family ? Severity::warning : Severity::error;
    f.message = fmt::format("a {} release keeps its base's license, but declares {} instead of {}: {}",
                            a.relation, s.license, a.license, chain);
  } else {
    f.severity = Severity::warning;
    f.message = fmt::format("declares {} instead of {}, whose terms bind derivatives: {}", s.license,
                            a.license, chain);
  }
  return f;
}

// Why two merged licenses cannot hold together; empty when they can.
std::string merge_problem(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty() || same_license(a, b)) {
    return {};
  }
  bool bind_a = binds_derivatives(a);
  bool bind_b = binds_derivatives(b);
  if (bind_a && bind_b && family_of(a) != family_of(b)) {
    return "each binds derivatives to its own terms";
  }
  if ((copyleft_rank(a) >= 2 && openness_rank(b) == 1) || (copyleft_rank(b) >= 2 && openness_rank(a) == 1)) {
    return "a strong copyleft license forbids the other's added restrictions";
  }
  return {};
}

}  // namespace

std::vector<Finding> check_laundering(const Subject& s, const std::vector<Ancestor>& ancestors) {
  std::vector<Finding> out;
  if (s.license.empty()) {
    return out;  // no declared license: findings.cpp reports it missing
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < ancestors.size(); ++i) {
    const Ancestor& a = ancestors[i];
    if (a.license.empty() || !seen.insert(canonical(a.license)).second) {
      continue;
    }
    if (same_license(s.license, a.license) || !binds_derivatives(a.license)) {
      continue;
    }
    if (std::optional<Finding> f = laundering(s, ancestors, i)) {
      out.push_back(std::move(*f));
    }
  }
  return out;
}

std::vector<Finding> check_merges(const Subject& s, const std::vector<Ancestor>& ancestors) {
  std::vector<Finding> out;
  for (std::size_t i = 0; i < ancestors.size(); ++i) {
    for (std::size_t j = i + 1; j < ancestors.size(); ++j) {
      const Ancestor& a = ancestors[i];
      const Ancestor& b = ancestors[j];
      if (a.relation != "merge" || b.relation != "merge" || a.child != b.child) {
        continue;
      }
      std::string why = merge_problem(a.license, b.license);
      if (why.empty()) {
        continue;
      }
      std::vector<Evidence> e = evidence_of(s, a, binding_clause(a.license));
      e.push_back(b.evidence);
      e.push_back(binding_clause(b.license));
      out.push_back({"merge-conflict", Severity::error,
                     fmt::format("{} merges {} and {}: {}: {} and {}", a.child, a.license, b.license, why,
                                 chain_text(s, ancestors, i), chain_text(s, ancestors, j)),
                     std::move(e)});
    }
  }
  return out;
}

std::vector<Finding> check_notices(const Subject& s,
                                   const std::vector<Ancestor>& ancestors,
                                   const std::vector<Obligation>& obligations) {
  std::vector<Finding> out;
  for (const Obligation& o : obligations) {
    auto it = std::find_if(ancestors.begin(), ancestors.end(),
                           [&](const Ancestor& a) { return a.name == o.ancestor; });
    if (it == ancestors.end() || o.text.empty()) {
      continue;
    }
    if (!owner_of(s.name).empty() &&
        util::ascii_lower(owner_of(s.name)) == util::ascii_lower(owner_of(it->name))) {
      continue;  // the licensor's own release
    }
    std::string chain = chain_text(s, ancestors, static_cast<std::size_t>(it - ancestors.begin()));
    std::string want = util::ascii_lower(o.text);
    if (o.kind == "name-prefix" && !s.name.empty() &&
        !util::ascii_lower(model_part(s.name)).starts_with(want)) {
      out.push_back({"notice-missing",
                     Severity::warning,
                     fmt::format("{} requires derived model names to begin with \"{}\"; \"{}\" does not: {}",
                                 o.license, o.text, model_part(s.name), chain),
                     {it->evidence, o.evidence}});
    }
    bool shown = std::any_of(s.shown_phrases.begin(), s.shown_phrases.end(),
                             [&](const std::string& p) { return util::ascii_lower(p) == want; });
    bool copied = std::any_of(s.license_copies.begin(), s.license_copies.end(),
                              [&](const std::string& id) { return same_license(id, o.license); });
    if (o.kind == "copy-of-license" && s.files_listed && !copied) {
      out.push_back({"notice-missing",
                     Severity::warning,
                     fmt::format("{} requires a copy of the license with the model; no file of the release "
                                 "holds its text: {}",
                                 o.license, chain),
                     {it->evidence, o.evidence}});
    }
    if (o.kind == "display" && s.card_read && !shown) {
      out.push_back({"notice-missing",
                     Severity::warning,
                     fmt::format("{} requires \"{}\" to be displayed; the model card does not show it: {}",
                                 o.license, o.text, chain),
                     {it->evidence, o.evidence}});
    }
  }
  return out;
}

void apply_rules(const Subject& s, Lineage& lineage) {
  std::set<std::string> seen;
  for (const Ancestor& a : lineage.ancestors) {
    append_unique(lineage.obligations, license_obligations(a), seen);
  }
  for (const Dataset& d : lineage.datasets) {
    append_unique(lineage.obligations, dataset_obligations(d), seen);
  }
  auto add = [&](std::vector<Finding> more) {
    std::move(more.begin(), more.end(), std::back_inserter(lineage.findings));
  };
  add(check_laundering(s, lineage.ancestors));
  add(check_merges(s, lineage.ancestors));
  add(check_notices(s, lineage.ancestors, lineage.obligations));
  add(check_data_terms(s, lineage.datasets));
}

}  // namespace aperture::lineage
