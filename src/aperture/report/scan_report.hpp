// The JSON view of an Assessment (`aperture scan --json`). The schema is
// versioned (k_scan_schema_version) and documented in docs/scan-json.md;
// the same input gives byte-identical output.
#pragma once

#include <nlohmann/json.hpp>

#include <aperture/frameworks/assessment.hpp>

namespace aperture::report {

inline constexpr int k_scan_schema_version = 1;

nlohmann::ordered_json to_json(const frameworks::Assessment& assessment);

// Pieces other views reuse.
nlohmann::ordered_json to_json(const release::Evidence& evidence);
nlohmann::ordered_json to_json(const release::Finding& finding);
nlohmann::ordered_json to_json(const assess::CriterionVerdict& verdict);

}  // namespace aperture::report
