#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include <aperture/report/disclaimer.hpp>
#include <aperture/report/eu_ai_act_report.hpp>
#include <aperture/report/text_escape.hpp>
#include <aperture/report/verdict_labels.hpp>
#include <aperture/util/text.hpp>

namespace aperture::report {
namespace {

using regulation::Answer;
using regulation::ComputeEstimate;
using regulation::EuAiActAssessment;
using regulation::Statement;

constexpr std::size_t k_quote_bytes = 160;

// "data/catalog/x.yaml:12  https://…  “quote”"
std::string evidence_text(const release::Evidence& e) {
  std::string out = evidence_place(e);
  if (!e.url.empty()) {
    out += (out.empty() ? "" : "  ") + e.url;
  }
  if (!e.quote.empty()) {
    out +=
        fmt::format("{}\"{}\"", out.empty() ? "" : "  ", util::clip_utf8(one_line(e.quote), k_quote_bytes));
  }
  return out;
}

void evidence_json(JsonWriter& w, const release::Evidence& e) {
  w.begin_object();
  w.field_if("file", e.file);
  if (e.line != 0) {
    w.field("line", e.line);
  }
  w.field_if("url", e.url).field_if("quote", e.quote).field_if("checked", e.checked);
  w.end_object();
}

void evidence_list_json(JsonWriter& w, const std::vector<release::Evidence>& list) {
  w.begin_array();
  for (const auto& e : list) {
    evidence_json(w, e);
  }
  w.end_array();
}

void statement_json(JsonWriter& w, const Statement& s) {
  w.begin_object();
  w.field("id", s.id).field("article", s.article).field("answer", regulation::to_string(s.answer));
  w.field("text", s.text).key("evidence");
  evidence_list_json(w, s.evidence);
  w.end_object();
}

void compute_json(JsonWriter& w, const ComputeEstimate& c) {
  w.begin_object();
  w.field("basis", regulation::to_string(c.basis)).field("flop", c.flop);
  w.field("parameters", c.parameters).field("tokens", c.tokens);
  w.field("flop_per_parameter_token", regulation::k_flop_per_parameter_token);
  w.key("missing").begin_array();
  for (const auto& m : c.missing) {
    w.value(m);
  }
  w.end_array();
  w.key("evidence");
  evidence_list_json(w, c.evidence);
  w.end_object();
}

std::string compute_line(const ComputeEstimate& c) {
  return regulation::describe_compute(c);
}

std::string statement_line(const Statement& s) {
  return fmt::format("  {:<8} {}  [{}]\n", regulation::to_string(s.answer), s.text, s.article);
}

std::string evidence_lines(const std::vector<release::Evidence>& list, std::string_view indent) {
  std::string out;
  for (const auto& e : list) {
    std::string t = evidence_text(e);
    if (!t.empty()) {
      out += fmt::format("{}{}\n", indent, t);
    }
  }
  return out;
}

bool same(const std::vector<release::Evidence>& x, const std::vector<release::Evidence>& y) {
  auto key = [](const release::Evidence& e) { return std::tie(e.file, e.line, e.url, e.quote, e.checked); };
  return std::equal(x.begin(), x.end(), y.begin(), y.end(),
                    [&](const release::Evidence& a, const release::Evidence& b) { return key(a) == key(b); });
}

// `shown`: evidence already printed above (the compute's), not repeated.
std::string statement_block(std::string_view title,
                            const Statement& s,
                            const std::vector<release::Evidence>& shown = {}) {
  std::string out =
      fmt::format("{}: {}  [{}]\n  {}\n", title, regulation::to_string(s.answer), s.article, s.text);
  return same(s.evidence, shown) ? out : out + evidence_lines(s.evidence, "    ");
}

std::string duties_text(const EuAiActAssessment& e) {
  std::string out = "\nDuties\n";
  for (const auto& d : e.duties) {
    out += fmt::format("  {:<8} {:<14} {}\n           {}\n", regulation::to_string(d.applies), d.article,
                       d.name, d.reason);
  }
  return out;
}

std::string documents_text(const EuAiActAssessment& e) {
  std::string out = "\nDocuments the release shows\n";
  for (const auto& d : e.documents) {
    out += fmt::format("  {:<11} {:<14} {}: {}\n", regulation::to_string(d.state), d.article, d.name,
                       util::clip_utf8(one_line(d.detail), k_quote_bytes));
    out += evidence_lines(d.evidence, "                 ");
  }
  return out;
}

std::string modifications_text(const EuAiActAssessment& e) {
  std::string out;
  for (const auto& m : e.modifications) {
    out += fmt::format("\nModification of {} ({}{})\n", m.base, m.relation,
                       m.resolved_by.empty() ? ", not in the catalog" : ", " + m.resolved_by);
    out += fmt::format("  base compute: {}\n", compute_line(m.base_compute));
    out += statement_block("  Modifier becomes a provider", m.provider);
  }
  return out;
}

std::string dates_text(const EuAiActAssessment& e) {
  std::string out = "\nDates of application\n";
  for (const auto& d : e.dates) {
    out += fmt::format("  {} {}  {}  [{}]\n", d.applies ? "→" : " ", d.date, d.text, d.article);
  }
  return out;
}

std::string answer_md(Answer a) {
  switch (a) {
  case Answer::yes:
    return "**yes**";
  case Answer::no:
    return "**no**";
  case Answer::unknown:
    break;
  }
  return "**unknown**";
}

std::string evidence_md(const std::vector<release::Evidence>& list) {
  std::string out;
  for (const auto& e : list) {
    std::string t = markdown_escape(util::clip_utf8(evidence_text(e), k_quote_bytes));
    out += t.empty() ? "" : (out.empty() ? "" : "; ") + t;
  }
  return out;
}

std::string evidence_html(const std::vector<release::Evidence>& list) {
  std::string out;
  for (const auto& e : list) {
    std::string t = html_escape(util::clip_utf8(evidence_text(e), k_quote_bytes));
    out += t.empty() ? "" : (out.empty() ? "" : "<br>") + t;
  }
  return out;
}

// The questions the Markdown and HTML tables answer, in order: `row(question, statement)`.
template <typename Row> void each_question(const EuAiActAssessment& e, Row&& row) {
  row("GPAI model", e.gpai);
  row("Systemic risk", e.systemic_risk);
  row("Open-source exemption", e.exemption);
  for (const auto& c : e.exemption_conditions) {
    row("· condition", c);
  }
  for (const auto& m : e.modifications) {
    row("Modifier becomes a provider", m.provider);
  }
}

}  // namespace

void eu_ai_act_json(JsonWriter& w, const EuAiActAssessment& e) {
  w.begin_object();
  w.field("regulation", "Regulation (EU) 2024/1689").field("url", regulation::k_eur_lex_url);
  w.key("training_compute");
  compute_json(w, e.compute);
  for (const Statement* s : {&e.gpai, &e.systemic_risk, &e.notification, &e.exemption}) {
    w.key(s->id == "systemic-risk" ? "systemic_risk" : s->id);
    statement_json(w, *s);
  }
  w.key("exemption_conditions").begin_array();
  for (const auto& s : e.exemption_conditions) {
    statement_json(w, s);
  }
  w.end_array();
  // Duties, documents and dates carry what differs between releases; their
  // names, reasons and texts are the same for every release and are written
  // once, in docs/eu-ai-act.md and the text, Markdown and HTML views.
  w.key("duties").begin_array();
  for (const auto& d : e.duties) {
    w.begin_object().field("id", d.id).field("article", d.article);
    w.field("applies", regulation::to_string(d.applies)).field("reason_id", d.reason_id).end_object();
  }
  w.end_array();
  w.key("documents").begin_array();
  for (const auto& d : e.documents) {
    w.begin_object().field("id", d.id).field("article", d.article);
    w.field("state", regulation::to_string(d.state)).field("detail", d.detail).key("evidence");
    evidence_list_json(w, d.evidence);
    w.end_object();
  }
  w.end_array();
  w.key("modifications").begin_array();
  for (const auto& m : e.modifications) {
    w.begin_object()
        .field("base", m.base)
        .field("relation", m.relation)
        .field_if("resolved_by", m.resolved_by);
    w.key("base_compute");
    compute_json(w, m.base_compute);
    w.key("provider");
    statement_json(w, m.provider);
    w.end_object();
  }
  w.end_array();
  w.key("dates").begin_array();
  for (const auto& d : e.dates) {
    w.begin_object().field("date", d.date).field("article", d.article).field("applies", d.applies);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

std::string eu_ai_act_document_json(const frameworks::Assessment& a, const EuAiActAssessment& e) {
  JsonWriter w;
  w.begin_object();
  w.field("schema_version", k_eu_ai_act_schema_version).field("disclaimer", k_disclaimer);
  w.field("target", a.release.target)
      .field("name", a.release.name)
      .field_if("publisher", a.release.publisher);
  w.field_if("released", a.release.released).field_if("access", a.release.access);
  w.key("eu_ai_act");
  eu_ai_act_json(w, e);
  w.end_object();
  return w.take();
}

std::string eu_ai_act_summary(const EuAiActAssessment& e) {
  return fmt::format("GPAI model: {} · systemic risk: {} · open-source exemption: {}",
                     regulation::to_string(e.gpai.answer), regulation::to_string(e.systemic_risk.answer),
                     regulation::to_string(e.exemption.answer));
}

std::string eu_ai_act_text(const frameworks::Assessment& a, const EuAiActAssessment& e) {
  const release::Release& r = a.release;
  std::string out =
      fmt::format("EU AI Act (Regulation (EU) 2024/1689), general-purpose AI models: {}\n", r.name);
  out += fmt::format("{}\n\n", regulation::k_eur_lex_url);
  out += fmt::format("Training compute: {}\n", compute_line(e.compute));
  out += evidence_lines(e.compute.evidence, "    ");
  for (const auto& [title, s] : {std::pair<std::string_view, const Statement*>{"GPAI model", &e.gpai},
                                 {"Systemic risk", &e.systemic_risk},
                                 {"Notification", &e.notification},
                                 {"Open-source exemption", &e.exemption}}) {
    out += '\n';
    out += statement_block(title, *s, e.compute.evidence);
  }
  for (const auto& c : e.exemption_conditions) {
    out += statement_line(c);
    out += evidence_lines(c.evidence, "             ");
  }
  out += duties_text(e);
  out += documents_text(e);
  out += modifications_text(e);
  out += dates_text(e);
  out += fmt::format("\n{}\n", k_disclaimer);
  return out;
}

std::string eu_ai_act_scan_text(const EuAiActAssessment& e) {
  auto line = [](std::string_view label, std::string_view value) {
    return fmt::format("  {:<23}{}\n", label, value);
  };
  std::string out = line("training compute", compute_line(e.compute));
  out += line("GPAI model", fmt::format("{}  [{}]", regulation::to_string(e.gpai.answer), e.gpai.article));
  out += line("systemic risk", fmt::format("{}  [{}]", regulation::to_string(e.systemic_risk.answer),
                                           e.systemic_risk.article));
  out += line("open-source exemption", fmt::format("{}  {}  [{}]", regulation::to_string(e.exemption.answer),
                                                   e.exemption.text, e.exemption.article));
  for (const auto& m : e.modifications) {
    out +=
        line("modifier a provider", fmt::format("{}  {}", regulation::to_string(m.provider.answer), m.base));
  }
  std::string applies;
  for (const auto& d : e.duties) {
    if (d.applies == Answer::yes) {
      applies += (applies.empty() ? "" : ", ") + d.article;
    }
  }
  out += line("duties", applies.empty() ? "none known to apply" : applies);
  return out + line("details", "aperture eu-ai-act TARGET");
}

std::string eu_ai_act_markdown(const EuAiActAssessment& e) {
  std::string out =
      fmt::format("\n## EU AI Act\n\n[Regulation (EU) 2024/1689]({}), general-purpose AI models. "
                  "Training compute: {}.\n\n",
                  regulation::k_eur_lex_url, markdown_escape(compute_line(e.compute)));
  out += "| Question | Answer | Article | Why | Evidence |\n|---|---|---|---|---|\n";
  auto row = [&](std::string_view q, const Statement& s) {
    out += fmt::format("| {} | {} | {} | {} | {} |\n", q, answer_md(s.answer), markdown_escape(s.article),
                       markdown_escape(s.text), evidence_md(s.evidence));
  };
  each_question(e, row);
  out += "\n| Duty | Applies | Article | Why |\n|---|---|---|---|\n";
  for (const auto& d : e.duties) {
    out += fmt::format("| {} | {} | {} | {} |\n", markdown_escape(d.name), answer_md(d.applies),
                       markdown_escape(d.article), markdown_escape(d.reason));
  }
  out += "\n| Document | Shown | Article | Detail |\n|---|---|---|---|\n";
  for (const auto& d : e.documents) {
    out += fmt::format("| {} | {} | {} | {} |\n", markdown_escape(d.name), regulation::to_string(d.state),
                       markdown_escape(d.article), markdown_escape(util::clip_utf8(d.detail, k_quote_bytes)));
  }
  out += "\nDates: ";
  for (std::size_t i = 0; i < e.dates.size(); ++i) {
    out += fmt::format("{}{} {} ({})", i == 0 ? "" : "; ", e.dates[i].date, markdown_escape(e.dates[i].text),
                       e.dates[i].article);
  }
  return out + ".\n";
}

std::string eu_ai_act_html(const EuAiActAssessment& e) {
  std::string out = "<section id=\"eu-ai-act\">\n<h2>EU AI Act</h2>\n";
  // The URL as text: every link of the page comes from the release through http_url.
  out +=
      fmt::format("<p>Regulation (EU) 2024/1689 ({}), general-purpose AI models. Training compute: {}.</p>\n",
                  regulation::k_eur_lex_url, html_escape(compute_line(e.compute)));
  out +=
      "<table><thead><tr><th>Question</th><th>Answer</th><th>Article</th><th>Why</th><th>Evidence</th></tr>"
      "</thead><tbody>\n";
  auto row = [&](std::string_view q, const Statement& s) {
    out +=
        fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"detail\">{}</td><td class=\"detail\">{}"
                    "</td></tr>\n",
                    q, regulation::to_string(s.answer), html_escape(s.article), html_escape(s.text),
                    evidence_html(s.evidence));
  };
  each_question(e, row);
  out += "</tbody></table>\n<table><thead><tr><th>Duty</th><th>Applies</th><th>Article</th><th>Why</th></tr>"
         "</thead><tbody>\n";
  for (const auto& d : e.duties) {
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"detail\">{}</td></tr>\n",
                       html_escape(d.name), regulation::to_string(d.applies), html_escape(d.article),
                       html_escape(d.reason));
  }
  out += "</tbody></table>\n<ul>\n";
  for (const auto& d : e.dates) {
    out += fmt::format("<li>{}: {} ({})</li>\n", d.date, html_escape(d.text), html_escape(d.article));
  }
  return out + "</ul>\n</section>\n";
}

}  // namespace aperture::report
