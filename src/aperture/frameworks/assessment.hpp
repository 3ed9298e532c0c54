// An Assessment: a Release and every framework's verdict on it, with the
// findings. What every view (terminal, JSON, later HTML and SARIF) renders.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <aperture/assess/verdict.hpp>
#include <aperture/frameworks/mof.hpp>
#include <aperture/frameworks/osai_index.hpp>
#include <aperture/frameworks/osaid.hpp>
#include <aperture/frameworks/spectrum.hpp>
#include <aperture/lineage/lineage.hpp>
#include <aperture/release/release.hpp>

namespace aperture::frameworks {

// The Open Source Definition, judged on the license of the weights (or, for
// a license text alone, on the licenses found).
struct OsdVerdict {
  assess::Outcome outcome = assess::Outcome::unknown;
  std::string license;  // the expression judged
  std::string reason;
  std::vector<assess::CriterionVerdict> failing;
};

struct Assessment {
  release::Release release;
  OsdVerdict osd;
  OsaidVerdict osaid;
  MofVerdict mof;
  OsaiVerdict osai;
  SpectrumVerdict spectrum;
  // Base models up to the roots and the obligations inherited; its findings join `findings`.
  lineage::Lineage lineage;
  std::vector<release::Finding> findings;
};

Assessment assess_release(release::Release release);

}  // namespace aperture::frameworks
