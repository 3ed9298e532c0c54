// The JSON view of an Assessment (`aperture scan --json`). The schema is
// versioned (k_scan_schema_version) and documented in docs/scan-json.md;
// the same input gives byte-identical output.
#pragma once

#include <string>

#include <aperture/frameworks/assessment.hpp>

namespace aperture::report {

// 2: the `eu_ai_act` member follows k_eu_ai_act_schema_version 2 (docs/scan-json.md).
inline constexpr int k_scan_schema_version = 2;

// The whole report, indented as every command prints JSON, without a final newline.
std::string scan_json(const frameworks::Assessment& assessment);

}  // namespace aperture::report
