// What Aperture reports for one license found in a text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aperture::license {

// How a license was recognised.
enum class MatchKind {
  license_text,   // the input is (essentially) the whole license text
  embedded_text,  // the license text inside a larger file (README section, file header)
  spdx_tag,       // an "SPDX-License-Identifier:" tag
  notice,         // a notice or reference ("Licensed under the Apache License, Version 2.0")
  declared,       // declared metadata (a model card's `license:` field)
};

std::string_view to_string(MatchKind kind);

struct LineRange {
  std::uint32_t first = 0;  // 1-based, inclusive
  std::uint32_t last = 0;
};

struct LicenseMatch {
  std::string id;    // SPDX id (or an Aperture id for AI licenses)
  std::string name;
  bool osi_approved = false;
  double confidence = 0;  // 0..1
  MatchKind kind = MatchKind::license_text;
  std::vector<LineRange> lines;
  std::string evidence;  // the matched tag or notice, or a summary of the text match
  // For tags: the whole expression, canonical ("MIT OR Apache-2.0"), since
  // the ids it names may be alternatives rather than all in force.
  std::string expression;
};

}  // namespace aperture::license
