#include <algorithm>

#include <fmt/format.h>

#include <aperture/audit/audit_report.hpp>
#include <aperture/report/disclaimer.hpp>
#include <aperture/report/json_writer.hpp>

namespace aperture::audit {
namespace {

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(s);
  }
  std::string out = "\"";
  for (char c : s) {
    out += c;
    if (c == '"') {
      out += '"';
    }
  }
  return out + "\"";
}

std::string root_label(const DumpGraph& g, std::uint32_t node) {
  std::uint32_t root = g.lineage(node).root_license;
  return root == k_none ? std::string() : std::string(g.licenses().label(root));
}

void json_evidence(report::JsonWriter& w, const release::Evidence& e) {
  w.begin_object().field_if("file", e.file);
  if (e.line != 0) {
    w.field("line", e.line);
  }
  w.field_if("url", e.url).field_if("quote", e.quote).end_object();
}

void json_findings(report::JsonWriter& w, const std::vector<release::Finding>& findings) {
  w.key("findings").begin_array();
  for (const release::Finding& f : findings) {
    w.begin_object().field("rule", f.rule).field("severity", release::to_string(f.severity));
    w.field("message", f.message).key("evidence").begin_array();
    for (const release::Evidence& e : f.evidence) {
      json_evidence(w, e);
    }
    w.end_array().end_object();
  }
  w.end_array();
}

// What the model inherits: each binding license up its chain, at the
// nearest ancestor under it, with the duties it passes on.
void json_inherited(report::JsonWriter& w, const DumpGraph& g, std::uint32_t node) {
  w.key("inherited").begin_array();
  const std::vector<BindingAncestor>& binding = g.lineage(node).binding;
  for (std::uint32_t l : inherited_licenses(g, node)) {
    auto b = std::find_if(binding.begin(), binding.end(), [&](const BindingAncestor& x) { return x.license == l; });
    w.begin_object().field("license", g.licenses().label(l)).field("ancestor", g.name(b->ancestor));
    w.field("depth", b->depth).key("duties").begin_array();
    for (const std::string& d : g.licenses()[l].duties) {
      w.value(d);
    }
    w.end_array().end_object();
  }
  w.end_array();
}

template <typename Map> std::vector<std::pair<std::string, std::uint64_t>> by_count(const Map& counts) {
  std::vector<std::pair<std::string, std::uint64_t>> rows(counts.begin(), counts.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return rows;
}

void json_counts(report::JsonWriter& w,
                 std::string_view name,
                 const std::map<std::string, std::uint64_t>& counts) {
  w.key(name).begin_object();
  for (const auto& [key, count] : counts) {
    w.field(key, count);
  }
  w.end_object();
}

void text_counts(std::string& out,
                 const std::vector<std::pair<std::string, std::uint64_t>>& rows,
                 std::size_t max) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < rows.size() && i < max; ++i) {
    width = std::max(width, rows[i].first.size());
  }
  std::uint64_t rest = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i < max) {
      out += fmt::format("  {:<{}}  {}\n", rows[i].first, width, rows[i].second);
    } else {
      rest += rows[i].second;
    }
  }
  if (rows.size() > max) {
    out += fmt::format("  ({} others: {})\n", rows.size() - max, rest);
  }
}

// "{\n  a,\n  b\n}" → "\n  a,\n  b": an object's members, to splice into another.
std::string members_of(const std::string& object) {
  return object.substr(1, object.size() - 3);
}

// `text` with every line indented by `spaces`.
std::string indented(const std::string& text, std::size_t spaces) {
  std::string pad(spaces, ' ');
  std::string out = pad;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    out += c;
    if (c == '\n') {
      out += pad;
    }
  }
  return out;
}

}  // namespace

std::string csv_header() {
  return "line,id,license,root_license,relation,inherited,findings\n";
}

std::string csv_row(const Audit& audit, std::uint32_t record, const std::vector<release::Finding>& findings) {
  const DumpGraph& g = audit.graph;
  const Model& m = g.models()[record];
  std::string rules;
  for (const release::Finding& f : findings) {
    if (rules.find(f.rule) == std::string::npos) {
      rules += (rules.empty() ? "" : ";") + f.rule;
    }
  }
  std::string inherited;
  for (std::uint32_t l : inherited_licenses(g, m.node)) {
    inherited += (inherited.empty() ? "" : ";") + std::string(g.licenses().label(l));
  }
  return fmt::format("{},{},{},{},{},{},{}\n", m.line, csv_field(g.name(m.node)),
                     csv_field(g.licenses().label(m.license)), csv_field(root_label(g, m.node)),
                     to_string(m.relation), csv_field(inherited), rules);
}

std::string json_begin(const Audit& audit) {
  report::JsonWriter w;
  w.begin_object().field("schema_version", k_audit_json_version).field("disclaimer", report::k_disclaimer);
  w.field("dump", audit.dump).end_object();
  std::string out = "{";
  out += members_of(w.take());  // appended, not `"{" + ...`: g++ 12 warns falsely (-Wrestrict) on that
  out += ",\n  \"models\": [";
  return out;
}

std::string json_model(const Audit& audit,
                       std::uint32_t record,
                       const std::vector<release::Finding>& findings,
                       bool first) {
  const DumpGraph& g = audit.graph;
  const Model& m = g.models()[record];
  const LicenseInfo& license = g.licenses()[m.license];
  report::JsonWriter w;
  w.begin_object().field("line", m.line).field("id", g.name(m.node));
  w.field("license", license.declared).field("license_id", license.id);
  std::string root = root_label(g, m.node);
  w.key("root_license").value(root.empty() ? std::optional<std::string>() : std::optional<std::string>(root));
  w.field("relation", to_string(m.relation)).field("relation_inferred", m.relation_inferred);
  w.key("base_models").begin_array();
  for (std::uint32_t i = 0; i < m.bases_count; ++i) {
    w.value(g.name(g.bases()[m.bases_begin + i]));
  }
  w.end_array().field("depth", g.lineage(m.node).depth).field("files", m.file_count);
  w.field("has_weights", m.has_weights).field("has_license_file", m.has_license_file);
  json_inherited(w, g, m.node);
  w.key("datasets").begin_array();
  for (std::uint32_t i = 0; i < m.datasets_count; ++i) {
    const DumpDataset& d = g.dataset(g.model_datasets()[m.datasets_begin + i]);
    w.begin_object().field("name", d.name).field_if("license", d.license).field_if("resolved_by", d.resolved_by);
    w.end_object();
  }
  w.end_array();
  json_findings(w, findings);
  w.end_object();
  return (first ? "\n" : ",\n") + indented(w.take(), 4);
}

std::string json_end(const Audit& audit, const Summary& summary, bool any_model) {
  report::JsonWriter w;
  w.begin_object().key("errors").begin_array();
  for (const AuditError& e : audit.errors) {
    w.begin_object().field("line", e.line).field("message", e.message).end_object();
  }
  w.end_array().key("summary").begin_object();
  w.field("records", summary.records).field("errors", summary.errors);
  w.field("records_with_findings", summary.with_findings);
  json_counts(w, "by_license", summary.by_license);
  json_counts(w, "by_rule", summary.by_rule);
  json_counts(w, "by_inherited", summary.by_inherited);
  w.end_object().end_object();
  return std::string(any_model ? "\n  ]," : "],") + members_of(w.take()) + "\n}\n";
}

std::string summary_text(const Audit& audit, const Summary& summary, std::size_t max_errors) {
  std::string out = fmt::format("{}: {} records, {} with findings, {} lines not read\n", audit.dump,
                                summary.records, summary.with_findings, summary.errors);
  out += "\nlicenses (records):\n";
  text_counts(out, by_count(summary.by_license), 15);
  if (!summary.by_inherited.empty()) {
    out += "\ninherited terms (records whose ancestors pass them on):\n";
    text_counts(out, by_count(summary.by_inherited), 15);
  }
  out += "\nfindings (records):\n";
  if (summary.by_rule.empty()) {
    out += "  none\n";
  }
  text_counts(out, by_count(summary.by_rule), summary.by_rule.size());
  if (!audit.errors.empty()) {
    out += "\nlines not read:\n";
    for (std::size_t i = 0; i < audit.errors.size() && i < max_errors; ++i) {
      out += fmt::format("  {}:{}: {}\n", audit.dump, audit.errors[i].line, audit.errors[i].message);
    }
    if (audit.errors.size() > max_errors) {
      out += fmt::format("  ... and {} more (--json lists them all)\n", audit.errors.size() - max_errors);
    }
  }
  out += fmt::format("\n{}\n", report::k_disclaimer);
  return out;
}

}  // namespace aperture::audit
