// The terminal view of `aperture scan`: a one-screen summary, then details.
#include <algorithm>

#include <fmt/format.h>

#include <aperture/assess/verdict.hpp>
#include <aperture/cli/cli_main.hpp>
#include <aperture/cli/scan_command.hpp>
#include <aperture/cli/style.hpp>
#include <aperture/regulation/eu_ai_act.hpp>
#include <aperture/report/eu_ai_act_report.hpp>
#include <aperture/report/verdict_labels.hpp>
#include <aperture/util/text.hpp>

namespace aperture::cli {
namespace {

using assess::Outcome;
using frameworks::Assessment;
using release::Severity;

constexpr std::size_t k_summary_findings = 5;

std::string where(const release::Evidence& e) {
  std::string at = e.file;
  if (e.line != 0) {
    at += fmt::format(":{}", e.line);
  }
  if (!e.url.empty()) {
    at += (at.empty() ? "" : "  ") + e.url;
  }
  return at;
}

std::string clip(std::string_view s, std::size_t n) { return util::clip_utf8(s, n); }

std::string outcome_word(Outcome o, const Style& st) {
  switch (o) {
  case Outcome::pass: return st.green("yes");
  case Outcome::fail: return st.red("no");
  default: return st.yellow("unknown");
  }
}

std::string row(const Style& st, std::string_view label, const std::string& value) {
  return fmt::format("  {}{}\n", st.bold(fmt::format("{:<13}", label)), value);
}

std::string license_line(const Assessment& a) {
  if (a.osd.license.empty()) {
    return "none found";
  }
  std::string from = report::license_sources(a);
  return from.empty() ? a.osd.license : fmt::format("{}  ({})", a.osd.license, from);
}

std::string severity_mark(Severity s, const Style& st) {
  switch (s) {
  case Severity::error: return st.red("✗");
  case Severity::warning: return st.yellow("!");
  case Severity::info: return st.cyan("i");
  }
  return "";
}

std::string finding_text(const release::Finding& f, const Style& st, std::size_t max_evidence) {
  std::string out = fmt::format("  {} {}  {}\n", severity_mark(f.severity, st), st.bold(f.rule), f.message);
  for (std::size_t i = 0; i < f.evidence.size() && i < max_evidence; ++i) {
    const auto& e = f.evidence[i];
    std::string quote = e.quote.empty() ? "" : fmt::format("  \"{}\"", clip(e.quote, 110));
    out += fmt::format("      {}{}\n", st.dim(where(e)), quote);
  }
  return out;
}

std::string mof_summary(const frameworks::MofVerdict& m, const Style& st) {
  if (m.mof_class != 0) {
    return st.bold(m.label);
  }
  return fmt::format("{}  {}", st.yellow("none"), st.dim(report::mof_shortfall(m)));
}

std::string mof_details(const frameworks::MofVerdict& m, const Style& st) {
  std::string out = fmt::format("\n{}\n", st.bold("MOF classes (Model Openness Tool rules)"));
  for (int c = 3; c >= 1; --c) {
    const frameworks::MofClassResult& r = m.result(c);
    out += fmt::format("  {:<30} {:>5.1f}%{}\n", frameworks::mof_class_label(c), r.progress, r.met() ? "  met" : "");
    if (!r.missing.empty()) {
      out += fmt::format("      {}\n", st.dim(fmt::format("missing: {}", report::kind_names(r.missing, 17))));
    }
    for (const auto& n : r.not_open) {
      out += fmt::format("      {}\n", st.dim(fmt::format("not open: {} ({})", release::mof_name(n.kind), clip(n.reason, 90))));
    }
  }
  return out;
}

std::string osai_summary(const frameworks::OsaiVerdict& v, const release::Release& release, const Style& st) {
  std::string out =
      fmt::format("{}  {}", st.bold(fmt::format("{:.0f}%", v.score * 100)), st.dim(report::osai_counts(v)));
  if (auto index = frameworks::index_ratings_of(release)) {
    frameworks::OsaiAgreement a = frameworks::compare_with_index(v, *index);
    out += st.dim(fmt::format("; the index itself: {:.0f}%, agreeing on {} of 12", a.index_score * 100, a.agreed));
  }
  return out;
}

std::string osai_details(const frameworks::OsaiVerdict& v, const release::Release& release, const Style& st) {
  auto index = frameworks::index_ratings_of(release);
  std::string out = fmt::format("\n{}{}\n", st.bold("European Open Source AI Index parameters"),
                                index ? st.dim("  (Aperture · the index's own rating)") : "");
  for (const auto& r : v.ratings) {
    std::string theirs =
        index ? fmt::format(" · {:<8}", frameworks::to_string((*index)[static_cast<std::size_t>(r.parameter)])) : "";
    out += fmt::format("  {:<26} {:<8}{} {}\n", frameworks::info(r.parameter).name, frameworks::to_string(r.rating),
                       theirs, st.dim(clip(r.reason, 90)));
  }
  return out;
}

std::string summary(const Assessment& a, const Style& st) {
  const auto& r = a.release;
  std::string files = r.input_kind == "directory" ? fmt::format(", {} file{}", r.files.size(), r.files.size() == 1 ? "" : "s") : "";
  std::string out = fmt::format("{} {}  ({}{})\n\n", st.bold("Aperture scan:"), r.name, r.input_kind, files);
  out += row(st, "License", license_line(a));
  if (!r.architecture.empty()) {
    out += row(st, "Architecture", fmt::format("{}  {}", r.architecture, st.dim(where(r.architecture_evidence))));
  }
  if (r.parameter_count) {
    out += row(st, "Parameters", fmt::format("{}  ({})", assess::format_count(static_cast<double>(*r.parameter_count)),
                                             where(r.parameter_evidence)));
  }
  out += row(st, "Spectrum",
             fmt::format("{}  {}", st.bold(report::spectrum_text(a.spectrum)), st.dim(a.spectrum.reason)));
  out += row(st, "OSD", fmt::format("{}  {}", outcome_word(a.osd.outcome, st), st.dim(a.osd.reason)));
  std::string osaid_fail = report::failed_ids(a.osaid.requirements);
  out += row(st, "OSAID 1.0", fmt::format("{}{}", outcome_word(a.osaid.outcome, st),
                                          osaid_fail.empty() ? "" : st.dim(fmt::format("  fails: {}", osaid_fail))));
  out += row(st, "MOF class", mof_summary(a.mof, st));
  out += row(st, "OSAI index", osai_summary(a.osai, a.release, st));
  out += row(st, "EU AI Act", report::eu_ai_act_summary(regulation::assess_eu_ai_act(a)));
  out += row(st, "Findings", report::findings_count(a.findings));
  if (!a.findings.empty()) {
    out += "\n";
  }
  for (std::size_t i = 0; i < a.findings.size() && i < k_summary_findings; ++i) {
    out += finding_text(a.findings[i], st, 2);
  }
  if (a.findings.size() > k_summary_findings) {
    out += st.dim(fmt::format("  … {} more below\n", a.findings.size() - k_summary_findings));
  }
  return out;
}

std::string components_text(const Assessment& a, const Style& st) {
  std::string out = fmt::format("\n{}\n", st.bold("Components"));
  for (const auto& c : a.release.components) {
    frameworks::ComponentState s = frameworks::component_state(a.release, c.kind);
    std::string state = std::string(frameworks::to_string(s.state));
    std::string coloured = s.state == frameworks::State::open ? st.green(fmt::format("{:<11}", state))
                           : s.state == frameworks::State::closed ? st.dim(fmt::format("{:<11}", state))
                                                                  : st.yellow(fmt::format("{:<11}", state));
    std::string first = c.evidence.empty() ? "" : where(c.evidence.front());
    out += fmt::format("  {:<8} {} {:<32} {:<28} {}\n", release::to_string(c.presence), coloured,
                       release::mof_name(c.kind), clip(c.license_id.empty() ? "-" : c.license_id, 28),
                       st.dim(clip(first, 60)));
  }
  return out;
}

std::string licenses_text(const Assessment& a, const Style& st) {
  std::string out = fmt::format("\n{}\n", st.bold("Licenses found"));
  if (a.release.licenses.empty()) {
    out += "  none\n";
  }
  for (const auto& f : a.release.licenses) {
    out += fmt::format("  {:<34} {:<26} {:<14} {}\n", f.match.id, clip(report::license_place(f), 26),
                       license::to_string(f.match.kind), st.dim(clip(f.match.evidence, 70)));
  }
  return out;
}

std::string verdicts_text(const Assessment& a, const Style& st) {
  std::string out = fmt::format("\n{}\n", st.bold("OSAID 1.0 requirements"));
  for (const auto& c : a.osaid.requirements) {
    out += fmt::format("  {:<8} {}\n           {}\n", outcome_word(c.outcome, st), c.name, st.dim(clip(c.reason, 150)));
  }
  out += fmt::format("\n{}\n", st.bold("Spectrum by layer"));
  for (const auto& l : a.spectrum.layers) {
    out += fmt::format("  {:<16} {}\n", l.layer, frameworks::to_string(l.state));
  }
  out += mof_details(a.mof, st);
  out += osai_details(a.osai, a.release, st);
  return out;
}

std::string lineage_text(const Assessment& a, const Style& st) {
  std::string out = fmt::format("\n{}\n", st.bold("Lineage"));
  for (const auto& an : a.lineage.ancestors) {
    std::string relation = an.relation + (an.relation_inferred ? " (inferred)" : "");
    out += fmt::format("  {}{:<40} {:<22} {:<28} {}\n", std::string(2 * std::min(an.depth - 1, 8), ' '),
                       clip(an.name, 40), relation, clip(an.license.empty() ? "license unknown" : an.license, 28),
                       st.dim(an.resolved_by.empty() ? "unresolved" : an.resolved_by));
  }
  for (const auto& d : a.lineage.datasets) {
    out += fmt::format("  data {:<35} {:<22} {:<28} {}\n", clip(d.name, 35), clip("named by " + d.named_by, 22),
                       clip(d.license.empty() ? "license unknown" : d.license, 28),
                       st.dim(d.resolved_by.empty() ? (d.license.empty() ? "unresolved" : "stated") : d.resolved_by));
  }
  for (const auto& o : a.lineage.obligations) {
    out += fmt::format("  {:<16} {} {}\n", o.kind, clip(o.text, 80), st.dim("(" + o.license + ")"));
  }
  return out;
}

}  // namespace

std::string scan_to_text(const Assessment& a, const Style& st, bool summary_only) {
  std::string out = summary(a, st);
  if (!summary_only) {
    out += components_text(a, st);
    out += licenses_text(a, st);
    out += verdicts_text(a, st);
    if (!a.lineage.ancestors.empty() || !a.lineage.datasets.empty()) {
      out += lineage_text(a, st);
    }
    out += fmt::format("\n{}\n{}", st.bold("EU AI Act (general-purpose AI models)"),
                       report::eu_ai_act_scan_text(regulation::assess_eu_ai_act(a)));
    if (!a.findings.empty()) {
      out += fmt::format("\n{}\n", st.bold("Findings"));
      for (const auto& f : a.findings) {
        out += finding_text(f, st, 8);
      }
    }
  }
  out += fmt::format("\n{}\n", st.dim(k_disclaimer));
  return out;
}

}  // namespace aperture::cli
