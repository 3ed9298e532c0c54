// Verdicts on a license's terms: the ten criteria of the OSI Open Source
// Definition, and whether the terms grant the four freedoms of the OSI Open
// Source AI Definition 1.0 (use, study, modify, share, for any purpose).
// Pure functions of the knowledge base's reading of the terms.
#pragma once

#include <aperture/assess/verdict.hpp>
#include <aperture/terms/terms.hpp>

namespace aperture::assess {

struct LicenseVerdicts {
  std::vector<CriterionVerdict> osd;     // ten, in the Definition's order
  Outcome osd_overall = Outcome::unknown;
  bool osi_approved = false;             // from the SPDX list
  std::vector<CriterionVerdict> osaid;   // use, study, modify, share
  Outcome osaid_overall = Outcome::unknown;
};

// Judges `profile`. `osi_approved` comes from the SPDX data; an OSI-approved
// license passes the OSD by the OSI's own review even where Aperture's reading
// of a criterion is incomplete.
LicenseVerdicts judge_license(const terms::LicenseProfile& profile, bool osi_approved);

}  // namespace aperture::assess
