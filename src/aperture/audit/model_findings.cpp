#include <fmt/format.h>

#include <aperture/audit/model_findings.hpp>
#include <aperture/lineage/rules.hpp>

namespace aperture::audit {
namespace {

using release::Finding;
using release::Severity;

struct Context {
  const DumpGraph& graph;
  const Model& model;
  const NodeLineage& lineage;
  std::string_view dump;
  std::string_view name;

  [[nodiscard]] release::Evidence evidence(std::string quote = {}) const {
    return {std::string(dump), static_cast<std::uint32_t>(model.line), {}, std::move(quote), {}};
  }
};

void license_findings(const Context& c, std::vector<Finding>& out) {
  const LicenseInfo& info = c.graph.licenses()[c.model.license];
  if (c.model.license == LicenseTable::k_missing) {
    out.push_back({"license-missing", Severity::warning, "no license in cardData or tags", {c.evidence()}});
    return;
  }
  if (info.id.empty()) {
    out.push_back({"license-unknown",
                   Severity::warning,
                   fmt::format("license \"{}\": {}", info.declared, info.note),
                   {c.evidence("license: " + info.declared)}});
    return;
  }
  bool fails = info.openness == assess::Openness::restricted || info.openness == assess::Openness::none ||
               !info.failing.empty();
  if (c.model.claims_open_source && fails) {
    std::string why =
        info.failing.empty() ? std::string(assess::to_string(info.openness)) : "fails " + info.failing;
    out.push_back(
        {"open-washing",
         Severity::error,
         fmt::format("tagged \"open-source\" but its license {} is not open source: {}", info.id, why),
         {c.evidence("license: " + info.declared)}});
  }
}

lineage::Ancestor ancestor_of(const Context& c,
                              std::uint32_t node,
                              std::uint32_t license,
                              std::uint32_t child,
                              std::uint32_t depth,
                              Relation relation) {
  lineage::Ancestor a;
  a.name = std::string(c.graph.name(node));
  a.relation = std::string(to_string(relation));
  a.relation_inferred = c.model.relation_inferred;
  a.depth = static_cast<int>(depth);
  a.child = std::string(c.graph.name(child));
  a.resolved_by = c.graph.record_of(node) != k_none ? "dump" : c.graph.external(node).resolved_by;
  a.license = license == k_none ? std::string() : c.graph.licenses()[license].id;
  std::uint32_t record = c.graph.record_of(child);
  std::uint64_t line = record == k_none ? 0 : c.graph.models()[record].line;
  a.evidence = {std::string(c.dump), static_cast<std::uint32_t>(line), {}, "base_model: " + a.name, {}};
  return a;
}

// Laundering through the lineage rules, given the nearest ancestor of each
// binding license (chains are not rebuilt: a 10,000-deep chain stays cheap).
void laundering_findings(const Context& c, const lineage::Subject& subject, std::vector<Finding>& out) {
  if (c.lineage.binding.empty() || subject.license.empty()) {
    return;
  }
  std::vector<lineage::Ancestor> ancestors;
  for (const BindingAncestor& b : c.lineage.binding) {
    ancestors.push_back(ancestor_of(c, b.ancestor, b.license, b.child, b.depth, b.relation));
  }
  for (Finding& f : lineage::check_laundering(subject, ancestors)) {
    out.push_back(std::move(f));
  }
}

// A merge's direct bases under licenses that cannot hold together.
void merge_findings(const Context& c, const lineage::Subject& subject, std::vector<Finding>& out) {
  if (c.model.relation != Relation::merge || c.model.bases_count < 2) {
    return;
  }
  std::vector<lineage::Ancestor> ancestors;
  for (std::uint32_t i = 0; i < c.model.bases_count; ++i) {
    std::uint32_t base = c.graph.bases()[c.model.bases_begin + i];
    ancestors.push_back(ancestor_of(c, base, c.graph.own_license(base), c.model.node, 1, Relation::merge));
  }
  for (Finding& f : lineage::check_merges(subject, ancestors)) {
    out.push_back(std::move(f));
  }
}

// A commercial license over non-commercial training data the record names.
void data_findings(const Context& c, const lineage::Subject& subject, std::vector<Finding>& out) {
  std::vector<lineage::Dataset> datasets;
  for (std::uint32_t i = 0; i < c.model.datasets_count; ++i) {
    const DumpDataset& d = c.graph.dataset(c.graph.model_datasets()[c.model.datasets_begin + i]);
    if (!d.license.empty()) {
      lineage::Dataset x{d.name, d.license, std::string(c.name), c.evidence("datasets: " + d.name)};
      x.resolved_by = d.resolved_by;
      x.license_evidence = d.license_evidence;
      datasets.push_back(std::move(x));
    }
  }
  for (Finding& f : lineage::check_data_terms(subject, datasets)) {
    out.push_back(std::move(f));
  }
}

void structure_findings(const Context& c, std::vector<Finding>& out) {
  if (c.lineage.self_reference) {
    out.push_back({"lineage-self-reference",
                   Severity::warning,
                   fmt::format("{} names itself as its base model", c.name),
                   {c.evidence()}});
  }
  if (c.lineage.in_cycle) {
    out.push_back({"lineage-cycle",
                   Severity::error,
                   fmt::format("{} is its own ancestor through other models' base_model", c.name),
                   {c.evidence()}});
  }
  if (c.lineage.depth > k_max_lineage_depth) {
    out.push_back({"lineage-too-deep",
                   Severity::warning,
                   fmt::format("{} bases above it (more than {})", c.lineage.depth, k_max_lineage_depth),
                   {c.evidence()}});
  }
  for (std::uint32_t i = 0; i < c.model.bases_count; ++i) {
    std::uint32_t base = c.graph.bases()[c.model.bases_begin + i];
    if (base != c.model.node && c.graph.record_of(base) == k_none &&
        c.graph.external(base).resolved_by.empty()) {
      out.push_back(
          {"ancestor-unresolved",
           Severity::warning,
           fmt::format("base model {} is neither in the dump nor in Aperture's catalog", c.graph.name(base)),
           {c.evidence("base_model: " + std::string(c.graph.name(base)))}});
    }
  }
}

}  // namespace

std::vector<Finding> model_findings(const DumpGraph& graph, std::uint32_t record, std::string_view dump) {
  const Model& model = graph.models()[record];
  Context c{graph, model, graph.lineage(model.node), dump, graph.name(model.node)};
  std::vector<Finding> out;
  if (model.duplicate) {
    out.push_back({"duplicate-id",
                   Severity::warning,
                   fmt::format("{} was already listed on line {}; that record's lineage counts", c.name,
                               graph.models()[graph.record_of(model.node)].line),
                   {c.evidence()}});
  }
  license_findings(c, out);
  lineage::Subject subject;
  subject.name = std::string(c.name);
  subject.license = graph.licenses()[model.license].id;
  subject.declaration = c.evidence("license: " + graph.licenses()[model.license].declared);
  if (!model.duplicate) {
    laundering_findings(c, subject, out);
    merge_findings(c, subject, out);
    data_findings(c, subject, out);
    structure_findings(c, out);
  }
  return out;
}

}  // namespace aperture::audit
