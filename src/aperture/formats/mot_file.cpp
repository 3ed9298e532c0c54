#include <aperture/formats/mot_file.hpp>

#include <algorithm>
#include <optional>
#include <string>

#include <aperture/assess/license_openness.hpp>
#include <aperture/formats/yaml_limits.hpp>
#include <aperture/util/text.hpp>

namespace aperture::formats {
namespace {

using release::ComponentKind;
using release::Evidence;

// `node[key]`, or an undefined node when `node` is not a mapping or has no
// such key (yaml-cpp throws on subscripting a scalar, and on asking the type
// of the "zombie" node a missing key gives).
YAML::Node child(const YAML::Node& node, const char* key) {
  if (!node.IsDefined() || !node.IsMap()) {
    return YAML::Node(YAML::NodeType::Undefined);
  }
  YAML::Node value = node[key];
  return value.IsDefined() ? value : YAML::Node(YAML::NodeType::Undefined);
}

// A scalar's text; empty for null, missing, sequences and mappings.
std::string scalar(const YAML::Node& node) {
  return node.IsScalar() ? node.Scalar() : std::string();
}

std::uint32_t line_of(const YAML::Node& node) {
  return static_cast<std::uint32_t>(node.Mark().line + 1);
}

// The license the release sets for `key` ("code", "data", "document",
// "distribution"), with where it is set; nullopt when unset or empty.
struct GlobalLicense {
  std::string name;
  Evidence evidence;
};
std::optional<GlobalLicense> global_license(const YAML::Node& licenses, const char* key, std::string_view path) {
  YAML::Node entry = child(licenses, key);
  YAML::Node name = child(entry, "name");
  std::string text = scalar(name);
  if (text.empty()) {
    return std::nullopt;
  }
  Evidence e{std::string(path), line_of(name), scalar(child(entry, "path")),
             "release.license." + std::string(key) + ".name: " + text};
  return GlobalLicense{text, std::move(e)};
}

// The MOT's release-wide fallback for a component of `type`: the license for
// its content type, else the distribution license.
std::optional<GlobalLicense> fallback_license(const YAML::Node& licenses, release::ContentType type,
                                              std::string_view path) {
  std::string key(release::to_string(type));
  if (auto l = global_license(licenses, key.c_str(), path)) {
    return l;
  }
  return global_license(licenses, "distribution", path);
}

// "Component not included" and the misspellings MOT files use for it.
bool says_not_included(std::string_view license) {
  std::string lower = util::ascii_lower(license);
  return lower.starts_with("component") && lower.find("not include") != std::string::npos;
}

void set_license(release::Component& c, std::string license, Evidence evidence) {
  c.license_id = assess::judge_openness(license, release::content_type(c.kind)).id;
  c.license = std::move(license);
  c.evidence.push_back(std::move(evidence));
}

// One entry of release.components.
void read_component(const YAML::Node& entry, const YAML::Node& licenses, std::string_view path,
                    release::Release& r) {
  std::string name = scalar(child(entry, "name"));
  std::optional<ComponentKind> kind = release::component_kind_from_mof_name(util::trim(name));
  Evidence where{std::string(path), line_of(entry), scalar(child(entry, "component_path")), "name: " + name};
  if (!kind) {
    r.findings.push_back({"mot-unknown-component", release::Severity::warning,
                          "'" + name + "' is not a component of the Model Openness Framework", {where}});
    return;
  }
  release::Component& c = r.component(*kind);
  c = release::Component{*kind, release::Presence::present, {}, {}, {where}};
  // The MOT takes the component's own license whenever the key is set, even
  // when empty; only a missing or null key falls back to the release's.
  YAML::Node own = child(entry, "license");
  if (own.IsDefined() && !own.IsNull()) {
    std::string text = scalar(own);
    set_license(c, text, {std::string(path), line_of(own), scalar(child(entry, "license_path")), "license: " + text});
  } else if (auto global = fallback_license(licenses, release::content_type(*kind), path)) {
    set_license(c, global->name, global->evidence);
  }
  if (says_not_included(c.license)) {
    c.presence = release::Presence::absent;
  }
}

void read_release(const YAML::Node& rel, std::string_view path, release::Release& r) {
  r.name = scalar(child(rel, "name"));
  r.version = scalar(child(rel, "version"));
  r.publisher = scalar(child(rel, "producer"));
  for (const char* key : {"repository", "github", "huggingface"}) {
    if (r.url.empty()) {
      r.url = scalar(child(rel, key));
    }
  }
  for (release::Component& c : r.components) {
    c.presence = release::Presence::absent;
  }
  YAML::Node licenses = child(rel, "license");
  YAML::Node components = child(rel, "components");
  if (!components.IsSequence()) {
    return;
  }
  for (const YAML::Node& entry : components) {
    if (entry.IsMap()) {
      read_component(entry, licenses, path, r);
    }
  }
}

}  // namespace

bool looks_like_mot(const YAML::Node& doc) {
  if (scalar(child(child(doc, "framework"), "name")) == "Model Openness Framework") {
    return true;
  }
  return child(child(doc, "release"), "components").IsDefined();
}

util::Result<release::Release> read_mot_file(std::string_view text, std::string_view path) {
  std::string file(path);
  if (text.size() > k_max_mot_file_bytes) {
    return util::make_error(util::ErrorCode::parse, "MOT file larger than 1 MiB", file);
  }
  if (flow_depth(text) > k_max_mot_file_depth) {
    return util::make_error(util::ErrorCode::parse, "MOT file nested more than 64 levels deep", file);
  }
  release::Release r;
  r.target = file;
  r.input_kind = "mot";
  try {
    YAML::Node doc = YAML::Load(std::string(text));
    if (!looks_like_mot(doc)) {
      return util::make_error(util::ErrorCode::invalid, "not a Model Openness Tool model file", file);
    }
    read_release(child(doc, "release"), path, r);
  } catch (const YAML::Exception& e) {
    return util::make_error(util::ErrorCode::parse,
                            "YAML: " + e.msg + " at line " + std::to_string(e.mark.line + 1) + ", column " +
                                std::to_string(e.mark.column + 1),
                            file);
  }
  return r;
}

}  // namespace aperture::formats
