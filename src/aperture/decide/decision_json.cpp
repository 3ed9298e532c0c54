#include <algorithm>

#include <aperture/decide/decision_json.hpp>
#include <aperture/report/disclaimer.hpp>
#include <aperture/report/json_writer.hpp>

namespace aperture::decide {

namespace {

void write_cite(report::JsonWriter& w, const Cite& c) {
  w.begin_object();
  w.field_if("file", c.file);
  if (c.line != 0) {
    w.field("line", c.line);
  }
  w.field_if("url", c.url);
  w.field_if("clause", c.clause);
  w.field_if("quote", c.quote);
  w.end_object();
}

void write_check(report::JsonWriter& w, const Check& c) {
  w.begin_object();
  w.field("rule", c.rule);
  w.field("outcome", to_string(c.outcome));
  w.field("message", c.message);
  w.key("evidence").begin_array();
  for (const Cite& e : c.evidence) {
    write_cite(w, e);
  }
  w.end_array();
  w.end_object();
}

void write_decision(report::JsonWriter& w, const Decision& d) {
  w.begin_object();
  w.field("target", d.target);
  w.field("name", d.name);
  w.field("license", d.license);
  w.field("verdict", to_string(d.verdict));
  w.key("checks").begin_array();
  for (const Check& c : d.checks) {
    write_check(w, c);
  }
  w.end_array();
  w.key("obligations").begin_array();
  for (const Obligation& o : d.obligations) {
    w.begin_object();
    w.field("kind", o.kind);
    w.field("license", o.license);
    w.field("text", o.text);
    w.field_if("inherited_from", o.inherited_from);
    w.key("cite");
    write_cite(w, o.cite);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

Verdict overall_verdict(const std::vector<Decision>& decisions) {
  Verdict v = Verdict::allowed;
  for (const Decision& d : decisions) {
    v = std::max(v, d.verdict);
  }
  return v;
}

std::string decisions_json(const std::vector<Decision>& decisions, const Policy& policy) {
  report::JsonWriter w;
  w.begin_object();
  w.field("schema_version", k_check_json_version);
  w.field("disclaimer", report::k_disclaimer);
  w.field("verdict", to_string(overall_verdict(decisions)));
  w.field("requirements", to_string(policy.require));
  if (policy.path.empty()) {
    w.key("policy").null();
  } else {
    w.field("policy", policy.path);
  }
  w.key("targets").begin_array();
  for (const Decision& d : decisions) {
    write_decision(w, d);
  }
  w.end_array();
  w.end_object();
  return w.take() + "\n";
}

}  // namespace aperture::decide
