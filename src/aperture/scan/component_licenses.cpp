#include <aperture/scan/component_licenses.hpp>

#include <algorithm>

#include <aperture/util/text.hpp>

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

const Source& first_of(std::initializer_list<const Source*> sources) {
  for (const Source* s : sources) {
    if (!s->expression.empty()) {
      return *s;
    }
  }
  return **sources.begin();
}

}  // namespace

void assign_component_licenses(release::Release& r) {
  Source declared = source_of(r, "card-metadata");
  Source file = source_of(r, "license-file");
  Source gguf = source_of(r, "gguf-metadata");
  Source card = source_of(r, "model-card");
  Source code = source_of(r, "code");
  const Source& weights = first_of({&declared, &file, &gguf, &card});
  const Source& code_license = first_of({&code, &file, &declared, &card});
  const Source& repo = first_of({&file, &declared, &card, &gguf});
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
