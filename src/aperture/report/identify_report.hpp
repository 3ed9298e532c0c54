// What `aperture identify --json` says of one text: the licenses found (with
// their lines and evidence) and, with terms, each license's terms and verdicts
// and the restrictive clauses quoted from texts Aperture has no reading of.
// Shared by the command and the server's POST /api/analyze.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <aperture/license/identify.hpp>
#include <aperture/terms/clause_detector.hpp>

namespace aperture::report {

struct IdentifiedText {
  std::vector<license::LicenseMatch> licenses;
  std::vector<terms::DetectedClause> clauses;  // only with terms, and only when needed
  std::vector<license::UnidentifiedText> unidentified;
};

// Identifies the licenses in `text`; with `with_terms`, also quotes restrictive
// clauses when some license found has no reading of its terms (or none was found).
IdentifiedText identify_with_clauses(std::string_view text, bool with_terms);

// The fields "clauses" (with terms only), "licenses" and, when there are any,
// "unidentified" of one result.
nlohmann::ordered_json identify_json(const IdentifiedText& found, bool with_terms);

}  // namespace aperture::report
