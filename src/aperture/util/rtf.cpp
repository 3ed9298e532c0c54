#include <array>
#include <cstdint>

#include <aperture/util/rtf.hpp>
#include <aperture/util/text.hpp>

namespace aperture::util {

namespace {

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Groups whose content is not document text.
bool is_skipped_destination(std::string_view word) {
  static constexpr std::array<std::string_view, 14> k_skipped{
      "fonttbl",      "colortbl",  "stylesheet",        "info",
      "pict",         "object",    "themedata",         "datastore",
      "latentstyles", "listtable", "listoverridetable", "rsidtbl",
      "xmlnstbl",     "generator"};
  for (std::string_view s : k_skipped) {
    if (word == s) {
      return true;
    }
  }
  return false;
}

// Windows-1252 byte to a code point (0x80-0x9F differ from Latin-1).
std::uint32_t cp1252(unsigned char b) {
  static constexpr std::array<std::uint16_t, 32> k_high{
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  return b >= 0x80 && b < 0xA0 ? k_high[b - 0x80] : b;
}

class RtfReader {
public:
  explicit RtfReader(std::string_view rtf) : m_rtf(rtf) { m_out.reserve(rtf.size() / 2); }

  std::string run() {
    while (m_pos < m_rtf.size()) {
      step();
    }
    return std::move(m_out);
  }

private:
  void step() {
    char c = m_rtf[m_pos];
    if (c == '\n') {
      m_out.push_back('\n');  // the source's lines stay, even inside skipped groups
      ++m_pos;
    } else if (c == '\r') {
      ++m_pos;
    } else if (c == '{') {
      open_group();
    } else if (c == '}') {
      if (m_skip_depth != 0 && m_depth == m_skip_depth) {
        m_skip_depth = 0;
      }
      m_depth = m_depth > 0 ? m_depth - 1 : 0;
      ++m_pos;
    } else if (c == '\\') {
      escape();
    } else {
      text(static_cast<unsigned char>(c));
      ++m_pos;
    }
  }

  void open_group() {
    ++m_depth;
    ++m_pos;
    if (m_skip_depth != 0) {
      return;
    }
    // "{\*\destination ...}" and the tables: no text inside.
    std::string_view rest = m_rtf.substr(m_pos, 40);
    bool starred = rest.starts_with("\\*");
    std::size_t w = rest.starts_with("\\") ? 1 : 0;
    std::size_t e = w;
    while (w > 0 && e < rest.size() && is_letter(rest[e])) {
      ++e;
    }
    if (starred || (w > 0 && is_skipped_destination(rest.substr(w, e - w)))) {
      m_skip_depth = m_depth;
    }
  }

  // A control word, a control symbol or an escaped character.
  void escape() {
    ++m_pos;
    if (m_pos >= m_rtf.size()) {
      return;
    }
    char c = m_rtf[m_pos];
    if (is_letter(c)) {
      control_word();
      return;
    }
    ++m_pos;
    if (c == '\'') {
      int hi = m_pos < m_rtf.size() ? hex_digit(m_rtf[m_pos]) : -1;
      int lo = m_pos + 1 < m_rtf.size() ? hex_digit(m_rtf[m_pos + 1]) : -1;
      if (hi >= 0 && lo >= 0) {
        m_pos += 2;
        emit(cp1252(static_cast<unsigned char>(hi * 16 + lo)));
      }
    } else if (c == '\\' || c == '{' || c == '}') {
      emit(static_cast<unsigned char>(c));
    } else if (c == '~') {
      emit(' ');
    } else if (c == '_') {
      emit('-');
    } else if (c == '\n') {
      m_out.push_back('\n');  // "\" at a line end is a paragraph end, and a line end
    }
  }

  void control_word() {
    std::size_t start = m_pos;
    while (m_pos < m_rtf.size() && is_letter(m_rtf[m_pos]) && m_pos - start < 32) {
      ++m_pos;
    }
    std::string_view word = m_rtf.substr(start, m_pos - start);
    bool negative = m_pos < m_rtf.size() && m_rtf[m_pos] == '-';
    std::size_t digits = m_pos + (negative ? 1 : 0);
    std::int64_t value = 0;
    bool has_value = false;
    while (digits < m_rtf.size() && is_digit(m_rtf[digits]) && value < 1000000) {
      value = value * 10 + (m_rtf[digits] - '0');
      has_value = true;
      ++digits;
    }
    if (has_value) {
      m_pos = digits;
      value = negative ? -value : value;
    }
    if (m_pos < m_rtf.size() && m_rtf[m_pos] == ' ') {
      ++m_pos;  // the delimiter belongs to the control word
    }
    apply(word, has_value, value);
  }

  void apply(std::string_view word, bool has_value, std::int64_t value) {
    if (word == "par" || word == "line" || word == "tab" || word == "cell" || word == "row" ||
        word == "sect") {
      emit(' ');
    } else if (word == "u" && has_value) {
      emit(static_cast<std::uint32_t>(value < 0 ? value + 65536 : value));
      m_pending_skip = m_unicode_skip;  // the plain-text stand-in that follows
    } else if (word == "uc" && has_value && value >= 0 && value < 16) {
      m_unicode_skip = static_cast<int>(value);
    } else if (word == "lquote" || word == "rquote") {
      emit('\'');
    } else if (word == "ldblquote" || word == "rdblquote") {
      emit('"');
    } else if (word == "emdash" || word == "endash") {
      emit('-');
    }
  }

  void text(unsigned char c) {
    if (m_pending_skip > 0 && m_skip_depth == 0) {
      --m_pending_skip;
      return;
    }
    emit(c >= 0x80 ? cp1252(c) : c);
  }

  void emit(std::uint32_t cp) {
    if (m_skip_depth != 0) {
      return;
    }
    if (cp == 0 || cp == '\r') {
      cp = ' ';  // the text has neither NULs nor carriage returns
    } else if ((cp >= 0xD800 && cp < 0xE000) || cp > 0x10FFFF) {
      cp = 0xFFFD;  // not a Unicode scalar value
    }
    append_utf8(m_out, cp);
  }

  std::string_view m_rtf;
  std::size_t m_pos = 0;
  std::size_t m_depth = 0;
  std::size_t m_skip_depth = 0;  // depth of the group being skipped; 0 when none
  int m_unicode_skip = 1;        // characters standing in for each "\u"
  int m_pending_skip = 0;
  std::string m_out;
};

}  // namespace

bool is_rtf(std::string_view bytes) {
  return bytes.starts_with("{\\rtf");
}

std::string rtf_text(std::string_view rtf) {
  return RtfReader(rtf).run();
}

}  // namespace aperture::util
