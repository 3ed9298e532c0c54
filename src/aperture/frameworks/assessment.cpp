#include <aperture/frameworks/assessment.hpp>

#include <algorithm>

#include <fmt/format.h>

#include <aperture/assess/license_openness.hpp>
#include <aperture/frameworks/findings.hpp>
#include <aperture/lineage/resolver.hpp>

namespace aperture::frameworks {
namespace {

OsdVerdict judge_osd(const release::Release& r) {
  OsdVerdict v;
  v.license = release::release_license(r);
  if (v.license.empty()) {
    if (const release::Claim* c = declared_without_license(r)) {
      v.license = c->value;
      v.outcome = assess::Outcome::fail;
      v.reason = fmt::format("declared '{}': no license grants the freedoms the OSD requires", c->value);
      return v;
    }
    v.reason = "no license found";
    return v;
  }
  v.failing = assess::failing_criteria(v.license, false);
  if (!v.failing.empty()) {
    v.outcome = assess::Outcome::fail;
    v.reason = fmt::format("{} fails {}", v.license, v.failing.front().id);
    for (std::size_t i = 1; i < v.failing.size(); ++i) {
      v.reason += ", " + v.failing[i].id;
    }
    return v;
  }
  assess::LicenseOpenness o = assess::judge_openness(v.license, release::ContentType::code);
  v.outcome = o.openness == assess::Openness::open ? assess::Outcome::pass : assess::Outcome::unknown;
  v.reason = o.reason;
  return v;
}

// A LICENSE file too changed to name is part of the release's terms whatever
// the card declares: a clause in it that fails a criterion fails the verdict,
// and without one its terms are unknown, never a pass.
void judge_modified_licenses(const release::Release& r, OsdVerdict& v) {
  std::vector<assess::CriterionVerdict> failing = failing_in_modified_licenses(r);
  if (!failing.empty()) {
    std::string failed;
    for (const assess::CriterionVerdict& c : failing) {
      failed += fmt::format("{}{} ({})", failed.empty() ? "" : ", ", c.id, c.evidence.front().clause);
    }
    v.outcome = assess::Outcome::fail;
    v.reason = fmt::format("the LICENSE file's changed text fails {}", failed);
    v.failing.insert(v.failing.begin(), failing.begin(), failing.end());
  } else if (!r.modified_licenses.empty() && v.outcome == assess::Outcome::pass) {
    v.outcome = assess::Outcome::unknown;
    v.reason = modified_text_summary(r.modified_licenses.front());
  }
}

}  // namespace

Assessment assess_release(release::Release release) {
  Assessment a;
  a.release = std::move(release);
  a.osd = judge_osd(a.release);
  judge_modified_licenses(a.release, a.osd);
  a.osaid = judge_osaid_release(a.release);
  a.mof = judge_mof(a.release);
  a.osai = judge_osai(a.release);
  a.spectrum = judge_spectrum(a.release);
  a.findings = judge_findings(a.release, a.osaid);
  a.lineage = lineage::trace_release(a.release, *lineage::default_resolver());
  a.findings.insert(a.findings.end(), a.lineage.findings.begin(), a.lineage.findings.end());
  // Most severe first, as judge_findings orders its own.
  std::stable_sort(a.findings.begin(), a.findings.end(),
                   [](const release::Finding& x, const release::Finding& y) { return x.severity > y.severity; });
  return a;
}

}  // namespace aperture::frameworks
