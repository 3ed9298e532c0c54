#include <aperture/release/release.hpp>

#include <algorithm>

#include <aperture/util/error.hpp>

namespace aperture::release {
namespace {

struct KindInfo {
  ComponentKind kind;
  std::string_view id;
  std::string_view mof_name;
  ContentType type;
};

// The MOF's names and content types as mof.settings.yml defines them
// (https://github.com/lfai/model_openness_tool, web/modules/mof/config/install/mof.settings.yml).
constexpr std::array<KindInfo, k_component_kinds> k_kinds = {{
    {ComponentKind::model_architecture, "model-architecture", "Model architecture", ContentType::code},
    {ComponentKind::data_preprocessing_code, "data-preprocessing-code", "Data preprocessing code",
     ContentType::code},
    {ComponentKind::training_code, "training-code", "Training code", ContentType::code},
    {ComponentKind::inference_code, "inference-code", "Inference code", ContentType::code},
    {ComponentKind::evaluation_code, "evaluation-code", "Evaluation code", ContentType::code},
    {ComponentKind::supporting_libraries, "supporting-libraries", "Supporting libraries and tools",
     ContentType::code},
    {ComponentKind::model_parameters_final, "model-parameters-final", "Model parameters (Final)",
     ContentType::data},
    {ComponentKind::model_parameters_intermediate, "model-parameters-intermediate",
     "Model parameters (Intermediate)", ContentType::data},
    {ComponentKind::model_metadata, "model-metadata", "Model metadata", ContentType::data},
    {ComponentKind::datasets, "datasets", "Datasets", ContentType::data},
    {ComponentKind::evaluation_data, "evaluation-data", "Evaluation data", ContentType::data},
    {ComponentKind::model_card, "model-card", "Model card", ContentType::document},
    {ComponentKind::data_card, "data-card", "Data card", ContentType::document},
    {ComponentKind::technical_report, "technical-report", "Technical report", ContentType::document},
    {ComponentKind::research_paper, "research-paper", "Research paper", ContentType::document},
    {ComponentKind::evaluation_results, "evaluation-results", "Evaluation results",
     ContentType::document},
    {ComponentKind::sample_outputs, "sample-outputs", "Sample model outputs", ContentType::document},
    {ComponentKind::safety_tooling, "safety-tooling", "Safety tooling", ContentType::code},
    {ComponentKind::deployment, "deployment", "Deployment and API", ContentType::code},
}};

const KindInfo& info(ComponentKind kind) {
  const auto& k = k_kinds[static_cast<std::size_t>(kind)];
  APERTURE_ASSERT(k.kind == kind);
  return k;
}

}  // namespace

std::string_view to_string(ComponentKind kind) { return info(kind).id; }
std::string_view mof_name(ComponentKind kind) { return info(kind).mof_name; }
ContentType content_type(ComponentKind kind) { return info(kind).type; }

std::optional<ComponentKind> component_kind_from_mof_name(std::string_view name) {
  for (const auto& k : k_kinds) {
    if (k.mof_name == name) {
      return k.kind;
    }
  }
  return std::nullopt;
}

std::optional<ComponentKind> component_kind_from_string(std::string_view id) {
  for (const auto& k : k_kinds) {
    if (k.id == id) {
      return k.kind;
    }
  }
  return std::nullopt;
}

std::string_view to_string(ContentType type) {
  switch (type) {
  case ContentType::code: return "code";
  case ContentType::data: return "data";
  case ContentType::document: return "document";
  }
  return "code";
}

std::string_view to_string(Presence presence) {
  switch (presence) {
  case Presence::unknown: return "unknown";
  case Presence::present: return "present";
  case Presence::absent: return "absent";
  }
  return "unknown";
}

std::string_view to_string(ClaimKind kind) {
  switch (kind) {
  case ClaimKind::open_source: return "open-source";
  case ClaimKind::open_weights: return "open-weights";
  case ClaimKind::declared_license: return "declared-license";
  case ClaimKind::base_model: return "base-model";
  case ClaimKind::dataset: return "dataset";
  }
  return "open-source";
}

std::string_view to_string(Severity severity) {
  switch (severity) {
  case Severity::info: return "info";
  case Severity::warning: return "warning";
  case Severity::error: return "error";
  }
  return "info";
}

Release::Release() {
  for (std::size_t i = 0; i < k_component_kinds; ++i) {
    components[i].kind = k_kinds[i].kind;
  }
}

std::string license_expression(const Release& r, std::string_view role) {
  std::vector<std::string> ids;
  for (const auto& f : r.licenses) {
    if (f.role == role && std::find(ids.begin(), ids.end(), f.match.id) == ids.end()) {
      ids.push_back(f.match.id);
    }
  }
  std::string out;
  for (const std::string& id : ids) {
    out += out.empty() ? "" : " AND ";
    out += id;
  }
  return out;
}

std::string release_license(const Release& r) {
  const std::string& weights = r.component(ComponentKind::model_parameters_final).license_id;
  if (!weights.empty()) {
    return weights;
  }
  for (std::string_view role : k_weights_license_roles) {
    if (std::string e = license_expression(r, role); !e.empty()) {
      return e;
    }
  }
  return {};
}

}  // namespace aperture::release
