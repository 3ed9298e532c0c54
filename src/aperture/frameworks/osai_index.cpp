#include <aperture/frameworks/osai_index.hpp>

#include <algorithm>

#include <fmt/format.h>

#include <aperture/assess/license_openness.hpp>
#include <aperture/util/error.hpp>

namespace aperture::frameworks {
namespace {

using release::Component;
using release::ComponentKind;
using release::Evidence;
using release::Presence;
using release::Release;

constexpr std::array<OsaiParameterInfo, k_osai_parameters> k_parameters = {{
    {OsaiParameter::datasources_basemodel, "datasources_basemodel", "Base Model Data", OsaiGroup::availability},
    {OsaiParameter::datasources_endmodel, "datasources_endmodel", "End User Model Data", OsaiGroup::availability},
    {OsaiParameter::weights_basemodel, "weights_basemodel", "Base Model Weights", OsaiGroup::availability},
    {OsaiParameter::weights_endmodel, "weights_endmodel", "End User Model Weights", OsaiGroup::availability},
    {OsaiParameter::trainingcode, "trainingcode", "Training Code", OsaiGroup::availability},
    {OsaiParameter::code, "code", "Code Documentation", OsaiGroup::documentation},
    {OsaiParameter::hardware_architecture, "hardware_architecture", "Hardware Architecture",
     OsaiGroup::documentation},
    {OsaiParameter::preprint, "preprint", "Preprint", OsaiGroup::documentation},
    {OsaiParameter::paper, "paper", "Paper", OsaiGroup::documentation},
    {OsaiParameter::modelcard, "modelcard", "Modelcard", OsaiGroup::documentation},
    {OsaiParameter::datasheet, "datasheet", "Datasheet", OsaiGroup::documentation},
    {OsaiParameter::licenses, "licenses", "Licenses", OsaiGroup::access},
}};

// Hosts of peer-reviewed venues: proceedings, journals and review platforms.
constexpr std::array<std::string_view, 18> k_venue_hosts = {
    "aclanthology.org", "openreview.net",   "proceedings.neurips.cc", "papers.nips.cc",
    "dl.acm.org",       "ieeexplore.ieee.org", "link.springer.com",  "jmlr.org",
    "proceedings.mlr.press", "openaccess.thecvf.com", "ojs.aaai.org", "nature.com",
    "science.org",      "icml.cc",          "iclr.cc",              "neurips.cc",
    "isca-archive.org", "sciencedirect.com"};

OsaiRating rating(OsaiParameter p, OsaiClass c, std::string reason, std::vector<Evidence> evidence = {}) {
  return OsaiRating{p, c, std::move(reason), std::move(evidence)};
}

// The evidence of `component` and of the qualifier finding, if any.
std::vector<Evidence> evidence_of(const Component& component, const release::Finding* finding) {
  std::vector<Evidence> out = component.evidence;
  if (finding != nullptr) {
    out.insert(out.end(), finding->evidence.begin(), finding->evidence.end());
  }
  return out;
}

// Availability of a component: absent → closed, present → open, or partial
// when a reader found only part of it.
OsaiRating judge_available(const Release& r, OsaiParameter p, const Component& component, std::string_view subject,
                           std::string_view what) {
  if (component.presence == Presence::absent) {
    return rating(p, OsaiClass::closed, fmt::format("{}: not released", what), component.evidence);
  }
  if (component.presence == Presence::unknown) {
    return rating(p, OsaiClass::unknown, fmt::format("{}: nothing says whether it is released", what));
  }
  if (const auto* f = find_qualifier(r, Qualifier::incomplete, subject)) {
    return rating(p, OsaiClass::partial, fmt::format("{}: only part is released", what),
                  evidence_of(component, f));
  }
  return rating(p, OsaiClass::open, fmt::format("{}: released", what), component.evidence);
}

// Weights: available and how freely. A gate (request, consent form, delta
// weights) or a restrictive license makes them partial.
OsaiRating judge_weights(const Release& r, OsaiParameter p, const Component& weights, std::string_view subject) {
  if (weights.presence != Presence::present) {
    return judge_available(r, p, weights, subject, "weights");
  }
  if (const auto* f = find_qualifier(r, Qualifier::gated, subject)) {
    return rating(p, OsaiClass::partial, "weights are available behind a gate", evidence_of(weights, f));
  }
  if (const auto* f = find_qualifier(r, Qualifier::incomplete, subject)) {
    return rating(p, OsaiClass::partial, "only some weights are available", evidence_of(weights, f));
  }
  std::string_view license = weights.license_id.empty() ? weights.license : weights.license_id;
  assess::LicenseOpenness o = assess::judge_openness(license, release::content_type(weights.kind));
  switch (o.openness) {
  case assess::Openness::open:
    return rating(p, OsaiClass::open, "weights are available under an open license: " + o.reason, weights.evidence);
  case assess::Openness::restricted:
    return rating(p, OsaiClass::partial, "weights are available under a restrictive license: " + o.reason,
                  weights.evidence);
  case assess::Openness::none:
    return rating(p, OsaiClass::closed, "weights are available without a license: " + o.reason, weights.evidence);
  case assess::Openness::unknown: break;
  }
  return rating(p, OsaiClass::partial,
                license.empty() ? std::string("weights are available; no license is known")
                                : fmt::format("weights are available; license '{}' is not one Aperture can judge",
                                              license),
                weights.evidence);
}

// Documentation of a subject, from documented / incomplete / undocumented qualifiers.
std::optional<OsaiRating> judge_documented(const Release& r, OsaiParameter p, std::string_view subject,
                                           std::string_view what) {
  if (const auto* f = find_qualifier(r, Qualifier::undocumented, subject)) {
    return rating(p, OsaiClass::closed, fmt::format("no documentation of {} was found", what), f->evidence);
  }
  if (const auto* f = find_qualifier(r, Qualifier::incomplete, subject)) {
    return rating(p, OsaiClass::partial, fmt::format("{} is documented in part", what), f->evidence);
  }
  if (const auto* f = find_qualifier(r, Qualifier::documented, subject)) {
    return rating(p, OsaiClass::open, fmt::format("{} is documented", what), f->evidence);
  }
  return std::nullopt;
}

OsaiRating judge_code_documentation(const Release& r) {
  constexpr OsaiParameter p = OsaiParameter::code;
  const Component& code = r.component(ComponentKind::training_code);
  if (auto documented = judge_documented(r, p, release::to_string(ComponentKind::training_code), "training code")) {
    return *documented;
  }
  if (code.presence == Presence::absent) {
    return rating(p, OsaiClass::closed, "no training code is available to document", code.evidence);
  }
  return rating(p, OsaiClass::unknown, "nothing says how the training code is documented");
}

OsaiRating judge_hardware(const Release& r) {
  constexpr OsaiParameter p = OsaiParameter::hardware_architecture;
  if (auto documented = judge_documented(r, p, k_subject_hardware, "the training hardware")) {
    return *documented;
  }
  return rating(p, OsaiClass::unknown, "nothing says how the training hardware is documented");
}

bool is_venue_url(std::string_view url) {
  return std::any_of(k_venue_hosts.begin(), k_venue_hosts.end(),
                     [&](std::string_view host) { return url.find(host) != std::string_view::npos; });
}

OsaiRating judge_paper(const Release& r) {
  constexpr OsaiParameter p = OsaiParameter::paper;
  const Component& paper = r.component(ComponentKind::research_paper);
  if (paper.presence != Presence::present) {
    return judge_available(r, p, paper, release::to_string(paper.kind), "peer-reviewed paper");
  }
  for (const Evidence& e : paper.evidence) {
    if (is_venue_url(e.url)) {
      return rating(p, OsaiClass::open, "a paper is published at a peer-reviewed venue", paper.evidence);
    }
  }
  return rating(p, OsaiClass::partial, "a paper exists but no peer-reviewed venue is evident", paper.evidence);
}

// Every license of the release with the content type it covers.
struct JudgedLicense {
  std::string license;
  assess::LicenseOpenness openness;
  Evidence evidence;
};

std::vector<JudgedLicense> judged_licenses(const Release& r) {
  std::vector<JudgedLicense> out;
  for (const Component& c : r.components) {
    std::string_view license = c.license_id.empty() ? c.license : c.license_id;
    if (license.empty()) {
      continue;
    }
    Evidence e = c.evidence.empty() ? Evidence{} : c.evidence.front();
    out.push_back({std::string(license), assess::judge_openness(license, release::content_type(c.kind)), e});
  }
  for (const release::FoundLicense& f : r.licenses) {
    bool seen = std::any_of(out.begin(), out.end(), [&](const JudgedLicense& j) { return j.license == f.match.id; });
    if (!seen) {
      Evidence e{f.file, f.match.lines.empty() ? 0u : f.match.lines.front().first, {}, f.match.evidence};
      out.push_back({f.match.id, assess::judge_openness(f.match.id, release::ContentType::code), e});
    }
  }
  return out;
}

OsaiRating judge_licenses(const Release& r) {
  constexpr OsaiParameter p = OsaiParameter::licenses;
  std::vector<JudgedLicense> licenses = judged_licenses(r);
  std::vector<Evidence> evidence;
  int open = 0;
  int judged = 0;
  std::string not_open;
  for (const JudgedLicense& j : licenses) {
    evidence.push_back(j.evidence);
    if (j.openness.openness == assess::Openness::unknown) {
      continue;
    }
    ++judged;
    if (j.openness.openness == assess::Openness::open) {
      ++open;
    } else if (not_open.empty()) {
      not_open = j.openness.reason;
    }
  }
  if (judged == 0) {
    return rating(p, OsaiClass::unknown, "no license Aperture can judge", evidence);
  }
  const bool code_absent = r.component(ComponentKind::training_code).presence == Presence::absent;
  const bool data_absent = r.component(ComponentKind::datasets).presence == Presence::absent;
  // A license Aperture cannot read is not shown to be open: it caps the rating at partial.
  const bool all_open = open == static_cast<int>(licenses.size());
  if (!all_open && open == judged) {
    return rating(p, OsaiClass::partial, "some licenses are not ones Aperture can judge", evidence);
  }
  if (open == judged && (code_absent || data_absent)) {
    return rating(p, OsaiClass::partial,
                  fmt::format("the licenses found are open, but {} is not released to be covered",
                              code_absent ? "training code" : "training data"),
                  evidence);
  }
  if (open == judged) {
    return rating(p, OsaiClass::open, fmt::format("all {} licenses found are open", judged), evidence);
  }
  if (open > 0) {
    return rating(p, OsaiClass::partial, "some licenses are not open: " + not_open, evidence);
  }
  return rating(p, OsaiClass::closed, "no license found is open: " + not_open, evidence);
}

OsaiRating judge_base(const Release& r, OsaiParameter p) {
  if (r.base_models.empty()) {
    return rating(p, OsaiClass::unknown, "no base model is named");
  }
  const release::BaseModel& base = r.base_models.front();
  if (p == OsaiParameter::weights_basemodel) {
    return judge_weights(r, p, base.weights, k_subject_base_weights);
  }
  return judge_available(r, p, base.datasets, k_subject_base_datasets, "the base model's training data");
}

OsaiRating judge_one(const Release& r, OsaiParameter p) {
  auto component = [&](ComponentKind kind) -> const Component& { return r.component(kind); };
  auto id = [](ComponentKind kind) { return release::to_string(kind); };
  switch (p) {
  case OsaiParameter::datasources_basemodel:
  case OsaiParameter::weights_basemodel: return judge_base(r, p);
  case OsaiParameter::datasources_endmodel:
    return judge_available(r, p, component(ComponentKind::datasets), id(ComponentKind::datasets), "training data");
  case OsaiParameter::weights_endmodel:
    return judge_weights(r, p, component(ComponentKind::model_parameters_final),
                         id(ComponentKind::model_parameters_final));
  case OsaiParameter::trainingcode:
    return judge_available(r, p, component(ComponentKind::training_code), id(ComponentKind::training_code),
                           "training code");
  case OsaiParameter::code: return judge_code_documentation(r);
  case OsaiParameter::hardware_architecture: return judge_hardware(r);
  case OsaiParameter::preprint:
    return judge_available(r, p, component(ComponentKind::technical_report), id(ComponentKind::technical_report),
                           "a preprint or technical report");
  case OsaiParameter::paper: return judge_paper(r);
  case OsaiParameter::modelcard:
    return judge_available(r, p, component(ComponentKind::model_card), id(ComponentKind::model_card),
                           "a model card");
  case OsaiParameter::datasheet:
    return judge_available(r, p, component(ComponentKind::data_card), id(ComponentKind::data_card),
                           "a datasheet");
  case OsaiParameter::licenses: return judge_licenses(r);
  }
  return rating(p, OsaiClass::unknown, "unknown parameter");
}

}  // namespace

std::string_view to_string(OsaiGroup group) {
  switch (group) {
  case OsaiGroup::availability: return "availability";
  case OsaiGroup::documentation: return "documentation";
  case OsaiGroup::access: return "access";
  }
  return "?";
}

const std::array<OsaiParameterInfo, k_osai_parameters>& osai_parameters() { return k_parameters; }

const OsaiParameterInfo& info(OsaiParameter parameter) {
  const OsaiParameterInfo& i = k_parameters[static_cast<std::size_t>(parameter)];
  APERTURE_ASSERT(i.parameter == parameter);
  return i;
}

std::optional<OsaiParameter> osai_parameter_from_ref(std::string_view ref) {
  for (const OsaiParameterInfo& i : k_parameters) {
    if (i.ref == ref) {
      return i.parameter;
    }
  }
  return std::nullopt;
}

std::string_view to_string(OsaiClass rating) {
  switch (rating) {
  case OsaiClass::open: return "open";
  case OsaiClass::partial: return "partial";
  case OsaiClass::closed: return "closed";
  case OsaiClass::unknown: return "unknown";
  }
  return "?";
}

std::optional<OsaiClass> osai_class_from_string(std::string_view text) {
  for (OsaiClass c : {OsaiClass::open, OsaiClass::partial, OsaiClass::closed}) {
    if (to_string(c) == text) {
      return c;
    }
  }
  return std::nullopt;
}

double osai_points(OsaiClass rating) {
  switch (rating) {
  case OsaiClass::open: return 1.0;
  case OsaiClass::partial: return 0.5;
  default: return 0.0;
  }
}

std::string_view to_string(Qualifier qualifier) {
  switch (qualifier) {
  case Qualifier::gated: return "gated";
  case Qualifier::incomplete: return "incomplete";
  case Qualifier::documented: return "documented";
  case Qualifier::undocumented: return "undocumented";
  }
  return "?";
}

std::string qualifier_rule(Qualifier qualifier, std::string_view subject) {
  return fmt::format("{}:{}", to_string(qualifier), subject);
}

const release::Finding* find_qualifier(const release::Release& release, Qualifier qualifier,
                                       std::string_view subject) {
  std::string rule = qualifier_rule(qualifier, subject);
  for (const release::Finding& f : release.findings) {
    if (f.rule == rule) {
      return &f;
    }
  }
  return nullptr;
}

double osai_score(const std::array<OsaiClass, k_osai_parameters>& ratings) {
  double sum = 0;
  for (OsaiClass c : ratings) {
    sum += osai_points(c);
  }
  return sum / static_cast<double>(k_osai_parameters);
}

OsaiVerdict judge_osai(const release::Release& release) {
  OsaiVerdict v;
  std::array<OsaiClass, k_osai_parameters> classes{};
  for (const OsaiParameterInfo& i : k_parameters) {
    auto n = static_cast<std::size_t>(i.parameter);
    v.ratings[n] = judge_one(release, i.parameter);
    classes[n] = v.ratings[n].rating;
    v.unknown += classes[n] == OsaiClass::unknown ? 1 : 0;
  }
  v.score = osai_score(classes);
  return v;
}

std::string_view to_string(Agreement agreement) {
  switch (agreement) {
  case Agreement::agree: return "agree";
  case Agreement::disagree: return "disagree";
  case Agreement::aperture_unknown: return "aperture-unknown";
  }
  return "?";
}

OsaiAgreement compare_with_index(const OsaiVerdict& verdict, const std::array<OsaiClass, k_osai_parameters>& index) {
  OsaiAgreement a;
  std::array<OsaiClass, k_osai_parameters> theirs{};
  for (std::size_t n = 0; n < k_osai_parameters; ++n) {
    theirs[n] = index[n] == OsaiClass::unknown ? OsaiClass::closed : index[n];
    OsaiClass ours = verdict.ratings[n].rating;
    if (ours == OsaiClass::unknown) {
      a.per_parameter[n] = Agreement::aperture_unknown;
      ++a.unknown;
    } else if (ours == theirs[n]) {
      a.per_parameter[n] = Agreement::agree;
      ++a.agreed;
    } else {
      a.per_parameter[n] = Agreement::disagree;
      ++a.disagreed;
    }
  }
  a.index_score = osai_score(theirs);
  a.aperture_score = verdict.score;
  return a;
}

std::optional<std::array<OsaiClass, k_osai_parameters>> index_ratings_of(const release::Release& release) {
  std::optional<std::array<OsaiClass, k_osai_parameters>> out;
  for (const release::ExternalRating& e : release.external_ratings) {
    auto p = e.source == "osai-index" ? osai_parameter_from_ref(e.item) : std::nullopt;
    if (!p) {
      continue;
    }
    if (!out) {
      out.emplace();
      out->fill(OsaiClass::unknown);
    }
    (*out)[static_cast<std::size_t>(*p)] = osai_class_from_string(e.rating).value_or(OsaiClass::unknown);
  }
  return out;
}

}  // namespace aperture::frameworks
