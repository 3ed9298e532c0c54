#include <algorithm>

#include <gtest/gtest.h>

#include <aperture/util/rtf.hpp>
#include <aperture/util/text.hpp>

namespace aperture::util {
namespace {

TEST(RtfTest, ReadsTheTextOfADocument) {
  std::string rtf = "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}}\r\n"
                    "{\\*\\generator Msftedit 5.41.21.2500;}\\viewkind4\\uc1\\pard\\lang1033\\f0\\fs20 "
                    "Copyright (C) 2007 Red Hat\\par\r\n"
                    "modify it under the terms of the GNU Lesser General Public\\par\r\n"
                    "License version 2.1.\\par\r\n"
                    "}\r\n";
  EXPECT_EQ(rtf_text(rtf),
            "\nCopyright (C) 2007 Red Hat \nmodify it under the terms of the GNU Lesser General Public \n"
            "License version 2.1. \n\n");
}

TEST(RtfTest, KeepsEveryLineWhereItWas) {
  // A skipped table over three lines still gives three lines.
  std::string rtf = "{\\rtf1{\\colortbl;\n\\red0\\green0\\blue255;\n}Text\n}";
  std::string text = rtf_text(rtf);
  EXPECT_EQ(text, "\n\nText\n");
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), std::count(rtf.begin(), rtf.end(), '\n'));
}

TEST(RtfTest, DecodesEscapes) {
  EXPECT_EQ(rtf_text("{\\rtf1 caf\\'e9 \\'93quoted\\'94 \\{braces\\} back\\\\slash}"),
            "caf\u00e9 \u201cquoted\u201d {braces} back\\slash");
  EXPECT_EQ(rtf_text("{\\rtf1\\uc1 \\u8217?s \\u-4064?}"), "\u2019s \uf020");
  EXPECT_EQ(rtf_text("{\\rtf1 a\\~b\\_c \\lquote x\\rquote}"), "a b-c 'x'");
}

TEST(RtfTest, MalformedInputGivesValidText) {
  for (const char* bad :
       {"{\\rtf1 }}}}} text", "{\\rtf1 {{{{ text", "{\\rtf1 \\'", "{\\rtf1 \\'zz end", "{\\rtf1 \\u",
        "{\\rtf1 \\u99999999999 x", "{\\rtf1 \\u55296? x", "{\\rtf1 \xff\x80 x\\"}) {
    std::string text = rtf_text(bad);
    EXPECT_TRUE(is_valid_utf8(text)) << bad;
    EXPECT_EQ(text.find('\r'), std::string::npos);
  }
}

TEST(RtfTest, DecodeTextReadsRtfAndPaddingNuls) {
  std::string rtf = "{\\rtf1 Licensed under the MIT License.\\par\r\n}";
  rtf.push_back('\0');  // editors pad RTF files with a NUL
  auto text = decode_text(rtf, "EULA.rtf");
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "Licensed under the MIT License. \n");
  EXPECT_TRUE(is_rtf(rtf));
  EXPECT_FALSE(is_rtf("plain {\\rtf1"));
  // A NUL inside the text still means binary, and so do NULs ending a file that is not RTF.
  EXPECT_FALSE(decode_text(std::string("{\\rtf1 a\0b}", 11), "x.rtf"));
  EXPECT_FALSE(decode_text(std::string("\x7F"
                                       "ELF\0\0\0",
                                       7),
                           "a.out"));
}

}  // namespace
}  // namespace aperture::util
