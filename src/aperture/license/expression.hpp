// SPDX license expressions (SPDX spec annex D): AND, OR, WITH, parentheses,
// "+", LicenseRef-/DocumentRef-; deprecated ids mapped to current ones.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/license/spdx_index.hpp>
#include <aperture/util/result.hpp>

namespace aperture::license {

struct Expression {
  enum class Kind { license, license_ref, conjunction, disjunction, with };
  Kind kind = Kind::license;
  std::string id;         // license: canonical SPDX id ("GPL-2.0-or-later"); license_ref: as written
  std::string exception;  // with: the exception id (or an AdditionRef, as written)
  std::vector<Expression> operands;  // conjunction / disjunction: two or more; with: one
};

// Inputs longer than this many bytes are rejected before parsing.
inline constexpr std::size_t k_max_expression_length = 64 * 1024;
// Parentheses nested deeper than this are rejected (bounds the recursion).
inline constexpr std::uint32_t k_max_expression_depth = 100;

// Parses `text`. Ids are checked against `index` (case-insensitively) and
// written in canonical case; deprecated ids become current ones
// ("GPL-2.0" → "GPL-2.0-only", "GPL-2.0+" → "GPL-2.0-or-later",
// "GPL-2.0-with-classpath-exception" → "GPL-2.0-only WITH Classpath-exception-2.0").
// A bad expression fails with ErrorCode::parse and a message naming the
// 1-based column, e.g. "unknown license id 'Foo' at column 12".
// Operators are AND, OR, WITH in upper or lower case; precedence is
// WITH > AND > OR. A nested AND (or OR) inside the same operator is flattened
// into one node. "+" after a GNU "-only" id gives its "-or-later" id; after
// other ids it is kept ("Apache-2.0+"). LicenseRef-/DocumentRef-/AdditionRef-
// prefixes are written in canonical case, the rest as written.
// Inputs longer than k_max_expression_length bytes, or nested deeper than
// k_max_expression_depth parentheses, fail with ErrorCode::parse too.
// Never throws for bad input.
util::Result<Expression> parse_expression(std::string_view text,
                                          const SpdxIndex& index = SpdxIndex::embedded());

// The canonical string form, with the fewest parentheses that keep its
// meaning: an OR inside an AND is parenthesised ("(MIT OR Apache-2.0) AND
// BSD-3-Clause"), nothing else is. For a parsed expression the result parses
// back to an equal expression (when it fits in k_max_expression_length).
std::string to_string(const Expression& e);

// The license terms of the expression, left to right: each license or
// LicenseRef leaf, with its exception when it has one ("GPL-2.0-only WITH
// Classpath-exception-2.0").
std::vector<std::string> leaf_terms(const Expression& e);

}  // namespace aperture::license
