// Releases side by side (`aperture compare`): the verdicts, the terms of each
// release's license that matter, and every component, one row each, with the
// rows that differ marked. One model for the text and JSON views.
#pragma once

#include <string>
#include <vector>

#include <aperture/frameworks/assessment.hpp>

namespace aperture::report {

struct CompareRow {
  std::string section;              // "verdicts", "terms", "components"
  std::string label;                // "License", "commercial use", "Training code"
  std::vector<std::string> values;  // one per release, "-" when it has none
  bool differs = false;
};

std::vector<CompareRow> compare_rows(const std::vector<frameworks::Assessment>& releases);

// The versioned JSON of a comparison: releases (target, name) and rows.
std::string compare_json(const std::vector<frameworks::Assessment>& releases);

}  // namespace aperture::report
