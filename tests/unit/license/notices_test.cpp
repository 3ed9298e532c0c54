#include <algorithm>

#include <gtest/gtest.h>

#include <aperture/license/notices.hpp>
#include <aperture/util/text.hpp>

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
      {"apache header",
       "// Licensed under the Apache License, Version 2.0 (the \"License\");",
       {"Apache-2.0"}},
      {"mit reference", "This project is released under the MIT License.", {"MIT"}},
      {"gpl 2 or later",
       " * This program is free software; you can redistribute it and/or modify\n"
       " * it under the terms of the GNU General Public License as published by\n"
       " * the Free Software Foundation; either version 2 of the License, or\n"
       " * (at your option) any later version.",
       {"GPL-2.0-or-later"}},
      {"gpl 3 only",
       "under the terms of the GNU General Public License version 3 as published by the FSF.",
       {"GPL-3.0-only"}},
      {"lgpl 2.1 or later",
       "under the terms of the GNU Lesser General Public License as published by the Free Software "
       "Foundation; either version 2.1 of the License, or (at your option) any later version.",
       {"LGPL-2.1-or-later"}},
      {"gpl without version",
       "This file is subject to the terms and conditions of the GNU General Public License.",
       {"GPL-1.0-or-later"}},
      {"agpl", "licensed under the GNU Affero General Public License, version 3", {"AGPL-3.0-only"}},
      {"cc by-sa 4.0",
       "Text is available under the Creative Commons Attribution-ShareAlike 4.0 International License.",
       {"CC-BY-SA-4.0"}},
      {"cc by-nc-nd url", "see https://creativecommons.org/licenses/by-nc-nd/4.0/", {"CC-BY-NC-ND-4.0"}},
      {"mpl 2", "subject to the terms of the Mozilla Public License, v. 2.0.", {"MPL-2.0"}},
      {"debian bsd", "found on Debian systems in /usr/share/common-licenses/BSD", {"BSD-3-Clause"}},
      {"debian path opening a line",
       "of the UCB BSD license found on Debian systems in the file\n/usr/share/common-licenses/BSD",
       {"BSD-3-Clause"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(notice_ids(c.text), c.expected) << c.name;
  }
}

struct NoticeCase {
  const char* name;
  const char* text;
  std::vector<std::string> expected;
};

TEST(NoticesTest, ReadsGnuVersionsWhereverTheyAreWritten) {
  const NoticeCase cases[] = {
      {"version before the name",
       "Distributable under version 2 of the GNU General Public License.",
       {"GPL-2.0-only"}},
      {"version or later before the name",
       "it under the terms of version 3 or later of the GNU General Public License as published by the FSF.",
       {"GPL-3.0-or-later"}},
      {"version before the abbreviation",
       "This code is released under version 2 of the GNU GPL.",
       {"GPL-2.0-only"}},
      {"version before the lesser name",
       "modify it under the terms of version 2 of the GNU Lesser General Public License as published by the "
       "FSF.",
       {"LGPL-2.0-only"}},
      {"version inside the name",
       "it under the terms of the GNU General Public version 2 License as published by",
       {"GPL-2.0-only"}},
      {"lesser gnu public license",
       "made available under the terms of the Lesser Gnu Public License v2.1, which accompanies this "
       "distribution",
       {"LGPL-2.1-only"}},
      {"gnu public license",
       "You may copy it under the terms of the GNU Public License.",
       {"GPL-1.0-or-later"}},
      {"version 2.1 is the lesser gpl",
       "redistributed and/or modified under the terms and conditions of the GNU General Public License, "
       "version 2.1 or any later version of the GPL, as published by the Free Software Foundation.",
       {"LGPL-2.1-or-later"}},
      {"not any later version",
       "redistributed and/or modified under the terms and conditions of the GNU General Public License, "
       "version 2.1 and not any later version of the GPL, as published by the Free Software Foundation.",
       {"LGPL-2.1-only"}},
      {"plus after the version",
       "Free use of this software is granted under the terms of the GNU Lesser General Public License (LGPL "
       "v2.1+).",
       {"LGPL-2.1-or-later"}},
      {"plus after an abbreviated id", "\"license\": \"LGPL-2.1+\"", {"LGPL-2.1-or-later"}},
      {"lesser gpl abbreviated, full stop after it",
       "[This is the first released version of the Lesser GPL.  It also counts as the successor of the GNU "
       "Library Public License, version 2, hence the version number 2.1.]",
       {"LGPL-2.1-or-later"}},
      {"m4 comments",
       "dnl  modify it under the terms of version 2.1 of the GNU Lesser General\n"
       "dnl  Public License as published by the Free Software Foundation.",
       {"LGPL-2.1-only"}},
      {"to comply with",
       "it is being included in order to comply with the\nGNU General Public License.",
       {"GPL-1.0-or-later"}},
  };
  for (const NoticeCase& c : cases) {
    EXPECT_EQ(notice_ids(c.text), c.expected) << c.name;
  }
}

TEST(NoticesTest, ReadsReferencesThatNameOneLicense) {
  const NoticeCase cases[] = {
      {"terms of the mit license",
       " * it under the terms of the MIT license. See LICENSE for details.",
       {"MIT"}},
      {"licenses this file to you under",
       "// The .NET Foundation licenses this file to you under the MIT license.",
       {"MIT"}},
      {"governed by a mit-license", "// Use of this source code is governed by a MIT-license.", {"MIT"}},
      {"mit-style",
       "Use of this source code is governed by an MIT-style license that can be found in the LICENSE file",
       {"MIT"}},
      {"an mit license", "// Distributed under an MIT license: http://codemirror.net/LICENSE", {"MIT"}},
      {"mit/x license", "it under the terms of the MIT/X license (contained in the COPYING file", {"MIT"}},
      {"quoted license field", "\tlicense: \"MIT License\"", {"MIT"}},
      {"license heading", "## License ##\nMIT, check the `LICENSE` file.", {"MIT"}},
      {"markdown link under a license heading", "## License\n- [MIT License](LICENSE)", {"MIT"}},
      {"mit-license.org", "* License: http://rock.mit-license.org", {"MIT"}},
      {"markdown link on the line under a license heading",
       "License\n-------\n\n- [MIT License](LICENSE)",
       {"MIT"}},
      {"jquery license page", "/*! jQuery v1.8.3 jquery.com | jquery.org/license */", {"MIT"}},
      {"lua header pointer", "** See Copyright Notice in lua.h\n*/", {"MIT"}},
      {"code project license page", "https://www.codeproject.com/info/cpol10.aspx", {"CPOL-1.02"}},
      {"open cascade",
       "// conditions of the Open CASCADE Public License as defined by Open CASCADE SA",
       {"OCCT-PL"}},
      {"autoconf archive tag", "dnl @license AllPermissive", {"FSFAP"}},
      {"cc public domain deed",
       "<cc:license rdf:resource=\"http://creativecommons.org/licenses/publicdomain/\" />",
       {"CC-PDDC"}},
      {"osi artistic page",
       " * and at http://www.opensource.org/licenses/artistic-license.html.",
       {"Artistic-1.0"}},
      {"osi artistic 2.0 page is not 1.0",
       "see http://www.opensource.org/licenses/artistic-license-2.0.php",
       {}},
      {"yui license page",
       "Code licensed under the BSD License: http://developer.yahoo.com/yui/license.html",
       {"BSD-3-Clause"}},
      {"libtiff",
       "The licence agreement for this file is the same as the rest of the LibTiff library.",
       {"libtiff"}},
      {"amazon apache page", " *     http://aws.amazon.com/apache2.0", {"Apache-2.0"}},
      // RFC MIB modules: the IETF's "Simplified BSD License" has three clauses.
      {"ietf simplified bsd",
       "is permitted pursuant to, and subject to the license terms contained in, the Simplified BSD "
       "License set forth in Section 4.c of the IETF Trust's Legal Provisions",
       {"BSD-3-Clause"}},
      {"simplified bsd elsewhere", "Released under the Simplified BSD License.", {"BSD-2-Clause"}},
      {"lbnl bsd license file",
       "you are agreeing to the modified\n* BSD license \"BSD-LBNL-License.doc\" (see LICENSE.txt).",
       {"BSD-3-Clause-LBNL"}},
      {"apache v2 license", "* Licensed under the Apache v2 License.", {"Apache-2.0"}},
      {"apache license version 2",
       "[Apache License version 2](http://www.apache.org/licenses/).",
       {"Apache-2.0"}},
      {"license: apache2", ":license: Apache2, see LICENSE for more details.", {"Apache-2.0"}},
      {"illinois",
       "// This file is distributed under the University of Illinois Open Source\n// License.",
       {"NCSA"}},
      {"quoted new bsd", "The \"New\" BSD License:", {"BSD-3-Clause"}},
      {"bsd (revised)",
       "licensed by Yahoo! Inc. under the BSD (revised) open source license.",
       {"BSD-3-Clause"}},
      {"boxed comment",
       "% This work may be distributed and/or modified under the %\n"
       "% conditions of the LaTeX Project Public License, either %\n"
       "% version 1.3c of this license or (at your option) any   %",
       {"LPPL-1.3c"}},
      {"freetype", "distributed under the terms of the FreeType project license, LICENSE.TXT.", {"FTL"}},
      {"zlib header",
       " * For conditions of distribution and use, see copyright notice in zlib.h\n",
       {"Zlib"}},
      {"gfdl or later, no invariant sections",
       "under the terms of the GNU Free Documentation License, Version 1.2 or any later version published by "
       "the\n"
       "Free Software Foundation; with no Invariant Sections, with no Front-Cover Texts.",
       {"GFDL-1.2-no-invariants-or-later"}},
      {"gfdl only, invariant sections",
       "under the terms of the GNU Free Documentation License, Version 1.1; with the Invariant Sections "
       "being LIST.",
       {"GFDL-1.1-invariants-only"}},
      {"gfdl saying neither",
       "This manual is under the GNU Free Documentation License, Version 1.3.",
       {"GFDL-1.3-only"}},
      {"cc igo", "Creative Commons Attribution-NonCommercial-NoDerivs 3.0 IGO", {"CC-BY-NC-ND-3.0-IGO"}},
      // Read as written; identify drops the ids the SPDX list lacks.
      {"cc igo the list lacks", "Creative Commons Attribution-NonCommercial 3.0 IGO", {"CC-BY-NC-3.0-IGO"}},
      {"cc written apart", "Creative Commons Attribution Share Alike 4.0", {"CC-BY-SA-4.0"}},
      {"wtfpl asterisk", "Do What The F*ck You Want To Public License", {"WTFPL"}},
      {"bsd 3-clause clear", "BSD 3-clause Clear license", {"BSD-3-Clause-Clear"}},
      {"nokia", "Nokia Open Source License (NOKOS License) Version 1.0a", {"Nokia"}},
      {"nasa", "NASA OPEN SOURCE AGREEMENT VERSION 1.3", {"NASA-1.3"}},
      {"freebsd doc", "The FreeBSD Documentation License", {"FreeBSD-DOC"}},
      {"imatix", "it under the terms of the SFL License Agreement as provided", {"iMatix"}},
      {"ipa font", "|--IPA_Font_License_Agreement_v1.0.txt", {"IPA"}},
      {"libpng header",
       " * For conditions of distribution and use, see copyright notice in png.h\n",
       {"Libpng"}},
      {"bittorrent",
       "# The contents of this file are subject to the BitTorrent Open Source License\n# Version 1.1 (the "
       "License).",
       {"BitTorrent-1.1"}},
      {"yahoo",
       "The contents of this file are subject to the Yahoo! Public License\nVersion 1.0 (\"License\");",
       {"YPL-1.0"}},
      {"cua office", " * CUA Office Public License Version 1.0\n", {"CUA-OPL-1.0"}},
      {"interbase by its url", " * of the License at http://www.Inprise.com/IPL.html\n", {"Interbase-1.0"}},
      {"apple", "Apple Public Source License\nVersion 2.0 - August 6, 2003\n", {"APSL-2.0"}},
      {"curl", " * are also available at https://curl.haxx.se/docs/copyright.html.\n", {"curl"}},
      {"prefix on every line",
       "c Licensed under the Apache License,\nc Version 2.0 (the \"License\");\nc you may not\nc use this "
       "file",
       {"Apache-2.0"}},
      {"ijg header", " * This file is part of the Independent JPEG Group's software.\n", {"IJG"}},
      {"ijg acknowledgement",
       "This software is based in part on the work of the Independent JPEG Group.",
       {"IJG"}},
      {"bzip2 header",
       "   This file is part of bzip2/libbzip2, a program and library for\n"
       "   lossless, block-sorting data compression.\n\n"
       "   This program is released under the terms of the license contained\n   in the file LICENSE.\n",
       {"bzip2-1.0.6"}},
      {"w3c page", "* [1] http://www.w3.org/Consortium/Legal/2002/copyright-software-20021231", {"W3C"}},
      {"cpal", "published under the terms of the CPAL v1.0 license", {"CPAL-1.0"}},
      {"eupl", "Licensed under the EUPL, Version 1.1 or - as soon they will be approved", {"EUPL-1.1"}},
      {"ruby's choice of the gpl",
       "You can redistribute it and/or modify it under either the terms of the GPL\n"
       "(see GPL file), or the conditions below:",
       {"Ruby"}},
  };
  for (const NoticeCase& c : cases) {
    EXPECT_EQ(notice_ids(c.text), c.expected) << c.name;
  }
}

TEST(NoticesTest, IgnoresLicensesNamedInPassing) {
  const char* cases[] = {
      "Note that flex is distributed under a copyright very similar to that of BSD Unix, and not under the "
      "GNU General Public License (GPL).",
      "- libexif is not LGPL-licensed\n- do not upgrade to LGPLv3",
      "NOT 'eligible' as defined by gcc's library exception to the GPL v3,",
      "This License is a kind of \"copyleft\". It complements the GNU General Public License, which is a "
      "copyleft license designed for free software.",
      "so as to improve compatibility with GPL. This version ensures that W3C software licensing terms are "
      "no more restrictive than GPL and consequently W3C software may be distributed in GPL packages.",
      "The fonts were initially published on the 6th of July 2009 on the foundry website [6] under the "
      "terms of the GNU General Public License version 3.",
      "# Some suggested licenses:\n# - MIT\n# - GPLv2\n# - GPLv3",
      "[7]: http://www.gnu.org/licenses/gpl.html",
      "var upgrade = [\n  'GPL-2.0', 'LGPL-2.1',\n  'Apache-2.0'\n]",
      "\"BSD-3-Clause-Attribution\",",
      "Software distributed under the Mozilla Public License is distributed on an AS IS basis",
      "Research done under the MIT Media Lab grant.",
      "---\nlicense: [mit\ntags: open-source\n---",  // broken YAML: the scanner reports it
      "Unlike the Apache License, Version 2.0, this license has no patent clause.",
      // A pointer to another header names no license but that header's.
      " * For conditions of distribution and use, see copyright notice in blast.h",
      // The name of a license derived from the one named.
      "                          Modified Apache 2.0 License\n                         Version 2.0.1",
      "This is a modified version of the MIT License.",
      "The Zimbra Public License Version 1.2 (\"ZPL\") consists of the Mozilla Public License Version 1.1, "
      "modified to be specific to Zimbra",
  };
  for (const char* text : cases) {
    EXPECT_TRUE(notice_ids(text).empty()) << text;
  }
}

TEST(NoticesTest, IgnoresTheLicenseALicenseWasChangedFrom) {
  for (const Notice& n : find_notices("- Changed: relicense ([MIT](https://opensource.org/licenses/MIT) → "
                                      "[ISC](https://opensource.org/licenses/ISC))")) {
    EXPECT_NE(util::ascii_lower(n.id), "mit") << n.evidence;
  }
}

TEST(NoticesTest, KeepsGrantsInLicenseFields) {
  const NoticeCase cases[] = {
      {"license key after suggestions",
       "# Some suggested licenses:\n# - MIT\n# - GPLv2\nlicense: Apache V2",
       {"Apache-2.0"}},
      {"quoted license value", "setup(license='GPLv2')", {"GPL-2.0-only"}},
  };
  for (const NoticeCase& c : cases) {
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

TEST(NoticesTest, ReadsLicenseKeysOfJsonData) {
  // The flat text drops the quote that opens a line; the key still counts.
  const char* cases[] = {
      "{\n\"license\": \"MIT\"\n}\n",
      "{\"license\": \"MIT\"}",
      "\"license\": {\n\"type\": \"MIT\",\n\"url\": \"http://example.org/LICENSE\"\n},",
  };
  for (const char* text : cases) {
    std::vector<Notice> notices = find_notices(text);
    ASSERT_FALSE(notices.empty()) << text;
    for (const Notice& n : notices) {
      EXPECT_EQ(util::ascii_lower(n.id), "mit") << text;
    }
    EXPECT_TRUE(std::any_of(notices.begin(), notices.end(), [](const Notice& n) {
      return n.kind == NoticeKind::id_reference;
    })) << text;
  }
}

TEST(NoticesTest, ANegationCountsWithinItsClauseOnly) {
  // "not" up to 60 bytes before the name, with no punctuation between.
  EXPECT_TRUE(notice_ids("and not distributed under the terms of the GNU General Public License v2").empty());
  EXPECT_EQ(notice_ids("not a word of this sentence is missing, and it is distributed under the GNU General "
                       "Public License v2"),
            std::vector<std::string>{"GPL-2.0-only"});
  EXPECT_EQ(
      notice_ids("we do not think that any reader of this long sentence would doubt that it is under the GNU "
                 "General Public License v2"),
      std::vector<std::string>{"GPL-2.0-only"});
}

TEST(NoticesTest, MapsFlatTextBackToInput) {
  NoticeText nt("  // Hello\n  // World");
  EXPECT_EQ(nt.flat(), "hello world ");
  EXPECT_EQ(nt.source_offset(0), 5u);
  EXPECT_EQ(nt.source_offset(6), 16u);
}

}  // namespace
}  // namespace aperture::license
