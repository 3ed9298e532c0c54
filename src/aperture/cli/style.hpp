// Terminal styling: colour only on a terminal and when NO_COLOR is unset.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace aperture::cli {

class Style {
public:
  // Colour when `stream` is a terminal and NO_COLOR is not set.
  static Style for_stream(std::FILE* stream);
  explicit Style(bool colour) : m_colour(colour) {}

  [[nodiscard]] std::string bold(std::string_view s) const { return wrap("1", s); }
  [[nodiscard]] std::string dim(std::string_view s) const { return wrap("2", s); }
  [[nodiscard]] std::string green(std::string_view s) const { return wrap("32", s); }
  [[nodiscard]] std::string yellow(std::string_view s) const { return wrap("33", s); }
  [[nodiscard]] std::string red(std::string_view s) const { return wrap("31", s); }
  [[nodiscard]] std::string cyan(std::string_view s) const { return wrap("36", s); }

private:
  [[nodiscard]] std::string wrap(const char* code, std::string_view s) const;
  bool m_colour;
};

}  // namespace aperture::cli
