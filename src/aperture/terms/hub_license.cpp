#include <aperture/terms/hub_license.hpp>

#include <array>
#include <utility>

#include <aperture/license/expression.hpp>
#include <aperture/util/text.hpp>

namespace aperture::terms {

namespace {

// Hub ids that stand for a family, not one license.
constexpr std::array<std::string_view, 6> k_families{"openrail", "bsd", "cc", "gfdl", "gpl", "lgpl"};

// Hub ids spelled differently from their SPDX ids.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> k_aliases{{
    {"odc-by", "ODC-By-1.0"},
    {"odbl", "ODbL-1.0"},
    {"pddl", "PDDL-1.0"},
    {"lgpl-lr", "LGPLLR"},
    {"c-uda", "C-UDA-1.0"},
}};

}  // namespace

DeclaredLicense resolve_hub_license(std::string_view license, std::string_view license_name,
                                    const KnowledgeBase& kb, const license::SpdxIndex& index) {
  DeclaredLicense d;
  std::string value = util::ascii_lower(util::trim(license));
  std::string name(util::trim(license_name));
  d.declared = value == "other" && !name.empty() ? "other (license_name: " + name + ")" : std::string(value);
  if (value.empty() || value == "unknown") {
    d.note = "no license declared";
    return d;
  }
  // The knowledge base knows the Hub's own ids and `license_name`s.
  std::vector<const LicenseProfile*> profiles = kb.find_hub(value, name);
  if (profiles.size() == 1) {
    d.id = profiles[0]->id;
    d.name = profiles[0]->name;
    return d;
  }
  if (value == "other") {
    d.note = name.empty() ? "'other' without a license_name" : "a license Aperture does not know by that name";
    return d;
  }
  for (std::string_view family : k_families) {
    if (value == family) {
      d.note = "a family of licenses, not one license";
      return d;
    }
  }
  std::string spdx = value;
  for (const auto& [hub, id] : k_aliases) {
    if (value == hub) {
      spdx = std::string(id);
    }
  }
  // Otherwise an SPDX id (case-insensitive; deprecated ids mapped).
  auto expr = license::parse_expression(spdx, index);
  if (expr && expr->kind == license::Expression::Kind::license) {
    d.id = expr->id;
    if (auto i = index.find(d.id)) {
      d.name = std::string(index.license(*i).name);
    }
    return d;
  }
  d.note = "not a license identifier Aperture knows";
  return d;
}

std::optional<license::LicenseMatch> declared_match(const DeclaredLicense& d, std::string evidence,
                                                    std::uint32_t line, const license::SpdxIndex& index) {
  if (d.id.empty()) {
    return std::nullopt;
  }
  license::LicenseMatch m;
  m.id = d.id;
  m.name = d.name;
  if (auto i = index.find(d.id)) {
    m.osi_approved = index.license(*i).osi_approved;
  }
  m.confidence = 1.0;
  m.kind = license::MatchKind::declared;
  if (line != 0) {
    m.lines.push_back({line, line});
  }
  m.evidence = std::move(evidence);
  return m;
}

}  // namespace aperture::terms
