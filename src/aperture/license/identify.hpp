// The license identifier: every license in a text, with how it matched and
// where. Combines whole-text matching (text_matcher), SPDX tags and notices.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <aperture/license/match.hpp>
#include <aperture/license/spdx_index.hpp>

namespace aperture::license {

// A stretch of the input that is mostly one license text but too different
// to name that license (a clause added, taken out or reworded): a modified or
// unknown license. Only where nothing else names a license.
struct UnidentifiedText {
  std::string closest;  // SPDX id of the text it is most like
  double coverage = 0;  // share of that text's required words present, 0..1
  LineRange lines;
};

struct Identification {
  std::vector<LicenseMatch> licenses;          // in order of first appearance
  std::vector<UnidentifiedText> unidentified;  // in order of appearance
};

// Every license found in `text` (UTF-8, "\n" line ends), and the license
// texts found but not identified.
// `read_metadata` false skips a model card's front matter (for callers that
// read it themselves, like the scanner).
Identification
identify(std::string_view text, const SpdxIndex& index = SpdxIndex::embedded(), bool read_metadata = true);

// identify(...).licenses: empty when none is found.
std::vector<LicenseMatch> identify_text(std::string_view text,
                                        const SpdxIndex& index = SpdxIndex::embedded(),
                                        bool read_metadata = true);

// False when `text` has none of the words every SPDX license text has (so no
// license text can be in it); identify_text then skips whole-text matching.
bool could_hold_license_text(std::string_view text);

}  // namespace aperture::license
