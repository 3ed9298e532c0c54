#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include <aperture/assess/known_license.hpp>
#include <aperture/bom/facts.hpp>
#include <aperture/license/expression.hpp>

namespace aperture::bom {

namespace {

using release::ComponentKind;
using release::Evidence;
using release::Release;

constexpr std::string_view k_epoch = "1970-01-01T00:00:00Z";

LicenseTerm term_of(const std::string& id) {
  LicenseTerm t;
  t.id = id;
  if (const assess::KnownLicense* known = assess::find_known_license(id)) {
    t.name = known->name;
    t.url = known->url;
    t.spdx_listed = known->in_spdx_list;
  }
  return t;
}

// True when `e` is one license, or licenses joined by AND, none with an exception.
bool is_simple_list(const license::Expression& e) {
  using Kind = license::Expression::Kind;
  if (e.kind == Kind::license || e.kind == Kind::license_ref) {
    return true;
  }
  if (e.kind != Kind::conjunction) {
    return false;
  }
  return std::all_of(e.operands.begin(), e.operands.end(), [](const license::Expression& o) {
    return o.kind == Kind::license || o.kind == Kind::license_ref;
  });
}

// A LicenseRef for text Aperture cannot otherwise express: "LicenseRef-" and
// its letters, digits and dots, other runs of characters as one '-'.
std::string license_ref_of(std::string_view text) {
  std::string out = "LicenseRef-";
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.') {
      out += c;
    } else if (out.back() != '-') {
      out += '-';
    }
  }
  while (out.back() == '-' && out.size() > 11) {
    out.pop_back();
  }
  return out.size() > 11 ? out : "LicenseRef-unknown";
}

// "2024-07-23" → "2024-07-23T00:00:00Z"; anything else (a month alone) → empty.
std::string date_time_of(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') {
    return {};
  }
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (std::isdigit(static_cast<unsigned char>(date[i])) == 0) {
      return {};
    }
  }
  return std::string(date) + "T00:00:00Z";
}

// The first non-empty expression among the roles a release declares its license in.
std::string declared_expression(const Release& r) {
  for (std::string_view role : {"manifest", "card-metadata", "gguf-metadata"}) {
    if (std::string e = release::license_expression(r, role); !e.empty()) {
      return e;
    }
  }
  return {};
}

std::string first_url(const std::vector<Evidence>& evidence) {
  for (const Evidence& e : evidence) {
    if (!e.url.empty()) {
      return e.url;
    }
  }
  return {};
}

ModelFacts model_of(const Release& r) {
  ModelFacts m;
  m.ref = "model";
  m.name = r.name.empty() ? r.target : r.name;
  m.publisher = r.publisher;
  m.version = r.version;
  m.url = r.url;
  m.released = date_time_of(r.released);
  m.weights_published =
      r.component(ComponentKind::model_parameters_final).presence == release::Presence::present;
  m.architecture = r.architecture;
  m.parameter_count = r.parameter_count;
  m.training_tokens = r.training_tokens;
  m.outputs = r.outputs;
  const release::Component& card = r.component(ComponentKind::model_card);
  if (card.presence == release::Presence::present) {
    m.card_url = first_url(card.evidence);
  }
  m.declared = license_info(declared_expression(r));
  m.concluded = license_info(release::release_license(r));
  return m;
}

// The ancestors, each once (a model reached twice, as in a merge, keeps every child).
std::vector<AncestorFacts> ancestors_of(const lineage::Lineage& l) {
  std::vector<AncestorFacts> out;
  for (const lineage::Ancestor& a : l.ancestors) {
    auto same =
        std::find_if(out.begin(), out.end(), [&](const AncestorFacts& f) { return f.name == a.name; });
    if (same == out.end()) {
      AncestorFacts f;
      f.ref = fmt::format("ancestor-{}", out.size() + 1);
      f.name = a.name;
      f.relation = a.relation;
      f.relation_inferred = a.relation_inferred;
      f.depth = a.depth;
      f.license = license_info(a.license);
      out.push_back(std::move(f));
    }
  }
  return out;
}

// The ref of the model called `name`: the release at depth 1 or by name, else an ancestor.
std::string ref_of_model(const BomFacts& facts, const std::string& name) {
  if (name == facts.model.name) {
    return facts.model.ref;
  }
  for (const AncestorFacts& a : facts.ancestors) {
    if (a.name == name) {
      return a.ref;
    }
  }
  return {};
}

void link_children(BomFacts& facts, const lineage::Lineage& l) {
  for (const lineage::Ancestor& a : l.ancestors) {
    std::string child = a.depth <= 1 ? facts.model.ref : ref_of_model(facts, a.child);
    std::string self = ref_of_model(facts, a.name);
    for (AncestorFacts& f : facts.ancestors) {
      if (f.ref == self && !child.empty() && child != self &&
          std::find(f.child_refs.begin(), f.child_refs.end(), child) == f.child_refs.end()) {
        f.child_refs.push_back(child);
      }
    }
  }
}

void add_dataset_ref(std::vector<std::string>& refs, const std::string& ref) {
  if (std::find(refs.begin(), refs.end(), ref) == refs.end()) {
    refs.push_back(ref);
  }
}

// Each data set once; the model or ancestor that names it lists its ref.
void add_datasets(BomFacts& facts, const lineage::Lineage& l, const std::string& release_name) {
  for (const lineage::Dataset& d : l.datasets) {
    auto same = std::find_if(facts.datasets.begin(), facts.datasets.end(),
                             [&](const DatasetFacts& f) { return f.name == d.name; });
    if (same == facts.datasets.end()) {
      facts.datasets.push_back(
          {fmt::format("dataset-{}", facts.datasets.size() + 1), d.name, license_info(d.license)});
      same = facts.datasets.end() - 1;
    } else if (same->license.expression.empty()) {
      same->license = license_info(d.license);
    }
    std::string namer = d.named_by == release_name ? facts.model.ref : ref_of_model(facts, d.named_by);
    if (namer == facts.model.ref) {
      add_dataset_ref(facts.model.datasets, same->ref);
    }
    for (AncestorFacts& a : facts.ancestors) {
      if (a.ref == namer) {
        add_dataset_ref(a.datasets, same->ref);
      }
    }
  }
}

VerdictFacts verdicts_of(const frameworks::Assessment& a) {
  VerdictFacts v;
  v.osd = std::string(assess::to_string(a.osd.outcome));
  v.osaid = std::string(assess::to_string(a.osaid.outcome));
  v.mof = a.mof.label;
  v.spectrum = a.spectrum.level ? a.spectrum.label : std::string();
  return v;
}

void latest_checked(const Evidence& e, std::string& latest) {
  if (!e.checked.empty() && e.checked > latest) {
    latest = e.checked;
  }
}

}  // namespace

LicenseInfo license_info(std::string_view text) {
  LicenseInfo info;
  // NOASSERTION and NONE say nothing is known (SPDX 2's words); both documents leave it out.
  if (text.empty() || text == "NOASSERTION" || text == "NONE") {
    return info;
  }
  util::Result<license::Expression> parsed = license::parse_expression(text);
  if (parsed) {
    info.expression = license::to_string(*parsed);
    info.simple_list = is_simple_list(*parsed);
    for (const std::string& leaf : license::leaf_terms(*parsed)) {
      info.terms.push_back(term_of(leaf));
    }
    return info;
  }
  // Not an expression: a Hugging Face or knowledge-base id ("llama3.1"), or free text.
  const assess::KnownLicense* known = assess::find_known_license(text);
  LicenseTerm t =
      known != nullptr ? term_of(known->id) : LicenseTerm{license_ref_of(text), std::string(text), {}, false};
  if (known != nullptr && !known->in_spdx_list && known->id.rfind("LicenseRef-", 0) != 0) {
    t.id = license_ref_of(known->id);
  }
  info.expression = t.id;
  info.simple_list = true;
  info.terms.push_back(std::move(t));
  return info;
}

BomFacts facts_of(const frameworks::Assessment& a) {
  BomFacts facts;
  facts.target = a.release.target;
  facts.model = model_of(a.release);
  facts.ancestors = ancestors_of(a.lineage);
  link_children(facts, a.lineage);
  add_datasets(facts, a.lineage, a.release.name);
  facts.verdicts = verdicts_of(a);
  return facts;
}

std::string default_timestamp(const Release& r) {
  std::string latest;
  for (const release::Component& c : r.components) {
    for (const Evidence& e : c.evidence) {
      latest_checked(e, latest);
    }
  }
  for (const release::Claim& c : r.claims) {
    latest_checked(c.evidence, latest);
  }
  for (const release::BaseModel& b : r.base_models) {
    latest_checked(b.evidence, latest);
  }
  latest_checked(r.parameter_evidence, latest);
  latest_checked(r.training_tokens_evidence, latest);
  if (std::string checked = date_time_of(latest); !checked.empty()) {
    return checked;
  }
  if (std::string released = date_time_of(r.released); !released.empty()) {
    return released;
  }
  return std::string(k_epoch);
}

}  // namespace aperture::bom
