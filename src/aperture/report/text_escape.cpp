#include <fmt/format.h>

#include <aperture/report/text_escape.hpp>
#include <aperture/util/text.hpp>

namespace aperture::report {
namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view k_zero_width_space = "\xE2\x80\x8B";

// U+2028 and U+2029 end lines in some readers; C1 controls are controls.
bool is_line_breaking(std::string_view seq) {
  if (seq == "\xE2\x80\xA8" || seq == "\xE2\x80\xA9") {
    return true;
  }
  return seq.size() == 2 && static_cast<unsigned char>(seq[0]) == 0xC2 &&
         static_cast<unsigned char>(seq[1]) < 0xA0;
}

// Bidirectional embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069) can make quoted text read differently from what it is.
bool is_bidi_control(std::string_view seq) {
  if (seq.size() != 3 || static_cast<unsigned char>(seq[0]) != 0xE2) {
    return false;
  }
  auto b1 = static_cast<unsigned char>(seq[1]);
  auto b2 = static_cast<unsigned char>(seq[2]);
  return (b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9);
}

bool url_safe(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
    return true;
  }
  return std::string_view("-._~:/?#[]@!$&*+,;=%").find(static_cast<char>(c)) != std::string_view::npos;
}

bool starts_with_ascii_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && util::ascii_lower(s.substr(0, prefix.size())) == prefix;
}

}  // namespace

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += c < 0x20 || c == 0x7F ? ' ' : static_cast<char>(c);
      ++i;
      continue;
    }
    std::size_t len = util::utf8_sequence_length(text, i);
    if (len == 0) {
      out += k_replacement;
      ++i;
      continue;
    }
    std::string_view seq = text.substr(i, len);
    if (is_line_breaking(seq)) {
      out += ' ';
    } else {
      out += is_bidi_control(seq) ? k_replacement : seq;
    }
    i += len;
  }
  return out;
}

std::string html_escape(std::string_view text) {
  std::string clean = one_line(text);
  std::string out;
  out.reserve(clean.size() + clean.size() / 8);
  for (char c : clean) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
  return out;
}

std::string markdown_escape(std::string_view text) {
  constexpr std::string_view k_active = "\\`*_[]<>|~&$";
  std::string clean = one_line(text);
  std::string out;
  out.reserve(clean.size() + clean.size() / 8);
  for (char c : clean) {
    if (k_active.find(c) != std::string_view::npos) {
      out += '\\';
    }
    out += c;
    if (c == '@') {
      out += k_zero_width_space;
    }
  }
  return out;
}

std::string http_url(std::string_view url) {
  std::string_view rest;
  if (starts_with_ascii_ci(url, "https://")) {
    rest = url.substr(8);
  } else if (starts_with_ascii_ci(url, "http://")) {
    rest = url.substr(7);
  } else {
    return "";
  }
  if (rest.empty() || rest.front() == '/') {
    return "";  // no host
  }
  std::string out;
  out.reserve(url.size());
  for (char ch : url) {
    auto c = static_cast<unsigned char>(ch);
    out += url_safe(c) ? std::string(1, ch) : fmt::format("%{:02X}", c);
  }
  return out;
}

}  // namespace aperture::report
