// Fuzzes the clause detector over any bytes: raw bytes -> decode_text ->
// detect_clauses. Every clause must point at lines that exist, in order, and
// carry a quote; a crash, a sanitizer report or a broken invariant below
// (std::abort) is a bug.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/terms/clause_detector.hpp>
#include <aperture/util/text.hpp>

#include "check.hpp"

namespace {

using aperture::fuzz::check;

// Characters, not bytes: quotes and details are cut at 300 characters.
std::size_t utf8_chars(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto text = aperture::util::decode_text(bytes, "fuzz-input");
  if (!text) {
    return 0;
  }
  aperture::util::LineIndex lines(*text);
  std::uint32_t previous_line = 0;
  for (const aperture::terms::DetectedClause& c : aperture::terms::detect_clauses(*text)) {
    // Lines exist and the sentence runs forward; clauses come in text order.
    check(c.first_line >= 1 && c.first_line <= c.last_line && c.last_line <= lines.line_count());
    check(c.first_line >= previous_line);
    previous_line = c.first_line;
    // The quote is the sentence as it reads, folded and cut: valid UTF-8
    // when the input is, never empty, never padded.
    check(!c.quote.empty() && utf8_chars(c.quote) <= 300);
    check(c.quote.front() != ' ' && c.quote.back() != ' ');
    check(c.quote.find("  ") == std::string::npos && c.quote.find('\n') == std::string::npos);
    check(aperture::util::is_valid_utf8(c.quote) && aperture::util::is_valid_utf8(c.detail));
    check(utf8_chars(c.detail) <= 300);
    // Thresholds carry a positive number and a unit; other kinds neither.
    bool threshold = c.kind == aperture::terms::ClauseKind::user_threshold ||
                     c.kind == aperture::terms::ClauseKind::revenue_threshold;
    check(threshold == c.number.has_value());
    check(!threshold || (*c.number > 0 && !c.unit.empty()));
    check(!aperture::terms::to_string(c.kind).empty());
  }
  return 0;
}
