#include <aperture/report/license_report.hpp>

#include <fmt/format.h>

#include <aperture/license/spdx_index.hpp>
#include <aperture/terms/hub_license.hpp>
#include <aperture/terms/knowledge_base.hpp>

namespace aperture::report {

namespace {

using nlohmann::ordered_json;

ordered_json cite_json(const terms::Citation& c) {
  ordered_json j;
  j["clause"] = c.clause;
  if (!c.quote.empty()) {
    j["quote"] = c.quote;
  }
  return j;
}

ordered_json term_json(const terms::Term& t) {
  ordered_json j{{"value", t.value}};
  j.update(cite_json(t.cite));
  return j;
}

ordered_json terms_json(const terms::Terms& t) {
  ordered_json j = ordered_json::object();
  auto single = [&](const char* key, const std::optional<terms::Term>& term) {
    if (term) {
      j[key] = term_json(*term);
    }
  };
  auto threshold = [&](const char* key, const std::optional<terms::Threshold>& th) {
    if (th) {
      ordered_json v{{"value", th->value}, {"unit", th->unit}};
      v.update(cite_json(th->cite));
      j[key] = v;
    }
  };
  auto list = [&](const char* key, const std::vector<terms::Restriction>& items) {
    if (!items.empty()) {
      j[key] = ordered_json::array();
      for (const auto& r : items) {
        ordered_json v{{"text", r.text}};
        v.update(cite_json(r.cite));
        j[key].push_back(v);
      }
    }
  };
  single("commercial_use", t.commercial_use);
  threshold("user_threshold", t.user_threshold);
  threshold("revenue_threshold", t.revenue_threshold);
  list("field_of_use", t.field_of_use);
  single("improve_other_models", t.improve_other_models);
  if (!t.attribution.empty()) {
    j["attribution"] = ordered_json::array();
    for (const auto& d : t.attribution) {
      ordered_json v{{"duty", d.duty}, {"text", d.text}};
      v.update(cite_json(d.cite));
      j["attribution"].push_back(v);
    }
  }
  if (t.acceptable_use_policy) {
    const auto& a = *t.acceptable_use_policy;
    ordered_json v{{"policy", a.policy}, {"url", a.url}, {"incorporated", a.incorporated},
                   {"changeable_by_licensor", a.changeable_by_licensor}};
    v.update(cite_json(a.cite));
    j["acceptable_use_policy"] = v;
  }
  single("flow_down", t.flow_down);
  list("geographic", t.geographic);
  list("termination", t.termination);
  single("governing_law", t.governing_law);
  single("modification", t.modification);
  single("redistribution", t.redistribution);
  single("copyleft", t.copyleft);
  single("patent_grant", t.patent_grant);
  single("acceptance", t.acceptance);
  single("registration", t.registration);
  return j;
}

ordered_json criteria_json(const std::vector<assess::CriterionVerdict>& criteria) {
  ordered_json out = ordered_json::array();
  for (const auto& c : criteria) {
    ordered_json e = ordered_json::array();
    for (const auto& ev : c.evidence) {
      e.push_back({{"license", ev.license}, {"term", ev.term}, {"clause", ev.clause}, {"quote", ev.quote}, {"url", ev.url}});
    }
    out.push_back({{"id", c.id}, {"name", c.name}, {"outcome", assess::to_string(c.outcome)}, {"reason", c.reason},
                   {"evidence", e}});
  }
  return out;
}

std::string cite_text(const terms::Citation& c) {
  if (c.clause.empty()) {
    return "";
  }
  bool numbered = c.clause[0] >= '0' && c.clause[0] <= '9';
  return " [" + (numbered ? "§" + c.clause : c.clause) + "]";
}

void terms_text(const terms::Terms& t, std::string& out, std::string_view in) {
  for (const TermLine& l : term_lines(t)) {
    out += fmt::format("{}  {:<22} {}\n", in, l.label, l.value);
  }
}

}  // namespace

std::vector<TermLine> term_lines(const terms::Terms& t) {
  std::vector<TermLine> out;
  auto line = [&](std::string_view label, const std::string& value) { out.push_back({std::string(label), value}); };
  auto single = [&](std::string_view label, const std::optional<terms::Term>& term) {
    if (term) {
      line(label, term->value + cite_text(term->cite));
    }
  };
  single("commercial use", t.commercial_use);
  if (t.user_threshold) {
    line("user threshold", assess::format_count(t.user_threshold->value) + " " + t.user_threshold->unit + cite_text(t.user_threshold->cite));
  }
  if (t.revenue_threshold) {
    line("revenue threshold",
         assess::format_count(t.revenue_threshold->value) + " " + t.revenue_threshold->unit + cite_text(t.revenue_threshold->cite));
  }
  for (const auto& f : t.field_of_use) {
    line("use ban", f.text + cite_text(f.cite));
  }
  single("improving other models", t.improve_other_models);
  for (const auto& d : t.attribution) {
    std::string what = !d.text.empty() ? d.text : d.cite.quote;
    if (what.size() > 90) {
      what = what.substr(0, 87) + "...";
    }
    line(d.duty, (what.empty() ? std::string() : "\"" + what + "\"") + cite_text(d.cite));
  }
  if (t.acceptable_use_policy) {
    const auto& a = *t.acceptable_use_policy;
    line("use policy", a.policy + (a.incorporated ? ", incorporated" : "") +
                           (a.changeable_by_licensor ? ", licensor may change it" : "") + cite_text(a.cite));
  }
  single("flow-down", t.flow_down);
  for (const auto& g : t.geographic) {
    line("territory", g.text + cite_text(g.cite));
  }
  for (const auto& r : t.termination) {
    line("termination", r.text + cite_text(r.cite));
  }
  single("governing law", t.governing_law);
  single("modification", t.modification);
  single("redistribution", t.redistribution);
  single("copyleft", t.copyleft);
  single("patent grant", t.patent_grant);
  single("acceptance", t.acceptance);
  single("registration", t.registration);
  return out;
}

std::optional<LicenseView> describe_license(std::string_view id) { return assess::look_up_license(id); }

ordered_json to_json(const LicenseView& v) {
  ordered_json j;
  j["id"] = v.id;
  j["name"] = v.name;
  j["url"] = v.url;
  j["osi_approved"] = v.osi_approved;
  j["spdx"] = v.in_spdx_list;
  if (v.profile != nullptr) {
    const terms::LicenseProfile& p = *v.profile;
    j["kind"] = p.kind;
    j["family"] = p.family;
    j["version"] = p.version;
    j["publisher"] = p.publisher;
    j["date"] = p.date;
    j["hub_ids"] = p.hub_ids;
    if (!p.policy.empty()) {
      j["policy"] = p.policy;
    }
    j["terms"] = terms_json(p.terms);
    ordered_json sources = ordered_json::array();
    for (const auto& s : p.sources) {
      sources.push_back({{"url", s.url}, {"checked", s.checked}});
    }
    j["sources"] = sources;
  } else {
    j["terms"] = nullptr;
  }
  if (v.verdicts) {
    j["verdicts"] = {{"osd", {{"outcome", assess::to_string(v.verdicts->osd_overall)},
                              {"criteria", criteria_json(v.verdicts->osd)}}},
                     {"osi_approved", v.verdicts->osi_approved},
                     {"osaid_freedoms", {{"outcome", assess::to_string(v.verdicts->osaid_overall)},
                                         {"freedoms", criteria_json(v.verdicts->osaid)}}}};
  }
  return j;
}

std::string to_text(const LicenseView& v, std::string_view in) {
  std::string out = fmt::format("{}{} — {}\n", in, v.id, v.name);
  if (!v.url.empty()) {
    out += fmt::format("{}  {:<22} {}\n", in, "text", v.url);
  }
  out += fmt::format("{}  {:<22} {}\n", in, "OSI-approved", v.osi_approved ? "yes" : "no");
  if (v.profile == nullptr) {
    out += fmt::format("{}  {:<22} {}\n", in, "terms", "not recorded in Aperture's knowledge base");
    return out;
  }
  terms_text(v.profile->terms, out, in);
  if (v.verdicts) {
    out += fmt::format("{}  {:<22} {}\n", in, "Open Source Definition", assess::to_string(v.verdicts->osd_overall));
    for (const auto& c : v.verdicts->osd) {
      if (c.outcome == assess::Outcome::fail) {
        std::string clause = c.evidence.empty() ? "" : cite_text(terms::Citation{c.evidence.front().clause, ""});
        out += fmt::format("{}    fails {} {}: {}{}\n", in, c.id, c.name, c.reason, clause);
      }
    }
    out += fmt::format("{}  {:<22} {}\n", in, "OSAID 1.0 freedoms", assess::to_string(v.verdicts->osaid_overall));
    for (const auto& c : v.verdicts->osaid) {
      if (c.outcome == assess::Outcome::fail) {
        out += fmt::format("{}    fails {}: {}\n", in, c.id.substr(6), c.reason);
      }
    }
  }
  return out;
}

}  // namespace aperture::report
