// SPDX license expressions (SPDX spec annex D): AND, OR, WITH, parentheses,
// "+", LicenseRef-/DocumentRef-; deprecated ids mapped to current ones.
#pragma once

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
  std::string exception;  // with: the exception id
  std::vector<Expression> operands;  // conjunction / disjunction: two or more; with: one
};

// Parses `text`. Ids are checked against `index` (case-insensitively) and
// written in canonical case; deprecated ids become current ones
// ("GPL-2.0" → "GPL-2.0-only", "GPL-2.0+" → "GPL-2.0-or-later",
// "GPL-2.0-with-classpath-exception" → "GPL-2.0-only WITH Classpath-exception-2.0").
// A bad expression fails with ErrorCode::parse and a message naming the
// 1-based column, e.g. "unknown license id 'Foo' at column 12".
util::Result<Expression> parse_expression(std::string_view text,
                                          const SpdxIndex& index = SpdxIndex::embedded());

// The canonical string form ("MIT OR (Apache-2.0 AND BSD-3-Clause)").
std::string to_string(const Expression& e);

// The license terms of the expression, left to right: each license or
// LicenseRef leaf, with its exception when it has one ("GPL-2.0-only WITH
// Classpath-exception-2.0").
std::vector<std::string> leaf_terms(const Expression& e);

}  // namespace aperture::license
