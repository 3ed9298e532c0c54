// How the views of a scan name and colour verdicts: one source for the
// terminal, Markdown and HTML reports (and later views), so that a state has
// the same word, colour and symbol everywhere. Plain text only: each view
// escapes what it takes from here for its own format.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/assess/verdict.hpp>
#include <aperture/frameworks/assessment.hpp>
#include <aperture/frameworks/component_verdict.hpp>
#include <aperture/release/release.hpp>

namespace aperture::report {

// The look of a mark. The five component states are the palette; other
// verdicts (outcomes, index ratings, severities) map onto it with tone().
struct Swatch {
  std::string_view label;   // "open", "restricted", "unlicensed", "closed", "unknown"
  std::string_view fill;    // a CSS colour: "#1a7f37"
  std::string_view ink;     // a CSS colour readable on `fill`
  std::string_view symbol;  // for Markdown, where colour is unavailable: "🟢"
};
Swatch swatch(frameworks::State state);

// pass → open, fail → closed, not applicable and unknown → unknown.
frameworks::State tone(assess::Outcome outcome);
// open → open, partial → restricted, closed → closed, unknown → unknown.
frameworks::State tone(frameworks::OsaiClass rating);
// error → closed, warning → restricted, info → unknown.
frameworks::State tone(release::Severity severity);

// "yes", "no", "n/a", "unknown": as the terminal view says it.
std::string_view outcome_label(assess::Outcome outcome);
// "⛔", "⚠️", "ℹ️"
std::string_view severity_symbol(release::Severity severity);

// The six layers a chart groups the 19 components by, in order; every
// component is in exactly one. `id` matches the spectrum's layer names.
struct ComponentLayer {
  std::string_view id;     // "code", "weights", "data", "documentation", "safety-tooling", "deployment"
  std::string_view title;  // "Code", "Weights", ...
  std::span<const release::ComponentKind> kinds;
};
std::span<const ComponentLayer> component_layers();

// One line of the summary that opens every report.
struct SummaryRow {
  std::string label;   // "License", "OSD", ...
  std::string value;   // "LicenseRef-Llama-3.1", "no", "3 · open weights under restrictive terms"
  std::string detail;  // where it was found, or why
  std::optional<frameworks::State> tone;  // the mark beside the value; none for plain facts
};

// The summary rows, in order: license, architecture and parameters when
// known, spectrum, OSD, OSAID, MOF class, OSAI index, findings.
std::vector<SummaryRow> summary_rows(const frameworks::Assessment& assessment);

// "README.md:2": the file and line of `evidence` (no URL); empty when neither.
std::string evidence_place(const release::Evidence& evidence);

// "LICENSE:1-21" or "README.md:2,51": a found license's file and line ranges.
std::string license_place(const release::FoundLicense& found);

// Where the judged license was found: up to three "file:line", comma-separated.
std::string license_sources(const frameworks::Assessment& assessment);

// The ids of the failing criteria of `list`, comma-separated.
std::string failed_ids(const std::vector<assess::CriterionVerdict>& list);

// "2 errors, 1 warning, 1 note"
std::string findings_count(const std::vector<release::Finding>& findings);

// The MOF names of the first `max` of `kinds`, then "and N more".
std::string kind_names(const std::vector<release::ComponentKind>& kinds, std::size_t max);

// Why no MOF class is met: "Class III: Model parameters (Final) not under an
// open license" or "Class III needs …". Empty when a class is met.
std::string mof_shortfall(const frameworks::MofVerdict& mof);

// "2 open, 2 partial, 2 closed, 6 unknown of 12 parameters"
std::string osai_counts(const frameworks::OsaiVerdict& osai);

// "3 · open weights under restrictive terms", or "unknown".
std::string spectrum_text(const frameworks::SpectrumVerdict& spectrum);

// The overall tone of a spectrum level, an MOF class and an OSAI score.
frameworks::State spectrum_tone(std::optional<int> level);
frameworks::State mof_tone(int mof_class);
frameworks::State osai_tone(double score);

}  // namespace aperture::report
