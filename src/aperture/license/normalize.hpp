// Tokenisation and normalisation of license texts, following the SPDX License
// List Matching Guidelines. The same code runs at build time (over the SPDX
// texts, in aperture_indexgen) and at run time (over inputs), so both sides
// always agree on what a word is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aperture::license {

struct Token {
  std::string word;          // normalised: lower case, varietal spellings unified
  std::uint32_t offset = 0;  // byte offset of the word in the input text
};

// Splits `text` into normalised words. What the guidelines let a matcher ignore
// is dropped here:
// - case, white space, punctuation, quotes and dashes (words are letters and digits;
//   "sub-license" and "sublicense" are the same word);
// - comment markers of source files (they are punctuation), and a line prefix
//   with letters or digits repeated on nearly every line (see line_prefix);
// - list markers: "1.", "(a)", "iv)" at a line start and "(b)" anywhere;
// - copyright lines ("Copyright (c) 2004 ...", "(c) ...", "©"), which the
//   templates treat as replaceable;
// - URL schemes ("http", "https", "www");
// - markup: HTML/XML tags, template placeholders such as "<year>" and entities;
// - varietal spellings from the SPDX equivalent-words list ("licence" → "license").
std::vector<Token> tokenize(std::string_view text);

// A token that opens (nearly) every line of a text and is not license text:
// a comment marker with letters in it ("c", "dnl", "%%Copyright:") or a line
// number. Four lines at least, 80% of the non-blank ones.
struct LinePrefix {
  enum class Kind { none, token, number };
  Kind kind = Kind::none;
  std::string token;  // for Kind::token
};
LinePrefix line_prefix(std::string_view text);

// Where `prefix` ends on a line whose first word starts at `pos`: past the
// prefix token or line number, before the space after it; `pos` itself when
// the line does not start with the prefix.
std::size_t skip_line_prefix(std::string_view text, std::size_t pos, const LinePrefix& prefix);

// The canonical spelling of one lower-case word (the equivalent-words table).
std::string_view canonical_word(std::string_view word);

}  // namespace aperture::license
