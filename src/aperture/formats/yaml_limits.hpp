// Cheap checks on YAML text before yaml-cpp (which recurses per nesting
// level) parses it, so hostile input is refused first.
#pragma once

#include <cstddef>
#include <string_view>

namespace aperture::formats {

// Deepest nesting of flow collections ([ {).
int flow_depth(std::string_view yaml);

// Widest indentation of any line (spaces and "- "): block nesting needs at
// least one column per level.
std::size_t widest_indent(std::string_view yaml);

}  // namespace aperture::formats
