// Tests src/aperture/decide/junit.cpp: suites per target, cases per check,
// failures for blocked checks, and escaping of hostile names.
#include <string>

#include <gtest/gtest.h>

#include <aperture/decide/junit.hpp>

namespace aperture::decide {
namespace {

Decision hostile() {
  Decision d;
  d.target = "evil\"<&>'\x01name\xff";
  d.license = "A&B";
  d.verdict = Verdict::blocked;
  d.checks = {
      Check{"commercial",
            Verdict::blocked,
            "forbids <commercial> & \"more\"",
            {Cite{"https://x/?a=1&b=2", "2", "quote ]]> here", "README.md", 3}}},
      Check{"eu", Verdict::unknown, "not known", {}},
      Check{"license", Verdict::allowed, "ok", {}},
  };
  d.obligations = {Obligation{"display", "A&B", "display “Built with X”", Cite{"u", "1", "q", "", 0}}};
  return d;
}

TEST(JunitTest, OneSuitePerTargetOneCasePerCheck) {
  std::string xml = junit_xml({hostile(), hostile()});
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites ", 0), 0u);
  EXPECT_NE(xml.find("<testsuites name=\"aperture check\" tests=\"6\" failures=\"2\">"), std::string::npos);
  std::size_t suites = 0;
  for (std::size_t at = xml.find("<testsuite "); at != std::string::npos;
       at = xml.find("<testsuite ", at + 1)) {
    ++suites;
  }
  EXPECT_EQ(suites, 2u);
  EXPECT_NE(xml.find("tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\""), std::string::npos);
  EXPECT_NE(
      xml.find("<failure message=\"forbids &lt;commercial&gt; &amp; &quot;more&quot;\" type=\"blocked\">"),
      std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<skipped message=\"unknown: not known\"/>"), std::string::npos);
  EXPECT_NE(xml.find("<testcase name=\"license\""), std::string::npos);
  EXPECT_NE(xml.find("<system-out>display “Built with X” (A&amp;B §1 u)\n</system-out>"), std::string::npos);
}

TEST(JunitTest, EscapesEverythingAHostileNameHolds) {
  std::string xml = junit_xml({hostile()});
  EXPECT_NE(xml.find("name=\"evil&quot;&lt;&amp;&gt;&apos;\xEF\xBF\xBDname\xEF\xBF\xBD\""), std::string::npos)
      << xml;
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  EXPECT_EQ(xml.find("<&"), std::string::npos);
  EXPECT_NE(xml.find("a=1&amp;b=2"), std::string::npos);
  EXPECT_NE(xml.find("quote ]]&gt; here"), std::string::npos);
}

TEST(JunitTest, XmlEscapeKeepsValidUtf8AndReplacesTheRest) {
  struct Case {
    std::string in;
    std::string want;
  } cases[] = {
      {"plain", "plain"},
      {"é “q”", "é “q”"},
      {"a\tb\nc", "a&#9;b&#10;c"},
      {"\x7f", "\x7f"},
      {std::string("\0", 1), "\xEF\xBF\xBD"},
      {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},                  // overlong '/'
      {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},  // a surrogate
      {"\xE2\x82", "\xEF\xBF\xBD\xEF\xBF\xBD"},                  // truncated
  };
  for (const Case& c : cases) {
    EXPECT_EQ(xml_escape(c.in), c.want) << c.in;
  }
}

}  // namespace
}  // namespace aperture::decide
