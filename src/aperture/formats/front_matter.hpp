// YAML front matter of Markdown files (Hugging Face model cards): the block
// between a leading "---" line and the next "---" line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <aperture/formats/yaml_tree.hpp>
#include <aperture/util/result.hpp>

namespace aperture::formats {

struct FrontMatter {
  // The parsed mapping; node lines are lines of the whole text. The block-style
  // `results:` values inside `model-index` (evaluation scores, never read) are
  // not parsed: they read as empty scalars.
  YamlNode data;
  std::string_view yaml;        // the raw block (a view into the input)
  std::size_t yaml_offset = 0;  // byte offset of `yaml` in the input
  std::size_t body_offset = 0;  // where the Markdown body starts
};

// Limits that keep hostile YAML (deep nesting, huge blocks) from hurting.
inline constexpr std::size_t k_max_front_matter_bytes = 1 << 20;
inline constexpr int k_max_front_matter_depth = 64;

// The front matter of `text`. Fails with ErrorCode::not_found when the text
// has none, ErrorCode::parse (with the YAML error, line and column) when it is
// malformed, not a mapping, too large or too deeply nested.
util::Result<FrontMatter> read_front_matter(std::string_view text);

}  // namespace aperture::formats
