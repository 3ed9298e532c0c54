// The license identifier: every license in a text, with how it matched and
// where. Combines whole-text matching (text_matcher), SPDX tags and notices.
#pragma once

#include <string_view>
#include <vector>

#include <aperture/license/match.hpp>
#include <aperture/license/spdx_index.hpp>

namespace aperture::license {

// Every license found in `text` (UTF-8, "\n" line ends), in order of first
// appearance. Empty when none is found.
// `read_metadata` false skips a model card's front matter (for callers that
// read it themselves, like the scanner).
std::vector<LicenseMatch> identify_text(std::string_view text,
                                        const SpdxIndex& index = SpdxIndex::embedded(),
                                        bool read_metadata = true);

// False when `text` has none of the words every SPDX license text has (so no
// license text can be in it); identify_text then skips whole-text matching.
bool could_hold_license_text(std::string_view text);

}  // namespace aperture::license
