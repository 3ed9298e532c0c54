#include <algorithm>
#include <array>

#include <fmt/format.h>

#include <aperture/report/verdict_labels.hpp>

namespace aperture::report {
namespace {

using frameworks::State;
using release::ComponentKind;

constexpr std::array<ComponentKind, 6> k_code = {
    ComponentKind::model_architecture, ComponentKind::data_preprocessing_code,
    ComponentKind::training_code,      ComponentKind::inference_code,
    ComponentKind::evaluation_code,    ComponentKind::supporting_libraries};
constexpr std::array<ComponentKind, 3> k_weights = {ComponentKind::model_parameters_final,
                                                    ComponentKind::model_parameters_intermediate,
                                                    ComponentKind::model_metadata};
constexpr std::array<ComponentKind, 3> k_data = {ComponentKind::datasets, ComponentKind::evaluation_data,
                                                 ComponentKind::sample_outputs};
constexpr std::array<ComponentKind, 5> k_documentation = {
    ComponentKind::model_card, ComponentKind::data_card, ComponentKind::technical_report,
    ComponentKind::research_paper, ComponentKind::evaluation_results};
constexpr std::array<ComponentKind, 1> k_safety = {ComponentKind::safety_tooling};
constexpr std::array<ComponentKind, 1> k_deployment = {ComponentKind::deployment};

// The spectrum's layers (frameworks/spectrum.cpp) hold 14 of the components;
// the other five go where the MOF puts them: supporting libraries with the
// code, intermediate parameters and metadata with the weights, sample outputs
// with the data, evaluation results with the documentation.
const std::array<ComponentLayer, 6> k_layers = {{
    {"code", "Code", k_code},
    {"weights", "Weights", k_weights},
    {"data", "Data", k_data},
    {"documentation", "Documentation", k_documentation},
    {"safety-tooling", "Safety tooling", k_safety},
    {"deployment", "Deployment", k_deployment},
}};

SummaryRow license_row(const frameworks::Assessment& a) {
  if (a.osd.license.empty()) {
    return {"License", "none found", "", std::nullopt};
  }
  return {"License", a.osd.license, license_sources(a), std::nullopt};
}

SummaryRow osaid_row(const frameworks::OsaidVerdict& v) {
  std::string failing = failed_ids(v.requirements);
  return {"OSAID 1.0", std::string(outcome_label(v.outcome)),
          failing.empty() ? "" : fmt::format("fails: {}", failing), tone(v.outcome)};
}

SummaryRow mof_row(const frameworks::MofVerdict& m) {
  std::string value = m.mof_class != 0 ? m.label : "none";
  return {"MOF class", value, mof_shortfall(m), mof_tone(m.mof_class)};
}

SummaryRow osai_row(const frameworks::Assessment& a) {
  std::string detail = osai_counts(a.osai);
  if (auto index = frameworks::index_ratings_of(a.release)) {
    frameworks::OsaiAgreement agreement = frameworks::compare_with_index(a.osai, *index);
    detail += fmt::format("; the index itself: {:.0f}%, agreeing on {} of 12", agreement.index_score * 100,
                          agreement.agreed);
  }
  return {"OSAI index", fmt::format("{:.0f}%", a.osai.score * 100), detail, osai_tone(a.osai.score)};
}

}  // namespace

Swatch swatch(State state) {
  switch (state) {
  case State::open:
    return {"open", "#1a7f37", "#ffffff", "🟢"};
  case State::restricted:
    return {"restricted", "#e3b341", "#1f2328", "🟡"};
  case State::unlicensed:
    return {"unlicensed", "#e16f24", "#1f2328", "🟠"};
  case State::closed:
    return {"closed", "#cf222e", "#ffffff", "🔴"};
  case State::unknown:
    return {"unknown", "#d0d7de", "#1f2328", "⚪"};
  }
  return {"unknown", "#d0d7de", "#1f2328", "⚪"};
}

State tone(assess::Outcome outcome) {
  switch (outcome) {
  case assess::Outcome::pass:
    return State::open;
  case assess::Outcome::fail:
    return State::closed;
  default:
    return State::unknown;
  }
}

State tone(frameworks::OsaiClass rating) {
  switch (rating) {
  case frameworks::OsaiClass::open:
    return State::open;
  case frameworks::OsaiClass::partial:
    return State::restricted;
  case frameworks::OsaiClass::closed:
    return State::closed;
  case frameworks::OsaiClass::unknown:
    return State::unknown;
  }
  return State::unknown;
}

State tone(release::Severity severity) {
  switch (severity) {
  case release::Severity::error:
    return State::closed;
  case release::Severity::warning:
    return State::restricted;
  case release::Severity::info:
    return State::unknown;
  }
  return State::unknown;
}

std::string_view outcome_label(assess::Outcome outcome) {
  switch (outcome) {
  case assess::Outcome::pass:
    return "yes";
  case assess::Outcome::fail:
    return "no";
  case assess::Outcome::not_applicable:
    return "n/a";
  case assess::Outcome::unknown:
    return "unknown";
  }
  return "unknown";
}

std::string_view severity_symbol(release::Severity severity) {
  switch (severity) {
  case release::Severity::error:
    return "⛔";
  case release::Severity::warning:
    return "⚠️";
  case release::Severity::info:
    return "ℹ️";
  }
  return "ℹ️";
}

std::span<const ComponentLayer> component_layers() {
  return k_layers;
}

std::vector<SummaryRow> summary_rows(const frameworks::Assessment& a) {
  const release::Release& r = a.release;
  std::vector<SummaryRow> rows;
  rows.push_back(license_row(a));
  if (!r.architecture.empty()) {
    rows.push_back({"Architecture", r.architecture, evidence_place(r.architecture_evidence), std::nullopt});
  }
  if (r.parameter_count) {
    rows.push_back({"Parameters", assess::format_count(static_cast<double>(*r.parameter_count)),
                    evidence_place(r.parameter_evidence), std::nullopt});
  }
  rows.push_back({"Spectrum", spectrum_text(a.spectrum), a.spectrum.reason, spectrum_tone(a.spectrum.level)});
  rows.push_back({"OSD", std::string(outcome_label(a.osd.outcome)), a.osd.reason, tone(a.osd.outcome)});
  rows.push_back(osaid_row(a.osaid));
  rows.push_back(mof_row(a.mof));
  rows.push_back(osai_row(a));
  rows.push_back({"Findings", findings_count(a.findings), "", std::nullopt});
  return rows;
}

std::string evidence_place(const release::Evidence& e) {
  if (e.line == 0) {
    return e.file;
  }
  return fmt::format("{}:{}", e.file, e.line);
}

std::string license_place(const release::FoundLicense& found) {
  std::string lines;
  for (const auto& l : found.match.lines) {
    lines += lines.empty() ? "" : ",";
    lines += l.first == l.last ? std::to_string(l.first) : fmt::format("{}-{}", l.first, l.last);
  }
  return fmt::format("{}:{}", found.file, lines);
}

std::string license_sources(const frameworks::Assessment& a) {
  std::vector<std::string> files;
  for (const auto& f : a.release.licenses) {
    std::string at =
        f.match.lines.empty() ? f.file : fmt::format("{}:{}", f.file, f.match.lines.front().first);
    if (a.osd.license.find(f.match.id) != std::string::npos &&
        std::find(files.begin(), files.end(), at) == files.end() && files.size() < 3) {
      files.push_back(at);
    }
  }
  std::string out;
  for (const auto& f : files) {
    out += (out.empty() ? "" : ", ") + f;
  }
  return out;
}

std::string failed_ids(const std::vector<assess::CriterionVerdict>& list) {
  std::string out;
  for (const auto& c : list) {
    if (c.outcome == assess::Outcome::fail) {
      out += (out.empty() ? "" : ", ") + c.id;
    }
  }
  return out;
}

std::string findings_count(const std::vector<release::Finding>& findings) {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  for (const auto& f : findings) {
    errors += f.severity == release::Severity::error ? 1 : 0;
    warnings += f.severity == release::Severity::warning ? 1 : 0;
  }
  std::size_t info = findings.size() - errors - warnings;
  return fmt::format("{} error{}, {} warning{}, {} note{}", errors, errors == 1 ? "" : "s", warnings,
                     warnings == 1 ? "" : "s", info, info == 1 ? "" : "s");
}

std::string kind_names(const std::vector<release::ComponentKind>& kinds, std::size_t max) {
  std::string out;
  for (std::size_t i = 0; i < kinds.size() && i < max; ++i) {
    out += (out.empty() ? "" : ", ") + std::string(release::mof_name(kinds[i]));
  }
  if (kinds.size() > max) {
    out += fmt::format(" and {} more", kinds.size() - max);
  }
  return out;
}

std::string mof_shortfall(const frameworks::MofVerdict& m) {
  if (m.mof_class != 0) {
    return "";
  }
  const frameworks::MofClassResult& three = m.result(3);
  if (!three.not_open.empty()) {
    return fmt::format("Class III: {} not under an open license",
                       release::mof_name(three.not_open.front().kind));
  }
  return fmt::format("Class III needs {}", kind_names(three.missing, 3));
}

std::string osai_counts(const frameworks::OsaiVerdict& v) {
  std::array<int, 4> counts{};
  for (const auto& r : v.ratings) {
    ++counts[static_cast<std::size_t>(r.rating)];
  }
  return fmt::format("{} open, {} partial, {} closed, {} unknown of 12 parameters", counts[0], counts[1],
                     counts[2], counts[3]);
}

std::string spectrum_text(const frameworks::SpectrumVerdict& s) {
  if (!s.level) {
    return "unknown";
  }
  return fmt::format("{} · {}", *s.level, s.label);
}

State spectrum_tone(std::optional<int> level) {
  if (!level) {
    return State::unknown;
  }
  switch (*level) {
  case 5:
    return State::open;
  case 4:
    return State::restricted;
  case 3:
    return State::unlicensed;
  default:
    return State::closed;
  }
}

State mof_tone(int mof_class) {
  switch (mof_class) {
  case 1:
  case 2:
    return State::open;
  case 3:
    return State::restricted;
  default:
    return State::closed;
  }
}

State osai_tone(double score) {
  if (score >= 2.0 / 3.0) {
    return State::open;
  }
  return score >= 1.0 / 3.0 ? State::restricted : State::closed;
}

}  // namespace aperture::report
