#include <aperture/formats/yaml_limits.hpp>

#include <algorithm>

namespace aperture::formats {

int flow_depth(std::string_view yaml) {
  int depth = 0;
  int deepest = 0;
  for (char c : yaml) {
    if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

std::size_t widest_indent(std::string_view yaml) {
  std::size_t widest = 0;
  std::size_t start = 0;
  while (start < yaml.size()) {
    std::size_t end = yaml.find('\n', start);
    end = end == std::string_view::npos ? yaml.size() : end;
    std::size_t indent = start;
    while (indent < end && (yaml[indent] == ' ' || yaml[indent] == '-')) {
      ++indent;
    }
    widest = std::max(widest, indent - start);
    start = end + 1;
  }
  return widest;
}

}  // namespace aperture::formats
