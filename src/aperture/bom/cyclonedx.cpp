#include <fmt/format.h>

#include <aperture/bom/cyclonedx.hpp>
#include <aperture/report/disclaimer.hpp>
#include <aperture/report/json_writer.hpp>

namespace aperture::bom {

namespace {

using report::JsonWriter;

constexpr std::string_view k_declared = "declared";
constexpr std::string_view k_concluded = "concluded";

// One license: an SPDX id, or a custom license by name (its id when it has no name) and URL.
void license_entry(JsonWriter& w, const LicenseTerm& t, std::string_view acknowledgement) {
  w.begin_object().key("license").begin_object();
  if (t.spdx_listed) {
    w.field("id", t.id);
  } else {
    w.field("name", t.name.empty() ? t.id : t.name).field_if("url", t.url);
  }
  w.field("acknowledgement", acknowledgement).end_object().end_object();
}

void license_entries(JsonWriter& w, const LicenseInfo& info, std::string_view acknowledgement) {
  for (const LicenseTerm& t : info.terms) {
    license_entry(w, t, acknowledgement);
  }
}

// `licenses` from what is declared and what Aperture concluded: a list of
// licenses when both are plain lists (the concluded ones only when they
// differ), else the one expression CycloneDX allows (the concluded one first).
void licenses_json(JsonWriter& w, const LicenseInfo& declared, const LicenseInfo& concluded) {
  if (declared.expression.empty() && concluded.expression.empty()) {
    return;
  }
  bool differ = !concluded.expression.empty() && concluded.expression != declared.expression;
  w.key("licenses").begin_array();
  if (declared.simple_list && (!differ || concluded.simple_list)) {
    license_entries(w, declared, k_declared);
    if (differ) {
      license_entries(w, concluded, k_concluded);
    }
  } else if (declared.expression.empty() && concluded.simple_list) {
    license_entries(w, concluded, k_concluded);
  } else {
    bool use_concluded = !concluded.expression.empty();
    w.begin_object()
        .field("expression", use_concluded ? concluded.expression : declared.expression)
        .field("acknowledgement", use_concluded ? k_concluded : k_declared)
        .end_object();
  }
  w.end_array();
}

void property(JsonWriter& w, std::string_view name, std::string_view value) {
  if (!value.empty()) {
    w.begin_object().field("name", name).field("value", value).end_object();
  }
}

void dataset_refs(JsonWriter& w, const std::vector<std::string>& refs) {
  w.key("datasets").begin_array();
  for (const std::string& ref : refs) {
    w.begin_object().field("ref", ref).end_object();
  }
  w.end_array();
}

void model_card(JsonWriter& w, const ModelFacts& m) {
  bool parameters = !m.architecture.empty() || !m.datasets.empty() || !m.outputs.empty();
  bool properties = m.parameter_count.has_value() || m.training_tokens.has_value();
  if (!parameters && !properties) {
    return;
  }
  w.key("modelCard").begin_object();
  if (parameters) {
    w.key("modelParameters").begin_object().field_if("modelArchitecture", m.architecture);
    if (!m.datasets.empty()) {
      dataset_refs(w, m.datasets);
    }
    if (!m.outputs.empty()) {
      w.key("outputs").begin_array();
      for (const std::string& o : m.outputs) {
        w.begin_object().field("format", o).end_object();
      }
      w.end_array();
    }
    w.end_object();
  }
  if (properties) {
    w.key("properties").begin_array();
    if (m.parameter_count) {
      property(w, "aperture:parameter-count", std::to_string(*m.parameter_count));
    }
    if (m.training_tokens) {
      property(w, "aperture:training-tokens", fmt::format("{:.0f}", *m.training_tokens));
    }
    w.end_array();
  }
  w.end_object();
}

void ancestor_json(JsonWriter& w, const AncestorFacts& a) {
  w.begin_object().field("type", "machine-learning-model").field("bom-ref", a.ref).field("name", a.name);
  licenses_json(w, a.license, {});
  if (!a.datasets.empty()) {
    w.key("modelCard").begin_object().key("modelParameters").begin_object();
    dataset_refs(w, a.datasets);
    w.end_object().end_object();
  }
  w.key("properties").begin_array();
  property(w, "aperture:relation", a.relation);
  property(w, "aperture:relation-inferred", a.relation_inferred ? "true" : "");
  property(w, "aperture:depth", std::to_string(a.depth));
  for (const std::string& child : a.child_refs) {
    property(w, "aperture:ancestor-of", child);
  }
  w.end_array().end_object();
}

void external_references(JsonWriter& w, const ModelFacts& m) {
  if (m.url.empty() && m.card_url.empty()) {
    return;
  }
  w.key("externalReferences").begin_array();
  if (!m.url.empty()) {
    w.begin_object().field("url", m.url).field("type", "website").end_object();
  }
  if (!m.card_url.empty()) {
    w.begin_object().field("url", m.card_url).field("type", "model-card").end_object();
  }
  w.end_array();
}

void model_json(JsonWriter& w, const BomFacts& facts) {
  const ModelFacts& m = facts.model;
  w.begin_object().field("type", "machine-learning-model").field("bom-ref", m.ref);
  if (!m.publisher.empty()) {
    w.key("supplier").begin_object().field("name", m.publisher).end_object();
    w.field("publisher", m.publisher);
  }
  w.field("name", m.name).field_if("version", m.version);
  licenses_json(w, m.declared, m.concluded);
  external_references(w, m);
  if (!facts.ancestors.empty()) {
    w.key("pedigree").begin_object().key("ancestors").begin_array();
    for (const AncestorFacts& a : facts.ancestors) {
      ancestor_json(w, a);
    }
    w.end_array().end_object();
  }
  model_card(w, m);
  w.key("properties").begin_array();
  property(w, "aperture:osd", facts.verdicts.osd);
  property(w, "aperture:osaid", facts.verdicts.osaid);
  property(w, "aperture:mof-class", facts.verdicts.mof);
  property(w, "aperture:spectrum", facts.verdicts.spectrum);
  w.end_array().end_object();
}

void dataset_json(JsonWriter& w, const DatasetFacts& d) {
  w.begin_object().field("type", "data").field("bom-ref", d.ref).field("name", d.name);
  licenses_json(w, d.license, {});
  w.key("data")
      .begin_array()
      .begin_object()
      .field("type", "dataset")
      .field("name", d.name)
      .end_object()
      .end_array();
  w.end_object();
}

void metadata_json(JsonWriter& w, const DocumentStamp& stamp) {
  w.key("metadata").begin_object().field("timestamp", stamp.timestamp);
  w.key("tools").begin_object().key("components").begin_array();
  w.begin_object()
      .field("type", "application")
      .field("name", "Aperture")
      .field_if("version", stamp.tool_version);
  w.end_object().end_array().end_object();
  w.key("properties").begin_array();
  property(w, "aperture:disclaimer", report::k_disclaimer);
  w.end_array().end_object();
}

}  // namespace

std::string cyclonedx_json(const BomFacts& facts, const DocumentStamp& stamp) {
  JsonWriter w;
  w.begin_object()
      .field("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json")
      .field("bomFormat", "CycloneDX")
      .field("specVersion", "1.6")
      .field("serialNumber", "urn:uuid:" + stamp.uuid)
      .field("version", 1);
  metadata_json(w, stamp);
  w.key("components").begin_array();
  model_json(w, facts);
  for (const DatasetFacts& d : facts.datasets) {
    dataset_json(w, d);
  }
  w.end_array().end_object();
  return w.take() + "\n";
}

}  // namespace aperture::bom
