#include <fmt/format.h>

#include <aperture/regulation/eu_ai_act.hpp>
#include <aperture/report/disclaimer.hpp>
#include <aperture/report/eu_ai_act_report.hpp>
#include <aperture/report/html_report.hpp>
#include <aperture/report/openness_chart.hpp>
#include <aperture/report/text_escape.hpp>
#include <aperture/report/verdict_labels.hpp>
#include <aperture/util/text.hpp>

namespace aperture::report {
namespace {

using frameworks::Assessment;
using frameworks::State;

constexpr std::size_t k_summary_findings = 5;
constexpr std::size_t k_quote_bytes = 400;
constexpr std::size_t k_criterion_evidence = 4;

constexpr std::string_view k_css = R"(
:root { color-scheme: light; }
body { margin: 0; background: #f6f8fa; color: #1f2328;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 40px; }
h1 { font-size: 26px; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 20px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 16px; margin: 22px 0 8px; }
section { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 4px 18px 16px; margin-top: 18px; }
.meta { color: #59636e; margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid #eaeef2; overflow-wrap: break-word; }
th[scope=rowgroup] { border-right: 1px solid #eaeef2; }
thead th { color: #59636e; font-weight: 600; border-bottom: 1px solid #d0d7de; }
table.summary th { width: 110px; }
.detail, .muted { color: #59636e; }
.badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12.5px; font-weight: 600; white-space: nowrap; }
.s-unknown { outline: 1px dashed #8c959f; }
.chart, .legend { display: block; width: 100%; height: auto; margin: 6px 0 14px; }
.legend { max-width: 600px; }
ul { padding-left: 22px; margin: 6px 0; }
li { margin: 3px 0; overflow-wrap: anywhere; }
q { color: #424a53; font-style: italic; }
code, .place { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; overflow-wrap: anywhere; }
.finding { border-left: 4px solid #d0d7de; padding: 2px 0 2px 12px; margin: 14px 0; }
.finding h3 { margin: 0 0 4px; }
a { color: #0969da; }
footer { margin-top: 28px; color: #59636e; font-size: 13px; text-align: center; }
)";

// ---- small pieces ------------------------------------------------------------

std::string h(std::string_view text) {
  return html_escape(text);
}

// The CSS classes of the five states, from the one palette.
std::string state_css() {
  std::string out;
  for (State s : {State::open, State::restricted, State::unlicensed, State::closed, State::unknown}) {
    Swatch sw = swatch(s);
    out += fmt::format(".s-{} {{ background: {}; color: {}; }}\n", sw.label, sw.fill, sw.ink);
  }
  for (State s : {State::closed, State::restricted, State::unknown}) {
    out += fmt::format(".finding.f-{} {{ border-left-color: {}; }}\n", swatch(s).label, swatch(s).fill);
  }
  return out;
}

std::string badge(State state, std::string_view text) {
  return fmt::format("<span class=\"badge s-{}\">{}</span>", swatch(state).label, h(text));
}

// A link when `url` is http(s); otherwise its text, escaped.
std::string link(std::string_view url, std::string_view text = {}) {
  std::string href = http_url(url);
  std::string shown = h(text.empty() ? url : text);
  if (href.empty()) {
    return shown;
  }
  return fmt::format("<a href=\"{}\" rel=\"noopener noreferrer nofollow\">{}</a>", h(href), shown);
}

std::string quoted(std::string_view quote) {
  return fmt::format("<q>{}</q>", h(util::clip_utf8(quote, k_quote_bytes)));
}

// "<span class=place>README.md:29</span> — link — quote"
std::string evidence_html(const release::Evidence& e) {
  std::vector<std::string> parts;
  std::string place = evidence_place(e);
  if (!place.empty()) {
    parts.push_back(fmt::format("<span class=\"place\">{}</span>", h(place)));
  }
  if (!e.url.empty()) {
    parts.push_back(link(e.url));
  }
  if (!e.quote.empty()) {
    parts.push_back(quoted(e.quote));
  }
  std::string out;
  for (const auto& p : parts) {
    out += (out.empty() ? "" : " — ") + p;
  }
  return out;
}

// "LicenseRef-Llama-3.1 §2: quote (source)"; a release fact's evidence has no
// license and its place as the clause: "README.md:6: quote".
std::string clause_html(const assess::Evidence& e) {
  std::string out = h(e.license);
  if (!e.clause.empty()) {
    out += e.license.empty() ? fmt::format("<span class=\"place\">{}</span>", h(e.clause))
                             : fmt::format(" §{}", h(e.clause));
  }
  if (!e.quote.empty()) {
    out += (out.empty() ? "" : ": ") + quoted(e.quote);
  }
  if (!http_url(e.url).empty()) {
    out += fmt::format("{}({})", out.empty() ? "" : " ", link(e.url, "source"));
  }
  return out;
}

std::string table_head(std::initializer_list<std::string_view> columns) {
  std::string out = "<table><thead><tr>";
  for (std::string_view c : columns) {
    out += fmt::format("<th>{}</th>", c);
  }
  return out + "</tr></thead><tbody>\n";
}

// ---- sections --------------------------------------------------------------------

std::string page_head(const Assessment& a) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "img-src data:; base-uri 'none'; form-action 'none'\">\n";
  out += "<meta name=\"referrer\" content=\"no-referrer\">\n";
  out += fmt::format("<meta name=\"generator\" content=\"Aperture\">\n<title>Aperture scan: {}</title>\n",
                     h(a.release.name));
  out += fmt::format("<style>{}{}</style>\n</head>\n", k_css, state_css());
  return out;
}

std::string title_block(const Assessment& a) {
  const release::Release& r = a.release;
  std::string files = r.input_kind == "directory"
                          ? fmt::format(", {} file{}", r.files.size(), r.files.size() == 1 ? "" : "s")
                          : "";
  std::string out = fmt::format("<header>\n<h1>Aperture scan: {}</h1>\n", h(r.name));
  out += fmt::format("<p class=\"meta\">Scanned <span class=\"place\">{}</span> ({}{})", h(r.target),
                     h(r.input_kind), files);
  if (!r.publisher.empty()) {
    out += " · published by " + h(r.publisher);
  }
  if (!r.url.empty()) {
    out += " · " + link(r.url);
  }
  return out + "</p>\n</header>\n";
}

std::string summary_html(const Assessment& a) {
  std::string out = "<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"summary\"><tbody>\n";
  for (const SummaryRow& row : summary_rows(a)) {
    std::string value = row.tone ? badge(*row.tone, row.value) : h(row.value);
    out += fmt::format("<tr><th>{}</th><td>{}</td><td class=\"detail\">{}</td></tr>\n", h(row.label), value,
                       h(row.detail));
  }
  out += "</tbody></table>\n";
  if (!a.findings.empty()) {
    out += "<h3>Top findings</h3>\n<ul>\n";
    for (std::size_t i = 0; i < a.findings.size() && i < k_summary_findings; ++i) {
      const release::Finding& f = a.findings[i];
      out += fmt::format("<li>{} <strong>{}</strong>: {}</li>\n",
                         badge(tone(f.severity), release::to_string(f.severity)), h(f.rule), h(f.message));
    }
    if (a.findings.size() > k_summary_findings) {
      out += fmt::format("<li class=\"muted\">… {} more under Findings</li>\n",
                         a.findings.size() - k_summary_findings);
    }
    out += "</ul>\n";
  }
  return out + "</section>\n";
}

std::string charts_html(const Assessment& a) {
  std::string out = "<section id=\"charts\">\n<h2>Openness at a glance</h2>\n";
  out += state_legend_svg() + "\n";
  out += "<h3>Components, by layer</h3>\n" + component_chart_svg(a.release) + "\n";
  out += "<h3>Frameworks</h3>\n" + framework_chart_svg(a) + "\n";
  return out + "</section>\n";
}

// One component's row; `layer_cell` is the layer's header on its first row, else empty.
std::string
component_row(const release::Release& r, const std::string& layer_cell, release::ComponentKind kind) {
  const release::Component& c = r.component(kind);
  frameworks::ComponentState s = frameworks::component_state(r, kind);
  std::string evidence;
  for (const auto& e : c.evidence) {
    evidence += fmt::format("<div>{}</div>", evidence_html(e));
  }
  return fmt::format("<tr data-component=\"{}\">{}<td>{}</td><td>{}</td><td>{}</td><td>{}<div "
                     "class=\"detail\">{}</div></td><td>{}</td></tr>\n",
                     release::to_string(kind), layer_cell, release::mof_name(kind),
                     release::to_string(c.presence), c.license_id.empty() ? "–" : h(c.license_id),
                     badge(s.state, swatch(s.state).label), h(s.reason), evidence);
}

std::string components_html(const Assessment& a) {
  std::string out = "<section id=\"components\">\n<h2>Components</h2>\n";
  out += table_head({"Layer", "Component", "Present", "License", "State", "Evidence"});
  for (const ComponentLayer& layer : component_layers()) {
    std::string layer_cell =
        fmt::format("<th scope=\"rowgroup\" rowspan=\"{}\">{}</th>", layer.kinds.size(), layer.title);
    for (release::ComponentKind kind : layer.kinds) {
      out += component_row(a.release, layer_cell, kind);
      layer_cell.clear();
    }
  }
  return out + "</tbody></table>\n</section>\n";
}

std::string criterion_html(const assess::CriterionVerdict& c) {
  std::string out =
      fmt::format("<li>{} <strong>{}</strong> {}: {}", badge(tone(c.outcome), outcome_label(c.outcome)),
                  h(c.id), h(c.name), h(c.reason));
  if (!c.evidence.empty()) {
    out += "\n<ul>\n";
    for (std::size_t i = 0; i < c.evidence.size() && i < k_criterion_evidence; ++i) {
      out += "<li>" + clause_html(c.evidence[i]) + "</li>\n";
    }
    if (c.evidence.size() > k_criterion_evidence) {
      out +=
          fmt::format("<li class=\"muted\">… and {} more</li>\n", c.evidence.size() - k_criterion_evidence);
    }
    out += "</ul>";
  }
  return out + "</li>\n";
}

std::string criteria_html(const std::vector<assess::CriterionVerdict>& list) {
  if (list.empty()) {
    return "";
  }
  std::string out = "<ul>\n";
  for (const auto& c : list) {
    out += criterion_html(c);
  }
  return out + "</ul>\n";
}

std::string osd_html(const frameworks::OsdVerdict& osd) {
  std::string out = fmt::format("<h3>Open Source Definition (OSD) {}</h3>\n<p>{}</p>\n",
                                badge(tone(osd.outcome), outcome_label(osd.outcome)),
                                h(osd.reason.empty() ? "no license to judge" : osd.reason));
  return out + criteria_html(osd.failing);
}

std::string osaid_html(const frameworks::OsaidVerdict& osaid) {
  return fmt::format("<h3>Open Source AI Definition 1.0 (OSAID) {}</h3>\n",
                     badge(tone(osaid.outcome), outcome_label(osaid.outcome))) +
         criteria_html(osaid.requirements);
}

std::string mof_html(const frameworks::MofVerdict& m) {
  std::string out = fmt::format("<h3>Model Openness Framework (MOF) {}</h3>\n",
                                badge(mof_tone(m.mof_class), m.mof_class != 0 ? m.label : "none"));
  std::string shortfall = mof_shortfall(m);
  if (!shortfall.empty()) {
    out += fmt::format("<p>{}.</p>\n", h(shortfall));
  }
  out += table_head({"Class", "Progress", "Missing", "Not open"});
  for (int c = 3; c >= 1; --c) {
    const frameworks::MofClassResult& r = m.result(c);
    std::string not_open;
    for (const auto& n : r.not_open) {
      not_open += fmt::format("<div>{} ({})</div>", release::mof_name(n.kind), h(n.reason));
    }
    out += fmt::format(
        "<tr><td>{}</td><td>{:.1f}%{}</td><td>{}</td><td>{}</td></tr>\n", frameworks::mof_class_label(c),
        r.progress, r.met() ? " " + badge(State::open, "met") : "",
        r.missing.empty() ? "–" : kind_names(r.missing, 17), not_open.empty() ? "–" : not_open);
  }
  return out + "</tbody></table>\n";
}

std::string spectrum_html(const frameworks::SpectrumVerdict& s) {
  std::string out = fmt::format("<h3>Openness spectrum {}</h3>\n<p>{}",
                                badge(spectrum_tone(s.level), spectrum_text(s)), h(s.reason));
  if (s.ceiling < 5) {
    out += fmt::format("; the terms allow at most level {}", s.ceiling);
  }
  out += ".</p>\n" + table_head({"Layer", "State", "Components"});
  for (const auto& l : s.layers) {
    std::string parts;
    for (const auto& c : l.components) {
      parts += fmt::format("{}{} {}", parts.empty() ? "" : " · ", release::mof_name(c.kind),
                           swatch(c.state).label);
    }
    out += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"detail\">{}</td></tr>\n", h(l.layer),
                       badge(l.state, swatch(l.state).label), parts);
  }
  return out + "</tbody></table>\n";
}

std::string osai_html(const Assessment& a) {
  const frameworks::OsaiVerdict& v = a.osai;
  auto index = frameworks::index_ratings_of(a.release);
  std::string out =
      fmt::format("<h3>European Open Source AI Index {}</h3>\n<p>{}.</p>\n",
                  badge(osai_tone(v.score), fmt::format("{:.0f}%", v.score * 100)), osai_counts(v));
  out += index ? table_head({"Parameter", "Rating", "The index's rating", "Reason"})
               : table_head({"Parameter", "Rating", "Reason"});
  for (const auto& r : v.ratings) {
    std::string theirs;
    if (index) {
      frameworks::OsaiClass c = (*index)[static_cast<std::size_t>(r.parameter)];
      theirs = fmt::format("<td>{}</td>", badge(tone(c), frameworks::to_string(c)));
    }
    out += fmt::format("<tr><td>{}</td><td>{}</td>{}<td>{}</td></tr>\n", frameworks::info(r.parameter).name,
                       badge(tone(r.rating), frameworks::to_string(r.rating)), theirs, h(r.reason));
  }
  return out + "</tbody></table>\n";
}

std::string frameworks_html(const Assessment& a) {
  std::string out = "<section id=\"frameworks\">\n<h2>Frameworks</h2>\n";
  out += osd_html(a.osd);
  out += osaid_html(a.osaid);
  out += mof_html(a.mof);
  out += spectrum_html(a.spectrum);
  out += osai_html(a);
  return out + "</section>\n";
}

std::string licenses_html(const release::Release& r) {
  std::string out = "<section id=\"licenses\">\n<h2>Licenses found</h2>\n";
  if (r.licenses.empty()) {
    return out + "<p>None.</p>\n</section>\n";
  }
  out += table_head({"License", "Where", "How", "Evidence"});
  for (const auto& f : r.licenses) {
    out += fmt::format(
        "<tr><td>{}</td><td class=\"place\">{}</td><td>{}</td><td class=\"detail\">{}</td></tr>\n",
        h(f.match.id), h(license_place(f)), license::to_string(f.match.kind),
        h(util::clip_utf8(f.match.evidence, k_quote_bytes)));
  }
  return out + "</tbody></table>\n</section>\n";
}

std::string finding_html(const release::Finding& f) {
  std::string out =
      fmt::format("<div class=\"finding f-{}\">\n<h3>{} {}</h3>\n<p>{}</p>\n", swatch(tone(f.severity)).label,
                  badge(tone(f.severity), release::to_string(f.severity)), h(f.rule), h(f.message));
  if (!f.evidence.empty()) {
    out += "<ul>\n";
    for (const auto& e : f.evidence) {
      out += "<li>" + evidence_html(e) + "</li>\n";
    }
    out += "</ul>\n";
  }
  return out + "</div>\n";
}

std::string findings_html(const std::vector<release::Finding>& findings) {
  std::string out = "<section id=\"findings\">\n<h2>Findings</h2>\n";
  if (findings.empty()) {
    return out + "<p>None.</p>\n</section>\n";
  }
  for (const auto& f : findings) {
    out += finding_html(f);
  }
  return out + "</section>\n";
}

}  // namespace

std::string scan_html(const Assessment& a) {
  std::string out = page_head(a);
  out += "<body>\n<main>\n";
  out += title_block(a);
  out += summary_html(a);
  out += charts_html(a);
  out += components_html(a);
  out += frameworks_html(a);
  out += licenses_html(a.release);
  out += eu_ai_act_html(regulation::assess_eu_ai_act(a));
  out += findings_html(a.findings);
  out += fmt::format("<footer><p>{}</p></footer>\n", k_disclaimer);
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace aperture::report
