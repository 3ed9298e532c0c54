// The openness spectrum, five levels from "API only" to "fully open":
//   1 API only
//   2 API with published documentation
//   3 open weights under restrictive terms (or without open code)
//   4 open weights and code under open licenses, data closed
//   5 fully open: code, weights and data under open terms
// judged per layer (code, weights, data, documentation, safety tooling,
// deployment) and overall.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <aperture/frameworks/component_verdict.hpp>

namespace aperture::frameworks {

struct LayerVerdict {
  std::string layer;  // "code", "weights", "data", "documentation", "safety-tooling", "deployment"
  State state = State::unknown;
  std::vector<ComponentState> components;
};

struct SpectrumVerdict {
  std::optional<int> level;  // empty when the weights were not seen (a card or license alone)
  std::string label;
  std::string reason;
  int ceiling = 5;           // the highest level the terms allow
  std::vector<LayerVerdict> layers;
};

std::string_view spectrum_label(int level);

SpectrumVerdict judge_spectrum(const release::Release& release);

}  // namespace aperture::frameworks
