// A small YAML document tree read with libyaml's event parser: fast (about
// ten times yaml-cpp on model-card front matter), never recursive, bounded in
// depth and size, and aliases are not expanded (no "billion laughs").
// Scalars stay text as written ("null", "123"); only the first document is read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <aperture/util/result.hpp>

namespace aperture::formats {

struct YamlEntry;

struct YamlNode {
  enum class Kind : std::uint8_t { null, scalar, sequence, mapping };
  Kind kind = Kind::null;
  std::string scalar;
  std::vector<YamlNode> items;                             // sequence
  std::vector<YamlEntry> entries;                          // mapping, in order; scalar keys only
  std::uint32_t line = 0;                                  // 1-based, in the parsed text

  [[nodiscard]] bool is_scalar() const { return kind == Kind::scalar; }
  [[nodiscard]] bool is_sequence() const { return kind == Kind::sequence; }
  [[nodiscard]] bool is_mapping() const { return kind == Kind::mapping; }
  // The value of `key` in a mapping (the first, if repeated), or nullptr.
  [[nodiscard]] const YamlNode* find(std::string_view key) const;
};

struct YamlEntry {
  std::string key;
  YamlNode value;
};

// `node` itself when it is a scalar, each scalar item when it is a sequence;
// nothing for null, mappings, or a missing node (nullptr).
std::vector<const YamlNode*> scalars_of(const YamlNode* node);

struct YamlLimits {
  int max_depth = 64;
  std::size_t max_nodes = 200000;
  std::uint32_t first_line = 1;  // the line number of the text's first line (for text cut from a file)
};

// Parses the first document of `text`. Fails with ErrorCode::parse and one
// line ("mapping values are not allowed in this context at line 3, column 7")
// when the YAML is malformed or exceeds `limits`. Line numbers in errors and
// nodes count from `limits.first_line`. An empty document is a null node.
util::Result<YamlNode> parse_yaml(std::string_view text, const YamlLimits& limits = {});

}  // namespace aperture::formats
