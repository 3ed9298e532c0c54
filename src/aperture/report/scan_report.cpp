#include <aperture/regulation/eu_ai_act.hpp>
#include <aperture/report/disclaimer.hpp>
#include <aperture/report/eu_ai_act_report.hpp>
#include <aperture/report/json_writer.hpp>
#include <aperture/report/scan_report.hpp>

namespace aperture::report {
namespace {

using release::ComponentKind;

// Each writes one JSON value: the members of the schema in docs/scan-json.md, in order.

void evidence_json(JsonWriter& w, const release::Evidence& e) {
  w.begin_object();
  w.field_if("file", e.file);
  if (e.line != 0) {
    w.field("line", e.line);
  }
  w.field_if("url", e.url);
  w.field_if("quote", e.quote);
  w.field_if("checked", e.checked);
  w.end_object();
}

void evidence_list(JsonWriter& w, const std::vector<release::Evidence>& list) {
  w.begin_array();
  for (const auto& e : list) {
    evidence_json(w, e);
  }
  w.end_array();
}

void license_json(JsonWriter& w, const release::FoundLicense& f) {
  w.begin_object();
  w.field("id", f.match.id).field("name", f.match.name).field("osi_approved", f.match.osi_approved);
  w.field("file", f.file).field("role", f.role).field("kind", license::to_string(f.match.kind));
  w.field("confidence", f.match.confidence);
  w.key("lines").begin_array();
  for (const auto& l : f.match.lines) {
    w.begin_array().value(l.first).value(l.last).end_array();
  }
  w.end_array();
  w.field("evidence", f.match.evidence);
  w.end_object();
}

void component_json(JsonWriter& w, const release::Release& r, const release::Component& c) {
  frameworks::ComponentState s = frameworks::component_state(r, c.kind);
  w.begin_object();
  w.field("kind", release::to_string(c.kind)).field("name", release::mof_name(c.kind));
  w.field("content_type", release::to_string(release::content_type(c.kind)));
  w.field("presence", release::to_string(c.presence));
  w.key("license");
  c.license_id.empty() ? w.null() : w.value(c.license_id);
  w.field("state", frameworks::to_string(s.state)).field("reason", s.reason);
  w.key("evidence");
  evidence_list(w, c.evidence);
  w.end_object();
}

void criterion_json(JsonWriter& w, const assess::CriterionVerdict& c) {
  w.begin_object();
  w.field("id", c.id).field("name", c.name).field("outcome", assess::to_string(c.outcome));
  w.field("reason", c.reason);
  w.key("evidence").begin_array();
  for (const auto& e : c.evidence) {
    w.begin_object();
    w.field_if("license", e.license).field_if("term", e.term).field_if("clause", e.clause);
    w.field_if("quote", e.quote).field_if("url", e.url);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void criteria_json(JsonWriter& w, const std::vector<assess::CriterionVerdict>& list) {
  w.begin_array();
  for (const auto& c : list) {
    criterion_json(w, c);
  }
  w.end_array();
}

void spectrum_json(JsonWriter& w, const frameworks::SpectrumVerdict& s) {
  w.begin_object();
  w.field("level", s.level).field("label", s.label).field("reason", s.reason).field("ceiling", s.ceiling);
  w.key("layers").begin_object();
  for (const auto& l : s.layers) {
    w.key(l.layer).begin_object();
    w.field("state", frameworks::to_string(l.state));
    w.key("components").begin_array();
    for (const auto& c : l.components) {
      w.begin_object()
          .field("kind", release::to_string(c.kind))
          .field("state", frameworks::to_string(c.state));
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_object();
  w.end_object();
}

void kinds_json(JsonWriter& w, const std::vector<release::ComponentKind>& list) {
  w.begin_array();
  for (auto k : list) {
    w.value(release::to_string(k));
  }
  w.end_array();
}

void mof_json(JsonWriter& w, const frameworks::MofVerdict& m) {
  w.begin_object();
  w.field("class", m.mof_class).field("label", m.label);
  w.key("classes").begin_array();
  for (int c = 1; c <= 3; ++c) {
    const frameworks::MofClassResult& r = m.result(c);
    w.begin_object();
    w.field("class", c).field("label", frameworks::mof_class_label(c)).field("met", r.met());
    w.field("progress", r.progress);
    w.key("included");
    kinds_json(w, r.included);
    w.key("missing");
    kinds_json(w, r.missing);
    w.key("not_open").begin_array();
    for (const auto& n : r.not_open) {
      w.begin_object();
      w.field("kind", release::to_string(n.kind)).field("license", n.license).field("reason", n.reason);
      w.key("evidence");
      evidence_list(w, n.evidence);
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void osai_json(JsonWriter& w, const frameworks::OsaiVerdict& v, const release::Release& release) {
  auto index = frameworks::index_ratings_of(release);
  w.begin_object();
  w.field("score", v.score).field("unknown", v.unknown);
  w.key("parameters").begin_array();
  for (const auto& r : v.ratings) {
    w.begin_object();
    w.field("parameter", frameworks::info(r.parameter).ref).field("name", frameworks::info(r.parameter).name);
    w.field("rating", frameworks::to_string(r.rating)).field("reason", r.reason);
    w.key("evidence");
    evidence_list(w, r.evidence);
    if (index) {
      w.field("index_rating", frameworks::to_string((*index)[static_cast<std::size_t>(r.parameter)]));
    }
    w.end_object();
  }
  w.end_array();
  if (index) {
    frameworks::OsaiAgreement a = frameworks::compare_with_index(v, *index);
    w.key("index_agreement").begin_object();
    w.field("agree", a.agreed).field("disagree", a.disagreed).field("aperture_unknown", a.unknown);
    w.field("index_score", a.index_score);
    w.end_object();
  }
  w.end_object();
}

// A figure a manifest states ("training_tokens": {"count": 1.5e13, "evidence": {...}}); nothing when unknown.
void stated_figure(JsonWriter& w,
                   std::string_view name,
                   std::string_view unit,
                   const std::optional<double>& value,
                   const release::Evidence& evidence) {
  if (!value) {
    return;
  }
  w.key(name).begin_object().field(unit, *value).key("evidence");
  evidence_json(w, evidence);
  w.end_object();
}

// The release's members of the top-level object.
void release_members(JsonWriter& w, const release::Release& r) {
  w.field("target", r.target).field("input_kind", r.input_kind).field("name", r.name);
  w.field_if("publisher", r.publisher).field_if("url", r.url);
  w.field_if("released", r.released).field_if("access", r.access);
  if (!r.outputs.empty()) {
    w.key("outputs").begin_array();
    for (const auto& o : r.outputs) {
      w.value(o);
    }
    w.end_array();
  }
  w.key("licenses").begin_array();
  for (const auto& f : r.licenses) {
    license_json(w, f);
  }
  w.end_array();
  w.key("components").begin_array();
  for (const auto& c : r.components) {
    component_json(w, r, c);
  }
  w.end_array();
  w.key("parameters").begin_object();
  w.field("count", r.parameter_count);
  w.key("evidence");
  r.parameter_count ? evidence_json(w, r.parameter_evidence) : (void)w.null();
  w.end_object();
  stated_figure(w, "training_tokens", "count", r.training_tokens, r.training_tokens_evidence);
  stated_figure(w, "training_compute", "flop", r.training_compute, r.training_compute_evidence);
  if (!r.architecture.empty()) {
    w.key("architecture").begin_object().field("name", r.architecture).key("evidence");
    evidence_json(w, r.architecture_evidence);
    w.end_object();
  }
  w.key("claims").begin_array();
  for (const auto& c : r.claims) {
    w.begin_object()
        .field("kind", release::to_string(c.kind))
        .field("value", c.value)
        .field("source", c.source);
    w.key("evidence");
    evidence_json(w, c.evidence);
    w.end_object();
  }
  w.end_array();
  w.key("base_models").begin_array();
  for (const auto& b : r.base_models) {
    w.begin_object().field("name", b.name).field("relation", b.relation).key("evidence");
    evidence_json(w, b.evidence);
    w.end_object();
  }
  w.end_array();
  w.key("files").begin_array();
  for (const auto& f : r.files) {
    w.begin_object().field("path", f.path).field("size", f.size).field("kind", f.kind);
    if (f.stands_for != 0) {
      w.field("lfs_size", f.stands_for);
    }
    w.end_object();
  }
  w.end_array();
}

void finding_json(JsonWriter& w, const release::Finding& f) {
  w.begin_object();
  w.field("rule", f.rule).field("severity", release::to_string(f.severity)).field("message", f.message);
  w.key("evidence");
  evidence_list(w, f.evidence);
  w.end_object();
}

// Present when the release names base models or inherits obligations.
void lineage_json(JsonWriter& w, const lineage::Lineage& l) {
  if (l.ancestors.empty() && l.obligations.empty()) {
    return;
  }
  w.key("lineage").begin_object();
  w.key("ancestors").begin_array();
  for (const auto& a : l.ancestors) {
    w.begin_object()
        .field("name", a.name)
        .field("relation", a.relation)
        .field("relation_inferred", a.relation_inferred)
        .field("depth", a.depth)
        .field("child", a.child)
        .field_if("resolved_by", a.resolved_by)
        .field_if("license", a.license)
        .key("evidence");
    evidence_json(w, a.evidence);
    w.end_object();
  }
  w.end_array();
  w.key("datasets").begin_array();
  for (const auto& d : l.datasets) {
    w.begin_object()
        .field("name", d.name)
        .field_if("license", d.license)
        .field("named_by", d.named_by)
        .field_if("resolved_by", d.resolved_by);
    w.key("evidence");
    evidence_json(w, d.evidence);
    if (!d.license_evidence.url.empty()) {
      w.key("license_evidence");
      evidence_json(w, d.license_evidence);
    }
    if (!d.note.quote.empty()) {
      w.key("note");
      evidence_json(w, d.note);
    }
    w.end_object();
  }
  w.end_array();
  w.key("obligations").begin_array();
  for (const auto& o : l.obligations) {
    w.begin_object()
        .field("kind", o.kind)
        .field("text", o.text)
        .field("license", o.license)
        .field("ancestor", o.ancestor)
        .key("evidence");
    evidence_json(w, o.evidence);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

std::string scan_json(const frameworks::Assessment& a) {
  JsonWriter w;
  w.begin_object();
  w.field("schema_version", k_scan_schema_version).field("disclaimer", k_disclaimer);
  release_members(w, a.release);
  w.key("verdicts").begin_object();
  w.key("osd").begin_object();
  w.field("outcome", assess::to_string(a.osd.outcome))
      .field("license", a.osd.license)
      .field("reason", a.osd.reason);
  w.key("failing");
  criteria_json(w, a.osd.failing);
  w.end_object();
  w.key("osaid").begin_object().field("outcome", assess::to_string(a.osaid.outcome)).key("requirements");
  criteria_json(w, a.osaid.requirements);
  w.end_object();
  w.key("mof_class");
  mof_json(w, a.mof);
  w.key("spectrum");
  spectrum_json(w, a.spectrum);
  w.key("osai");
  osai_json(w, a.osai, a.release);
  w.end_object();
  lineage_json(w, a.lineage);
  w.key("eu_ai_act");
  eu_ai_act_json(w, regulation::assess_eu_ai_act(a));
  w.key("findings").begin_array();
  for (const auto& f : a.findings) {
    finding_json(w, f);
  }
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace aperture::report
