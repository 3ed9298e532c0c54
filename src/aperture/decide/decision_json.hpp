// Decisions as versioned JSON (`aperture check --json`, docs/check.md).
#pragma once

#include <string>
#include <vector>

#include <aperture/decide/decision.hpp>

namespace aperture::decide {

// The schema version of check's JSON; bump on any incompatible change.
inline constexpr int k_check_json_version = 1;

// {"schema_version", "disclaimer", "verdict", "requirements", "policy", "targets": [...]}:
// `overall` is the worst verdict of `decisions`; `requirements` as --require writes them.
std::string decisions_json(const std::vector<Decision>& decisions, const Policy& policy);

// The worst verdict of `decisions` (allowed when there are none).
Verdict overall_verdict(const std::vector<Decision>& decisions);

}  // namespace aperture::decide
