#include <aperture/frameworks/component_verdict.hpp>

#include <fmt/format.h>

namespace aperture::frameworks {

using assess::Openness;
using release::Presence;

std::string_view to_string(State state) {
  switch (state) {
  case State::open: return "open";
  case State::restricted: return "restricted";
  case State::unlicensed: return "unlicensed";
  case State::closed: return "closed";
  case State::unknown: return "unknown";
  }
  return "unknown";
}

ComponentState component_state(const release::Release& r, release::ComponentKind kind) {
  const release::Component& c = r.component(kind);
  ComponentState s{kind, State::unknown, c.license_id, {}, c.evidence};
  std::string_view name = release::mof_name(kind);
  if (c.presence == Presence::absent) {
    s.state = State::closed;
    s.reason = fmt::format("{}: not released", name);
    return s;
  }
  if (c.presence == Presence::unknown) {
    s.reason = c.evidence.empty() ? fmt::format("{}: nothing known", name)
                                  : fmt::format("{}: linked, not part of what was scanned", name);
    return s;
  }
  std::string license = c.license_id.empty() ? c.license : c.license_id;
  if (license.empty()) {
    s.state = State::unlicensed;
    s.reason = fmt::format("{}: present, no license found", name);
    return s;
  }
  assess::LicenseOpenness o = assess::judge_openness(license, release::content_type(kind));
  switch (o.openness) {
  case Openness::open: s.state = State::open; break;
  case Openness::restricted: s.state = State::restricted; break;
  case Openness::none: s.state = State::unlicensed; break;
  case Openness::unknown: s.state = State::unknown; break;
  }
  s.reason = fmt::format("{}: {}", name, o.reason);
  return s;
}

State best_of(const std::vector<ComponentState>& states) {
  auto rank = [](State s) {
    switch (s) {
    case State::open: return 4;
    case State::restricted: return 3;
    case State::unlicensed: return 2;
    case State::unknown: return 1;
    case State::closed: return 0;
    }
    return 0;
  };
  State best = State::closed;
  bool any = false;
  for (const auto& s : states) {
    if (!any || rank(s.state) > rank(best)) {
      best = s.state;
      any = true;
    }
  }
  return best;
}

}  // namespace aperture::frameworks
