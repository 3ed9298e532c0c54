#include <aperture/scan/component_licenses.hpp>

#include <array>
#include <span>
#include <string_view>


namespace aperture::scan {
namespace {

using release::ComponentKind;
using release::ContentType;
using release::Presence;

struct Source {
  std::string expression;
  std::vector<release::Evidence> evidence;
};

Source source_of(const release::Release& r, std::string_view role) {
  Source s;
  s.expression = release::license_expression(r, role);
  for (const auto& f : r.licenses) {
    if (f.role == role && s.evidence.size() < 4) {
      std::uint32_t line = f.match.lines.empty() ? 0 : f.match.lines.front().first;
      s.evidence.push_back({f.file, line, {}, f.match.id});
    }
  }
  return s;
}

// The licenses of the first of `roles` that has any.
Source first_of(const release::Release& r, std::span<const std::string_view> roles) {
  for (std::string_view role : roles) {
    if (Source s = source_of(r, role); !s.expression.empty()) {
      return s;
    }
  }
  return {};
}

constexpr std::array<std::string_view, 4> k_code_roles = {"code", "license-file", "card-metadata", "model-card"};
constexpr std::array<std::string_view, 4> k_repository_roles = {"license-file", "card-metadata", "model-card",
                                                                "gguf-metadata"};

}  // namespace

void assign_component_licenses(release::Release& r) {
  Source weights = first_of(r, release::k_weights_license_roles);
  Source code_license = first_of(r, k_code_roles);
  Source repo = first_of(r, k_repository_roles);
  for (release::Component& c : r.components) {
    if (c.presence != Presence::present || !c.license_id.empty()) {
      continue;
    }
    bool is_weights = c.kind == ComponentKind::model_parameters_final ||
                      c.kind == ComponentKind::model_parameters_intermediate ||
                      c.kind == ComponentKind::model_metadata;
    const Source& s = is_weights ? weights
                      : release::content_type(c.kind) == ContentType::code ? code_license
                                                                             : repo;
    if (s.expression.empty()) {
      continue;
    }
    c.license = s.expression;
    c.license_id = s.expression;
    c.evidence.insert(c.evidence.end(), s.evidence.begin(), s.evidence.end());
  }
}

}  // namespace aperture::scan
