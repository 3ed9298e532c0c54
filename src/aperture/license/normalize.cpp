#include <algorithm>
#include <array>
#include <utility>

#include <aperture/license/normalize.hpp>
#include <aperture/util/text.hpp>

namespace aperture::license {

namespace {

// Varietal spellings (SPDX equivalentwords.txt, the single-word entries, and
// British/American pairs that occur in license texts).
constexpr std::array<std::pair<std::string_view, std::string_view>, 40> k_equivalents{{
    {"acknowledgement", "acknowledgment"},
    {"analogue", "analog"},
    {"analyse", "analyze"},
    {"artefact", "artifact"},
    {"authorisation", "authorization"},
    {"authorised", "authorized"},
    {"calibre", "caliber"},
    {"cancelled", "canceled"},
    {"capitalisations", "capitalizations"},
    {"catalogue", "catalog"},
    {"categorise", "categorize"},
    {"centre", "center"},
    {"emphasised", "emphasized"},
    {"favour", "favor"},
    {"favourite", "favorite"},
    {"fulfil", "fulfill"},
    {"fulfilment", "fulfillment"},
    {"initialise", "initialize"},
    {"judgement", "judgment"},
    {"labelling", "labeling"},
    {"labour", "labor"},
    {"licence", "license"},
    {"licences", "licenses"},
    {"licenced", "licensed"},
    {"licencing", "licensing"},
    {"licencee", "licensee"},
    {"licencor", "licensor"},
    {"maximise", "maximize"},
    {"modelled", "modeled"},
    {"modelling", "modeling"},
    {"offence", "offense"},
    {"optimise", "optimize"},
    {"organisation", "organization"},
    {"organise", "organize"},
    {"practise", "practice"},
    {"programme", "program"},
    {"realise", "realize"},
    {"recognise", "recognize"},
    {"signalling", "signaling"},
    {"utilisation", "utilization"},
}};

// Longest copyright statement dropped as a whole line.
constexpr std::size_t k_max_copyright_line = 160;
// Longest statement whose holders run on over the next lines.
constexpr std::size_t k_max_copyright_statement = 320;

// Position of lower-case `needle` in `hay`, ignoring ASCII case.
std::size_t util_find_ci(std::string_view hay, std::string_view needle) {
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    bool equal = true;
    for (std::size_t k = 0; k < needle.size() && equal; ++k) {
      char c = hay[i + k];
      equal = util::ascii_lower(c) == needle[k];
    }
    if (equal) {
      return i;
    }
  }
  return std::string_view::npos;
}

constexpr std::array<std::string_view, 5> k_dropped_words{"http", "https", "www", "ftp", "mailto"};

bool is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Non-ASCII characters that act as punctuation: quotes, dashes, bullets,
// non-breaking space, ©, §, ®.
bool is_unicode_punct(std::string_view text, std::size_t i, std::size_t* length) {
  static constexpr std::array<std::string_view, 16> k_punct{
      "\u2018", "\u2019", "\u201C", "\u201D", "\u2013", "\u2014", "\u2022", "\u00A0",
      "\u00A9", "\u00A7", "\u00AE", "\u2122", "\u00B7", "\u2026", "\u00AB", "\u00BB"};
  for (std::string_view p : k_punct) {
    if (text.substr(i, p.size()) == p) {
      *length = p.size();
      return true;
    }
  }
  return false;
}

bool is_roman_numeral(std::string_view w) {
  static constexpr std::array<std::string_view, 13> k_roman{"i",    "ii", "iii", "iv", "v",   "vi",  "vii",
                                                            "viii", "ix", "x",   "xi", "xii", "xiii"};
  for (std::string_view r : k_roman) {
    if (w == r) {
      return true;
    }
  }
  return false;
}

// A list marker word: one or two digits, one letter, or a small roman numeral.
bool is_list_marker_word(std::string_view w) {
  if (w.size() == 1) {
    return true;
  }
  if (w.size() == 2 && w[0] >= '0' && w[0] <= '9' && w[1] >= '0' && w[1] <= '9') {
    return true;
  }
  return is_roman_numeral(w);
}

// Lines to look at when deciding whether a text has a line prefix.
constexpr std::size_t k_prefix_sample_lines = 400;

// The first white-space-delimited token of each non-blank line, in order.
std::vector<std::string_view> leading_tokens(std::string_view text) {
  std::vector<std::string_view> tokens;
  std::size_t pos = 0;
  while (pos < text.size() && tokens.size() < k_prefix_sample_lines) {
    std::size_t eol = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, eol - pos);
    std::size_t b = line.find_first_not_of(" \t\r");
    if (b != std::string_view::npos) {
      std::size_t e = line.find_first_of(" \t\r", b);
      tokens.push_back(line.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
    }
    pos = eol + 1;
  }
  return tokens;
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "_C_": a marker made to open comment lines (SGI's OpenGL sources), never a
// word of a text, so it counts on fewer lines than a plain word would.
bool is_marker_token(std::string_view s) {
  return s.size() >= 3 && s.size() <= 6 && s.front() == '_' && s.back() == '_' &&
         std::all_of(s.begin() + 1, s.end() - 1,
                     [](char c) { return is_ascii_alnum(static_cast<unsigned char>(c)); });
}

// The marker token opening the most lines, when it opens at least four.
std::string_view most_common_marker(const std::vector<std::string_view>& tokens) {
  std::string_view best;
  std::size_t best_count = 0;
  for (std::string_view t : tokens) {
    if (is_marker_token(t) && t != best) {
      auto count = static_cast<std::size_t>(std::count(tokens.begin(), tokens.end(), t));
      if (count > best_count) {
        best = t;
        best_count = count;
      }
    }
  }
  return best_count >= 4 ? best : std::string_view();
}

}  // namespace

LinePrefix line_prefix(std::string_view text) {
  // A prefix repeated on nearly every line is a comment marker ("c", "dnl",
  // "%%Copyright:") or a line number, not part of the license text.
  std::vector<std::string_view> tokens = leading_tokens(text);
  if (tokens.size() < 4) {
    return {};
  }
  std::size_t needed = tokens.size() - tokens.size() / 5;  // 80%
  std::size_t numbers = static_cast<std::size_t>(std::count_if(tokens.begin(), tokens.end(), is_digits));
  if (numbers >= needed) {
    return LinePrefix{LinePrefix::Kind::number, {}};
  }
  // The majority candidate (Boyer-Moore vote), then its real count.
  std::string_view candidate;
  std::size_t votes = 0;
  for (std::string_view t : tokens) {
    if (votes == 0) {
      candidate = t;
    }
    votes += t == candidate ? 1 : -1;
  }
  bool has_alnum = std::any_of(candidate.begin(), candidate.end(),
                               [](char c) { return is_ascii_alnum(static_cast<unsigned char>(c)); });
  if (!has_alnum || candidate.size() > 16 ||
      static_cast<std::size_t>(std::count(tokens.begin(), tokens.end(), candidate)) < needed) {
    std::string_view marker = most_common_marker(tokens);
    return marker.empty() ? LinePrefix{} : LinePrefix{LinePrefix::Kind::token, std::string(marker)};
  }
  return LinePrefix{LinePrefix::Kind::token, std::string(candidate)};
}

std::size_t skip_line_prefix(std::string_view text, std::size_t pos, const LinePrefix& prefix) {
  std::size_t end = pos;
  if (prefix.kind == LinePrefix::Kind::number) {
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') {
      ++end;
    }
  } else if (prefix.kind == LinePrefix::Kind::token &&
             text.substr(pos, prefix.token.size()) == prefix.token) {
    end = pos + prefix.token.size();
  }
  bool at_boundary =
      end == text.size() || text[end] == ' ' || text[end] == '\t' || text[end] == '\r' || text[end] == '\n';
  return end > pos && at_boundary ? end : pos;
}

namespace {

class Tokenizer {
public:
  explicit Tokenizer(std::string_view text) : m_text(text), m_prefix(line_prefix(text)) {}

  std::vector<Token> run() {
    while (m_pos < m_text.size()) {
      if (m_at_line_start && !m_prefix_skipped) {
        skip_prefix();
      }
      if (m_at_line_start && skip_copyright_line()) {
        continue;
      }
      step();
    }
    return std::move(m_tokens);
  }

private:
  // One character, tag, entity or word.
  void step() {
    unsigned char c = static_cast<unsigned char>(m_text[m_pos]);
    if (c == '\n') {
      m_at_line_start = true;
      m_prefix_skipped = false;
      m_words_on_line = 0;
      ++m_pos;
      return;
    }
    if (c == '<' && skip_tag()) {
      return;
    }
    if (c == '&' && skip_entity()) {
      return;
    }
    if (c == '(' && skip_parenthesised_marker()) {
      return;
    }
    // A copyright statement after a title on its line ("W3C SOFTWARE NOTICE
    // AND LICENSE Copyright (c) 1994-2002 ..."). Capitalised: the lower-case
    // "are copyright (C) 1996 J. Seward" is part of a sentence of the text.
    if (c == 'C' && (m_pos == 0 || !is_ascii_alnum(static_cast<unsigned char>(m_text[m_pos - 1]))) &&
        is_copyright_statement(m_pos)) {
      m_pos = statement_end(m_pos);
      return;
    }
    std::size_t punct_length = 0;
    if (c >= 0x80 && is_unicode_punct(m_text, m_pos, &punct_length)) {
      m_pos += punct_length;
      return;
    }
    if (is_ascii_alnum(c) || c >= 0x80) {
      read_word();
      return;
    }
    ++m_pos;
  }

  // Reads a word; letters joined by hyphens form one word ("sub-license").
  void read_word() {
    std::size_t start = m_pos;
    std::string word;
    while (m_pos < m_text.size()) {
      unsigned char c = static_cast<unsigned char>(m_text[m_pos]);
      std::size_t punct_length = 0;
      if (c >= 0x80 && is_unicode_punct(m_text, m_pos, &punct_length)) {
        break;
      }
      if (is_ascii_alnum(c) || c >= 0x80) {
        word.push_back(util::ascii_lower(static_cast<char>(c)));
        ++m_pos;
        continue;
      }
      bool hyphen_join = c == '-' && !word.empty() && is_letter(word.back()) && m_pos + 1 < m_text.size() &&
                         is_letter(m_text[m_pos + 1]);
      if (!hyphen_join) {
        break;
      }
      ++m_pos;
    }
    emit(std::move(word), start);
  }

  static bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

  void emit(std::string word, std::size_t start) {
    bool first_on_line = m_words_on_line == 0;
    ++m_words_on_line;
    m_at_line_start = false;
    // "1." / "a)" / "iv." opening a line are list markers.
    if (first_on_line && is_list_marker_word(word) && m_pos < m_text.size() &&
        (m_text[m_pos] == '.' || m_text[m_pos] == ')')) {
      return;
    }
    for (std::string_view dropped : k_dropped_words) {
      if (word == dropped) {
        return;
      }
    }
    std::string_view canon = canonical_word(word);
    if (canon.data() != word.data()) {
      word = std::string(canon);
    }
    // "copyright owner" is "copyright holder".
    if (word == "owner" && !m_tokens.empty() && m_tokens.back().word == "copyright") {
      word = "holder";
    }
    m_tokens.push_back(Token{std::move(word), static_cast<std::uint32_t>(start)});
  }

  // The text's line prefix (see line_prefix) at the start of this line.
  void skip_prefix() {
    m_prefix_skipped = true;
    if (m_prefix.kind == LinePrefix::Kind::none) {
      return;
    }
    std::size_t i = m_pos;
    while (i < m_text.size() && (m_text[i] == ' ' || m_text[i] == '\t')) {
      ++i;
    }
    std::size_t end = skip_line_prefix(m_text, i, m_prefix);
    if (end > i) {
      m_pos = end;
    }
  }

  // "(a)", "(12)", "(iv)", "(c)": list markers and the copyright sign.
  bool skip_parenthesised_marker() {
    std::size_t close = m_text.find(')', m_pos + 1);
    if (close == std::string_view::npos || close - m_pos > 5 || close == m_pos + 1) {
      return false;
    }
    std::string inner;
    for (std::size_t i = m_pos + 1; i < close; ++i) {
      unsigned char c = static_cast<unsigned char>(m_text[i]);
      if (!is_ascii_alnum(c)) {
        return false;
      }
      inner.push_back(util::ascii_lower(static_cast<char>(c)));
    }
    if (!is_list_marker_word(inner)) {
      return false;
    }
    m_pos = close + 1;
    return true;
  }

  // HTML/XML tags and template placeholders: "<p>", "</a>", "<year>",
  // "<copyright holders>", "<foo@example.org>".
  bool skip_tag() {
    if (m_pos + 1 >= m_text.size()) {
      return false;
    }
    char next = m_text[m_pos + 1];
    if (!(is_letter(next) || next == '/' || next == '!' || next == '?' || next == '<')) {
      return false;
    }
    std::size_t limit = std::min(m_text.size(), m_pos + 300);
    for (std::size_t i = m_pos + 1; i < limit; ++i) {
      if (m_text[i] == '>') {
        if (i + 1 < m_text.size() && m_text[i + 1] == '>') {
          ++i;  // "<<var>>"
        }
        m_pos = i + 1;
        return true;
      }
      if (m_text[i] == '<' && !(i == m_pos + 1)) {
        return false;
      }
    }
    return false;
  }

  // "&amp;", "&quot;", "&#169;", "&#xA9;".
  bool skip_entity() {
    std::size_t i = m_pos + 1;
    std::size_t limit = std::min(m_text.size(), m_pos + 10);
    if (i < limit && m_text[i] == '#') {
      ++i;
    }
    std::size_t begin = i;
    while (i < limit && is_ascii_alnum(static_cast<unsigned char>(m_text[i]))) {
      ++i;
    }
    if (i == begin || i >= limit || m_text[i] != ';') {
      return false;
    }
    m_pos = i + 1;
    return true;
  }

  // A line whose first word is a copyright statement: "Copyright (c) 2004 X",
  // "Copyright 2004 X", "(c) X", "© X", "Copyright <year> <owner>".
  bool skip_copyright_line() {
    std::size_t i = m_pos;
    // Skip comment markers, bullets and spaces.
    while (i < m_text.size() && m_text[i] != '\n' && !is_ascii_alnum(static_cast<unsigned char>(m_text[i])) &&
           m_text[i] != '(' && m_text[i] != '<' && static_cast<unsigned char>(m_text[i]) < 0x80) {
      ++i;
    }
    if (!is_copyright_statement(i)) {
      m_at_line_start = false;
      return false;
    }
    m_pos = statement_end(i);
    return true;
  }

  // Whether a copyright statement starts at `i`.
  bool is_copyright_statement(std::size_t i) const {
    std::string_view rest = m_text.substr(i, 40);
    std::array<char, 40> buffer{};  // once per line: no allocation
    std::transform(rest.begin(), rest.end(), buffer.begin(), [](char c) { return util::ascii_lower(c); });
    std::string_view lower(buffer.data(), rest.size());
    if (lower.rfind("\u00A9", 0) == 0) {
      return true;
    }
    // "(c) 2004 X", but not the list item "(c) You must retain ...".
    if (lower.rfind("(c)", 0) == 0) {
      std::string_view after_sign = lower.substr(3);
      after_sign.remove_prefix(std::min(after_sign.find_first_not_of(' '), after_sign.size()));
      return after_sign.starts_with("copyright") || starts_like_year_or_field(after_sign);
    }
    if (lower.rfind("copyright", 0) != 0 && lower.rfind("portions copyright", 0) != 0) {
      return false;
    }
    std::size_t after = lower.find("copyright") + 9;
    while (after < lower.size() && (lower[after] == ' ' || lower[after] == ':')) {
      ++after;
    }
    std::string_view tail = lower.substr(std::min(after, lower.size()));
    return tail.rfind("(c)", 0) == 0 || tail.rfind("\u00A9", 0) == 0 || starts_like_year_or_field(tail);
  }

  // A year ("2004") or a template field ("<year>", "[yyyy]", "{year}", "$Date").
  static bool starts_like_year_or_field(std::string_view s) {
    return !s.empty() &&
           ((s[0] >= '0' && s[0] <= '9') || s[0] == '<' || s[0] == '[' || s[0] == '{' || s[0] == '$');
  }

  // Where the copyright statement starting at `i` ends: the end of its line,
  // or "All rights reserved." when the line goes on. A reflowed text may hold
  // the whole license on the copyright's line: then the statement ends at its
  // first sentence end.
  std::size_t statement_end(std::size_t i) const {
    std::size_t eol = m_text.find('\n', i);
    eol = eol == std::string_view::npos ? m_text.size() : eol;
    std::size_t limit = std::min(eol - i, k_max_copyright_line);
    std::size_t reserved = util_find_ci(m_text.substr(i, limit), "reserved");
    std::size_t end = reserved == std::string_view::npos ? eol : i + reserved + 8;
    if (eol - i > k_max_copyright_line) {
      end = std::min(end, std::min(m_text.find(". ", i), i + k_max_copyright_line));
    }
    end = std::min(end, eol);
    // Never in the middle of a word.
    while (end < eol && end > 0 && is_ascii_alnum(static_cast<unsigned char>(m_text[end])) &&
           is_ascii_alnum(static_cast<unsigned char>(m_text[end - 1]))) {
      ++end;
    }
    return reserved == std::string_view::npos && end == eol ? continued_statement_end(i, eol) : end;
  }

  // A statement whose holders run on over the next lines up to "All rights
  // reserved." ("Copyright (c) 1994-2002 World Wide Web Consortium,\n
  // (Massachusetts Institute of Technology, ...). All Rights Reserved."): the
  // end of "reserved", when no sentence or paragraph ends before it and it is
  // near; otherwise `eol`.
  std::size_t continued_statement_end(std::size_t i, std::size_t eol) const {
    std::string_view near = m_text.substr(i, k_max_copyright_statement);
    std::size_t reserved = util_find_ci(near, "all rights reserved");
    if (reserved == std::string_view::npos || reserved < eol - i) {
      return eol;
    }
    std::string_view before = near.substr(0, reserved);
    std::size_t sentence = before.find(". ");
    bool sentence_before = sentence != std::string_view::npos && sentence + 2 < before.size();
    // A paragraph break or a second statement: the next lines are the text's.
    bool second = util_find_ci(before.substr(eol - i), "copyright") != std::string_view::npos;
    if (sentence_before || second || before.find("\n\n") != std::string_view::npos ||
        before.find("\n\r\n") != std::string_view::npos) {
      return eol;
    }
    return i + reserved + 19;
  }

  std::string_view m_text;
  LinePrefix m_prefix;
  std::size_t m_pos = 0;
  bool m_at_line_start = true;
  bool m_prefix_skipped = false;
  std::uint32_t m_words_on_line = 0;
  std::vector<Token> m_tokens;
};

}  // namespace

std::string_view canonical_word(std::string_view word) {
  // Every varietal spelling is 5 to 15 letters long; most words are not.
  if (word.size() < 5 || word.size() > 15) {
    return word;
  }
  for (const auto& [from, to] : k_equivalents) {
    if (word == from) {
      return to;
    }
  }
  return word;
}

std::vector<Token> tokenize(std::string_view text) {
  return Tokenizer(text).run();
}

}  // namespace aperture::license
