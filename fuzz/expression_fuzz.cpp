// Fuzzes the SPDX expression parser: any bytes must parse or fail cleanly
// with a one-line message, and a parsed expression's canonical string must
// parse back to the same string.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <aperture/license/expression.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = aperture::license::parse_expression(text);
  if (!parsed) {
    // Errors are one line and name a column (except the length limit).
    const std::string& message = parsed.error().message;
    if (message.empty() || message.find('\n') != std::string::npos) {
      std::abort();
    }
    if (message.find(" at column ") == std::string::npos &&
        size <= aperture::license::k_max_expression_length) {
      std::abort();
    }
    return 0;
  }
  std::string canonical = aperture::license::to_string(*parsed);
  if (aperture::license::leaf_terms(*parsed).empty()) {
    std::abort();
  }
  // Deprecated ids can expand ("wxWindows" becomes 46 bytes), so a long
  // input's canonical form may exceed the length limit: skip those.
  if (canonical.size() > aperture::license::k_max_expression_length) {
    return 0;
  }
  auto reparsed = aperture::license::parse_expression(canonical);
  if (!reparsed || aperture::license::to_string(*reparsed) != canonical) {
    std::abort();
  }
  return 0;
}
