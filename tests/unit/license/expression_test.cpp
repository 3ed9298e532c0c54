#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <aperture/license/expression.hpp>

namespace aperture::license {
namespace {

struct ParseCase {
  const char* name;
  std::string input;
  std::string canonical;
};

// Parses `input`, expecting success; returns the canonical string or the error.
std::string canonical_of(const std::string& input) {
  auto r = parse_expression(input);
  if (!r) {
    return "error: " + r.error().message;
  }
  return to_string(*r);
}

TEST(ExpressionTest, ParsesValidExpressions) {
  const ParseCase cases[] = {
      {"single id", "MIT", "MIT"},
      {"and", "MIT AND Apache-2.0", "MIT AND Apache-2.0"},
      {"or", "MIT OR Apache-2.0", "MIT OR Apache-2.0"},
      {"with", "GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0"},
      {"lowercase operators", "MIT and Apache-2.0 or ISC", "MIT AND Apache-2.0 OR ISC"},
      {"lowercase with", "GPL-2.0-or-later with Classpath-exception-2.0",
       "GPL-2.0-or-later WITH Classpath-exception-2.0"},
      {"redundant parentheses", "((MIT))", "MIT"},
      {"parenthesised and", "((MIT AND ISC))", "MIT AND ISC"},
      {"or inside and keeps parentheses", "MIT AND (Apache-2.0 OR ISC)", "MIT AND (Apache-2.0 OR ISC)"},
      {"and inside or drops parentheses", "(MIT AND Apache-2.0) OR ISC", "MIT AND Apache-2.0 OR ISC"},
      {"and on the right of or", "MIT OR (Apache-2.0 AND ISC)", "MIT OR Apache-2.0 AND ISC"},
      {"two or groups", "(MIT OR ISC) AND (Zlib OR 0BSD)", "(MIT OR ISC) AND (Zlib OR 0BSD)"},
      {"nested and flattens", "MIT AND (ISC AND (Zlib AND 0BSD))", "MIT AND ISC AND Zlib AND 0BSD"},
      {"nested or flattens", "(MIT OR ISC) OR Zlib", "MIT OR ISC OR Zlib"},
      {"odd whitespace", "  MIT\tAND\n\r Apache-2.0 \f\v", "MIT AND Apache-2.0"},
      {"no spaces around parentheses", "(MIT)AND(ISC OR Zlib)", "MIT AND (ISC OR Zlib)"},
      {"plus on a non-GNU id", "Apache-2.0+", "Apache-2.0+"},
      {"plus on a lowercase id", "mpl-1.1+", "MPL-1.1+"},
      {"plus inside and", "MIT AND Apache-2.0+", "MIT AND Apache-2.0+"},
      {"LicenseRef", "LicenseRef-my.Lic-1", "LicenseRef-my.Lic-1"},
      {"LicenseRef prefix case", "licenseref-Foo", "LicenseRef-Foo"},
      {"DocumentRef", "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
       "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2"},
      {"DocumentRef prefix case", "documentref-a:LICENSEREF-b", "DocumentRef-a:LicenseRef-b"},
      {"LicenseRef with AdditionRef", "LicenseRef-x WITH AdditionRef-y", "LicenseRef-x WITH AdditionRef-y"},
      {"DocumentRef AdditionRef", "MIT WITH DocumentRef-d:additionref-e",
       "MIT WITH DocumentRef-d:AdditionRef-e"},
      {"with binds tightest", "MIT OR GPL-2.0-only WITH Classpath-exception-2.0 AND ISC",
       "MIT OR GPL-2.0-only WITH Classpath-exception-2.0 AND ISC"},
      {"with inside parentheses", "(GPL-3.0-or-later WITH GCC-exception-3.1)",
       "GPL-3.0-or-later WITH GCC-exception-3.1"},
      {"deprecated inside a compound", "MIT OR (GPL-2.0+ AND LGPL-2.1)",
       "MIT OR GPL-2.0-or-later AND LGPL-2.1-only"},
  };
  for (const ParseCase& c : cases) {
    auto r = parse_expression(c.input);
    ASSERT_TRUE(r) << c.name << ": " << r.error().message;
    EXPECT_EQ(to_string(*r), c.canonical) << c.name;
  }
}

TEST(ExpressionTest, CanonicalStringParsesToItself) {
  const char* inputs[] = {
      "MIT AND (Apache-2.0 OR ISC)",
      "(MIT OR ISC) AND (Zlib OR 0BSD) AND LicenseRef-x",
      "mit or (gpl-2.0 with classpath-exception-2.0 and (isc or zlib))",
      "wxWindows AND eCos-2.0+",
      "DocumentRef-a:LicenseRef-b OR Apache-2.0+",
  };
  for (const char* input : inputs) {
    std::string once = canonical_of(input);
    EXPECT_EQ(canonical_of(once), once) << input;
  }
}

TEST(ExpressionTest, IsCaseInsensitiveForIds) {
  const ParseCase cases[] = {
      {"lower", "mit", "MIT"},
      {"upper", "APACHE-2.0", "Apache-2.0"},
      {"mixed with exception", "gPl-2.0-OnLy WITH CLASSPATH-EXCEPTION-2.0",
       "GPL-2.0-only WITH Classpath-exception-2.0"},
      {"lowercase canonical id", "ZLIB-ACKNOWLEDGEMENT", "zlib-acknowledgement"},
      {"deprecated in odd case", "Gpl-2.0-With-Classpath-Exception",
       "GPL-2.0-only WITH Classpath-exception-2.0"},
  };
  for (const ParseCase& c : cases) {
    EXPECT_EQ(canonical_of(c.input), c.canonical) << c.name;
  }
}

TEST(ExpressionTest, AppliesPrecedenceWithOverAndOverOr) {
  auto r = parse_expression("MIT OR ISC AND GPL-2.0-only WITH Classpath-exception-2.0 OR Zlib");
  ASSERT_TRUE(r) << r.error().message;
  const Expression& e = *r;
  ASSERT_EQ(e.kind, Expression::Kind::disjunction);
  ASSERT_EQ(e.operands.size(), 3u);
  EXPECT_EQ(e.operands[0].id, "MIT");
  const Expression& conj = e.operands[1];
  ASSERT_EQ(conj.kind, Expression::Kind::conjunction);
  ASSERT_EQ(conj.operands.size(), 2u);
  EXPECT_EQ(conj.operands[0].id, "ISC");
  const Expression& with = conj.operands[1];
  ASSERT_EQ(with.kind, Expression::Kind::with);
  EXPECT_EQ(with.exception, "Classpath-exception-2.0");
  ASSERT_EQ(with.operands.size(), 1u);
  EXPECT_EQ(with.operands[0].kind, Expression::Kind::license);
  EXPECT_EQ(with.operands[0].id, "GPL-2.0-only");
  EXPECT_EQ(e.operands[2].id, "Zlib");
}

TEST(ExpressionTest, ParenthesesOverridePrecedence) {
  auto r = parse_expression("(MIT OR ISC) AND Zlib");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->kind, Expression::Kind::conjunction);
  ASSERT_EQ(r->operands.size(), 2u);
  EXPECT_EQ(r->operands[0].kind, Expression::Kind::disjunction);
  EXPECT_EQ(r->operands[1].id, "Zlib");
}

TEST(ExpressionTest, FlattensOnlyTheSameOperator) {
  auto r = parse_expression("MIT AND (ISC AND Zlib) AND (0BSD OR BSD-3-Clause)");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->kind, Expression::Kind::conjunction);
  ASSERT_EQ(r->operands.size(), 4u);
  EXPECT_EQ(r->operands[3].kind, Expression::Kind::disjunction);
  EXPECT_EQ(r->operands[3].operands.size(), 2u);
}

TEST(ExpressionTest, KindsOfLeaves) {
  auto r = parse_expression("LicenseRef-a OR MIT");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->operands[0].kind, Expression::Kind::license_ref);
  EXPECT_EQ(r->operands[0].id, "LicenseRef-a");
  EXPECT_EQ(r->operands[1].kind, Expression::Kind::license);
}

TEST(ExpressionTest, ListsLeafTerms) {
  struct Case {
    const char* name;
    std::string input;
    std::vector<std::string> terms;
  };
  const Case cases[] = {
      {"single", "MIT", {"MIT"}},
      {"compound",
       "MIT OR (GPL-2.0-only WITH Classpath-exception-2.0 AND LicenseRef-x)",
       {"MIT", "GPL-2.0-only WITH Classpath-exception-2.0", "LicenseRef-x"}},
      {"deprecated with exception",
       "GPL-2.0-with-classpath-exception OR Apache-2.0+",
       {"GPL-2.0-only WITH Classpath-exception-2.0", "Apache-2.0+"}},
      {"duplicates kept in order", "ISC AND MIT AND ISC", {"ISC", "MIT", "ISC"}},
      {"AdditionRef", "LicenseRef-a WITH AdditionRef-b", {"LicenseRef-a WITH AdditionRef-b"}},
  };
  for (const Case& c : cases) {
    auto r = parse_expression(c.input);
    ASSERT_TRUE(r) << c.name << ": " << r.error().message;
    EXPECT_EQ(leaf_terms(*r), c.terms) << c.name;
  }
}

TEST(ExpressionTest, MapsDeprecatedIds) {
  const ParseCase cases[] = {
      {"GPL-1.0", "GPL-1.0", "GPL-1.0-only"},
      {"GPL-1.0+", "GPL-1.0+", "GPL-1.0-or-later"},
      {"GPL-2.0", "GPL-2.0", "GPL-2.0-only"},
      {"GPL-2.0+", "GPL-2.0+", "GPL-2.0-or-later"},
      {"GPL-2.0-only+", "GPL-2.0-only+", "GPL-2.0-or-later"},
      {"GPL-2.0-or-later+", "GPL-2.0-or-later+", "GPL-2.0-or-later"},
      {"GPL-3.0", "GPL-3.0", "GPL-3.0-only"},
      {"GPL-3.0+", "GPL-3.0+", "GPL-3.0-or-later"},
      {"LGPL-2.0", "LGPL-2.0", "LGPL-2.0-only"},
      {"LGPL-2.0+", "LGPL-2.0+", "LGPL-2.0-or-later"},
      {"LGPL-2.1", "LGPL-2.1", "LGPL-2.1-only"},
      {"LGPL-2.1+", "LGPL-2.1+", "LGPL-2.1-or-later"},
      {"LGPL-3.0", "LGPL-3.0", "LGPL-3.0-only"},
      {"LGPL-3.0+", "LGPL-3.0+", "LGPL-3.0-or-later"},
      {"AGPL-1.0", "AGPL-1.0", "AGPL-1.0-only"},
      {"AGPL-3.0", "AGPL-3.0", "AGPL-3.0-only"},
      {"AGPL-3.0+", "AGPL-3.0+", "AGPL-3.0-or-later"},
      {"GFDL-1.1", "GFDL-1.1", "GFDL-1.1-only"},
      {"GFDL-1.2", "GFDL-1.2", "GFDL-1.2-only"},
      {"GFDL-1.3", "GFDL-1.3", "GFDL-1.3-only"},
      {"GFDL-1.3+", "GFDL-1.3+", "GFDL-1.3-or-later"},
      {"GFDL variant only+", "GFDL-1.3-invariants-only+", "GFDL-1.3-invariants-or-later"},
      {"classpath", "GPL-2.0-with-classpath-exception", "GPL-2.0-only WITH Classpath-exception-2.0"},
      {"classpath+", "GPL-2.0-with-classpath-exception+", "GPL-2.0-or-later WITH Classpath-exception-2.0"},
      {"GCC 2", "GPL-2.0-with-GCC-exception", "GPL-2.0-only WITH GCC-exception-2.0"},
      {"GCC 3", "GPL-3.0-with-GCC-exception", "GPL-3.0-only WITH GCC-exception-3.1"},
      {"autoconf 2", "GPL-2.0-with-autoconf-exception", "GPL-2.0-only WITH Autoconf-exception-2.0"},
      {"autoconf 3", "GPL-3.0-with-autoconf-exception", "GPL-3.0-only WITH Autoconf-exception-3.0"},
      {"bison", "GPL-2.0-with-bison-exception", "GPL-2.0-only WITH Bison-exception-2.2"},
      {"font", "GPL-2.0-with-font-exception", "GPL-2.0-only WITH Font-exception-2.0"},
      {"eCos", "eCos-2.0", "GPL-2.0-or-later WITH eCos-exception-2.0"},
      {"eCos+", "eCos-2.0+", "GPL-2.0-or-later WITH eCos-exception-2.0"},
      {"wxWindows", "wxWindows", "LGPL-2.0-or-later WITH WxWindows-exception-3.1"},
      {"StandardML-NJ", "StandardML-NJ", "SMLNJ"},
      {"Nunit", "Nunit", "zlib-acknowledgement"},
      {"FreeBSD keeps its views sentence", "BSD-2-Clause-FreeBSD", "BSD-2-Clause-Views"},
      {"NetBSD", "BSD-2-Clause-NetBSD", "BSD-2-Clause"},
      {"bzip2", "bzip2-1.0.5", "bzip2-1.0.6"},
      {"Net-SNMP has no replacement", "Net-SNMP", "Net-SNMP"},
      {"inside a compound", "eCos-2.0 OR (GPL-3.0 AND LGPL-2.1+)",
       "GPL-2.0-or-later WITH eCos-exception-2.0 OR GPL-3.0-only AND LGPL-2.1-or-later"},
  };
  for (const ParseCase& c : cases) {
    EXPECT_EQ(canonical_of(c.input), c.canonical) << c.name;
  }
}

// Collects the license and exception ids of `e` (refs excluded).
void collect_ids(const Expression& e, std::vector<std::string>& out) {
  if (e.kind == Expression::Kind::license) {
    out.push_back(e.id);
  }
  if (e.kind == Expression::Kind::with && e.exception.rfind("AdditionRef-", 0) != 0 &&
      e.exception.rfind("DocumentRef-", 0) != 0) {
    out.push_back(e.exception);
  }
  for (const Expression& o : e.operands) {
    collect_ids(o, out);
  }
}

TEST(ExpressionTest, EveryDeprecatedIdMapsToCurrentIds) {
  const SpdxIndex& index = SpdxIndex::embedded();
  int deprecated = 0;
  for (std::uint32_t i = 0; i < index.license_count(); ++i) {
    LicenseInfo info = index.license(i);
    if (!info.deprecated || info.exception || info.id == "Net-SNMP") {
      continue;
    }
    ++deprecated;
    std::string id(info.id);
    auto r = parse_expression(id);
    ASSERT_TRUE(r) << id << ": " << r.error().message;
    std::vector<std::string> ids;
    collect_ids(*r, ids);
    ASSERT_FALSE(ids.empty()) << id;
    for (const std::string& target : ids) {
      auto found = index.find(target);
      ASSERT_TRUE(found) << id << " maps to " << target << ", which is not in the index";
      EXPECT_FALSE(index.license(*found).deprecated) << id << " maps to deprecated " << target;
      EXPECT_EQ(index.license(*found).id, target) << id;
    }
  }
  EXPECT_GE(deprecated, 25);
}

struct ErrorCase {
  const char* name;
  std::string input;
  std::string message;
};

TEST(ExpressionTest, RejectsBadExpressions) {
  const ErrorCase cases[] = {
      {"empty", "", "empty license expression: expected a license id at column 1"},
      {"white space only", "  \t\n ", "empty license expression: expected a license id at column 1"},
      {"unknown id", "MIT OR Foo-1.0", "unknown license id 'Foo-1.0' at column 8"},
      {"missing right operand", "MIT AND", "expected a license id at column 8 (end of expression)"},
      {"missing operand before spaces", "MIT AND  ",
       "expected a license id at column 10 (end of expression)"},
      {"unbalanced close", "MIT)", "unbalanced ')' at column 4"},
      {"unbalanced close after group", "(MIT OR ISC))", "unbalanced ')' at column 13"},
      {"unbalanced open", "(MIT", "unbalanced '(' at column 1: expected ')' at column 5 (end of expression)"},
      {"unbalanced inner open", "MIT AND (ISC OR (Zlib)",
       "unbalanced '(' at column 9: expected ')' at column 23 (end of expression)"},
      {"license after WITH", "MIT WITH MIT", "'MIT' is a license, not an exception, after WITH at column 10"},
      {"exception as license", "Classpath-exception-2.0",
       "'Classpath-exception-2.0' is an exception, not a license, at column 1"},
      {"exception as license in or", "MIT OR LLVM-exception",
       "'LLVM-exception' is an exception, not a license, at column 8"},
      {"unknown exception", "MIT WITH Foo", "unknown exception id 'Foo' after WITH at column 10"},
      {"missing exception", "MIT WITH",
       "expected an exception id after WITH at column 9 (end of expression)"},
      {"group after WITH", "MIT WITH (Classpath-exception-2.0)",
       "expected an exception id after WITH at column 10 (found '(')"},
      {"two ids", "MIT ISC", "expected AND, OR or WITH at column 5 (found 'ISC')"},
      {"id after exception", "MIT WITH Classpath-exception-2.0 ISC",
       "expected AND or OR at column 34 (found 'ISC')"},
      {"two ids in a group", "(MIT ISC)", "expected AND, OR, WITH or ')' at column 6 (found 'ISC')"},
      {"id after a group", "(MIT) ISC", "expected AND or OR at column 7 (found 'ISC')"},
      {"two operators", "MIT AND OR ISC", "expected a license id at column 9 (found 'OR')"},
      {"leading operator", "AND", "expected a license id at column 1 (found 'AND')"},
      {"mixed-case operator", "MIT And ISC", "expected AND, OR or WITH at column 5 (found 'And')"},
      {"empty group", "()", "expected a license id at column 2 (found ')')"},
      {"unfinished group", "MIT OR (ISC AND", "expected a license id at column 16 (end of expression)"},
      {"bad character", "MIT & ISC", "unexpected character '&' at column 5"},
      {"colon", "MIT:foo", "unexpected character ':' at column 4"},
      {"non-ASCII", "MIT AND \xC3\x9Cnknown", "unexpected character U+00DC at column 9"},
      {"invalid UTF-8", "MIT \xFF", "unexpected byte 0xFF at column 5"},
      {"NUL byte", std::string("MIT\0", 4), "unexpected character U+0000 at column 4"},
      {"no-break space", "MIT\xC2\xA0OR ISC", "unexpected character U+00A0 at column 4"},
      {"lone plus", "MIT +", "unexpected '+' at column 5"},
      {"double plus", "MIT++", "unexpected '+' at column 5"},
      {"plus after operator", "MIT AND+ ISC", "unexpected '+' at column 8"},
      {"earliest error wins", "MIT OR OR &", "expected a license id at column 8 (found 'OR')"},
      {"plus on LicenseRef", "LicenseRef-x+", "unexpected '+' after 'LicenseRef-x' at column 13"},
      {"plus on exception", "MIT WITH Classpath-exception-2.0+",
       "unexpected '+' after exception 'Classpath-exception-2.0' at column 33"},
      {"empty LicenseRef", "LicenseRef-", "expected an idstring after 'LicenseRef-' at column 12"},
      {"empty AdditionRef", "MIT WITH AdditionRef-",
       "expected an idstring after 'AdditionRef-' at column 22"},
      {"DocumentRef without colon", "DocumentRef-x",
       "expected ':LicenseRef-' after 'DocumentRef-x' at column 14"},
      {"empty DocumentRef", "DocumentRef-:LicenseRef-a",
       "expected an idstring after 'DocumentRef-' at column 13"},
      {"DocumentRef to a plain id", "DocumentRef-x:MIT",
       "expected 'LicenseRef-' or 'AdditionRef-' after ':' at column 15"},
      {"LicenseRef after WITH", "MIT WITH LicenseRef-x",
       "'LicenseRef-x' is a license, not an exception, after WITH at column 10"},
      {"AdditionRef as license", "AdditionRef-x",
       "'AdditionRef-x' is an exception, not a license, at column 1"},
      {"WITH after a group", "(MIT OR ISC) WITH Classpath-exception-2.0",
       "WITH must follow a license id, not a parenthesised expression, at column 14"},
      {"WITH after an id that has one", "GPL-2.0-with-classpath-exception WITH Classpath-exception-2.0",
       "'GPL-2.0-with-classpath-exception' already includes an exception; unexpected WITH at column 34"},
      {"two WITHs", "MIT WITH Classpath-exception-2.0 WITH GCC-exception-2.0",
       "expected AND or OR at column 34 (found 'WITH')"},
      {"long id is cut short", std::string(100, 'x'),
       "unknown license id '" + std::string(64, 'x') + "...' at column 1"},
  };
  for (const ErrorCase& c : cases) {
    auto r = parse_expression(c.input);
    ASSERT_FALSE(r) << c.name << ": parsed as " << to_string(*r);
    EXPECT_EQ(r.error().code, util::ErrorCode::parse) << c.name;
    EXPECT_EQ(r.error().message, c.message) << c.name;
  }
}

// "(((MIT)))" nested `depth` deep.
std::string nested(std::size_t depth) {
  return std::string(depth, '(') + "MIT" + std::string(depth, ')');
}

// `depth` levels alternating AND and OR: "(ISC AND (ISC OR (... MIT)))".
std::string alternating(std::size_t depth) {
  std::string s;
  for (std::size_t i = 0; i < depth; ++i) {
    s += i % 2 == 0 ? "(ISC AND " : "(ISC OR ";
  }
  return s + "MIT" + std::string(depth, ')');
}

TEST(ExpressionTest, LimitsNestingDepth) {
  EXPECT_EQ(canonical_of(nested(k_max_expression_depth)), "MIT");
  auto deep = parse_expression(alternating(k_max_expression_depth));
  ASSERT_TRUE(deep) << deep.error().message;
  std::string canonical = to_string(*deep);
  EXPECT_EQ(canonical_of(canonical), canonical);

  auto r = parse_expression(nested(k_max_expression_depth + 1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, util::ErrorCode::parse);
  EXPECT_EQ(r.error().message,
            "expression nested too deeply (more than 100 levels of parentheses) at column 101");

  // Far deeper than the stack could take without the limit.
  auto very_deep = parse_expression(std::string(60000, '('));
  ASSERT_FALSE(very_deep);
  EXPECT_EQ(very_deep.error().message,
            "expression nested too deeply (more than 100 levels of parentheses) at column 101");
}

TEST(ExpressionTest, LimitsLength) {
  std::string at_limit = "MIT" + std::string(k_max_expression_length - 3, ' ');
  EXPECT_EQ(canonical_of(at_limit), "MIT");

  auto r = parse_expression(at_limit + " ");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, util::ErrorCode::parse);
  EXPECT_EQ(r.error().message, "license expression too long: 65537 bytes (the limit is 65536)");
}

TEST(ExpressionTest, ParsesLongFlatExpressions) {
  std::string text = "MIT";
  while (text.size() + 7 <= k_max_expression_length) {
    text += " OR ISC";
  }
  auto r = parse_expression(text);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->kind, Expression::Kind::disjunction);
  EXPECT_EQ(r->operands.size(), (text.size() - 3) / 7 + 1);
  EXPECT_EQ(to_string(*r), text);
}

}  // namespace
}  // namespace aperture::license
