// Views of a license: its identity, the knowledge base's reading of its terms
// (each citing its clause) and the verdicts on them. One model, printed as
// text or JSON by `license show` and `identify --terms`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <aperture/assess/known_license.hpp>
#include <aperture/terms/terms.hpp>

namespace aperture::report {

using LicenseView = assess::KnownLicense;

// What Aperture knows of `id`: an SPDX id, a knowledge-base id or a Hugging
// Face license id ("llama3.1"). Empty when it knows nothing by that name.
std::optional<LicenseView> describe_license(std::string_view id);

nlohmann::ordered_json to_json(const LicenseView& view);

// The terms that matter, one line each ("commercial use", "allowed [§2]"),
// in a fixed order; what a text view and a side-by-side compare both print.
struct TermLine {
  std::string label;
  std::string value;
};
std::vector<TermLine> term_lines(const terms::Terms& terms);

// A readable, multi-line account; `indent` prefixes every line.
std::string to_text(const LicenseView& view, std::string_view indent = "");

}  // namespace aperture::report
