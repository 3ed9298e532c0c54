// `aperture scan`: turns a target (a model directory, a model card, a license
// text, a single weights file, an MOT or OSAI-index YAML file) into a Release.
// Reads headers only; never executes or unpickles anything.
#pragma once

#include <string>
#include <string_view>

#include <aperture/release/release.hpp>
#include <aperture/util/result.hpp>

namespace aperture::scan {

// Fails only when the target cannot be read at all (missing, unreadable,
// not a kind of input Aperture knows); problems inside it are findings.
util::Result<release::Release> scan_target(const std::string& target);

// The pieces, for callers that already hold the text.
release::Release scan_model_card_text(std::string_view text, const std::string& path);
release::Release scan_license_text(std::string_view text, const std::string& path);

}  // namespace aperture::scan
