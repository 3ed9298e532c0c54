// Fuzzes the path every input file takes: raw bytes -> decode_text ->
// tokenize -> identify. Any bytes must either be refused with one error
// or give well-formed text, tokens and matches; a crash, a sanitizer report or
// a broken invariant below (std::abort) is a bug.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/license/identify.hpp>
#include <aperture/license/normalize.hpp>
#include <aperture/util/text.hpp>

#include "check.hpp"

using aperture::fuzz::check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);

  // Decoding either refuses the input with a message naming the file, or
  // gives valid UTF-8 with "\n" line ends only.
  auto text = aperture::util::decode_text(bytes, "fuzz-input");
  if (!text) {
    check(!text.error().message.empty());
    check(text.error().path == "fuzz-input");
    return 0;
  }
  check(aperture::util::is_valid_utf8(*text));
  check(text->find('\r') == std::string::npos);

  // Tokens are non-empty words at offsets inside the text, in text order.
  std::vector<aperture::license::Token> tokens = aperture::license::tokenize(*text);
  std::uint32_t previous = 0;
  for (const aperture::license::Token& t : tokens) {
    check(!t.word.empty());
    check(t.offset < text->size());
    check(t.offset >= previous);
    previous = t.offset;
  }

  // Every match names a license, has a confidence in [0, 1] and points at
  // lines that exist; every text too changed to name gives the text it is
  // most like, a share of its words in [0, 1] and lines that exist.
  aperture::util::LineIndex lines(*text);
  auto valid = [&](const aperture::license::LineRange& r) {
    return r.first >= 1 && r.first <= r.last && r.last <= lines.line_count();
  };
  aperture::license::Identification found = aperture::license::identify(*text);
  for (const aperture::license::LicenseMatch& m : found.licenses) {
    check(!m.id.empty());
    check(m.confidence >= 0.0 && m.confidence <= 1.0);
    for (const aperture::license::LineRange& r : m.lines) {
      check(valid(r));
    }
  }
  for (const aperture::license::UnidentifiedText& u : found.unidentified) {
    check(!u.closest.empty());
    check(u.coverage >= 0.0 && u.coverage <= 1.0);
    check(valid(u.lines));
  }
  return 0;
}
