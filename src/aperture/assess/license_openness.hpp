// Is a component's license open for what the component holds? The one
// answer every framework (MOF, OSAI index, OSAID, the spectrum) builds on.
#pragma once

#include <string>
#include <string_view>

#include <vector>

#include <aperture/assess/verdict.hpp>
#include <aperture/release/release.hpp>

namespace aperture::assess {

enum class Openness {
  open,        // the license grants the OSD freedoms (code) or is an open content licence (data, documents)
  restricted,  // a known license whose terms fail the OSD (non-commercial, field-of-use bans, ...)
  none,        // explicitly no license ("unlicensed", "proprietary", "undisclosed")
  unknown,     // nothing Aperture can read
};
std::string_view to_string(Openness openness);

struct LicenseOpenness {
  Openness openness = Openness::unknown;
  std::string id;      // resolved id or expression, empty when unresolved
  std::string reason;  // one line: "Apache-2.0 is OSI-approved", "CC-BY-NC-4.0 fails OSD 6 (§3.a)"
};

// Judges `license` as written by a source: an SPDX id or expression, a
// knowledge-base id, a Hugging Face id, or a word like "unlicensed".
// Expressions: OR takes the most open alternative, AND the least open.
LicenseOpenness judge_openness(std::string_view license, release::ContentType type);

}  // namespace aperture::assess

namespace aperture::assess {

// The OSD criteria (or, with `osaid`, the OSAID freedoms) that the licenses of
// `expression` fail, each with its clauses and the license URL. Empty when
// none fails or nothing is known of the terms.
std::vector<CriterionVerdict> failing_criteria(std::string_view expression, bool osaid);

}  // namespace aperture::assess
