#include <algorithm>
#include <cmath>

#include <aperture/report/identify_report.hpp>
#include <aperture/report/license_report.hpp>
#include <aperture/terms/knowledge_base.hpp>

namespace aperture::report {
namespace {

// True when some license found has no reading of its terms (or none was found).
bool needs_clause_detector(const std::vector<license::LicenseMatch>& licenses) {
  const terms::KnowledgeBase& kb = terms::KnowledgeBase::embedded();
  return licenses.empty() ||
         std::any_of(licenses.begin(), licenses.end(),
                     [&](const license::LicenseMatch& m) { return kb.find(m.id) == nullptr; });
}

nlohmann::ordered_json clause_json(const terms::DetectedClause& c) {
  nlohmann::ordered_json cj{{"kind", terms::to_string(c.kind)},
                            {"lines", {{"first", c.first_line}, {"last", c.last_line}}},
                            {"quote", c.quote}};
  if (c.number) {
    cj["number"] = *c.number;
    cj["unit"] = c.unit;
  }
  if (!c.detail.empty()) {
    cj["detail"] = c.detail;
  }
  return cj;
}

nlohmann::ordered_json license_json(const license::LicenseMatch& m, bool with_terms) {
  nlohmann::ordered_json lic;
  lic["id"] = m.id;
  lic["name"] = m.name;
  lic["osi_approved"] = m.osi_approved;
  lic["confidence"] = std::round(m.confidence * 1000) / 1000;
  lic["match"] = license::to_string(m.kind);
  lic["lines"] = nlohmann::ordered_json::array();
  for (const auto& l : m.lines) {
    lic["lines"].push_back({{"first", l.first}, {"last", l.last}});
  }
  lic["evidence"] = m.evidence;
  if (!m.expression.empty()) {
    lic["expression"] = m.expression;
  }
  if (with_terms) {
    std::optional<LicenseView> view = describe_license(m.id);
    nlohmann::ordered_json about = view ? to_json(*view) : nlohmann::ordered_json();
    lic["terms"] = about.is_null() ? nlohmann::ordered_json() : about["terms"];
    lic["verdicts"] =
        about.is_null() || !about.contains("verdicts") ? nlohmann::ordered_json() : about["verdicts"];
  }
  return lic;
}

}  // namespace

IdentifiedText identify_with_clauses(std::string_view text, bool with_terms) {
  IdentifiedText found;
  license::Identification identification = license::identify(text);
  found.licenses = std::move(identification.licenses);
  found.unidentified = std::move(identification.unidentified);
  if (with_terms && needs_clause_detector(found.licenses)) {
    found.clauses = terms::detect_clauses(text);
  }
  return found;
}

nlohmann::ordered_json identify_json(const IdentifiedText& found, bool with_terms) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  if (with_terms) {
    j["clauses"] = nlohmann::ordered_json::array();
    for (const auto& c : found.clauses) {
      j["clauses"].push_back(clause_json(c));
    }
  }
  j["licenses"] = nlohmann::ordered_json::array();
  for (const auto& m : found.licenses) {
    j["licenses"].push_back(license_json(m, with_terms));
  }
  for (const auto& u : found.unidentified) {
    j["unidentified"].push_back({{"closest", u.closest},
                                 {"coverage", std::round(u.coverage * 1000) / 1000},
                                 {"lines", {{"first", u.lines.first}, {"last", u.lines.last}}}});
  }
  return j;
}

}  // namespace aperture::report
