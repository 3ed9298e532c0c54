#include <aperture/terms/knowledge_base.hpp>

#include <algorithm>
#include <set>

#include <yaml-cpp/yaml.h>

#include <aperture/terms/terms_json.hpp>
#include <aperture/util/text.hpp>


namespace aperture::terms {

namespace {

// A schema violation at `where`; turned into one Result error by parse().
struct SchemaError {
  std::string where;
  std::string message;
};

class EntryReader {
public:
  explicit EntryReader(std::string where) : m_where(std::move(where)) {}

  LicenseProfile read(const YAML::Node& node) {
    expect_map(node, m_where);
    check_keys(node, m_where,
               {"id", "name", "kind", "family", "version", "publisher", "date", "url", "hub_ids", "hub_names",
                "policy", "fingerprint", "sources", "terms"});
    LicenseProfile p;
    p.id = required_string(node, "id");
    m_where += " (" + p.id + ")";
    p.name = required_string(node, "name");
    p.kind = required_string(node, "kind");
    check_word(p.kind, {"license", "use-policy"}, m_where + ": kind");
    p.family = optional_string(node, "family");
    p.version = optional_string(node, "version");
    p.publisher = optional_string(node, "publisher");
    p.date = optional_string(node, "date");
    p.url = required_string(node, "url");
    p.hub_ids = string_list(node["hub_ids"], m_where + ": hub_ids");
    p.hub_names = string_list(node["hub_names"], m_where + ": hub_names");
    p.policy = optional_string(node, "policy");
    if (YAML::Node fp = node["fingerprint"]) {
      expect_map(fp, m_where + ": fingerprint");
      check_keys(fp, m_where + ": fingerprint", {"all", "none"});
      p.fingerprint_all = string_list(fp["all"], m_where + ": fingerprint.all");
      p.fingerprint_none = string_list(fp["none"], m_where + ": fingerprint.none");
    }
    read_sources(node["sources"], p);
    if (YAML::Node t = node["terms"]) {
      p.terms = read_terms(t);
    }
    return p;
  }

private:
  [[noreturn]] static void fail(const std::string& where, const std::string& message) {
    throw SchemaError{where, message};
  }

  static void expect_map(const YAML::Node& node, const std::string& where) {
    if (!node.IsMap()) {
      fail(where, "expected a mapping");
    }
  }

  static void check_keys(const YAML::Node& node, const std::string& where, std::set<std::string> allowed) {
    for (const auto& kv : node) {
      std::string key = kv.first.as<std::string>();
      if (allowed.count(key) == 0) {
        fail(where, "unknown key '" + key + "'");
      }
    }
  }

  static void check_word(const std::string& value, std::set<std::string> allowed, const std::string& where) {
    if (allowed.count(value) == 0) {
      std::string list;
      for (const std::string& a : allowed) {
        list += (list.empty() ? "" : ", ") + a;
      }
      fail(where, "'" + value + "' is not one of: " + list);
    }
  }

  std::string required_string(const YAML::Node& node, const char* key) {
    std::string value = optional_string(node, key);
    if (value.empty()) {
      fail(m_where, std::string("missing '") + key + "'");
    }
    return value;
  }

  std::string optional_string(const YAML::Node& node, const char* key) {
    YAML::Node v = node[key];
    if (!v || v.IsNull()) {
      return {};
    }
    if (!v.IsScalar()) {
      fail(m_where, std::string("'") + key + "' must be a string");
    }
    return v.as<std::string>();
  }

  static std::vector<std::string> string_list(const YAML::Node& node, const std::string& where) {
    std::vector<std::string> out;
    if (!node || node.IsNull()) {
      return out;
    }
    if (!node.IsSequence()) {
      fail(where, "expected a list");
    }
    for (const auto& item : node) {
      if (!item.IsScalar()) {
        fail(where, "expected a list of strings");
      }
      out.push_back(item.as<std::string>());
    }
    return out;
  }

  void read_sources(const YAML::Node& node, LicenseProfile& p) {
    if (!node) {
      return;
    }
    if (!node.IsSequence()) {
      fail(m_where + ": sources", "expected a list");
    }
    for (const auto& s : node) {
      expect_map(s, m_where + ": sources");
      check_keys(s, m_where + ": sources", {"url", "checked"});
      p.sources.push_back(Source{s["url"] ? s["url"].as<std::string>() : "",
                                 s["checked"] ? s["checked"].as<std::string>() : ""});
    }
  }

  Citation citation(const YAML::Node& node) {
    return Citation{optional_string(node, "clause"), optional_string(node, "quote")};
  }

  std::optional<Term> term(const YAML::Node& terms, const char* key, std::set<std::string> values) {
    YAML::Node node = terms[key];
    if (!node) {
      return std::nullopt;
    }
    std::string where = m_where + ": terms." + key;
    expect_map(node, where);
    check_keys(node, where, {"value", "clause", "quote"});
    Term t{optional_string(node, "value"), citation(node)};
    if (!values.empty()) {
      check_word(t.value, values, where + ".value");
    } else if (t.value.empty()) {
      fail(where, "missing 'value'");
    }
    return t;
  }

  std::optional<Threshold> threshold(const YAML::Node& terms, const char* key) {
    YAML::Node node = terms[key];
    if (!node) {
      return std::nullopt;
    }
    std::string where = m_where + ": terms." + key;
    expect_map(node, where);
    check_keys(node, where, {"value", "unit", "clause", "quote"});
    Threshold t;
    try {
      t.value = node["value"].as<double>();
    } catch (const YAML::Exception&) {
      fail(where, "'value' must be a number");
    }
    t.unit = optional_string(node, "unit");
    t.cite = citation(node);
    return t;
  }

  std::vector<Restriction> restrictions(const YAML::Node& terms, const char* key) {
    std::vector<Restriction> out;
    YAML::Node node = terms[key];
    if (!node) {
      return out;
    }
    std::string where = m_where + ": terms." + key;
    if (!node.IsSequence()) {
      fail(where, "expected a list");
    }
    for (const auto& item : node) {
      expect_map(item, where);
      check_keys(item, where, {"text", "clause", "quote"});
      out.push_back(Restriction{optional_string(item, "text"), citation(item)});
    }
    return out;
  }

  std::vector<Duty> duties(const YAML::Node& terms) {
    std::vector<Duty> out;
    YAML::Node node = terms["attribution"];
    if (!node) {
      return out;
    }
    std::string where = m_where + ": terms.attribution";
    if (!node.IsSequence()) {
      fail(where, "expected a list");
    }
    for (const auto& item : node) {
      expect_map(item, where);
      check_keys(item, where, {"duty", "text", "clause", "quote"});
      Duty d{optional_string(item, "duty"), optional_string(item, "text"), citation(item)};
      check_word(d.duty, {"notice", "display", "name-prefix", "copy-of-license", "credit", "mark-changes"},
                 where + ".duty");
      out.push_back(d);
    }
    return out;
  }

  std::optional<PolicyReference> policy(const YAML::Node& terms) {
    YAML::Node node = terms["acceptable_use_policy"];
    if (!node) {
      return std::nullopt;
    }
    std::string where = m_where + ": terms.acceptable_use_policy";
    expect_map(node, where);
    check_keys(node, where, {"policy", "url", "incorporated", "changeable_by_licensor", "clause", "quote"});
    PolicyReference p;
    p.policy = optional_string(node, "policy");
    p.url = optional_string(node, "url");
    p.incorporated = node["incorporated"] && node["incorporated"].as<bool>();
    p.changeable_by_licensor = node["changeable_by_licensor"] && node["changeable_by_licensor"].as<bool>();
    p.cite = citation(node);
    return p;
  }

  Terms read_terms(const YAML::Node& node) {
    expect_map(node, m_where + ": terms");
    check_keys(node, m_where + ": terms",
               {"commercial_use", "user_threshold", "revenue_threshold", "field_of_use", "improve_other_models",
                "attribution", "acceptable_use_policy", "flow_down", "geographic", "termination", "governing_law",
                "modification", "redistribution", "copyleft", "patent_grant", "acceptance", "registration"});
    const std::set<std::string> permission{"allowed", "banned", "conditional"};
    Terms t;
    t.commercial_use = term(node, "commercial_use", permission);
    t.user_threshold = threshold(node, "user_threshold");
    t.revenue_threshold = threshold(node, "revenue_threshold");
    t.field_of_use = restrictions(node, "field_of_use");
    t.improve_other_models = term(node, "improve_other_models", {"allowed", "banned", "conditional", "not-addressed"});
    t.attribution = duties(node);
    t.acceptable_use_policy = policy(node);
    t.flow_down = term(node, "flow_down", {"yes", "no"});
    t.geographic = restrictions(node, "geographic");
    t.termination = restrictions(node, "termination");
    t.governing_law = term(node, "governing_law", {});
    t.modification = term(node, "modification", permission);
    t.redistribution = term(node, "redistribution", permission);
    t.copyleft = term(node, "copyleft", {"none", "weak", "strong", "network"});
    t.patent_grant = term(node, "patent_grant", {"yes", "no"});
    t.acceptance = term(node, "acceptance", {"click-through", "by-use", "none"});
    t.registration = term(node, "registration", {"required", "none"});
    return t;
  }

  std::string m_where;
};

}  // namespace

util::Result<KnowledgeBase> KnowledgeBase::parse(std::string_view yaml) {
  KnowledgeBase kb;
  std::set<std::string> ids;
  try {
    std::vector<YAML::Node> documents = YAML::LoadAll(std::string(yaml));
    for (std::size_t d = 0; d < documents.size(); ++d) {
      const YAML::Node& doc = documents[d];
      if (doc.IsNull()) {
        continue;
      }
      std::string where = "document " + std::to_string(d + 1);
      if (!doc.IsMap() || !doc["licenses"] || !doc["licenses"].IsSequence()) {
        return util::make_error(util::ErrorCode::invalid, where + ": expected a mapping with a 'licenses' list");
      }
      std::size_t i = 0;
      for (const auto& entry : doc["licenses"]) {
        LicenseProfile p = EntryReader(where + ": licenses[" + std::to_string(i++) + "]").read(entry);
        if (!ids.insert(util::ascii_lower(p.id)).second) {
          return util::make_error(util::ErrorCode::invalid, where + ": duplicate id '" + p.id + "'");
        }
        kb.m_profiles.push_back(std::move(p));
      }
    }
  } catch (const SchemaError& e) {
    return util::make_error(util::ErrorCode::invalid, e.where + ": " + e.message);
  } catch (const YAML::Exception& e) {
    return util::make_error(util::ErrorCode::parse, std::string("YAML: ") + e.what());
  }
  // A policy named by a license must exist.
  for (const LicenseProfile& p : kb.m_profiles) {
    std::string policy = p.terms.acceptable_use_policy ? p.terms.acceptable_use_policy->policy : p.policy;
    if (!policy.empty() && kb.find(policy) == nullptr) {
      return util::make_error(util::ErrorCode::invalid, p.id + ": unknown policy '" + policy + "'");
    }
  }
  return kb;
}

std::string KnowledgeBase::to_json() const {
  return nlohmann::json(m_profiles).dump();
}

util::Result<KnowledgeBase> KnowledgeBase::from_json(std::string_view json) {
  KnowledgeBase kb;
  try {
    kb.m_profiles = nlohmann::json::parse(json).get<std::vector<LicenseProfile>>();
  } catch (const nlohmann::json::exception& e) {
    return util::make_error(util::ErrorCode::parse, std::string("knowledge base JSON: ") + e.what());
  }
  return kb;
}

const LicenseProfile* KnowledgeBase::find(std::string_view id) const {
  std::string wanted = util::ascii_lower(id);
  for (const LicenseProfile& p : m_profiles) {
    if (util::ascii_lower(p.id) == wanted) {
      return &p;
    }
  }
  return nullptr;
}

std::vector<const LicenseProfile*> KnowledgeBase::find_hub(std::string_view hub_id,
                                                            std::string_view license_name) const {
  std::vector<const LicenseProfile*> out;
  std::string id = util::ascii_lower(util::trim(hub_id));
  std::string name = util::ascii_lower(util::trim(license_name));
  for (const LicenseProfile& p : m_profiles) {
    auto has = [](const std::vector<std::string>& list, const std::string& v) {
      return !v.empty() && std::any_of(list.begin(), list.end(),
                                       [&](const std::string& x) { return util::ascii_lower(x) == v; });
    };
    if (has(p.hub_ids, id) || (id == "other" && has(p.hub_names, name))) {
      out.push_back(&p);
    }
  }
  return out;
}

}  // namespace aperture::terms
