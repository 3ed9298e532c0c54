#include <aperture/frameworks/osaid.hpp>

#include <algorithm>

#include <fmt/format.h>

#include <aperture/assess/license_openness.hpp>
#include <aperture/frameworks/component_verdict.hpp>

namespace aperture::frameworks {
namespace {

using assess::CriterionVerdict;
using assess::Outcome;
using release::ComponentKind;

assess::Evidence to_evidence(const release::Evidence& e) {
  std::string where = e.line == 0 ? e.file : fmt::format("{}:{}", e.file, e.line);
  return {{}, {}, where, e.quote, e.url};
}

void add_evidence(CriterionVerdict& v, const ComponentState& s) {
  for (const auto& e : s.evidence) {
    if (v.evidence.size() < 6) {
      v.evidence.push_back(to_evidence(e));
    }
  }
}

Outcome outcome_of(State s) {
  switch (s) {
  case State::open: return Outcome::pass;
  case State::unknown: return Outcome::unknown;
  default: return Outcome::fail;
  }
}

// "Sufficiently detailed information about the data used to train the system":
// a data card, a technical report or paper, or the named training datasets.
CriterionVerdict data_information(const release::Release& r) {
  CriterionVerdict v{"osaid-data-information", "Data information: detailed information about the training data",
                     Outcome::fail, {}, {}};
  for (ComponentKind k : {ComponentKind::data_card, ComponentKind::datasets, ComponentKind::technical_report,
                          ComponentKind::research_paper}) {
    ComponentState s = component_state(r, k);
    if (s.state != State::closed) {
      add_evidence(v, s);
    }
    // Present, or named without being part of what was scanned; never one known not to be published.
    release::Presence presence = r.component(k).presence;
    if (presence == release::Presence::present ||
        (presence == release::Presence::unknown && !r.component(k).evidence.empty())) {
      v.outcome = k == ComponentKind::data_card || k == ComponentKind::datasets ? Outcome::pass : Outcome::unknown;
      v.reason = fmt::format("{} found", release::mof_name(k));
      if (v.outcome == Outcome::pass) {
        return v;
      }
    }
  }
  if (v.outcome == Outcome::fail) {
    v.reason = "no data card, named datasets, report or paper describing the training data";
  } else {
    v.reason += "; whether it describes the training data in enough detail is for a reader to check";
  }
  return v;
}

CriterionVerdict from_components(const release::Release& r, std::string id, std::string name,
                                 std::initializer_list<ComponentKind> kinds) {
  CriterionVerdict v{std::move(id), std::move(name), Outcome::pass, {}, {}};
  for (ComponentKind k : kinds) {
    ComponentState s = component_state(r, k);
    Outcome o = outcome_of(s.state);
    if (o == Outcome::fail || (o == Outcome::unknown && v.outcome == Outcome::pass)) {
      v.outcome = o;
    }
    v.reason += (v.reason.empty() ? "" : "; ") + s.reason;
    add_evidence(v, s);
  }
  return v;
}

// The four freedoms, from the licenses of the weights and the code.
CriterionVerdict freedoms(const release::Release& r) {
  CriterionVerdict v{"osaid-freedoms", "Freedoms to use, study, modify and share, for any purpose", Outcome::unknown,
                     {}, {}};
  std::vector<std::string> licenses;
  for (ComponentKind k : {ComponentKind::model_parameters_final, ComponentKind::training_code,
                          ComponentKind::inference_code}) {
    const std::string& id = r.component(k).license_id;
    if (!id.empty() && std::find(licenses.begin(), licenses.end(), id) == licenses.end()) {
      licenses.push_back(id);
    }
  }
  if (licenses.empty()) {
    v.reason = "no license of the weights or code found";
    return v;
  }
  for (const std::string& l : licenses) {
    for (const CriterionVerdict& c : assess::failing_criteria(l, true)) {
      v.outcome = Outcome::fail;
      v.reason += (v.reason.empty() ? "" : "; ") + fmt::format("{}: {}", c.id, c.reason);
      v.evidence.insert(v.evidence.end(), c.evidence.begin(), c.evidence.end());
    }
  }
  if (v.outcome != Outcome::fail) {
    bool all_open = std::all_of(licenses.begin(), licenses.end(), [](const std::string& l) {
      return assess::judge_openness(l, release::ContentType::code).openness == assess::Openness::open;
    });
    v.outcome = all_open ? Outcome::pass : Outcome::unknown;
    v.reason = all_open ? "the licenses grant the four freedoms" : "the terms of some licenses are not known";
  }
  return v;
}

}  // namespace

OsaidVerdict judge_osaid_release(const release::Release& r) {
  OsaidVerdict v;
  v.requirements.push_back(data_information(r));
  v.requirements.push_back(from_components(r, "osaid-code", "Code: the complete source code to train and run the system",
                                           {ComponentKind::training_code, ComponentKind::inference_code,
                                            ComponentKind::data_preprocessing_code}));
  v.requirements.push_back(from_components(r, "osaid-parameters", "Parameters: the model weights under open terms",
                                           {ComponentKind::model_parameters_final}));
  v.requirements.push_back(freedoms(r));
  v.outcome = assess::combine(v.requirements);
  return v;
}

}  // namespace aperture::frameworks
