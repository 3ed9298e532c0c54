// Model Openness Tool (MOT) model files: the YAML the MOT keeps for each
// release it lists (github.com/lfai/model_openness_tool, models/*.yml).
#pragma once

#include <cstddef>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include <aperture/release/release.hpp>
#include <aperture/util/result.hpp>

namespace aperture::formats {

// Limits that keep hostile YAML (huge files, deep flow nesting) from hurting.
inline constexpr std::size_t k_max_mot_file_bytes = 1 << 20;
inline constexpr int k_max_mot_file_depth = 64;

// True when `doc` is an MOT model file: its framework.name is "Model Openness
// Framework" or it has release.components.
bool looks_like_mot(const YAML::Node& doc);

// Reads the MOT model file `text` (already decoded) found at `path` into a
// Release (input_kind "mot"). Each listed component is present, with its
// license as the MOT resolves it: the component's own `license` when the key
// is set (an empty value means none), else the release's license for the
// component's content type (release.license.code / data / document), else
// release.license.distribution. A component whose license says "Component not
// included" is absent; components not listed are absent. Evidence names `path`
// and the line of the component and of the license applied. Fails with
// ErrorCode::parse (one line naming `path`) on malformed, oversized or too
// deeply nested YAML, and ErrorCode::invalid when the YAML is not an MOT file.
util::Result<release::Release> read_mot_file(std::string_view text, std::string_view path);

}  // namespace aperture::formats
