// The OSI Open Source AI Definition 1.0 for a whole release: the preferred
// form to make modifications (data information, complete code, parameters),
// each under terms that grant the four freedoms (use, study, modify, share).
// https://opensource.org/ai/open-source-ai-definition
#pragma once

#include <vector>

#include <aperture/assess/verdict.hpp>
#include <aperture/release/release.hpp>

namespace aperture::frameworks {

struct OsaidVerdict {
  assess::Outcome outcome = assess::Outcome::unknown;  // pass = conforms, fail = does not
  std::vector<assess::CriterionVerdict> requirements;  // data-information, code, parameters, freedoms
};

OsaidVerdict judge_osaid_release(const release::Release& release);

}  // namespace aperture::frameworks
