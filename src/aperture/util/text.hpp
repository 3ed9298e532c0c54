// Turning raw input bytes into UTF-8 text with "\n" line ends, and mapping
// byte offsets back to line numbers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/util/result.hpp>

namespace aperture::util {

// Decodes `bytes`: strips a UTF-8 BOM, converts UTF-16 (LE or BE, with BOM) to
// UTF-8, reads bytes that are not valid UTF-8 as Latin-1, and turns CRLF and
// lone CR into LF, and reads an RTF document as its text (util/rtf.hpp). Fails
// with ErrorCode::binary when the data holds NUL bytes (and is not UTF-16;
// NULs that only pad the end of an RTF document do not count), naming `path`.
Result<std::string> decode_text(std::string_view bytes, const std::string& path);

// Appends code point `cp` to `out` as UTF-8. REQUIRES: cp is a Unicode scalar value.
void append_utf8(std::string& out, std::uint32_t cp);

// True when `s` is valid UTF-8.
bool is_valid_utf8(std::string_view s);

// Length of the valid UTF-8 sequence at `s[i]` (1 to 4), or 0 when the bytes
// there are not one (overlong forms and surrogates are not). REQUIRES: i < s.size().
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// Line starts of a text, for offset → 1-based line number.
class LineIndex {
public:
  explicit LineIndex(std::string_view text);
  // 1-based line holding byte `offset`.
  [[nodiscard]] std::uint32_t line_of(std::size_t offset) const;
  [[nodiscard]] std::uint32_t line_count() const { return static_cast<std::uint32_t>(m_starts.size()); }
  // Byte offset where 1-based `line` starts.
  [[nodiscard]] std::size_t start_of(std::uint32_t line) const { return m_starts[line - 1]; }

private:
  std::vector<std::size_t> m_starts;
};

// `s` cut to at most `n` bytes (never inside a UTF-8 sequence), with "…"
// added when something was cut.
std::string clip_utf8(std::string_view s, std::size_t n);

// Lower-cases ASCII letters.
std::string ascii_lower(std::string_view s);
inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// ASCII white space: space, tab, line feed, carriage return, form feed, vertical tab.
inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// `s` without leading and trailing ASCII white space.
std::string_view trim(std::string_view s);

// Splits `s` on `sep`.
std::vector<std::string_view> split(std::string_view s, char sep);

// The value of a hexadecimal digit ('0'-'9', 'a'-'f', 'A'-'F'); -1 for any other character.
int hex_digit(char c);

}  // namespace aperture::util
