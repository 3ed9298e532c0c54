#include <algorithm>

#include <fmt/format.h>

#include <aperture/bom/spdx3.hpp>
#include <aperture/report/disclaimer.hpp>
#include <aperture/report/json_writer.hpp>

namespace aperture::bom {

namespace {

using report::JsonWriter;

constexpr std::string_view k_creation_info = "_:creationinfo";
// The individual SPDX defines for "no license is asserted here".
constexpr std::string_view k_no_assertion = "expandedlicensing_NoAssertionLicense";

struct Relationship {
  std::string from;  // local names
  std::string type;
  std::vector<std::string> to;  // local names, or k_no_assertion
};

struct LicenseElement {
  std::string local;
  const LicenseInfo* info = nullptr;
};

// The graph's licenses and relationships, gathered before any is written.
class Graph {
public:
  explicit Graph(const BomFacts& facts) {
    model_relationships(facts);
    for (const AncestorFacts& a : facts.ancestors) {
      ancestor_relationships(a);
    }
    for (const DatasetFacts& d : facts.datasets) {
      if (!d.license.expression.empty()) {
        add(d.ref, "hasDeclaredLicense", {license(d.license)});
      }
    }
  }

  [[nodiscard]] const std::vector<LicenseElement>& licenses() const { return m_licenses; }
  [[nodiscard]] const std::vector<Relationship>& relationships() const { return m_relationships; }

private:
  void model_relationships(const BomFacts& facts) {
    const ModelFacts& m = facts.model;
    const LicenseInfo& declared = m.declared.expression.empty() ? m.concluded : m.declared;
    add(m.ref, "hasDeclaredLicense", {license(declared)});
    add(m.ref, "hasConcludedLicense", {license(m.concluded)});
    if (!m.datasets.empty()) {
      add(m.ref, "trainedOn", m.datasets);
    }
  }

  void ancestor_relationships(const AncestorFacts& a) {
    add(a.ref, "hasDeclaredLicense", {license(a.license)});
    add(a.ref, "hasConcludedLicense", {license(a.license)});
    if (!a.child_refs.empty()) {
      add(a.ref, "ancestorOf", a.child_refs);
    }
    if (!a.datasets.empty()) {
      add(a.ref, "trainedOn", a.datasets);
    }
  }

  // The local name of the element holding `info`'s expression (one per distinct expression).
  std::string license(const LicenseInfo& info) {
    if (info.expression.empty()) {
      return std::string(k_no_assertion);
    }
    auto same = std::find_if(m_licenses.begin(), m_licenses.end(),
                             [&](const LicenseElement& e) { return e.info->expression == info.expression; });
    if (same != m_licenses.end()) {
      return same->local;
    }
    m_licenses.push_back({fmt::format("license-{}", m_licenses.size() + 1), &info});
    return m_licenses.back().local;
  }

  void add(const std::string& from, std::string type, std::vector<std::string> to) {
    m_relationships.push_back({from, std::move(type), std::move(to)});
  }

  std::vector<LicenseElement> m_licenses;
  std::vector<Relationship> m_relationships;
};

class Writer {
public:
  Writer(const BomFacts& facts, const DocumentStamp& stamp)
      : m_facts(facts), m_stamp(stamp), m_ns("urn:uuid:" + stamp.uuid), m_graph(facts) {}

  std::string write() {
    m_w.begin_object().field("@context", "https://spdx.org/rdf/3.0.1/spdx-context.jsonld");
    m_w.key("@graph").begin_array();
    creation_info();
    agents();
    document();
    model();
    for (const AncestorFacts& a : m_facts.ancestors) {
      ancestor(a);
    }
    for (const DatasetFacts& d : m_facts.datasets) {
      dataset(d);
    }
    for (const LicenseElement& l : m_graph.licenses()) {
      license(l);
    }
    for (std::size_t i = 0; i < m_graph.relationships().size(); ++i) {
      relationship(m_graph.relationships()[i], i + 1);
    }
    annotation();
    m_w.end_array().end_object();
    return m_w.take() + "\n";
  }

private:
  [[nodiscard]] std::string id(std::string_view local) const {
    return local == k_no_assertion ? std::string(local) : fmt::format("{}#{}", m_ns, local);
  }

  // type, spdxId and creationInfo: the members every element starts with.
  void begin_element(std::string_view type, std::string_view local) {
    m_w.begin_object().field("type", type).field("spdxId", id(local)).field("creationInfo", k_creation_info);
  }

  void id_list(std::string_view key, const std::vector<std::string>& locals) {
    m_w.key(key).begin_array();
    for (const std::string& l : locals) {
      m_w.value(id(l));
    }
    m_w.end_array();
  }

  void string_list(std::string_view key, const std::vector<std::string>& values) {
    m_w.key(key).begin_array();
    for (const std::string& v : values) {
      m_w.value(v);
    }
    m_w.end_array();
  }

  void creation_info() {
    m_w.begin_object()
        .field("type", "CreationInfo")
        .field("@id", k_creation_info)
        .field("specVersion", "3.0.1")
        .field("created", m_stamp.timestamp);
    id_list("createdBy", {"aperture"});
    id_list("createdUsing", {"tool"});
    m_w.end_object();
  }

  void agents() {
    begin_element("SoftwareAgent", "aperture");
    m_w.field("name", "Aperture").end_object();
    begin_element("Tool", "tool");
    m_w.field("name", m_stamp.tool_version.empty() ? "Aperture" : "Aperture " + m_stamp.tool_version)
        .end_object();
    if (!m_facts.model.publisher.empty()) {
      begin_element("Organization", "publisher");
      m_w.field("name", m_facts.model.publisher).end_object();
    }
  }

  // Every element of the graph but the document and the creation info.
  [[nodiscard]] std::vector<std::string> elements() const {
    std::vector<std::string> out = {"aperture", "tool"};
    if (!m_facts.model.publisher.empty()) {
      out.emplace_back("publisher");
    }
    out.push_back(m_facts.model.ref);
    for (const AncestorFacts& a : m_facts.ancestors) {
      out.push_back(a.ref);
    }
    for (const DatasetFacts& d : m_facts.datasets) {
      out.push_back(d.ref);
    }
    for (const LicenseElement& l : m_graph.licenses()) {
      out.push_back(l.local);
    }
    for (std::size_t i = 1; i <= m_graph.relationships().size(); ++i) {
      out.push_back(fmt::format("relationship-{}", i));
    }
    out.emplace_back("verdicts");
    return out;
  }

  void document() {
    begin_element("SpdxDocument", "document");
    m_w.field("name", "AI bill of materials: " + m_facts.model.name).field("comment", report::k_disclaimer);
    string_list("profileConformance", {"core", "software", "simpleLicensing", "ai", "dataset"});
    id_list("rootElement", {m_facts.model.ref});
    id_list("element", elements());
    m_w.end_object();
  }

  // What is known of the training, in one line: tokens, data sets, base models.
  [[nodiscard]] std::string training_text() const {
    std::vector<std::string> parts;
    if (m_facts.model.training_tokens) {
      parts.push_back(fmt::format("training tokens: {:.0f}", *m_facts.model.training_tokens));
    }
    std::string data;
    for (const std::string& ref : m_facts.model.datasets) {
      auto d = std::find_if(m_facts.datasets.begin(), m_facts.datasets.end(),
                            [&](const DatasetFacts& f) { return f.ref == ref; });
      data += (data.empty() ? "" : ", ") + d->name;
    }
    if (!data.empty()) {
      parts.push_back("data sets named: " + data);
    }
    std::string bases;
    for (const AncestorFacts& a : m_facts.ancestors) {
      if (a.depth == 1) {
        bases += (bases.empty() ? "" : ", ") + a.name + (a.relation.empty() ? "" : " (" + a.relation + ")");
      }
    }
    if (!bases.empty()) {
      parts.push_back("built from: " + bases);
    }
    std::string out;
    for (const std::string& p : parts) {
      out += (out.empty() ? "" : "; ") + p;
    }
    return out;
  }

  void model() {
    const ModelFacts& m = m_facts.model;
    begin_element("ai_AIPackage", m.ref);
    m_w.field("name", m.name).field_if("software_packageVersion", m.version);
    if (m.weights_published) {
      m_w.field_if("software_downloadLocation", m.url);
    }
    m_w.field_if("software_homePage", m.url).field("software_primaryPurpose", "model");
    if (!m.publisher.empty()) {
      m_w.field("suppliedBy", id("publisher"));
    }
    m_w.field_if("releaseTime", m.released);
    if (!m.architecture.empty()) {
      string_list("ai_typeOfModel", {m.architecture});
    }
    m_w.field_if("ai_informationAboutTraining", training_text());
    m_w.end_object();
  }

  void ancestor(const AncestorFacts& a) {
    begin_element("ai_AIPackage", a.ref);
    m_w.field("name", a.name).field("software_primaryPurpose", "model");
    if (!a.relation.empty() && !a.child_refs.empty()) {
      m_w.field("comment", fmt::format("{} of {}{}", a.relation, child_names(a),
                                       a.relation_inferred ? " (relation inferred by Aperture)" : ""));
    }
    m_w.end_object();
  }

  [[nodiscard]] std::string child_names(const AncestorFacts& a) const {
    std::string out;
    for (const std::string& ref : a.child_refs) {
      std::string name = ref == m_facts.model.ref ? m_facts.model.name : ref;
      for (const AncestorFacts& other : m_facts.ancestors) {
        if (other.ref == ref) {
          name = other.name;
        }
      }
      out += (out.empty() ? "" : ", ") + name;
    }
    return out;
  }

  void dataset(const DatasetFacts& d) {
    begin_element("dataset_DatasetPackage", d.ref);
    m_w.field("name", d.name).field("software_primaryPurpose", "data");
    string_list("dataset_datasetType", {"noAssertion"});
    m_w.end_object();
  }

  void license(const LicenseElement& l) {
    begin_element("simplelicensing_LicenseExpression", l.local);
    m_w.field("simplelicensing_licenseExpression", l.info->expression);
    // Custom licenses (LicenseRef-…) point at their text's URL, when known.
    std::vector<const LicenseTerm*> custom;
    for (const LicenseTerm& t : l.info->terms) {
      if (!t.spdx_listed && !t.url.empty() && t.id.rfind("LicenseRef-", 0) == 0) {
        custom.push_back(&t);
      }
    }
    if (!custom.empty()) {
      m_w.key("simplelicensing_customIdToUri").begin_array();
      for (const LicenseTerm* t : custom) {
        m_w.begin_object()
            .field("type", "DictionaryEntry")
            .field("key", t->id)
            .field("value", t->url)
            .end_object();
      }
      m_w.end_array();
    }
    m_w.end_object();
  }

  void relationship(const Relationship& r, std::size_t n) {
    begin_element("Relationship", fmt::format("relationship-{}", n));
    m_w.field("from", id(r.from)).field("relationshipType", r.type);
    id_list("to", r.to);
    m_w.end_object();
  }

  // Aperture's verdicts on the model, as a review annotation.
  void annotation() {
    const VerdictFacts& v = m_facts.verdicts;
    std::string statement =
        fmt::format("Aperture: Open Source Definition {}; OSAID 1.0 {}; MOF {}", v.osd, v.osaid, v.mof);
    if (!v.spectrum.empty()) {
      statement += "; openness spectrum: " + v.spectrum;
    }
    begin_element("Annotation", "verdicts");
    m_w.field("annotationType", "review")
        .field("subject", id(m_facts.model.ref))
        .field("statement", statement + ". " + report::k_disclaimer)
        .end_object();
  }

  const BomFacts& m_facts;
  const DocumentStamp& m_stamp;
  std::string m_ns;
  Graph m_graph;
  JsonWriter m_w;
};

}  // namespace

std::string spdx3_json(const BomFacts& facts, const DocumentStamp& stamp) {
  return Writer(facts, stamp).write();
}

}  // namespace aperture::bom
