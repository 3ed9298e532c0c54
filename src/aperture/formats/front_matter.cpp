#include <aperture/formats/front_matter.hpp>

namespace aperture::formats {

namespace {

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
  YamlLimits limits;
  limits.max_depth = k_max_front_matter_depth;
  limits.first_line = 2;  // the block starts on the card's line 2
  auto data = parse_yaml(fm.yaml, limits);
  if (!data) {
    return util::make_error(util::ErrorCode::parse, "front matter: " + data.error().message);
  }
  fm.data = std::move(*data);
  if (fm.data.kind == YamlNode::Kind::null) {
    fm.data.kind = YamlNode::Kind::mapping;
  }
  if (!fm.data.is_mapping()) {
    return util::make_error(util::ErrorCode::parse, "front matter is not a mapping");
  }
  return fm;
}

}  // namespace aperture::formats
