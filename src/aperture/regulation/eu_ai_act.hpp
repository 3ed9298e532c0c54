// The EU AI Act's rules for general-purpose AI (GPAI) models (Regulation
// (EU) 2024/1689, Chapter V) applied to one release: is it a GPAI model by the
// Commission's indicative criterion, is systemic risk presumed, does the
// open-source exemption hold, which duties apply, which documents the release
// shows, and whether a modifier becomes a provider. Pure functions of the
// Assessment; every statement cites its article and carries its evidence, and
// "unknown" is an answer. Information, not legal advice (docs/eu-ai-act.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/frameworks/assessment.hpp>
#include <aperture/release/release.hpp>

namespace aperture::regulation {

inline constexpr const char* k_eur_lex_url = "https://eur-lex.europa.eu/eli/reg/2024/1689/oj";

// The Commission's indicative criterion for a GPAI model (Guidelines on GPAI
// models, July 2025): training compute greater than 10^23 FLOP.
inline constexpr double k_gpai_flop = 1e23;
// Art. 51(2): systemic risk presumed above 10^25 FLOP of cumulative training compute.
inline constexpr double k_systemic_flop = 1e25;
// 6 FLOP per parameter per training token: the usual estimate of dense training compute.
inline constexpr double k_flop_per_parameter_token = 6;

enum class Answer { yes, no, unknown };
std::string_view to_string(Answer answer);

// One statement: what Aperture concludes, the article that says why, and the
// facts it read.
struct Statement {
  std::string id;       // "gpai", "systemic-risk", "notification", "exemption", "art-53-1-a", ...
  std::string article;  // "Art. 51(2)", "Art. 53(2)", "Commission GPAI guidelines"
  Answer answer = Answer::unknown;
  std::string text;  // one line
  std::vector<release::Evidence> evidence;
};

// Training compute: stated by the release, or estimated as 6 × parameters ×
// training tokens, or unknown (with what is missing). For a mixture of experts
// whose parameter count is the total, 6 × N × D is only an upper bound; for a
// modification whose own compute is unknown, the base's is a lower bound.
struct ComputeEstimate {
  enum class Basis { stated, estimated, upper_bound, lower_bound, unknown };
  Basis basis = Basis::unknown;
  std::optional<double> flop;
  std::string derivation;            // how `flop` was reached: "6 × 8e9 parameters × 1.5e13 tokens"
  std::optional<double> parameters;  // the estimate's inputs, when known
  std::optional<double> tokens;
  std::vector<release::Evidence> evidence;  // where the figure or its inputs come from
  std::vector<std::string> missing;         // "training tokens", "parameter count"
};
std::string_view to_string(ComputeEstimate::Basis basis);

// A duty of Chapter V and whether it applies to the release's provider.
struct Duty {
  std::string id;       // "art-53-1-a"
  std::string article;  // "Art. 53(1)(a)"
  std::string name;     // "Technical documentation (Annex XI)"
  Answer applies = Answer::unknown;
  std::string reason_id;  // "exempt", "not-gpai", ...: the stable id of `reason` (docs/eu-ai-act.md)
  std::string reason;     // one line for the views: "waived by the open-source exemption (Art. 53(2))"
};

// A document or fact the duties ask for, as the release shows it.
struct DocumentCheck {
  enum class State { shown, lacking, not_checked };
  std::string id;       // "release-date", "copyright-policy"
  std::string article;  // "Annex XI 1(c)"
  std::string name;
  State state = State::not_checked;
  std::string detail;
  std::vector<release::Evidence> evidence;
};
std::string_view to_string(DocumentCheck::State state);

// For a fine-tune, adapter or merge: does the modifier become the provider of
// the modified model (Commission GPAI guidelines: modification compute above a
// third of the original's training compute)?
struct Modification {
  std::string base;         // the base model as the release names it
  std::string relation;     // finetune, adapter, merge
  std::string resolved_by;  // "catalog:llama-3.1-8b"; empty when the base is unknown to Aperture
  ComputeEstimate base_compute;
  ComputeEstimate modification_compute;  // the release's own stated figures
  Statement provider;                    // is the modifier presumed to become a provider?
};

// A date of application, with its article.
struct ApplicationDate {
  std::string date;     // "2025-08-02"
  std::string article;  // "Art. 113(b)"
  std::string text;
  bool applies = false;  // true for the line that concerns this release
};

struct EuAiActAssessment {
  // The release's cumulative training compute: its own figures, plus its
  // base model's when it is a modification (Art. 51(2) counts all training).
  ComputeEstimate compute;
  Statement gpai;
  Statement systemic_risk;
  Statement notification;
  Statement exemption;
  std::vector<Statement> exemption_conditions;  // license, weights, architecture, usage information
  std::vector<Duty> duties;
  std::vector<DocumentCheck> documents;
  std::vector<Modification> modifications;
  std::vector<ApplicationDate> dates;
};

// Training compute of `release`: its stated figure, else 6 × parameters ×
// training tokens when both are known (an upper bound when the parameter
// evidence says "mixture of experts"), else unknown with what is missing.
ComputeEstimate estimate_compute(const release::Release& release);

// The indicative GPAI criterion: compute > 10^23 FLOP and text, audio, image
// or video outputs. `outputs` empty means unstated; `outputs_from` names the
// base they were read from, empty when the release states them.
Statement judge_gpai(const ComputeEstimate& compute,
                     const std::vector<std::string>& outputs,
                     std::string_view outputs_from = {});

// Art. 51(2): systemic risk presumed when compute > 10^25 FLOP; `gpai` no ⇒ no.
Statement judge_systemic_risk(const ComputeEstimate& compute, const Statement& gpai);

// Does the release's license (judged by the OSD verdict and the knowledge
// base's terms) qualify as the free and open-source licence of Art. 53(2)?
Statement judge_exemption_license(const frameworks::OsdVerdict& osd);

// Art. 53(2) with its conditions (filled into `conditions`).
Statement judge_exemption(const frameworks::Assessment& assessment,
                          const Statement& systemic_risk,
                          std::vector<Statement>& conditions);

// The guidelines' provider rule for a modification. `base_compute` unknown
// uses the fallbacks: a third of 10^23 FLOP, or a third of 10^25 FLOP when
// the original has systemic risk.
Statement judge_modification(const ComputeEstimate& modification_compute,
                             const ComputeEstimate& base_compute);

// Everything above for one assessed release.
EuAiActAssessment assess_eu_ai_act(const frameworks::Assessment& assessment);

// "3.65e25" (three significant figures, trailing zeros dropped) for FLOP and token counts.
std::string format_scientific(double value);

// "3.65e25 FLOP (estimated: 6 × 4.05e11 parameters × 1.5e13 tokens)", "unknown (training tokens not stated)".
std::string describe_compute(const ComputeEstimate& compute);

// The compute a modification's GPAI and systemic-risk questions read: the
// base's plus the modification's (`own`); a lower bound when `own` is
// unknown; unknown when no base's compute is known. REQUIRES: `mods` not empty.
ComputeEstimate cumulative_compute(const ComputeEstimate& own, const std::vector<Modification>& mods);

}  // namespace aperture::regulation
