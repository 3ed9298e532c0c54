#include <algorithm>
#include <map>

#include <fmt/format.h>

#include <aperture/decide/sarif.hpp>
#include <aperture/report/json_writer.hpp>

namespace aperture::decide {

namespace {

// One SARIF result before writing.
struct SarifResult {
  std::string rule_id;
  std::string level;  // "error", "warning"
  std::string message;
  std::string uri;
  std::uint32_t line = 0;
};

// A rule id SARIF tools display well: "deny-terms:flow-down" → "deny-terms/flow-down".
std::string rule_id_of(std::string rule) {
  std::replace(rule.begin(), rule.end(), ':', '/');
  return rule;
}

std::string rule_description(const std::string& id) {
  if (id.rfind("obligation/", 0) == 0) {
    return fmt::format("The license imposes a duty ({}) on whoever uses the model", id.substr(11));
  }
  static const std::map<std::string, std::string, std::less<>> k_descriptions = {
      {"license", "The weights' license must be known"},
      {"commercial", "The team needs commercial use"},
      {"users", "The team needs to serve this many users"},
      {"redistribute", "The team needs to redistribute the model"},
      {"fine-tune", "The team needs to fine-tune or modify the model"},
      {"on-prem", "The team needs to run the model on its own machines"},
      {"eu", "The team needs to use the model in the European Union"},
      {"deny-licenses", "The policy denies this license"},
      {"allow-licenses", "The policy allows only listed licenses"},
      {"min-spectrum-level", "The policy requires a minimum openness level"},
      {"require-osd", "The policy requires a license that meets the Open Source Definition"},
      {"require-osaid", "The policy requires conformance to the Open Source AI Definition 1.0"},
      {"min-mof-class", "The policy requires a minimum Model Openness Framework class"},
  };
  if (auto it = k_descriptions.find(id); it != k_descriptions.end()) {
    return it->second;
  }
  if (id.rfind("deny-terms/", 0) == 0) {
    return fmt::format("The policy denies licenses with a {} term", id.substr(11));
  }
  if (id.rfind("require-evidence/", 0) == 0) {
    return fmt::format("The policy requires evidence: {}", id.substr(17));
  }
  return id;
}

// The first evidence with a file, as a repository URI; else the policy file; else the target.
void locate(const std::vector<Cite>& cites,
            const std::string& base,
            const Policy& policy,
            const Decision& d,
            SarifResult& r) {
  for (const Cite& c : cites) {
    if (!c.file.empty()) {
      bool from_root =
          c.file == policy.path || c.file == d.target;  // already a path from the repository root
      r.uri = artifact_uri(from_root ? std::string() : base, c.file);
      r.line = c.line;
      return;
    }
  }
  r.uri = artifact_uri("", policy.path.empty() ? d.target : policy.path);
}

std::string with_evidence(std::string message, const std::vector<Cite>& cites) {
  for (const Cite& c : cites) {
    if (!c.url.empty() && !c.clause.empty()) {
      message += fmt::format(" [§{}, {}]", c.clause, c.url);
      break;
    }
  }
  return message;
}

std::vector<SarifResult> results_of(const Decision& d, const std::string& base, const Policy& policy) {
  std::vector<SarifResult> out;
  std::string who = d.name.empty() ? d.target : fmt::format("{} ({})", d.name, d.target);
  for (const Check& c : d.checks) {
    if (c.outcome != Verdict::blocked && c.outcome != Verdict::unknown) {
      continue;
    }
    SarifResult r{rule_id_of(c.rule), c.outcome == Verdict::blocked ? "error" : "warning",
                  with_evidence(fmt::format("{}: {}: {}", who, to_string(c.outcome), c.message), c.evidence),
                  "", 0};
    locate(c.evidence, base, policy, d, r);
    out.push_back(std::move(r));
  }
  for (const Obligation& o : d.obligations) {
    SarifResult r{"obligation/" + o.kind, "warning",
                  with_evidence(fmt::format("{}: obligation from {}: {}", who, o.license, o.text), {o.cite}),
                  "", 0};
    locate({o.cite}, base, policy, d, r);
    out.push_back(std::move(r));
  }
  return out;
}

void write_driver(report::JsonWriter& w,
                  const std::vector<std::string>& rule_ids,
                  const SarifOptions& options) {
  w.key("tool").begin_object().key("driver").begin_object();
  w.field("name", "Aperture");
  w.field("version", options.tool_version);
  w.key("rules").begin_array();
  for (const std::string& id : rule_ids) {
    w.begin_object();
    w.field("id", id);
    w.key("shortDescription").begin_object().field("text", rule_description(id)).end_object();
    w.end_object();
  }
  w.end_array();
  w.end_object().end_object();
}

void write_result(report::JsonWriter& w, const SarifResult& r, std::size_t rule_index) {
  w.begin_object();
  w.field("ruleId", r.rule_id);
  w.field("ruleIndex", rule_index);
  w.field("level", r.level);
  w.key("message").begin_object().field("text", r.message).end_object();
  w.key("locations").begin_array().begin_object();
  w.key("physicalLocation").begin_object();
  w.key("artifactLocation").begin_object().field("uri", r.uri).end_object();
  if (r.line != 0) {
    w.key("region").begin_object().field("startLine", r.line).end_object();
  }
  w.end_object();
  w.end_object().end_array();
  w.end_object();
}

}  // namespace

std::string artifact_uri(const std::string& base, const std::string& file) {
  std::string path = base.empty() || file.empty() ? base + file : base + "/" + file;
  while (path.rfind("./", 0) == 0) {
    path.erase(0, 2);
  }
  std::string out;
  for (unsigned char c : path) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                 c == '.' || c == '_' || c == '~' || c == '/';
    out += plain ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  }
  return out;
}

std::string
sarif_log(const std::vector<Decision>& decisions, const Policy& policy, const SarifOptions& options) {
  std::vector<SarifResult> results;
  for (std::size_t i = 0; i < decisions.size(); ++i) {
    std::string base = i < options.base_dirs.size() ? options.base_dirs[i] : std::string();
    std::vector<SarifResult> more = results_of(decisions[i], base, policy);
    results.insert(results.end(), more.begin(), more.end());
  }
  // Rules in order of first use, so ruleIndex is stable for the same input.
  std::vector<std::string> rule_ids;
  for (const SarifResult& r : results) {
    if (std::find(rule_ids.begin(), rule_ids.end(), r.rule_id) == rule_ids.end()) {
      rule_ids.push_back(r.rule_id);
    }
  }
  report::JsonWriter w;
  w.begin_object();
  w.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  w.field("version", "2.1.0");
  w.key("runs").begin_array().begin_object();
  write_driver(w, rule_ids, options);
  w.key("results").begin_array();
  for (const SarifResult& r : results) {
    auto index =
        static_cast<std::size_t>(std::find(rule_ids.begin(), rule_ids.end(), r.rule_id) - rule_ids.begin());
    write_result(w, r, index);
  }
  w.end_array();
  w.end_object().end_array();
  w.end_object();
  return w.take() + "\n";
}

}  // namespace aperture::decide
