#include <optional>
#include <string>

#include <aperture/formats/front_matter.hpp>

namespace aperture::formats {

namespace {

// Offset just past the line holding `pos`.
std::size_t next_line(std::string_view text, std::size_t pos) {
  std::size_t eol = text.find('\n', pos);
  return eol == std::string_view::npos ? text.size() : eol + 1;
}

// Spaces before the first other character of `line`.
std::size_t indent_of(std::string_view line) {
  std::size_t n = line.find_first_not_of(' ');
  return n == std::string_view::npos ? line.size() : n;
}

// `line` without its line end and trailing spaces and tabs (the text has
// "\n" line ends only: it has been through util::decode_text).
std::string_view trim_right(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  return line;
}

// `yaml` with the values of the block-style `results:` keys inside the
// top-level `model-index:` block left as empty lines (the line count stays,
// so node lines do not move), or nullopt when there are none. Hugging Face's
// evaluation results are 88% of the front-matter bytes of the model-card
// corpus, and nothing reads them: a model card only asks whether
// `model-index` is there and its first entry's name.
std::optional<std::string> without_evaluation_results(std::string_view yaml) {
  std::string out;
  bool blanked = false;
  bool in_index = false;
  std::size_t results_indent = std::string_view::npos;  // inside a `results:` value when set
  std::size_t pos = 0;
  while (pos < yaml.size()) {
    std::size_t eol = next_line(yaml, pos);
    std::string_view line = trim_right(yaml.substr(pos, eol - pos));
    std::size_t indent = indent_of(line);
    std::string_view content = line.substr(indent);
    bool blank_or_comment = content.empty() || content.front() == '#';
    if (results_indent != std::string_view::npos) {
      // A block value is more indented than its key, or a sequence at its key's indentation.
      bool sequence_item = indent == results_indent && (content == "-" || content.starts_with("- "));
      if (blank_or_comment || indent > results_indent || sequence_item) {
        out.push_back('\n');
        blanked = true;
        pos = eol;
        continue;
      }
      results_indent = std::string_view::npos;
    }
    if (indent == 0 && !blank_or_comment && !content.starts_with('-')) {
      in_index = line == "model-index:";  // a top-level key starts or ends the block
    } else if (in_index) {
      std::string_view key = content.starts_with("- ") ? content.substr(2) : content;
      if (key == "results:") {
        results_indent = indent + (content.size() - key.size());
      }
    }
    out.append(yaml.substr(pos, eol - pos));
    pos = eol;
  }
  if (!blanked) {
    return std::nullopt;
  }
  return out;
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
    std::string_view line = trim_right(text.substr(pos, eol - pos));
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
  // Without the evaluation results when there are some; when that text does
  // not parse (a line-wise reading cannot see a quoted scalar spanning lines)
  // the block is read whole, so errors are those of the block as written.
  std::optional<std::string> lean = without_evaluation_results(fm.yaml);
  util::Result<YamlNode> data = parse_yaml(lean ? std::string_view(*lean) : fm.yaml, limits);
  if (!data && lean) {
    data = parse_yaml(fm.yaml, limits);
  }
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
