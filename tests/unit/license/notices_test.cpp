#include <aperture/license/notices.hpp>

#include <gtest/gtest.h>

namespace aperture::license {
namespace {

std::vector<std::string> notice_ids(std::string_view text) {
  std::vector<std::string> out;
  for (const Notice& n : find_notices(text)) {
    if (n.kind == NoticeKind::notice) {
      out.push_back(n.id);
    }
  }
  return out;
}

TEST(NoticesTest, ReadsNotices) {
  struct Case {
    const char* name;
    const char* text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"apache header", "// Licensed under the Apache License, Version 2.0 (the \"License\");", {"Apache-2.0"}},
      {"mit reference", "This project is released under the MIT License.", {"MIT"}},
      {"gpl 2 or later",
       " * This program is free software; you can redistribute it and/or modify\n"
       " * it under the terms of the GNU General Public License as published by\n"
       " * the Free Software Foundation; either version 2 of the License, or\n"
       " * (at your option) any later version.",
       {"GPL-2.0-or-later"}},
      {"gpl 3 only", "under the terms of the GNU General Public License version 3 as published by the FSF.",
       {"GPL-3.0-only"}},
      {"lgpl 2.1 or later",
       "under the terms of the GNU Lesser General Public License as published by the Free Software "
       "Foundation; either version 2.1 of the License, or (at your option) any later version.",
       {"LGPL-2.1-or-later"}},
      {"gpl without version", "This file is subject to the terms and conditions of the GNU General Public License.",
       {"GPL-1.0-or-later"}},
      {"agpl", "licensed under the GNU Affero General Public License, version 3", {"AGPL-3.0-only"}},
      {"cc by-sa 4.0", "Text is available under the Creative Commons Attribution-ShareAlike 4.0 International License.",
       {"CC-BY-SA-4.0"}},
      {"cc by-nc-nd url", "see https://creativecommons.org/licenses/by-nc-nd/4.0/", {"CC-BY-NC-ND-4.0"}},
      {"mpl 2", "subject to the terms of the Mozilla Public License, v. 2.0.", {"MPL-2.0"}},
      {"debian bsd", "found on Debian systems in /usr/share/common-licenses/BSD", {"BSD-3-Clause"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(notice_ids(c.text), c.expected) << c.name;
  }
}

TEST(NoticesTest, IgnoresMentionsThatAreNotGrants) {
  const char* cases[] = {
      "This library is GPL-compatible.",
      "GPLv2 compatibility is asserted unless advertising clauses are used.",
      "the BSD license",  // which BSD license is not said
      "Licensing questions: see our FAQ about the general public.",
  };
  for (const char* text : cases) {
    EXPECT_TRUE(notice_ids(text).empty()) << text;
  }
}

TEST(NoticesTest, FindsSpdxTagsWithOffsets) {
  std::string text = "/* x */\n// SPDX-License-Identifier: MIT OR Apache-2.0 */\nint x;";
  std::vector<Notice> tags;
  for (const Notice& n : find_notices(text)) {
    if (n.kind == NoticeKind::spdx_tag) {
      tags.push_back(n);
    }
  }
  ASSERT_EQ(tags.size(), 1u);
  EXPECT_EQ(tags[0].id, "MIT OR Apache-2.0");
  EXPECT_EQ(text.substr(tags[0].begin, 24), "SPDX-License-Identifier:");
}

TEST(NoticesTest, FindsIdReferences) {
  std::vector<Notice> notices = find_notices("** License: zlib\n");
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].kind, NoticeKind::id_reference);
  EXPECT_EQ(notices[0].id, "zlib");
}

TEST(NoticesTest, MapsFlatTextBackToInput) {
  NoticeText nt("  // Hello\n  // World");
  EXPECT_EQ(nt.flat(), "hello world ");
  EXPECT_EQ(nt.source_offset(0), 5u);
  EXPECT_EQ(nt.source_offset(6), 16u);
}

}  // namespace
}  // namespace aperture::license
