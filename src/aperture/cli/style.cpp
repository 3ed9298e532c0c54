#include <aperture/cli/style.hpp>

#include <cstdlib>
#include <unistd.h>

namespace aperture::cli {

Style Style::for_stream(std::FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  bool colour = (no_color == nullptr || *no_color == '\0') && ::isatty(::fileno(stream)) != 0;
  return Style(colour);
}

std::string Style::wrap(const char* code, std::string_view s) const {
  if (!m_colour) {
    return std::string(s);
  }
  return std::string("\x1b[") + code + "m" + std::string(s) + "\x1b[0m";
}

}  // namespace aperture::cli
