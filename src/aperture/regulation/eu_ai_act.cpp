#include <algorithm>
#include <array>

#include <fmt/format.h>

#include <aperture/assess/license_openness.hpp>
#include <aperture/catalog/catalog.hpp>
#include <aperture/regulation/eu_ai_act.hpp>
#include <aperture/util/text.hpp>

namespace aperture::regulation {
namespace {

using release::ComponentKind;
using release::Evidence;
using release::Presence;

constexpr const char* k_guidelines = "Commission GPAI guidelines (July 2025)";

// License terms that keep a license from being the "free and open-source
// licence" of Art. 53(2): it must allow use (commercial use included, at any
// scale), modification and distribution.
constexpr std::array<std::string_view, 5> k_disqualifying_terms = {
    "commercial_use", "user_threshold", "revenue_threshold", "modification", "redistribution"};

// Outputs that meet the indicative criterion's modalities: language (text or
// audio; the guidelines count code as text), images, video.
constexpr std::array<std::string_view, 5> k_gpai_outputs = {"text", "code", "audio", "image", "video"};

Statement make(std::string id, std::string article, Answer answer, std::string text) {
  Statement s;
  s.id = std::move(id);
  s.article = std::move(article);
  s.answer = answer;
  s.text = std::move(text);
  return s;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return util::ascii_lower(haystack).find(needle) != std::string::npos;
}

std::string compute_words(const ComputeEstimate& c) {
  return describe_compute(c);
}

// Compares the compute with `threshold`: yes when it is known to be above, no
// when known to be at or below, unknown otherwise. The Act's thresholds are
// strict: "greater than".
Answer above(const ComputeEstimate& c, double threshold) {
  if (!c.flop) {
    return Answer::unknown;
  }
  if (c.basis == ComputeEstimate::Basis::upper_bound) {
    return *c.flop <= threshold ? Answer::no : Answer::unknown;
  }
  if (c.basis == ComputeEstimate::Basis::lower_bound) {
    return *c.flop > threshold ? Answer::yes : Answer::unknown;
  }
  return *c.flop > threshold ? Answer::yes : Answer::no;
}

// Which of the release's outputs meet the criterion; nullopt when none are stated.
std::optional<std::vector<std::string>> gpai_outputs(const std::vector<std::string>& outputs) {
  if (outputs.empty()) {
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& o : outputs) {
    if (std::find(k_gpai_outputs.begin(), k_gpai_outputs.end(), o) != k_gpai_outputs.end()) {
      out.push_back(o);
    }
  }
  return out;
}

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) {
    out += (out.empty() ? "" : ", ") + s;
  }
  return out;
}

Evidence clause_evidence(const assess::Evidence& e) {
  Evidence out;
  out.url = e.url;
  out.quote = fmt::format("{}{}{}", e.license, e.clause.empty() ? "" : " §" + e.clause,
                          e.quote.empty() ? "" : ": " + e.quote);
  return out;
}

// The clauses of `osd`'s failing criteria that disqualify the license, each once.
std::vector<Evidence> disqualifying_clauses(const frameworks::OsdVerdict& osd,
                                            std::vector<std::string>& terms) {
  std::vector<Evidence> out;
  for (const auto& c : osd.failing) {
    for (const auto& e : c.evidence) {
      if (std::find(k_disqualifying_terms.begin(), k_disqualifying_terms.end(), e.term) ==
          k_disqualifying_terms.end()) {
        continue;
      }
      Evidence ev = clause_evidence(e);
      bool seen = std::any_of(out.begin(), out.end(),
                              [&](const Evidence& x) { return x.quote == ev.quote && x.url == ev.url; });
      if (!seen) {
        out.push_back(std::move(ev));
      }
      if (std::find(terms.begin(), terms.end(), e.term) == terms.end()) {
        terms.push_back(e.term);
      }
    }
  }
  return out;
}

std::string term_words(const std::vector<std::string>& terms) {
  std::vector<std::string> words;
  for (const auto& t : terms) {
    if (t == "commercial_use") {
      words.emplace_back("commercial use");
    } else if (t == "user_threshold" || t == "revenue_threshold") {
      words.emplace_back("use at scale");
    } else if (t == "modification") {
      words.emplace_back("modification");
    } else if (t == "redistribution") {
      words.emplace_back("distribution");
    }
  }
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return joined(words);
}

// A condition of Art. 53(2) read from a component's presence.
Statement component_condition(const release::Release& r,
                              std::string id,
                              ComponentKind kind,
                              std::string_view what,  // "the weights are", "the architecture information is"
                              bool also_known) {
  const release::Component& c = r.component(kind);
  Statement s = make(std::move(id), "Art. 53(2)", Answer::unknown, "");
  s.evidence = c.evidence;
  if (c.presence == Presence::present || also_known) {
    s.answer = Answer::yes;
    s.text = fmt::format("{} public", what);
  } else if (c.presence == Presence::absent) {
    s.answer = Answer::no;
    s.text = fmt::format("{} not published", what);
  } else {
    s.text = fmt::format("whether {} public is unknown", what);
  }
  return s;
}

Statement weights_condition(const release::Release& r) {
  if (r.access == "api") {
    Statement s =
        make("exemption-weights", "Art. 53(2)", Answer::no, "the weights are not published: API access only");
    s.evidence = r.component(ComponentKind::model_parameters_final).evidence;
    return s;
  }
  return component_condition(r, "exemption-weights", ComponentKind::model_parameters_final, "the weights are",
                             false);
}

// Why a duty applies or not: a stable id (the JSON's `reason_id`, listed in
// docs/eu-ai-act.md) and the line the views print.
struct DutyReason {
  std::string_view id;
  std::string_view text;
};

constexpr DutyReason k_not_gpai{"not-gpai", "not a GPAI model by the indicative criterion"};
constexpr DutyReason k_exempt{"exempt", "waived by the open-source exemption (Art. 53(2))"};
constexpr DutyReason k_exempt_representative{"exempt",
                                             "waived for an open-source model without systemic risk"};
constexpr DutyReason k_gpai_not_exempt{"gpai-not-exempt", "a GPAI model without the open-source exemption"};
constexpr DutyReason k_unless_exempt{"unless-exempt", "applies to a GPAI model unless Art. 53(2) exempts it"};
constexpr DutyReason k_every_provider{"every-gpai-provider",
                                      "every GPAI provider, open source or not (Art. 53(2))"};
constexpr DutyReason k_if_gpai{"if-gpai", "applies if it is a GPAI model"};
constexpr DutyReason k_if_outside_union{
    "if-outside-union", "applies if the provider is established outside the Union (not known to Aperture)"};
constexpr DutyReason k_systemic_risk{"systemic-risk", "a GPAI model with systemic risk"};
constexpr DutyReason k_no_systemic_risk{"no-systemic-risk", "no systemic risk presumed"};
constexpr DutyReason k_if_systemic_risk{"if-systemic-risk", "applies if the model has systemic risk"};

Duty duty(std::string id, std::string article, std::string name, Answer applies, const DutyReason& reason) {
  return Duty{std::move(id), std::move(article),     std::move(name),
              applies,       std::string(reason.id), std::string(reason.text)};
}

// Art. 53(1)(a) and (b): waived by the open-source exemption.
Duty documentation_duty(std::string id, std::string article, std::string name, const EuAiActAssessment& e) {
  if (e.gpai.answer == Answer::no) {
    return duty(id, article, name, Answer::no, k_not_gpai);
  }
  if (e.exemption.answer == Answer::yes) {
    return duty(id, article, name, Answer::no, k_exempt);
  }
  if (e.gpai.answer == Answer::yes && e.exemption.answer == Answer::no) {
    return duty(id, article, name, Answer::yes, k_gpai_not_exempt);
  }
  return duty(id, article, name, Answer::unknown, k_unless_exempt);
}

// Art. 53(1)(c) and (d): every GPAI provider, open source or not.
Duty every_provider_duty(std::string id, std::string article, std::string name, const EuAiActAssessment& e) {
  switch (e.gpai.answer) {
  case Answer::yes:
    return duty(id, article, name, Answer::yes, k_every_provider);
  case Answer::no:
    return duty(id, article, name, Answer::no, k_not_gpai);
  case Answer::unknown:
    break;
  }
  return duty(id, article, name, Answer::unknown, k_if_gpai);
}

Duty representative_duty(const EuAiActAssessment& e) {
  std::string name = "Authorised representative in the Union (providers established outside it)";
  if (e.gpai.answer == Answer::no) {
    return duty("art-54", "Art. 54", name, Answer::no, k_not_gpai);
  }
  if (e.exemption.answer == Answer::yes) {
    return duty("art-54", "Art. 54(6)", name, Answer::no, k_exempt_representative);
  }
  return duty("art-54", "Art. 54", name, Answer::unknown, k_if_outside_union);
}

Duty systemic_duty(std::string id, std::string article, std::string name, const EuAiActAssessment& e) {
  switch (e.systemic_risk.answer) {
  case Answer::yes:
    return duty(id, article, name, Answer::yes, k_systemic_risk);
  case Answer::no:
    return duty(id, article, name, Answer::no, k_no_systemic_risk);
  case Answer::unknown:
    break;
  }
  return duty(id, article, name, Answer::unknown, k_if_systemic_risk);
}

std::vector<Duty> judge_duties(const EuAiActAssessment& e) {
  return {
      documentation_duty("art-53-1-a", "Art. 53(1)(a)", "Technical documentation (Annex XI), kept up to date",
                         e),
      documentation_duty("art-53-1-b", "Art. 53(1)(b)", "Information for downstream providers (Annex XII)",
                         e),
      every_provider_duty("art-53-1-c", "Art. 53(1)(c)", "A policy to comply with Union copyright law", e),
      every_provider_duty("art-53-1-d", "Art. 53(1)(d)",
                          "A public summary of the training content (AI Office template)", e),
      representative_duty(e),
      systemic_duty("art-55-1-a", "Art. 55(1)(a)", "Model evaluation, including adversarial testing", e),
      systemic_duty("art-55-1-b", "Art. 55(1)(b)", "Assess and mitigate systemic risks at Union level", e),
      systemic_duty("art-55-1-c", "Art. 55(1)(c)", "Track and report serious incidents to the AI Office", e),
      systemic_duty("art-55-1-d", "Art. 55(1)(d)",
                    "Cybersecurity protection of the model and its infrastructure", e),
  };
}

DocumentCheck document(std::string id, std::string article, std::string name) {
  DocumentCheck d;
  d.id = std::move(id);
  d.article = std::move(article);
  d.name = std::move(name);
  return d;
}

// A document read from a component: shown when present, lacking when absent.
DocumentCheck component_document(const release::Release& r,
                                 std::string id,
                                 std::string article,
                                 std::string name,
                                 std::initializer_list<ComponentKind> kinds) {
  DocumentCheck d = document(std::move(id), std::move(article), std::move(name));
  bool all_absent = true;
  for (ComponentKind k : kinds) {
    const release::Component& c = r.component(k);
    if (c.presence == Presence::present) {
      d.state = DocumentCheck::State::shown;
      d.detail = std::string(release::mof_name(k)) + " published";
      d.evidence = c.evidence;
      return d;
    }
    all_absent = all_absent && c.presence == Presence::absent;
  }
  d.state = all_absent ? DocumentCheck::State::lacking : DocumentCheck::State::not_checked;
  for (ComponentKind k : kinds) {
    const release::Component& c = r.component(k);
    std::string state = c.presence == Presence::absent ? "not published" : "not known";
    d.detail += fmt::format("{}{} {}", d.detail.empty() ? "" : "; ", release::mof_name(k), state);
    d.evidence.insert(d.evidence.end(), c.evidence.begin(), c.evidence.end());
  }
  return d;
}

// A fact the release states (a date, a license): shown when not empty.
DocumentCheck fact_document(std::string id,
                            std::string article,
                            std::string name,
                            const std::string& value,
                            const Evidence* evidence) {
  DocumentCheck d = document(std::move(id), std::move(article), std::move(name));
  if (value.empty()) {
    d.state = DocumentCheck::State::lacking;
    d.detail = "not stated";
    return d;
  }
  d.state = DocumentCheck::State::shown;
  d.detail = value;
  if (evidence != nullptr && (!evidence->file.empty() || !evidence->url.empty())) {
    d.evidence.push_back(*evidence);
  }
  return d;
}

DocumentCheck architecture_document(const release::Release& r) {
  DocumentCheck d =
      document("architecture-parameters", "Annex XI 1(d)", "Architecture and number of parameters");
  std::vector<std::string> parts;
  if (!r.architecture.empty()) {
    parts.push_back(r.architecture);
    d.evidence.push_back(r.architecture_evidence);
  } else if (r.component(ComponentKind::model_architecture).presence == Presence::present) {
    parts.emplace_back("architecture code published");
    d.evidence = r.component(ComponentKind::model_architecture).evidence;
  }
  if (r.parameter_count) {
    parts.push_back(fmt::format("{} parameters", format_scientific(static_cast<double>(*r.parameter_count))));
    d.evidence.push_back(r.parameter_evidence);
  }
  d.state = parts.size() == 2 ? DocumentCheck::State::shown : DocumentCheck::State::lacking;
  d.detail =
      parts.empty() ? "not stated" : joined(parts) + (parts.size() == 2 ? "" : "; the other not stated");
  return d;
}

DocumentCheck compute_document(const release::Release& r) {
  DocumentCheck d =
      document("training-compute", "Annex XI 2(d)", "Computational resources used for training");
  if (r.training_compute) {
    d.state = DocumentCheck::State::shown;
    d.detail = fmt::format("{} FLOP", format_scientific(*r.training_compute));
    d.evidence.push_back(r.training_compute_evidence);
    return d;
  }
  d.state = DocumentCheck::State::lacking;
  d.detail = "training compute not stated";
  return d;
}

std::vector<DocumentCheck> check_documents(const frameworks::Assessment& a) {
  const release::Release& r = a.release;
  std::string outputs = joined(r.outputs);
  std::vector<DocumentCheck> out;
  out.push_back(fact_document("release-date", "Annex XI 1(c)", "Date of release", r.released, nullptr));
  out.push_back(architecture_document(r));
  out.push_back(fact_document("modalities", "Annex XI 1(e)", "Modality of outputs", outputs, nullptr));
  out.push_back(fact_document("licence", "Annex XI 1(f)", "The licence", a.osd.license, nullptr));
  out.push_back(component_document(r, "design-training", "Annex XI 2(b)",
                                   "Design and training process (a report or paper)",
                                   {ComponentKind::technical_report, ComponentKind::research_paper}));
  out.push_back(component_document(r, "training-data", "Annex XI 2(c)", "Information on the training data",
                                   {ComponentKind::data_card, ComponentKind::datasets}));
  out.push_back(compute_document(r));
  out.push_back(component_document(r, "downstream-information", "Annex XII",
                                   "Information for downstream providers (model card)",
                                   {ComponentKind::model_card}));
  out.push_back(component_document(r, "evaluation", "Art. 55(1)(a)", "Evaluation results",
                                   {ComponentKind::evaluation_results}));
  DocumentCheck copyright = document("copyright-policy", "Art. 53(1)(c)", "Copyright policy");
  copyright.detail = "Aperture does not look for one";
  out.push_back(copyright);
  DocumentCheck summary = document("training-summary", "Art. 53(1)(d)", "Public summary of training content");
  summary.detail = "Aperture does not check for the AI Office template";
  out.push_back(summary);
  return out;
}

// The base as the catalog describes it, when the lineage resolved it there.
const release::Release* base_release_of(const lineage::Ancestor& a) {
  constexpr std::string_view k_prefix = "catalog:";
  if (a.resolved_by.rfind(k_prefix, 0) != 0) {
    return nullptr;
  }
  return catalog::release_of(std::string_view(a.resolved_by).substr(k_prefix.size()));
}

ComputeEstimate base_compute_of(const lineage::Ancestor& a) {
  const release::Release* base = base_release_of(a);
  if (base == nullptr) {
    ComputeEstimate unknown;
    unknown.missing.emplace_back("the base model's figures");
    return unknown;
  }
  return estimate_compute(*base);
}

// What the release generates: its own stated outputs, else (a fine-tune,
// adapter or quantization generates what its base does) a parent's from the
// catalog; `from` names that parent.
std::vector<std::string> outputs_of(const frameworks::Assessment& a, std::string& from) {
  if (!a.release.outputs.empty()) {
    return a.release.outputs;
  }
  for (const auto& an : a.lineage.ancestors) {
    if (an.depth != 1 || an.relation == "merge") {
      continue;
    }
    const release::Release* base = base_release_of(an);
    if (base != nullptr && !base->outputs.empty()) {
      from = an.name;
      return base->outputs;
    }
  }
  return {};
}

bool is_modification(const lineage::Ancestor& a) {
  return a.depth == 1 && (a.relation == "finetune" || a.relation == "adapter" || a.relation == "merge");
}

std::vector<Modification> judge_modifications(const frameworks::Assessment& a, const ComputeEstimate& own) {
  std::vector<Modification> out;
  for (const auto& an : a.lineage.ancestors) {
    if (!is_modification(an)) {
      continue;
    }
    Modification m;
    m.base = an.name;
    m.relation = an.relation;
    m.resolved_by = an.resolved_by;
    m.base_compute = base_compute_of(an);
    m.modification_compute = own;
    m.provider = judge_modification(own, m.base_compute);
    m.provider.evidence.insert(m.provider.evidence.begin(), an.evidence);
    out.push_back(std::move(m));
  }
  return out;
}

// A quantization trains nothing: without figures of its own, a release
// quantized from a base has the base's training compute.
ComputeEstimate quantized_compute(const frameworks::Assessment& a, const ComputeEstimate& own) {
  if (own.basis != ComputeEstimate::Basis::unknown) {
    return own;
  }
  for (const auto& an : a.lineage.ancestors) {
    if (an.depth != 1 || an.relation != "quantized") {
      continue;
    }
    ComputeEstimate base = base_compute_of(an);
    if (!base.flop || base.basis == ComputeEstimate::Basis::upper_bound) {
      continue;
    }
    ComputeEstimate c = base;
    c.basis = ComputeEstimate::Basis::estimated;
    c.derivation = fmt::format("the compute of the base {}, which it quantizes: {}", an.name,
                               base.derivation.empty() ? "stated" : base.derivation);
    c.evidence.insert(c.evidence.begin(), an.evidence);
    return c;
  }
  return own;
}

std::vector<ApplicationDate> application_dates(const release::Release& r) {
  // A month alone ("2025-08") cannot be placed before or after the 2nd.
  bool known = r.released.size() == 10 || (r.released.size() == 7 && r.released != "2025-08");
  bool before = known && r.released < "2025-08-02";
  return {
      {"2025-08-02", "Art. 113(b)",
       "the obligations for GPAI model providers apply to models placed on the market from this date",
       known && !before},
      {"2026-08-02", "Art. 113(b); Art. 101", "the Commission's power to fine GPAI model providers applies",
       false},
      {"2027-08-02", "Art. 111(3)",
       "models placed on the market before 2 August 2025 must comply by this date", known && before},
  };
}

Statement notification_of(const Statement& systemic) {
  Statement s = make("notification", "Art. 52(1)", systemic.answer, "");
  switch (systemic.answer) {
  case Answer::yes:
    s.text = "the provider must notify the Commission within two weeks of meeting the threshold "
             "(or knowing it will); it may argue that the model has no systemic risk nonetheless";
    break;
  case Answer::no:
    s.text = "no notification: the 10^25 FLOP threshold is not met";
    break;
  case Answer::unknown:
    s.text = "a notification is due within two weeks if the 10^25 FLOP threshold is met";
    break;
  }
  return s;
}

}  // namespace

std::string_view to_string(Answer answer) {
  switch (answer) {
  case Answer::yes:
    return "yes";
  case Answer::no:
    return "no";
  case Answer::unknown:
    return "unknown";
  }
  return "unknown";
}

std::string_view to_string(ComputeEstimate::Basis basis) {
  switch (basis) {
  case ComputeEstimate::Basis::stated:
    return "stated";
  case ComputeEstimate::Basis::estimated:
    return "estimated";
  case ComputeEstimate::Basis::upper_bound:
    return "upper-bound";
  case ComputeEstimate::Basis::lower_bound:
    return "lower-bound";
  case ComputeEstimate::Basis::unknown:
    return "unknown";
  }
  return "unknown";
}

std::string_view to_string(DocumentCheck::State state) {
  switch (state) {
  case DocumentCheck::State::shown:
    return "shown";
  case DocumentCheck::State::lacking:
    return "lacking";
  case DocumentCheck::State::not_checked:
    return "not-checked";
  }
  return "not-checked";
}

std::string format_scientific(double value) {
  std::string s = fmt::format("{:.2e}", value);  // "4.05e+11", "1.50e+13"
  std::size_t e = s.find('e');
  if (e == std::string::npos) {
    return s;
  }
  std::string mantissa = s.substr(0, e);
  // Trailing zeros say nothing: "1.50" -> "1.5", "7.00" -> "7".
  while (mantissa.size() > 1 && mantissa.back() == '0') {
    mantissa.pop_back();
  }
  if (mantissa.back() == '.') {
    mantissa.pop_back();
  }
  std::string exponent = s.substr(e + 1);
  if (!exponent.empty() && exponent[0] == '+') {
    exponent.erase(0, 1);
  }
  while (exponent.size() > 1 && exponent[0] == '0') {
    exponent.erase(0, 1);
  }
  return mantissa + "e" + exponent;
}

ComputeEstimate estimate_compute(const release::Release& r) {
  ComputeEstimate c;
  if (r.training_compute) {
    c.basis = ComputeEstimate::Basis::stated;
    c.flop = r.training_compute;
    c.evidence.push_back(r.training_compute_evidence);
    return c;
  }
  if (r.parameter_count) {
    c.parameters = static_cast<double>(*r.parameter_count);
    c.evidence.push_back(r.parameter_evidence);
  } else {
    c.missing.emplace_back("parameter count");
  }
  if (r.training_tokens) {
    c.tokens = r.training_tokens;
    c.evidence.push_back(r.training_tokens_evidence);
  } else {
    c.missing.emplace_back("training tokens");
  }
  if (!c.parameters || !c.tokens) {
    return c;
  }
  c.flop = k_flop_per_parameter_token * *c.parameters * *c.tokens;
  bool experts =
      contains(r.parameter_evidence.quote, "mixture of experts") || contains(r.architecture, "moe");
  c.basis = experts ? ComputeEstimate::Basis::upper_bound : ComputeEstimate::Basis::estimated;
  c.derivation =
      fmt::format("6 × {} parameters{} × {} tokens", format_scientific(*c.parameters),
                  experts ? " (the total of a mixture of experts; fewer are active per token)" : "",
                  format_scientific(*c.tokens));
  return c;
}

std::string describe_compute(const ComputeEstimate& c) {
  switch (c.basis) {
  case ComputeEstimate::Basis::stated:
    return fmt::format("{} FLOP (stated)", format_scientific(*c.flop));
  case ComputeEstimate::Basis::estimated:
    return fmt::format("{} FLOP (estimated: {})", format_scientific(*c.flop), c.derivation);
  case ComputeEstimate::Basis::upper_bound:
    return fmt::format("at most {} FLOP ({})", format_scientific(*c.flop), c.derivation);
  case ComputeEstimate::Basis::lower_bound:
    return fmt::format("at least {} FLOP ({})", format_scientific(*c.flop), c.derivation);
  case ComputeEstimate::Basis::unknown:
    break;
  }
  std::string missing;
  for (const auto& m : c.missing) {
    missing += (missing.empty() ? "" : " and ") + m;
  }
  return fmt::format("unknown ({} not stated)", missing);
}

ComputeEstimate cumulative_compute(const ComputeEstimate& own, const std::vector<Modification>& mods) {
  const Modification* largest = nullptr;
  for (const auto& m : mods) {
    bool known = m.base_compute.flop && m.base_compute.basis != ComputeEstimate::Basis::upper_bound;
    if (known && (largest == nullptr || *m.base_compute.flop > *largest->base_compute.flop)) {
      largest = &m;
    }
  }
  ComputeEstimate c;
  if (largest == nullptr) {
    c.missing.emplace_back("the base model's training compute");
    c.evidence = own.evidence;
    return c;
  }
  const ComputeEstimate& base = largest->base_compute;
  c.evidence = base.evidence;
  c.evidence.insert(c.evidence.end(), own.evidence.begin(), own.evidence.end());
  bool own_known = own.flop && own.basis != ComputeEstimate::Basis::upper_bound;
  c.flop = *base.flop + (own_known ? *own.flop : 0.0);
  c.basis = own_known ? ComputeEstimate::Basis::estimated : ComputeEstimate::Basis::lower_bound;
  c.derivation = own_known
                     ? fmt::format("{} FLOP of the base {} + {} FLOP of the modification",
                                   format_scientific(*base.flop), largest->base, format_scientific(*own.flop))
                     : fmt::format("{} FLOP of the base {}, plus the modification's, not stated",
                                   format_scientific(*base.flop), largest->base);
  return c;
}

Statement judge_gpai(const ComputeEstimate& compute,
                     const std::vector<std::string>& stated_outputs,
                     std::string_view outputs_from) {
  std::string article = fmt::format("Art. 3(63); {}", k_guidelines);
  Statement s = make("gpai", article, Answer::unknown, "");
  s.evidence = compute.evidence;
  auto outputs = gpai_outputs(stated_outputs);
  Answer big = above(compute, k_gpai_flop);
  std::string words = compute_words(compute);
  if (outputs && outputs->empty()) {
    s.answer = Answer::no;
    s.text =
        fmt::format("generates no text, audio, images or video ({}): the indicative criterion is not met",
                    joined(stated_outputs));
    return s;
  }
  if (big == Answer::no) {
    s.answer = Answer::no;
    s.text = fmt::format("training compute {}: not above 10^23 FLOP, the indicative criterion", words);
    return s;
  }
  if (big == Answer::unknown) {
    s.text =
        fmt::format("training compute {}: the indicative criterion asks for more than 10^23 FLOP", words);
    return s;
  }
  if (!outputs) {
    s.text = fmt::format(
        "training compute {} is above 10^23 FLOP, but what the model generates is not stated", words);
    return s;
  }
  s.answer = Answer::yes;
  std::string from = outputs_from.empty() ? "" : fmt::format(" (as its base {} does)", outputs_from);
  s.text = fmt::format(
      "training compute {} above 10^23 FLOP and it generates {}{}: a GPAI model by the indicative "
      "criterion (the definition of Art. 3(63) decides)",
      words, joined(*outputs), from);
  return s;
}

Statement judge_systemic_risk(const ComputeEstimate& compute, const Statement& gpai) {
  Statement s = make("systemic-risk", "Art. 51(2)", Answer::unknown, "");
  s.evidence = compute.evidence;
  if (gpai.answer == Answer::no) {
    s.answer = Answer::no;
    s.text = "not a GPAI model by the indicative criterion";
    return s;
  }
  std::string words = compute_words(compute);
  s.answer = above(compute, k_systemic_flop);
  switch (s.answer) {
  case Answer::yes:
    s.text =
        fmt::format("training compute {} is above 10^25 FLOP: high-impact capabilities and systemic risk are "
                    "presumed",
                    words);
    break;
  case Answer::no:
    s.text =
        fmt::format("training compute {} is not above 10^25 FLOP: no presumption (the Commission may still "
                    "designate it, Art. 51(1)(b))",
                    words);
    break;
  case Answer::unknown:
    s.text = fmt::format("training compute {}: systemic risk is presumed above 10^25 FLOP", words);
    break;
  }
  return s;
}

Statement judge_exemption_license(const frameworks::OsdVerdict& osd) {
  Statement s = make("exemption-license", "Art. 53(2)", Answer::unknown, "");
  if (osd.license.empty()) {
    s.text = "no license found";
    return s;
  }
  std::vector<std::string> terms;
  s.evidence = disqualifying_clauses(osd, terms);
  if (!s.evidence.empty()) {
    s.answer = Answer::no;
    s.text =
        fmt::format("{} limits {}: not a free and open-source licence (licences limited to non-commercial or "
                    "research use, or to a scale, do not qualify)",
                    osd.license, term_words(terms));
    return s;
  }
  if (osd.outcome == assess::Outcome::pass) {
    s.answer = Answer::yes;
    s.text = fmt::format("{} is a free and open-source licence ({})", osd.license, osd.reason);
    return s;
  }
  if (osd.outcome == assess::Outcome::fail && osd.failing.empty()) {
    s.answer = Answer::no;
    s.text = fmt::format("{}: not a free and open-source licence ({})", osd.license, osd.reason);
    return s;
  }
  if (osd.outcome == assess::Outcome::fail) {
    for (const auto& c : osd.failing) {
      for (const auto& e : c.evidence) {
        s.evidence.push_back(clause_evidence(e));
      }
    }
    s.text =
        fmt::format("{} allows use, modification and distribution with use restrictions ({}); whether such "
                    "terms qualify is not settled here",
                    osd.license, osd.reason);
    return s;
  }
  assess::LicenseOpenness o = assess::judge_openness(osd.license, release::ContentType::code);
  if (o.openness == assess::Openness::none || o.openness == assess::Openness::restricted) {
    s.answer = Answer::no;
    s.text = fmt::format("{}: not a free and open-source licence ({})", osd.license, o.reason);
    return s;
  }
  s.text = fmt::format("{}: Aperture cannot tell whether it is a free and open-source licence", osd.license);
  return s;
}

Statement judge_exemption(const frameworks::Assessment& a,
                          const Statement& systemic_risk,
                          std::vector<Statement>& conditions) {
  const release::Release& r = a.release;
  conditions.clear();
  conditions.push_back(judge_exemption_license(a.osd));
  conditions.push_back(weights_condition(r));
  conditions.push_back(component_condition(r, "exemption-architecture", ComponentKind::model_architecture,
                                           "the architecture information is", !r.architecture.empty()));
  conditions.push_back(component_condition(r, "exemption-usage", ComponentKind::model_card,
                                           "the usage information (model card) is", false));
  Statement s = make("exemption", "Art. 53(2)", Answer::unknown, "");
  if (systemic_risk.answer == Answer::yes) {
    s.answer = Answer::no;
    s.text = "never for a model with systemic risk";
    return s;
  }
  auto answered = [&](Answer x) {
    return std::any_of(conditions.begin(), conditions.end(),
                       [x](const Statement& c) { return c.answer == x; });
  };
  if (answered(Answer::no)) {
    s.answer = Answer::no;
    s.text = "not every condition is met; Art. 53(1)(a) and (b) apply in full";
    return s;
  }
  if (answered(Answer::unknown)) {
    s.text = "some conditions are unknown";
    return s;
  }
  if (systemic_risk.answer == Answer::unknown) {
    s.text = "the conditions are met, but the exemption holds only without systemic risk, which is unknown";
    return s;
  }
  s.answer = Answer::yes;
  s.text = "exempt from Art. 53(1)(a) and (b) only: the copyright policy and the training-content summary "
           "still apply";
  return s;
}

Statement judge_modification(const ComputeEstimate& modification, const ComputeEstimate& base) {
  std::string article = fmt::format("Art. 3(3); {}", k_guidelines);
  Statement s = make("modification-provider", article, Answer::unknown, "");
  s.evidence = base.evidence;
  s.evidence.insert(s.evidence.end(), modification.evidence.begin(), modification.evidence.end());
  bool base_known = base.flop && base.basis != ComputeEstimate::Basis::upper_bound;
  std::string threshold =
      base_known
          ? fmt::format("{} FLOP, a third of the original's {}", format_scientific(*base.flop / 3),
                        compute_words(base))
          : fmt::format(
                "{} FLOP (a third of 10^23) when the original's compute is unknown, or {} FLOP (a third "
                "of 10^25) for an original with systemic risk",
                format_scientific(k_gpai_flop / 3), format_scientific(k_systemic_flop / 3));
  if (!modification.flop || modification.basis == ComputeEstimate::Basis::upper_bound) {
    s.text = fmt::format(
        "the modification's training compute is not stated; the modifier becomes a provider of the "
        "modified model above {}",
        threshold);
    return s;
  }
  double used = *modification.flop;
  std::string used_words = compute_words(modification);
  if (base_known) {
    s.answer = used > *base.flop / 3 ? Answer::yes : Answer::no;
  } else if (used > k_systemic_flop / 3) {
    s.answer = Answer::yes;
  } else if (used <= k_gpai_flop / 3) {
    s.answer = Answer::no;
  }
  switch (s.answer) {
  case Answer::yes:
    s.text =
        fmt::format("modification compute {} is above {}: the modifier is presumed to be the provider of the "
                    "modified model",
                    used_words, threshold);
    break;
  case Answer::no:
    s.text = fmt::format("modification compute {} is not above {}: the modifier does not become a provider",
                         used_words, threshold);
    break;
  case Answer::unknown:
    s.text = fmt::format(
        "modification compute {}: above the fallback for a GPAI original, not above the one for an "
        "original with systemic risk; the thresholds are {}",
        used_words, threshold);
    break;
  }
  return s;
}

EuAiActAssessment assess_eu_ai_act(const frameworks::Assessment& a) {
  EuAiActAssessment e;
  ComputeEstimate own = estimate_compute(a.release);
  e.modifications = judge_modifications(a, own);
  e.compute = e.modifications.empty() ? quantized_compute(a, own) : cumulative_compute(own, e.modifications);
  std::string outputs_from;
  std::vector<std::string> outputs = outputs_of(a, outputs_from);
  e.gpai = judge_gpai(e.compute, outputs, outputs_from);
  e.systemic_risk = judge_systemic_risk(e.compute, e.gpai);
  e.notification = notification_of(e.systemic_risk);
  e.exemption = judge_exemption(a, e.systemic_risk, e.exemption_conditions);
  if (e.gpai.answer == Answer::no) {
    e.exemption.text = "moot: not a GPAI model by the indicative criterion; " + e.exemption.text;
  }
  e.duties = judge_duties(e);
  e.documents = check_documents(a);
  e.dates = application_dates(a.release);
  return e;
}

}  // namespace aperture::regulation
