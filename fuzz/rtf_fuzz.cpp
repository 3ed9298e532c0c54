// Fuzzes the RTF reader: any bytes give valid UTF-8 without "\r", with the
// source's line count; a crash, a sanitizer report or a broken invariant
// (std::abort) is a bug.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <aperture/util/rtf.hpp>
#include <aperture/util/text.hpp>

#include "check.hpp"

using aperture::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string text = aperture::util::rtf_text(bytes);
  check(aperture::util::is_valid_utf8(text));
  check(text.find('\r') == std::string::npos);
  std::size_t source_lines = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
  check(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) == source_lines);
  return 0;
}
