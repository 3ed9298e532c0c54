#include <yaml-cpp/yaml.h>

#include <aperture/report/mot_export.hpp>

namespace aperture::report {
namespace {

using release::ComponentKind;

// The MOT's release type from what the model generates.
std::string type_of(const release::Release& r) {
  if (r.outputs.size() > 1) {
    return "multimodal";
  }
  if (r.outputs.empty()) {
    return "";
  }
  const std::string& o = r.outputs.front();
  return o == "text" ? "language" : o;
}

// Where a fact was found: its URL, else the file it was read from.
std::string where(const std::vector<release::Evidence>& evidence) {
  for (const auto& e : evidence) {
    if (!e.url.empty()) {
      return e.url;
    }
  }
  return evidence.empty() ? std::string() : evidence.front().file;
}

void emit_component(YAML::Emitter& out, const release::Component& c) {
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << std::string(release::mof_name(c.kind));
  out << YAML::Key << "description" << YAML::Value << std::string(release::mof_description(c.kind));
  out << YAML::Key << "license" << YAML::Value << (c.license_id.empty() ? c.license : c.license_id);
  std::string path = where(c.evidence);
  out << YAML::Key << "license_path" << YAML::Value << (c.license.empty() ? std::string() : path);
  out << YAML::Key << "component_path" << YAML::Value << path;
  out << YAML::EndMap;
}

void emit_release(YAML::Emitter& out, const release::Release& r) {
  bool hub = r.url.find("huggingface.co/") != std::string::npos;
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << r.name;
  out << YAML::Key << "version" << YAML::Value << YAML::SingleQuoted << r.version;
  out << YAML::Key << "date" << YAML::Value << YAML::SingleQuoted << r.released;
  out << YAML::Key << "type" << YAML::Value << type_of(r);
  out << YAML::Key << "architecture" << YAML::Value << r.architecture;
  out << YAML::Key << "origin" << YAML::Value
      << (r.base_models.empty() ? r.name : r.base_models.front().name);
  out << YAML::Key << "producer" << YAML::Value << r.publisher;
  out << YAML::Key << "contact" << YAML::Value << "";
  out << YAML::Key << "repository" << YAML::Value << (hub ? std::string() : r.url);
  out << YAML::Key << "huggingface" << YAML::Value << (hub ? r.url : std::string());
  out << YAML::Key << "license" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "distribution" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << release::release_license(r);
  out << YAML::Key << "path" << YAML::Value << "";
  out << YAML::EndMap << YAML::EndMap;
  out << YAML::Key << "components" << YAML::Value << YAML::BeginSeq;
  for (std::size_t i = 0; i < release::k_mof_component_kinds; ++i) {
    const release::Component& c = r.components[i];
    if (c.presence == release::Presence::present) {
      emit_component(out, c);
    }
  }
  out << YAML::EndSeq << YAML::EndMap;
}

}  // namespace

std::string mot_yaml(const release::Release& r) {
  YAML::Emitter out;
  out << YAML::Comment("Written by Aperture from " + r.target +
                       ". Review every component before submitting it to the Model Openness Tool.");
  out << YAML::BeginMap;
  out << YAML::Key << "framework" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << "Model Openness Framework";
  out << YAML::Key << "version" << YAML::Value << YAML::SingleQuoted << "1.0";
  out << YAML::Key << "date" << YAML::Value << YAML::SingleQuoted << "2024-12-15";
  out << YAML::EndMap;
  out << YAML::Key << "release" << YAML::Value;
  emit_release(out, r);
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace aperture::report
