#include <gtest/gtest.h>

#include <aperture/license/normalize.hpp>

namespace aperture::license {
namespace {

std::string words(std::string_view text) {
  std::string out;
  for (const Token& t : tokenize(text)) {
    out += (out.empty() ? "" : " ") + t.word;
  }
  return out;
}

TEST(NormalizeTest, AppliesMatchingGuidelines) {
  struct Case {
    const char* name;
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"case and punctuation", "Permission is HEREBY granted, free-of-charge!",
       "permission is hereby granted freeofcharge"},
      {"quotes", "\u201CAS IS\u201D and 'as is'", "as is and as is"},
      {"varietal spelling", "This Licence is licenced", "this license is licensed"},
      {"hyphenated word", "sub-license or sublicense", "sublicense or sublicense"},
      {"comment markers", "/*\n * Redistribution and use\n * are permitted\n */",
       "redistribution and use are permitted"},
      {"hash comments", "# Licensed under\n# the terms", "licensed under the terms"},
      {"copyright line dropped", "Copyright (c) 2004 Foo\nPermission granted", "permission granted"},
      {"copyright sign line dropped", "\u00A9 2020 Bar Inc.\nText", "text"},
      {"copyright line dropped up to all rights reserved",
       "Copyright 1991 Foo, Inc. All rights reserved. Distributed under the Terms of Use.\nText",
       "distributed under the terms of use text"},
      {"copyright notice sentence kept", "copyright notice and this permission notice",
       "copyright notice and this permission notice"},
      {"numbered list", "1. Redistributions of source\n2) Neither the name",
       "redistributions of source neither the name"},
      {"lettered list", "(a) You must give\n(b) You must cause", "you must give you must cause"},
      {"list item (c) is not a copyright sign", "(b) You must cause\n(c) You must retain",
       "you must cause you must retain"},
      {"copyright sign line with a year dropped", "(c) 2004 Foo\nText", "text"},
      {"copyright after a title",
       "W3C SOFTWARE NOTICE AND LICENSE Copyright (c) 1994-2002 World Wide Web Consortium,\n"
       "(Massachusetts Institute of Technology, Keio University). All Rights Reserved.\nThis work",
       "w3c software notice and license this work"},
      {"copyright in a sentence kept",
       "and all documentation, are copyright (C) 1996 J. Seward. All rights reserved.",
       "and all documentation are copyright 1996 j seward all rights reserved"},
      {"statement holders not run on into the next sentence",
       "Copyright 1996 Julian Seward\nThis program is copyright 1996 Julian Seward. All rights reserved.",
       "this program is copyright 1996 julian seward all rights reserved"},
      {"url scheme", "see https://www.apache.org/licenses", "see apache org licenses"},
      {"html tags and entities", "<p>Permission&nbsp;is <b>granted</b></p>", "permission is granted"},
      {"template placeholders", "Copyright <year> <owner>\nNeither the name of <organization>",
       "neither the name of"},
      {"copyright owner equals holder", "the copyright owner or contributors",
       "the copyright holder or contributors"},
      {"version numbers stay", "Version 2.0 of the License", "version 2 0 of the license"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(words(c.input), c.expected) << c.name;
  }
}

TEST(NormalizeTest, DropsALinePrefixRepeatedOnEveryLine) {
  // Fortran comments, a prefix with a word in it, and line numbers.
  EXPECT_EQ(words("c Redistribution and use\nc in source\nc\nc and binary forms\nc are permitted"),
            "redistribution and use in source and binary forms are permitted");
  EXPECT_EQ(words("%%Copyright: Redistribution and use\n%%Copyright: in source\n%%Copyright:\n"
                  "%%Copyright: and binary forms\n%%Copyright: are permitted"),
            "redistribution and use in source and binary forms are permitted");
  EXPECT_EQ(words("13\tRedistribution and use\n14\tin source\n15\tand binary forms\n16\tare permitted"),
            "redistribution and use in source and binary forms are permitted");
  EXPECT_EQ(line_prefix("dnl a\ndnl b\ndnl c\ndnl d").token, "dnl");
  // A "_C_" marker opens only the comment's lines, not the code's.
  std::string gl =
      "_C_ License Applicability. Except\n_C_ made subject to\n_C_ the SGI Free\n_C_ Software License B\n";
  for (int i = 0; i < 12; ++i) {
    gl += "glBegin(GL_POINTS); glVertex2f(0, " + std::to_string(i) + ");\n";
  }
  EXPECT_EQ(line_prefix(gl).token, "_C_");
  EXPECT_EQ(
      words(gl).rfind("license applicability except made subject to the sgi free software license b", 0), 0U);
}

TEST(NormalizeTest, KeepsWordsThatOpenOnlySomeLines) {
  // Under four lines, or under 80% of them, a shared first word is text.
  EXPECT_EQ(line_prefix("c a\nc b\nc c").kind, LinePrefix::Kind::none);
  EXPECT_EQ(line_prefix("the a\nthe b\nthe c\nx d\ny e").kind, LinePrefix::Kind::none);
  // A prefix of punctuation alone is a comment marker the tokenizer drops anyway.
  EXPECT_EQ(line_prefix("# a\n# b\n# c\n# d").kind, LinePrefix::Kind::none);
  EXPECT_EQ(words("the a\nthe b\nthe c\nx d\ny e"), "the a the b the c x d y e");
  EXPECT_EQ(words("13 is a number\nand so\nis this\nline"), "13 is a number and so is this line");
  // A marker on fewer than four lines is kept.
  EXPECT_EQ(line_prefix("_C_ a\n_C_ b\n_C_ c\nx d\ny e").kind, LinePrefix::Kind::none);
}

TEST(NormalizeTest, RecordsByteOffsets) {
  std::vector<Token> tokens = tokenize("  MIT  license");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].offset, 2u);
  EXPECT_EQ(tokens[1].offset, 7u);
}

TEST(NormalizeTest, HandlesDegenerateInput) {
  EXPECT_TRUE(tokenize("").empty());
  EXPECT_TRUE(tokenize("\n\n\n").empty());
  EXPECT_TRUE(tokenize("<<<<>>>>&&&;;;((((").empty());
  EXPECT_EQ(words("\xC3\xA9t\xC3\xA9"), "\xC3\xA9t\xC3\xA9");
}

}  // namespace
}  // namespace aperture::license
