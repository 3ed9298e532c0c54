#include <aperture/frameworks/spectrum.hpp>

#include <fmt/format.h>

namespace aperture::frameworks {
namespace {

using release::ComponentKind;

LayerVerdict layer(const release::Release& r, std::string name, std::initializer_list<ComponentKind> kinds) {
  LayerVerdict l{std::move(name), State::unknown, {}};
  for (ComponentKind k : kinds) {
    l.components.push_back(component_state(r, k));
  }
  l.state = best_of(l.components);
  return l;
}

const LayerVerdict& find(const std::vector<LayerVerdict>& layers, std::string_view name) {
  for (const auto& l : layers) {
    if (l.layer == name) {
      return l;
    }
  }
  return layers.front();
}

// Level 4 needs open code that runs or builds the model (inference code, the
// architecture, or the training code); level 5 needs the training code open.
bool code_open_for(const release::Release& r, int level) {
  auto open = [&](ComponentKind k) { return component_state(r, k).state == State::open; };
  bool training = open(ComponentKind::training_code);
  bool runs = training || open(ComponentKind::inference_code) || open(ComponentKind::model_architecture);
  return level == 5 ? training : runs;
}

void decide_level(const release::Release& r, SpectrumVerdict& v) {
  const LayerVerdict& weights = find(v.layers, "weights");
  const LayerVerdict& docs = find(v.layers, "documentation");
  const LayerVerdict& data = find(v.layers, "data");
  if (r.component(ComponentKind::model_parameters_final).presence == release::Presence::unknown) {
    v.reason = "the weights were not part of what was scanned; scan the model's repository for a level";
    return;
  }
  if (weights.state == State::closed) {
    bool documented = docs.state != State::closed && docs.state != State::unknown;
    v.level = documented ? 2 : 1;
    v.reason = documented ? "no weights released; documentation is published" : "no weights or documentation released";
    return;
  }
  if (weights.state != State::open) {
    v.level = 3;
    v.reason = weights.state == State::unlicensed
                   ? "weights released without a license: by default all rights are reserved"
                   : fmt::format("weights released, license {}", to_string(weights.state));
    return;
  }
  if (!code_open_for(r, 4)) {
    // Level 3, but not for restrictive terms: the weights' license is open.
    v.level = 3;
    v.label = "open weights, code not open";
    v.reason = "open weights, but no inference, architecture or training code under an open license";
    return;
  }
  if (data.state == State::open && code_open_for(r, 5)) {
    v.level = 5;
    v.reason = "code (training and inference), weights and data under open terms";
    return;
  }
  v.level = 4;
  v.reason = data.state == State::open ? "open weights and code, but no open training code"
                                       : "open weights and code; training data not released under open terms";
}

// A restricted license caps the level whatever else is found.
int ceiling_of(const release::Release& r) {
  ComponentState w = component_state(r, ComponentKind::model_parameters_final);
  if (w.state == State::restricted || w.state == State::unlicensed) {
    return 3;
  }
  return 5;
}

}  // namespace

std::string_view spectrum_label(int level) {
  switch (level) {
  case 1: return "API only";
  case 2: return "API with published documentation";
  case 3: return "open weights under restrictive terms";
  case 4: return "open weights and code, data closed";
  case 5: return "fully open";
  default: return "unknown";
  }
}

SpectrumVerdict judge_spectrum(const release::Release& r) {
  SpectrumVerdict v;
  v.layers.push_back(layer(r, "code", {ComponentKind::model_architecture, ComponentKind::training_code,
                                        ComponentKind::inference_code, ComponentKind::evaluation_code,
                                        ComponentKind::data_preprocessing_code}));
  v.layers.push_back(layer(r, "weights", {ComponentKind::model_parameters_final}));
  v.layers.push_back(layer(r, "data", {ComponentKind::datasets, ComponentKind::evaluation_data}));
  v.layers.push_back(layer(r, "documentation", {ComponentKind::model_card, ComponentKind::data_card,
                                                 ComponentKind::technical_report, ComponentKind::research_paper}));
  v.layers.push_back(layer(r, "safety-tooling", {ComponentKind::safety_tooling}));
  v.layers.push_back(layer(r, "deployment", {ComponentKind::deployment}));
  v.ceiling = ceiling_of(r);
  decide_level(r, v);
  if (v.label.empty()) {
    v.label = std::string(spectrum_label(v.level.value_or(0)));
  }
  return v;
}

}  // namespace aperture::frameworks
