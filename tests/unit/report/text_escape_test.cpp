#include <gtest/gtest.h>

#include <aperture/report/text_escape.hpp>

namespace aperture::report {
namespace {

struct Case {
  const char* name;
  std::string in;
  std::string out;
};

TEST(TextEscapeTest, OneLineKeepsTextAndRemovesBreaksAndBadBytes) {
  const Case cases[] = {
      {"plain", "Llama 3.1 · open", "Llama 3.1 · open"},
      {"line ends and tabs", "a\nb\r\nc\td", "a b  c d"},
      {"other controls", std::string("a\x01") + "b\x7f" + "c", "a b c"},
      {"C1 control",
       "a\xC2\x85"
       "b",
       "a b"},
      {"line separator",
       "a\xE2\x80\xA8"
       "b",
       "a b"},
      {"not UTF-8", "caf\xE9 \xFF", "caf\xEF\xBF\xBD \xEF\xBF\xBD"},
      {"bidi override",
       "abc\xE2\x80\xAE"
       "fed",
       "abc\xEF\xBF\xBD"
       "fed"},
      {"bidi isolate",
       "x\xE2\x81\xA6"
       "y",
       "x\xEF\xBF\xBDy"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(one_line(c.in), c.out) << c.name;
  }
}

TEST(TextEscapeTest, HtmlEscapeMakesMarkupText) {
  const Case cases[] = {
      {"script", "<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"},
      {"attribute break-out", "\" onmouseover=\"x", "&quot; onmouseover=&quot;x"},
      {"ampersand", "AT&T &amp;", "AT&amp;T &amp;amp;"},
      {"one line", "a\nb", "a b"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(html_escape(c.in), c.out) << c.name;
  }
}

TEST(TextEscapeTest, MarkdownEscapeDisarmsMarkup) {
  const std::string zwsp = "\xE2\x80\x8B";
  const Case cases[] = {
      {"table pipe", "a | b", "a \\| b"},
      {"html", "<script>", "\\<script\\>"},
      {"link", "[click](javascript:x)", "\\[click\\](javascript:x)"},
      {"emphasis and code", "*b* _i_ `c` ~s~", "\\*b\\* \\_i\\_ \\`c\\` \\~s\\~"},
      {"entity and math", "&amp; $x$", "\\&amp; \\$x\\$"},
      {"backslash", "a\\b", "a\\\\b"},
      {"mention", "@everyone", "@" + zwsp + "everyone"},
      {"line break becomes a space", "a\n| b |", "a \\| b \\|"},
      {"plain text unchanged", "Llama-3.1 (8B), 66.2%", "Llama-3.1 (8B), 66.2%"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(markdown_escape(c.in), c.out) << c.name;
  }
}

TEST(TextEscapeTest, HttpUrlAcceptsOnlyHttpAndEncodesTheRest) {
  const Case cases[] = {
      {"https", "https://huggingface.co/datasets/Open-Orca/OpenOrca",
       "https://huggingface.co/datasets/Open-Orca/OpenOrca"},
      {"http upper case", "HTTP://Example.org/x?a=1&b=2#f", "HTTP://Example.org/x?a=1&b=2#f"},
      {"space, parentheses, quotes, angle brackets", "https://e.org/a b(c)<x>\"'",
       "https://e.org/a%20b%28c%29%3Cx%3E%22%27"},
      {"pipe and backtick", "https://e.org/|`", "https://e.org/%7C%60"},
      {"non-ASCII", "https://e.org/caf\xC3\xA9", "https://e.org/caf%C3%A9"},
      {"javascript", "javascript:alert(1)", ""},
      {"javascript with spaces", " javascript:alert(1)", ""},
      {"data", "data:text/html,<script>", ""},
      {"file", "file:///etc/passwd", ""},
      {"relative", "/path/x", ""},
      {"scheme-relative", "//evil.example/x", ""},
      {"no host", "https:///x", ""},
      {"nothing after the scheme", "https://", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(http_url(c.in), c.out) << c.name;
  }
}

}  // namespace
}  // namespace aperture::report
