// The state of one component for the frameworks: is it there, and is its
// license open for what it holds. Shared by the OSAID, spectrum and
// open-washing rules so that they read a component the same way.
#pragma once

#include <string>
#include <vector>

#include <aperture/assess/license_openness.hpp>
#include <aperture/release/release.hpp>

namespace aperture::frameworks {

enum class State { open, restricted, unlicensed, closed, unknown };
std::string_view to_string(State state);

struct ComponentState {
  release::ComponentKind kind = release::ComponentKind::model_architecture;
  State state = State::unknown;
  std::string license_id;
  std::string reason;
  std::vector<release::Evidence> evidence;
};

// open: present with an open license; restricted: present, license not open;
// unlicensed: present, no license found or "none"; closed: absent;
// unknown: only linked, or nothing known.
ComponentState component_state(const release::Release& release, release::ComponentKind kind);

// The most open of several states (for a layer made of several components).
State best_of(const std::vector<ComponentState>& states);

}  // namespace aperture::frameworks
