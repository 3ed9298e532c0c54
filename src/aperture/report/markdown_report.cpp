#include <fmt/format.h>

#include <aperture/regulation/eu_ai_act.hpp>
#include <aperture/report/disclaimer.hpp>
#include <aperture/report/eu_ai_act_report.hpp>
#include <aperture/report/markdown_report.hpp>
#include <aperture/report/text_escape.hpp>
#include <aperture/report/verdict_labels.hpp>
#include <aperture/util/text.hpp>

namespace aperture::report {
namespace {

using frameworks::Assessment;
using frameworks::State;

constexpr std::size_t k_summary_findings = 5;
constexpr std::size_t k_quote_bytes = 240;
constexpr std::size_t k_finding_evidence = 10;
constexpr std::size_t k_criterion_evidence = 3;

// Every piece of text from the release goes through md() or link().
std::string md(std::string_view text) {
  return markdown_escape(text);
}

// A link when `url` is http(s), else the escaped text; `text` defaults to the URL.
std::string link(std::string_view url, std::string_view text = {}) {
  std::string href = http_url(url);
  std::string shown = md(text.empty() ? url : text);
  return href.empty() ? shown : fmt::format("[{}]({})", shown, href);
}

std::string quoted(std::string_view quote) {
  return fmt::format("“{}”", md(util::clip_utf8(quote, k_quote_bytes)));
}

std::string marked(State state, std::string_view text) {
  return fmt::format("{} {}", swatch(state).symbol, text);
}

// "README.md:29 — [url](url) — “quote”"
std::string evidence_md(const release::Evidence& e) {
  std::string out = md(evidence_place(e));
  for (const std::string& part :
       {e.url.empty() ? std::string() : link(e.url), e.quote.empty() ? std::string() : quoted(e.quote)}) {
    if (!part.empty()) {
      out += (out.empty() ? "" : " — ") + part;
    }
  }
  return out;
}

// "LicenseRef-Llama-3.1 §2: “quote” ([source](url))"; a release fact's
// evidence has no license and its place as the clause: "README.md:6: “quote”".
std::string clause_md(const assess::Evidence& e) {
  std::string out = md(e.license);
  if (!e.clause.empty()) {
    out += e.license.empty() ? md(e.clause) : fmt::format(" §{}", md(e.clause));
  }
  if (!e.quote.empty()) {
    out += (out.empty() ? "" : ": ") + quoted(e.quote);
  }
  std::string href = http_url(e.url);
  if (!href.empty()) {
    out += fmt::format("{}([source]({}))", out.empty() ? "" : " ", href);
  }
  return out;
}

std::string header(const Assessment& a) {
  const release::Release& r = a.release;
  std::string files = r.input_kind == "directory"
                          ? fmt::format(", {} file{}", r.files.size(), r.files.size() == 1 ? "" : "s")
                          : "";
  std::string out = fmt::format("# Aperture scan: {}\n\n", md(r.name));
  out += fmt::format("Scanned {} ({}{})", md(r.target), md(r.input_kind), files);
  if (!r.publisher.empty()) {
    out += " · published by " + md(r.publisher);
  }
  if (!r.url.empty()) {
    out += " · " + link(r.url);
  }
  return out + "\n";
}

std::string summary(const Assessment& a) {
  std::string out = "\n| Check | Result | Detail |\n|---|---|---|\n";
  for (const SummaryRow& row : summary_rows(a)) {
    std::string value = row.tone ? marked(*row.tone, md(row.value)) : md(row.value);
    out += fmt::format("| **{}** | {} | {} |\n", row.label, value, md(row.detail));
  }
  if (a.findings.empty()) {
    return out;
  }
  out += "\n**Top findings**\n\n";
  for (std::size_t i = 0; i < a.findings.size() && i < k_summary_findings; ++i) {
    const release::Finding& f = a.findings[i];
    out += fmt::format("- {} **{}**: {}\n", severity_symbol(f.severity), md(f.rule), md(f.message));
  }
  if (a.findings.size() > k_summary_findings) {
    out += fmt::format("- … {} more under Findings\n", a.findings.size() - k_summary_findings);
  }
  return out;
}

std::string component_row(const release::Release& r, std::string_view layer, release::ComponentKind kind) {
  const release::Component& c = r.component(kind);
  frameworks::ComponentState s = frameworks::component_state(r, kind);
  std::string evidence = c.evidence.empty() ? "" : evidence_md(c.evidence.front());
  if (c.evidence.size() > 1) {
    evidence += fmt::format(" (and {} more)", c.evidence.size() - 1);
  }
  return fmt::format("| {} | {} | {} | {} | {} | {} |\n", layer, release::mof_name(kind),
                     release::to_string(c.presence), c.license_id.empty() ? "–" : md(c.license_id),
                     marked(s.state, swatch(s.state).label), evidence);
}

std::string components(const Assessment& a) {
  std::string out = "\n## Components\n\n| Layer | Component | Present | License | State | Evidence |\n"
                    "|---|---|---|---|---|---|\n";
  for (const ComponentLayer& layer : component_layers()) {
    for (release::ComponentKind kind : layer.kinds) {
      out += component_row(a.release, layer.title, kind);
    }
  }
  out += "\nStates: ";
  for (State s : {State::open, State::restricted, State::unlicensed, State::closed, State::unknown}) {
    out += fmt::format("{}{}", s == State::open ? "" : " · ", marked(s, swatch(s).label));
  }
  return out + "\n";
}

// One criterion as a list item, its clauses below it.
std::string criterion_md(const assess::CriterionVerdict& c) {
  std::string out = fmt::format("- {} **{}** {}: {}\n", marked(tone(c.outcome), outcome_label(c.outcome)),
                                md(c.id), md(c.name), md(c.reason));
  for (std::size_t i = 0; i < c.evidence.size() && i < k_criterion_evidence; ++i) {
    out += "  - " + clause_md(c.evidence[i]) + "\n";
  }
  if (c.evidence.size() > k_criterion_evidence) {
    out += fmt::format("  - … and {} more\n", c.evidence.size() - k_criterion_evidence);
  }
  return out;
}

std::string osd_md(const frameworks::OsdVerdict& osd) {
  std::string out = fmt::format("\n### Open Source Definition (OSD): {}\n\n",
                                marked(tone(osd.outcome), outcome_label(osd.outcome)));
  out += md(osd.reason.empty() ? "no license to judge" : osd.reason) + "\n";
  if (!osd.failing.empty()) {
    out += "\n";
  }
  for (const auto& c : osd.failing) {
    out += criterion_md(c);
  }
  return out;
}

std::string osaid_md(const frameworks::OsaidVerdict& osaid) {
  std::string out = fmt::format("\n### Open Source AI Definition 1.0 (OSAID): {}\n\n",
                                marked(tone(osaid.outcome), outcome_label(osaid.outcome)));
  for (const auto& c : osaid.requirements) {
    out += criterion_md(c);
  }
  return out;
}

std::string not_open_md(const std::vector<frameworks::MofNotOpen>& list) {
  std::string out;
  for (const auto& n : list) {
    out += fmt::format("{}{} ({})", out.empty() ? "" : "; ", release::mof_name(n.kind), md(n.reason));
  }
  return out;
}

std::string mof_md(const frameworks::MofVerdict& m) {
  std::string value = m.mof_class != 0 ? m.label : "none";
  std::string out =
      fmt::format("\n### Model Openness Framework (MOF): {}\n\n", marked(mof_tone(m.mof_class), value));
  std::string shortfall = mof_shortfall(m);
  if (!shortfall.empty()) {
    out += shortfall + ".\n\n";
  }
  out += "| Class | Progress | Missing | Not open |\n|---|---|---|---|\n";
  for (int c = 3; c >= 1; --c) {
    const frameworks::MofClassResult& r = m.result(c);
    out += fmt::format("| {} | {:.1f}%{} | {} | {} |\n", frameworks::mof_class_label(c), r.progress,
                       r.met() ? fmt::format(" {} met", swatch(State::open).symbol) : "",
                       r.missing.empty() ? "–" : kind_names(r.missing, 17),
                       r.not_open.empty() ? "–" : not_open_md(r.not_open));
  }
  return out;
}

std::string spectrum_md(const frameworks::SpectrumVerdict& s) {
  std::string out =
      fmt::format("\n### Openness spectrum: {}\n\n", marked(spectrum_tone(s.level), spectrum_text(s)));
  out += md(s.reason);
  if (s.ceiling < 5) {
    out += fmt::format("; the terms allow at most level {}", s.ceiling);
  }
  out += ".\n\n| Layer | State |\n|---|---|\n";
  for (const auto& l : s.layers) {
    out += fmt::format("| {} | {} |\n", l.layer, marked(l.state, swatch(l.state).label));
  }
  return out;
}

std::string osai_md(const Assessment& a) {
  const frameworks::OsaiVerdict& v = a.osai;
  auto index = frameworks::index_ratings_of(a.release);
  std::string out =
      fmt::format("\n### European Open Source AI Index: {}\n\n{}.\n\n",
                  marked(osai_tone(v.score), fmt::format("{:.0f}%", v.score * 100)), osai_counts(v));
  out += index ? "| Parameter | Rating | The index's rating | Reason |\n|---|---|---|---|\n"
               : "| Parameter | Rating | Reason |\n|---|---|---|\n";
  for (const auto& r : v.ratings) {
    std::string theirs;
    if (index) {
      frameworks::OsaiClass c = (*index)[static_cast<std::size_t>(r.parameter)];
      theirs = fmt::format(" {} |", marked(tone(c), frameworks::to_string(c)));
    }
    out += fmt::format("| {} | {} |{} {} |\n", frameworks::info(r.parameter).name,
                       marked(tone(r.rating), frameworks::to_string(r.rating)), theirs, md(r.reason));
  }
  return out;
}

std::string frameworks_md(const Assessment& a) {
  std::string out = "\n## Frameworks\n";
  out += osd_md(a.osd);
  out += osaid_md(a.osaid);
  out += mof_md(a.mof);
  out += spectrum_md(a.spectrum);
  out += osai_md(a);
  return out;
}

std::string licenses_md(const release::Release& r) {
  std::string out = "\n## Licenses found\n\n";
  if (r.licenses.empty()) {
    return out + "None.\n";
  }
  out += "| License | Where | How | Evidence |\n|---|---|---|---|\n";
  for (const auto& f : r.licenses) {
    out +=
        fmt::format("| {} | {} | {} | {} |\n", md(f.match.id), md(license_place(f)),
                    license::to_string(f.match.kind), md(util::clip_utf8(f.match.evidence, k_quote_bytes)));
  }
  return out;
}

std::string finding_md(const release::Finding& f) {
  std::string out = fmt::format("\n### {} {} ({})\n\n{}\n", severity_symbol(f.severity), md(f.rule),
                                release::to_string(f.severity), md(f.message));
  if (!f.evidence.empty()) {
    out += "\n";
  }
  for (std::size_t i = 0; i < f.evidence.size() && i < k_finding_evidence; ++i) {
    out += "- " + evidence_md(f.evidence[i]) + "\n";
  }
  if (f.evidence.size() > k_finding_evidence) {
    out += fmt::format("- … and {} more\n", f.evidence.size() - k_finding_evidence);
  }
  return out;
}

std::string findings_md(const std::vector<release::Finding>& findings) {
  std::string out = "\n## Findings\n";
  if (findings.empty()) {
    return out + "\nNone.\n";
  }
  for (const auto& f : findings) {
    out += finding_md(f);
  }
  return out;
}

}  // namespace

std::string scan_markdown(const Assessment& a) {
  std::string out = header(a);
  out += summary(a);
  out += components(a);
  out += frameworks_md(a);
  out += licenses_md(a.release);
  out += eu_ai_act_markdown(regulation::assess_eu_ai_act(a));
  out += findings_md(a.findings);
  out += fmt::format("\n---\n\n*{}*\n", k_disclaimer);
  return out;
}

}  // namespace aperture::report
