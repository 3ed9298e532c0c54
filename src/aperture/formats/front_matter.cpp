#include <aperture/formats/front_matter.hpp>

namespace aperture::formats {

namespace {

// Deepest nesting of flow collections ([ { ) and indentation-free structure;
// yaml-cpp recurses per level, so hostile input is refused before parsing.
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

// Offset just past the line holding `pos`.
std::size_t next_line(std::string_view text, std::size_t pos) {
  std::size_t eol = text.find('\n', pos);
  return eol == std::string_view::npos ? text.size() : eol + 1;
}

}  // namespace

util::Result<FrontMatter> read_front_matter(std::string_view text) {
  if (!(text.starts_with("---\n") || text.starts_with("--- \n") || text == "---")) {
    return util::make_error(util::ErrorCode::not_found, "no front matter");
  }
  std::size_t start = next_line(text, 0);
  // The closing line is "---" (or "...") alone.
  std::size_t pos = start;
  std::size_t close = std::string_view::npos;
  while (pos < text.size()) {
    std::size_t eol = next_line(text, pos);
    std::string_view line = text.substr(pos, eol - pos);
    while (!line.empty() && (line.back() == '\n' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    if (line == "---" || line == "...") {
      close = pos;
      break;
    }
    pos = eol;
  }
  if (close == std::string_view::npos) {
    return util::make_error(util::ErrorCode::parse, "front matter is not closed by a '---' line");
  }
  FrontMatter fm;
  fm.yaml = text.substr(start, close - start);
  fm.yaml_offset = start;
  fm.body_offset = next_line(text, close);
  if (fm.yaml.size() > k_max_front_matter_bytes) {
    return util::make_error(util::ErrorCode::parse, "front matter larger than 1 MiB");
  }
  if (flow_depth(fm.yaml) > k_max_front_matter_depth) {
    return util::make_error(util::ErrorCode::parse, "front matter nested more than 64 levels deep");
  }
  try {
    fm.data = YAML::Load(std::string(fm.yaml));
  } catch (const YAML::Exception& e) {
    return util::make_error(util::ErrorCode::parse,
                            "front matter: " + e.msg + " at line " + std::to_string(e.mark.line + 2) + ", column " +
                                std::to_string(e.mark.column + 1));
  }
  if (fm.data.IsNull()) {
    fm.data = YAML::Node(YAML::NodeType::Map);
  }
  if (!fm.data.IsMap()) {
    return util::make_error(util::ErrorCode::parse, "front matter is not a mapping");
  }
  return fm;
}

}  // namespace aperture::formats
