// YAML inputs that already describe a release: Model Openness Tool model
// files and European Open Source AI Index entries. Recognised by content.
#pragma once

#include <string>

#include <aperture/release/release.hpp>
#include <aperture/util/result.hpp>

namespace aperture::scan {

// Reads `path` as an MOT model file or an OSAI-index entry; fails naming the
// file when it is neither (or is malformed).
util::Result<release::Release> scan_structured_file(const std::string& path);

}  // namespace aperture::scan
