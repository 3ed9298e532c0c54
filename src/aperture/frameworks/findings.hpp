// Findings on a whole release: open-washing (a claim of "open source" that
// the terms contradict), declared licenses that contradict the LICENSE file or
// the GGUF metadata, and missing licenses. Each quotes the claim and the
// contradicting clause with file and line.
#pragma once

#include <string>
#include <vector>

#include <aperture/assess/verdict.hpp>
#include <aperture/frameworks/osaid.hpp>
#include <aperture/release/release.hpp>

namespace aperture::frameworks {

// The declared license when it is a word for "no license" ("proprietary",
// "all rights reserved": a manifest's service terms); empty otherwise. An
// answer, not a missing fact: such a release fails the OSD.
const release::Claim* declared_without_license(const release::Release& release);

// Where a changed LICENSE text (release::ModifiedLicense) starts, with the
// page of the license it is most like: "most like MIT".
release::Evidence modified_text_evidence(const release::ModifiedLicense& m);

// "LICENSE holds a changed MIT text: its terms are not MIT's".
std::string modified_text_summary(const release::ModifiedLicense& m);

// The OSD criteria that clauses found in changed LICENSE texts fail
// (release::ModifiedLicense): use bans and commercial limits criterion 6, user
// and revenue thresholds criterion 5. Each verdict's one evidence names the
// clause's place as "FILE:LINE" and quotes it.
std::vector<assess::CriterionVerdict> failing_in_modified_licenses(const release::Release& release);

std::vector<release::Finding> judge_findings(const release::Release& release, const OsaidVerdict& osaid);

}  // namespace aperture::frameworks
