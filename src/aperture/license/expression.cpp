// SPDX license expression parser (SPDX spec v2.3 / v3.0 annex D):
//
//   or-expr    = and-expr *("OR" and-expr)
//   and-expr   = with-expr *("AND" with-expr)
//   with-expr  = simple ["WITH" exception] / "(" or-expr ")"
//   simple     = license-id ["+"] / ["DocumentRef-" idstring ":"] "LicenseRef-" idstring
//   exception  = exception-id / ["DocumentRef-" idstring ":"] "AdditionRef-" idstring
//   idstring   = 1*(ALPHA / DIGIT / "-" / ".")
//
// The lexer turns the text into tokens up front; a lexing error becomes a
// `bad` token so that errors are still reported left to right, in the order
// the parser reaches them.
#include <algorithm>
#include <cstdint>
#include <optional>

#include <fmt/format.h>

#include <aperture/license/expression.hpp>
#include <aperture/util/text.hpp>

namespace aperture::license {

namespace {

using util::ErrorCode;
using util::make_error;
using util::Result;

// A deprecated SPDX id and what replaces it: a current license id, plus an
// exception when the old id folded one into its name. An id that is
// deprecated but has no replacement (Net-SNMP) is simply absent.
struct DeprecatedId {
  std::string_view id;
  std::string_view license;
  std::string_view exception;
};

constexpr DeprecatedId k_deprecated_ids[] = {
    {"AGPL-1.0", "AGPL-1.0-only", ""},
    {"AGPL-3.0", "AGPL-3.0-only", ""},
    // Its text ends with the "views and conclusions" sentence; SPDX replaced it
    // with the generic BSD-2-Clause-Views (spdx/license-list-XML#1078).
    {"BSD-2-Clause-FreeBSD", "BSD-2-Clause-Views", ""},
    {"BSD-2-Clause-NetBSD", "BSD-2-Clause", ""},
    {"GFDL-1.1", "GFDL-1.1-only", ""},
    {"GFDL-1.2", "GFDL-1.2-only", ""},
    {"GFDL-1.3", "GFDL-1.3-only", ""},
    {"GPL-1.0", "GPL-1.0-only", ""},
    {"GPL-2.0", "GPL-2.0-only", ""},
    {"GPL-2.0-with-GCC-exception", "GPL-2.0-only", "GCC-exception-2.0"},
    {"GPL-2.0-with-autoconf-exception", "GPL-2.0-only", "Autoconf-exception-2.0"},
    {"GPL-2.0-with-bison-exception", "GPL-2.0-only", "Bison-exception-2.2"},
    {"GPL-2.0-with-classpath-exception", "GPL-2.0-only", "Classpath-exception-2.0"},
    {"GPL-2.0-with-font-exception", "GPL-2.0-only", "Font-exception-2.0"},
    {"GPL-3.0", "GPL-3.0-only", ""},
    {"GPL-3.0-with-GCC-exception", "GPL-3.0-only", "GCC-exception-3.1"},
    {"GPL-3.0-with-autoconf-exception", "GPL-3.0-only", "Autoconf-exception-3.0"},
    {"LGPL-2.0", "LGPL-2.0-only", ""},
    {"LGPL-2.1", "LGPL-2.1-only", ""},
    {"LGPL-3.0", "LGPL-3.0-only", ""},
    {"Nunit", "zlib-acknowledgement", ""},
    {"StandardML-NJ", "SMLNJ", ""},
    {"bzip2-1.0.5", "bzip2-1.0.6", ""},
    {"eCos-2.0", "GPL-2.0-or-later", "eCos-exception-2.0"},
    {"wxWindows", "LGPL-2.0-or-later", "WxWindows-exception-3.1"},
};

constexpr std::string_view k_document_ref = "DocumentRef-";
constexpr std::string_view k_license_ref = "LicenseRef-";
constexpr std::string_view k_addition_ref = "AdditionRef-";
constexpr std::string_view k_only_suffix = "-only";
constexpr std::string_view k_or_later_suffix = "-or-later";
// Ids quoted in messages are cut to this many bytes.
constexpr std::size_t k_max_quoted = 64;

bool is_idstring_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) {
    return false;
  }
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (util::ascii_lower(s[i]) != util::ascii_lower(prefix[i])) {
      return false;
    }
  }
  return true;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// `s` in single quotes, cut short when long.
std::string quoted(std::string_view s) {
  // Appended piece by piece: g++ 12 warns (-Wrestrict, falsely) on `"'" + std::string(...)`.
  std::string out = "'";
  out.append(s.substr(0, k_max_quoted)).append(s.size() > k_max_quoted ? "...'" : "'");
  return out;
}

// Describes the character starting at `s[0]` for a message: "character 'x'"
// for printable ASCII, "character U+XXXX" for other valid UTF-8, and
// "byte 0xNN" for anything else.
std::string describe_char(std::string_view s) {
  auto b0 = static_cast<unsigned char>(s[0]);
  if (b0 >= 0x21 && b0 <= 0x7E) {
    return fmt::format("character '{}'", s[0]);
  }
  if (b0 < 0x80) {
    return fmt::format("character U+{:04X}", b0);
  }
  // Decode one UTF-8 sequence; anything malformed is described as a byte.
  std::size_t len = 0;
  std::uint32_t cp = 0;
  std::uint32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1Fu;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0Fu;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07u;
    min = 0x10000;
  }
  if (len == 0 || s.size() < len) {
    return fmt::format("byte 0x{:02X}", b0);
  }
  for (std::size_t i = 1; i < len; ++i) {
    auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0) != 0x80) {
      return fmt::format("byte 0x{:02X}", b0);
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return fmt::format("byte 0x{:02X}", b0);
  }
  return fmt::format("character U+{:04X}", cp);
}

enum class TokenKind { word, op_and, op_or, op_with, open, close, end, bad };

struct Token {
  TokenKind kind = TokenKind::end;
  std::string_view text;   // word: the idstring(s), without a "+" suffix
  std::size_t offset = 0;  // byte offset of the token in the input
  bool plus = false;       // word: followed directly by "+"
  std::string message;     // bad: the error, column included
};

// What a word names, before it is looked up in the index.
enum class RefKind { plain, license_ref, addition_ref };

struct Ref {
  RefKind kind = RefKind::plain;
  std::string canonical;  // refs: the prefixes in canonical case, the rest as written
};

class Parser {
public:
  Parser(std::string_view text, const SpdxIndex& index) : m_text(text), m_index(index) {}

  Result<Expression> parse() {
    if (m_text.size() > k_max_expression_length) {
      return make_error(ErrorCode::parse,
                        fmt::format("license expression too long: {} bytes (the limit is {})", m_text.size(),
                                    k_max_expression_length));
    }
    lex();
    if (peek().kind == TokenKind::end) {
      return make_error(ErrorCode::parse, "empty license expression: expected a license id at column 1");
    }
    TRY_ASSIGN(e, parse_or(0));
    const Token& t = peek();
    if (t.kind == TokenKind::close) {
      return error_at(t.offset, "unbalanced ')'");
    }
    if (t.kind != TokenKind::end) {
      return unexpected(t, m_with_allowed ? "AND, OR or WITH" : "AND or OR");
    }
    return e;
  }

private:
  // --- lexing ----------------------------------------------------------------

  void lex() {
    std::size_t pos = 0;
    while (true) {
      while (pos < m_text.size() && util::is_ascii_space(m_text[pos])) {
        ++pos;
      }
      if (pos == m_text.size()) {
        m_tokens.push_back(Token{TokenKind::end, {}, pos, false, {}});
        return;
      }
      char c = m_text[pos];
      if (c == '(' || c == ')') {
        m_tokens.push_back(
            Token{c == '(' ? TokenKind::open : TokenKind::close, m_text.substr(pos, 1), pos, false, {}});
        ++pos;
        continue;
      }
      if (!is_idstring_char(c)) {
        // A stray "+" (one not directly after a license id) gets its own wording.
        std::string what = c == '+' ? "unexpected '+'" : "unexpected " + describe_char(m_text.substr(pos));
        m_tokens.push_back(Token{TokenKind::bad, m_text.substr(pos, 1), pos, false, at_column(what, pos)});
        return;
      }
      pos = lex_word(pos);
    }
  }

  // Lexes the word at `start`; returns the position after it.
  std::size_t lex_word(std::size_t start) {
    std::size_t pos = scan_idstring(start);
    // "DocumentRef-x:LicenseRef-y" is one word; the ':' binds without spaces.
    if (pos < m_text.size() && m_text[pos] == ':' &&
        starts_with_nocase(m_text.substr(start), k_document_ref)) {
      pos = scan_idstring(pos + 1);
    }
    std::string_view text = m_text.substr(start, pos - start);
    TokenKind kind = keyword(text);
    if (kind != TokenKind::word) {
      // Keywords never take "+": it is left for the next token to reject.
      m_tokens.push_back(Token{kind, text, start, false, {}});
      return pos;
    }
    bool plus = pos < m_text.size() && m_text[pos] == '+';
    m_tokens.push_back(Token{TokenKind::word, text, start, plus, {}});
    return plus ? pos + 1 : pos;
  }

  std::size_t scan_idstring(std::size_t pos) const {
    while (pos < m_text.size() && is_idstring_char(m_text[pos])) {
      ++pos;
    }
    return pos;
  }

  // Operators are matched in upper or lower case, not mixed.
  static TokenKind keyword(std::string_view w) {
    if (w == "AND" || w == "and") {
      return TokenKind::op_and;
    }
    if (w == "OR" || w == "or") {
      return TokenKind::op_or;
    }
    if (w == "WITH" || w == "with") {
      return TokenKind::op_with;
    }
    return TokenKind::word;
  }

  const Token& peek() const { return m_tokens[m_next]; }

  const Token& take() {
    const Token& t = m_tokens[m_next];
    // `end` and `bad` are always last; the parser stops at them.
    if (t.kind != TokenKind::end && t.kind != TokenKind::bad) {
      ++m_next;
    }
    return t;
  }

  // --- parsing ---------------------------------------------------------------

  // or-expr; `depth` counts the enclosing parentheses.
  Result<Expression> parse_or(std::uint32_t depth) {
    return parse_chain(depth, TokenKind::op_or, Expression::Kind::disjunction, &Parser::parse_and);
  }

  Result<Expression> parse_and(std::uint32_t depth) {
    return parse_chain(depth, TokenKind::op_and, Expression::Kind::conjunction, &Parser::parse_with);
  }

  // operand { `op` operand }: one node of `kind` when `op` occurs, else the operand.
  Result<Expression> parse_chain(std::uint32_t depth,
                                 TokenKind op,
                                 Expression::Kind kind,
                                 Result<Expression> (Parser::*operand)(std::uint32_t)) {
    TRY_ASSIGN(first, (this->*operand)(depth));
    if (peek().kind != op) {
      return first;
    }
    Expression e;
    e.kind = kind;
    append_flattened(e, std::move(first));
    while (peek().kind == op) {
      take();
      TRY_ASSIGN(next, (this->*operand)(depth));
      append_flattened(e, std::move(next));
    }
    return e;
  }

  // Adds `operand` to the AND/OR node `e`, splicing in its operands when it
  // is the same operator (from parentheses: "MIT AND (ISC AND Zlib)").
  static void append_flattened(Expression& e, Expression operand) {
    if (operand.kind != e.kind) {
      e.operands.push_back(std::move(operand));
      return;
    }
    for (Expression& o : operand.operands) {
      e.operands.push_back(std::move(o));
    }
  }

  Result<Expression> parse_with(std::uint32_t depth) {
    const Token& t = peek();
    if (t.kind == TokenKind::open) {
      TRY_ASSIGN(inner, parse_group(depth));
      // WITH applies to a single license only (annex D), never to a group.
      m_with_allowed = false;
      if (peek().kind == TokenKind::op_with) {
        return error_at(peek().offset, "WITH must follow a license id, not a parenthesised expression,");
      }
      return inner;
    }
    if (t.kind != TokenKind::word) {
      return unexpected(t, "a license id");
    }
    const Token& word = take();
    TRY_ASSIGN(license, make_license(word));
    bool has_exception = license.kind == Expression::Kind::with;
    m_with_allowed = !has_exception;
    if (peek().kind != TokenKind::op_with) {
      return license;
    }
    if (has_exception) {
      return error_at(peek().offset, quoted(word.text) + " already includes an exception; unexpected WITH");
    }
    take();
    const Token& ex_token = peek();
    if (ex_token.kind != TokenKind::word) {
      return unexpected(ex_token, "an exception id after WITH");
    }
    take();
    TRY_ASSIGN(exception, make_exception(ex_token));
    m_with_allowed = false;
    Expression e;
    e.kind = Expression::Kind::with;
    e.exception = std::move(exception);
    e.operands.push_back(std::move(license));
    return e;
  }

  // "(" or-expr ")", with the opening parenthesis next.
  Result<Expression> parse_group(std::uint32_t depth) {
    const Token& open = take();
    std::size_t open_offset = open.offset;
    if (depth + 1 > k_max_expression_depth) {
      return error_at(open_offset, fmt::format("expression nested too deeply (more than {} levels of "
                                               "parentheses)",
                                               k_max_expression_depth));
    }
    TRY_ASSIGN(inner, parse_or(depth + 1));
    const Token& t = peek();
    if (t.kind == TokenKind::close) {
      take();
      return inner;
    }
    if (t.kind == TokenKind::end) {
      return make_error(ErrorCode::parse,
                        fmt::format("unbalanced '(' at column {}: expected ')' at column {} "
                                    "(end of expression)",
                                    column(open_offset), column(t.offset)));
    }
    return unexpected(t, m_with_allowed ? "AND, OR, WITH or ')'" : "AND, OR or ')'");
  }

  // A license leaf from `word`: a LicenseRef, or an id from the index with
  // deprecated ids replaced (which may give a WITH node) and "+" applied.
  Result<Expression> make_license(const Token& word) {
    TRY_ASSIGN(ref, classify(word));
    if (ref.kind == RefKind::addition_ref) {
      return error_at(word.offset, quoted(word.text) + " is an exception, not a license,");
    }
    if (ref.kind == RefKind::license_ref) {
      if (word.plus) {
        return error_at(word.offset + word.text.size(), "unexpected '+' after " + quoted(word.text));
      }
      Expression e;
      e.kind = Expression::Kind::license_ref;
      e.id = std::move(ref.canonical);
      return e;
    }
    std::optional<std::uint32_t> found = m_index.find(word.text);
    if (!found) {
      return error_at(word.offset, "unknown license id " + quoted(word.text));
    }
    LicenseInfo info = m_index.license(*found);
    if (info.exception) {
      return error_at(word.offset, quoted(word.text) + " is an exception, not a license,");
    }
    std::string id(info.id);
    std::string exception;
    if (const DeprecatedId* d = replacement(info.id)) {
      id = std::string(d->license);
      exception = std::string(d->exception);
    }
    if (word.plus) {
      id = or_later(id);
    }
    Expression leaf;
    leaf.id = std::move(id);
    if (exception.empty()) {
      return leaf;
    }
    Expression e;
    e.kind = Expression::Kind::with;
    e.exception = std::move(exception);
    e.operands.push_back(std::move(leaf));
    return e;
  }

  // The exception id written after WITH, in canonical case.
  Result<std::string> make_exception(const Token& word) {
    TRY_ASSIGN(ref, classify(word));
    if (ref.kind == RefKind::license_ref) {
      return error_at(word.offset, quoted(word.text) + " is a license, not an exception, after WITH");
    }
    if (ref.kind == RefKind::addition_ref) {
      if (word.plus) {
        return error_at(word.offset + word.text.size(),
                        "unexpected '+' after exception " + quoted(word.text));
      }
      return std::move(ref.canonical);
    }
    std::optional<std::uint32_t> found = m_index.find(word.text);
    if (!found) {
      return error_at(word.offset, "unknown exception id " + quoted(word.text) + " after WITH");
    }
    LicenseInfo info = m_index.license(*found);
    if (!info.exception) {
      return error_at(word.offset, quoted(word.text) + " is a license, not an exception, after WITH");
    }
    if (word.plus) {
      return error_at(word.offset + word.text.size(), "unexpected '+' after exception " + quoted(word.text));
    }
    return std::string(info.id);
  }

  // Sorts `word` into a plain id or a (Document)LicenseRef/AdditionRef, and
  // checks the ref's shape.
  Result<Ref> classify(const Token& word) const {
    std::string_view text = word.text;
    Ref ref;
    std::size_t offset = word.offset;
    if (starts_with_nocase(text, k_document_ref)) {
      std::size_t colon = text.find(':');
      std::string_view doc = text.substr(0, colon);
      if (doc.size() == k_document_ref.size()) {
        return error_at(offset + doc.size(), "expected an idstring after 'DocumentRef-'");
      }
      if (colon == std::string_view::npos) {
        return error_at(offset + text.size(), "expected ':LicenseRef-' after " + quoted(text));
      }
      ref.canonical = std::string(k_document_ref) + std::string(doc.substr(k_document_ref.size())) + ":";
      text = text.substr(colon + 1);
      offset += colon + 1;
      if (!starts_with_nocase(text, k_license_ref) && !starts_with_nocase(text, k_addition_ref)) {
        return error_at(offset, "expected 'LicenseRef-' or 'AdditionRef-' after ':'");
      }
    }
    std::string_view prefix;
    if (starts_with_nocase(text, k_license_ref)) {
      ref.kind = RefKind::license_ref;
      prefix = k_license_ref;
    } else if (starts_with_nocase(text, k_addition_ref)) {
      ref.kind = RefKind::addition_ref;
      prefix = k_addition_ref;
    } else {
      return ref;
    }
    if (text.size() == prefix.size()) {
      return error_at(offset + text.size(), fmt::format("expected an idstring after '{}'", prefix));
    }
    ref.canonical += std::string(prefix) + std::string(text.substr(prefix.size()));
    return ref;
  }

  // The table entry for deprecated `id` (canonical case) when its
  // replacement is in the index; otherwise the id stays as it is.
  const DeprecatedId* replacement(std::string_view id) const {
    const auto* it = std::find_if(std::begin(k_deprecated_ids), std::end(k_deprecated_ids),
                                  [&](const DeprecatedId& d) { return d.id == id; });
    if (it == std::end(k_deprecated_ids) || !m_index.find(it->license) ||
        (!it->exception.empty() && !m_index.find(it->exception))) {
      return nullptr;
    }
    return it;
  }

  // `id` with "+" applied: a GNU "-only" id becomes its "-or-later" id, an
  // "-or-later" id stays, any other id keeps the "+" (SPDX allows it).
  std::string or_later(const std::string& id) const {
    if (ends_with(id, k_or_later_suffix)) {
      return id;
    }
    if (ends_with(id, k_only_suffix)) {
      std::string later = id.substr(0, id.size() - k_only_suffix.size()) + std::string(k_or_later_suffix);
      if (std::optional<std::uint32_t> found = m_index.find(later)) {
        return std::string(m_index.license(*found).id);
      }
    }
    return id + "+";
  }

  // --- errors ----------------------------------------------------------------

  // 1-based column of byte `offset`. Bytes and characters agree up to any
  // error: lexing stops at the first byte that is not ASCII.
  static std::size_t column(std::size_t offset) { return offset + 1; }

  std::string at_column(const std::string& what, std::size_t offset) const {
    return fmt::format("{} at column {}", what, column(offset));
  }

  util::Unexpected error_at(std::size_t offset, const std::string& what) const {
    return make_error(ErrorCode::parse, at_column(what, offset));
  }

  // "expected `expected` at column N (found 'x')", or a lexing error when
  // `t` is one.
  util::Unexpected unexpected(const Token& t, const std::string& expected) const {
    if (t.kind == TokenKind::bad) {
      return make_error(ErrorCode::parse, t.message);
    }
    std::string found = t.kind == TokenKind::end
                            ? "end of expression"
                            : "found " + quoted(std::string(t.text) + (t.plus ? "+" : ""));
    return make_error(ErrorCode::parse,
                      fmt::format("expected {} at column {} ({})", expected, column(t.offset), found));
  }

  std::string_view m_text;
  const SpdxIndex& m_index;
  std::vector<Token> m_tokens;
  std::size_t m_next = 0;
  // Whether the last operand parsed could take a WITH (for error messages).
  bool m_with_allowed = false;
};

void append_to_string(const Expression& e, std::string& out);

// An operand of an AND/OR node: an OR inside an AND needs parentheses.
void append_operand(const Expression& parent, const Expression& operand, std::string& out) {
  bool wrap = parent.kind == Expression::Kind::conjunction && operand.kind == Expression::Kind::disjunction;
  if (wrap) {
    out += '(';
  }
  append_to_string(operand, out);
  if (wrap) {
    out += ')';
  }
}

void append_to_string(const Expression& e, std::string& out) {
  switch (e.kind) {
  case Expression::Kind::license:
  case Expression::Kind::license_ref:
    out += e.id;
    return;
  case Expression::Kind::with:
    if (e.operands.empty()) {
      out += e.id;
    } else {
      // A parsed WITH holds one leaf; parenthesise anything else built by hand.
      const Expression& base = e.operands.front();
      bool wrap = base.kind == Expression::Kind::conjunction || base.kind == Expression::Kind::disjunction;
      out += wrap ? "(" : "";
      append_to_string(base, out);
      out += wrap ? ")" : "";
    }
    out += " WITH ";
    out += e.exception;
    return;
  case Expression::Kind::conjunction:
  case Expression::Kind::disjunction: {
    std::string_view op = e.kind == Expression::Kind::conjunction ? " AND " : " OR ";
    for (std::size_t i = 0; i < e.operands.size(); ++i) {
      if (i > 0) {
        out += op;
      }
      append_operand(e, e.operands[i], out);
    }
    return;
  }
  }
}

void append_leaf_terms(const Expression& e, std::vector<std::string>& out) {
  switch (e.kind) {
  case Expression::Kind::license:
  case Expression::Kind::license_ref:
    out.push_back(e.id);
    return;
  case Expression::Kind::with: {
    std::vector<std::string> bases;
    if (e.operands.empty()) {
      bases.push_back(e.id);
    } else {
      append_leaf_terms(e.operands.front(), bases);
    }
    // The exception applies to each leaf it covers.
    for (std::string& b : bases) {
      out.push_back(b + " WITH " + e.exception);
    }
    return;
  }
  case Expression::Kind::conjunction:
  case Expression::Kind::disjunction:
    for (const Expression& o : e.operands) {
      append_leaf_terms(o, out);
    }
    return;
  }
}

}  // namespace

util::Result<Expression> parse_expression(std::string_view text, const SpdxIndex& index) {
  Parser parser(text, index);
  return parser.parse();
}

std::string to_string(const Expression& e) {
  std::string out;
  append_to_string(e, out);
  return out;
}

std::vector<std::string> leaf_terms(const Expression& e) {
  std::vector<std::string> out;
  append_leaf_terms(e, out);
  return out;
}

}  // namespace aperture::license
