#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <aperture/license/identify.hpp>
#include <aperture/util/file.hpp>
#include <aperture/util/text.hpp>

#include "support/test_support.hpp"
#include "unit/license/license_texts.hpp"

namespace aperture::license {
namespace {

std::string ids_of(std::string_view text) {
  std::string out;
  for (const LicenseMatch& m : identify_text(text)) {
    out += (out.empty() ? "" : " AND ") + m.id;
  }
  return out.empty() ? "NONE" : out;
}

TEST(IdentifyTest, CombinesTextsTagsAndNotices) {
  struct Case {
    const char* name;
    std::string text;
    const char* expected;
  };
  const Case cases[] = {
      {"whole text", aperture::testing::k_mit_text, "MIT"},
      {"spdx tag expression", "// SPDX-License-Identifier: MIT OR Apache-2.0\n", "MIT AND Apache-2.0"},
      {"deprecated id in tag", "# SPDX-License-Identifier: GPL-2.0+\n", "GPL-2.0-or-later"},
      {"nothing", "int main() { return 0; }\n", "NONE"},
      {"empty", "", "NONE"},
      {"notice refines the GPL text's version",
       "This program is free software; you can redistribute it under the terms of the GNU General "
       "Public License as published by the Free Software Foundation; either version 2 of the License, "
       "or (at your option) any later version.\n",
       "GPL-2.0-or-later"},
      {"two references", "Dual-licensed under the MIT license or the Apache License, Version 2.0.",
       "MIT AND Apache-2.0"},
      {"two unversioned mentions of one family: the later first version",
       " * License: http://www.gnu.org/copyleft/lesser.html LGPL\n", "LGPL-2.1-or-later"},
      {"unversioned mention beside a versioned one",
       "Licensed under the GNU GPL, version 3. See the GNU General Public License for more details.\n",
       "GPL-3.0-only"},
      {"the gpl offered by the ruby license",
       "redistribute and/or modify the software under either the terms of the GPL\n"
       "version 2 (see the file GPL), or the conditions below (\"Ruby License\"):\n",
       "Ruby"},
      {"a heading naming the text's family",
       "ClearSilver is now licensed under the New BSD License.\n\n" + aperture::testing::k_bsd2_text,
       "BSD-2-Clause"},
      {"a notice of another family above a text",
       "Parts are licensed under the Apache License, Version 2.0.\n\n" + aperture::testing::k_mit_text,
       "Apache-2.0 AND MIT"},
      {"not under the gpl",
       "Note that flex is distributed under a copyright very similar to that of BSD Unix, and not under the "
       "GNU General Public License (GPL).\n",
       "NONE"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ids_of(c.text), c.expected) << c.name;
  }
}

TEST(IdentifyTest, ReportsKindLinesAndName) {
  std::string text = "Intro line\n\n" + aperture::testing::k_isc_text + "\nThanks.\n";
  std::vector<LicenseMatch> found = identify_text(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, "ISC");
  EXPECT_EQ(found[0].name, "ISC License");
  EXPECT_TRUE(found[0].osi_approved);
  EXPECT_EQ(found[0].kind, MatchKind::license_text);
  ASSERT_EQ(found[0].lines.size(), 1u);
  EXPECT_EQ(found[0].lines[0].first, 3u);  // the title line
  EXPECT_EQ(found[0].lines[0].last, 17u);  // the disclaimer's last line
  EXPECT_GT(found[0].confidence, 0.85);
}

TEST(IdentifyTest, ANoticeInsideAModifiedLicenseNamingAnotherIsPartOfIt) {
  // A license that is mostly the MIT text with a clause added, and that says
  // which license it was made from: neither is the answer.
  const std::string said = "This license was made from the Apache License, Version 2.0, for Example.\n\n";
  std::string text = aperture::testing::k_mit_text;
  std::size_t at = text.find("THE SOFTWARE IS PROVIDED");
  text.insert(at, said + "The Software shall be used for Good, not Evil, and the licensee shall not use it "
                         "for any military purpose whatsoever in any country.\n\n");
  EXPECT_EQ(ids_of(text), "NONE");
  // The same sentence on its own names Apache-2.0; a tag inside the text still counts.
  EXPECT_EQ(ids_of(said), "Apache-2.0");
  text.insert(0, "SPDX-License-Identifier: Apache-2.0\n");
  EXPECT_EQ(ids_of(text), "Apache-2.0");
  // Said so, the license named is the one this was derived from.
  EXPECT_EQ(
      ids_of("This license consists of the Apache License, Version 2.0, modified to be specific to Example."),
      "NONE");
}

TEST(IdentifyTest, ReportsALicenseTextTooChangedToName) {
  std::string text = "Some project\n\n" + std::string(aperture::testing::k_mit_text);
  text.insert(text.find("THE SOFTWARE IS PROVIDED"),
              "The licensee shall not use the Software, or any part of it, for any military purpose "
              "whatsoever, in any country, at any time.\n\n");
  Identification found = identify(text);
  EXPECT_TRUE(found.licenses.empty());
  ASSERT_EQ(found.unidentified.size(), 1U);
  EXPECT_EQ(found.unidentified[0].closest, "MIT");
  EXPECT_GT(found.unidentified[0].coverage, 0.9);
  EXPECT_EQ(found.unidentified[0].lines.first, 3U);
  EXPECT_GT(found.unidentified[0].lines.last, 10U);
  // A tag elsewhere names a license; the changed text is still reported.
  Identification tagged = identify("SPDX-License-Identifier: MIT\n" + text);
  EXPECT_EQ(tagged.licenses.size(), 1U);
  EXPECT_EQ(tagged.unidentified.size(), 1U);
  // A notice inside the text naming its license names those lines.
  std::string stated = text;
  stated.insert(stated.find("THE SOFTWARE IS PROVIDED"),
                "The Software is released under the MIT License.\n\n");
  Identification named = identify(stated);
  ASSERT_EQ(named.licenses.size(), 1U);
  EXPECT_EQ(named.licenses[0].id, "MIT");
  EXPECT_TRUE(named.unidentified.empty());
  // The plain text is named, not unidentified.
  Identification plain = identify(aperture::testing::k_mit_text);
  EXPECT_TRUE(plain.unidentified.empty());
  EXPECT_EQ(identify_text(aperture::testing::k_mit_text).size(), 1U);
}

// Clauses short enough for the matching guidelines' tolerance still make a
// changed text: the words a copy adds are read for a clause of their own.
TEST(IdentifyTest, AShortAddedClauseIsNotThePlainLicense) {
  const std::string mit = aperture::testing::k_mit_text;
  const std::string conditions = "copies or substantial portions of the Software.\n";
  auto with_sentence = [&](const std::string& sentence) {
    std::string text = mit;
    text.insert(text.find(conditions) + conditions.size(), "\n" + sentence + "\n");
    return text;
  };
  std::string inline_limit = mit;
  inline_limit.replace(inline_limit.find("free of charge, to any person"), 29,
                       "free of charge, for non-commercial purposes only, to any person");
  for (const std::string& text :
       {with_sentence("The licensee shall not use the Software for any military purpose."),
        with_sentence(
            "You may not use the Software in a product with more than 1,000,000 monthly active users."),
        inline_limit}) {
    Identification found = identify(text);
    EXPECT_TRUE(found.licenses.empty()) << text;
    ASSERT_EQ(found.unidentified.size(), 1U) << text;
    EXPECT_EQ(found.unidentified[0].closest, "MIT");
  }
  // Added words that say no clause are within the tolerance.
  EXPECT_EQ(ids_of(with_sentence("Please send bug reports to the authors.")), "MIT");
}

TEST(IdentifyTest, NoticesNamingLicensesTheListLacksAreNoAnswer) {
  // The SPDX list has four of the Creative Commons IGO ports; this is not one,
  // and it is not CC-BY-NC-3.0 either.
  EXPECT_EQ(ids_of("Licensed under Creative Commons Attribution-NonCommercial 3.0 IGO."), "NONE");
  EXPECT_EQ(ids_of("Licensed under Creative Commons Attribution-NonCommercial-NoDerivs 3.0 IGO."),
            "CC-BY-NC-ND-3.0-IGO");
}

TEST(IdentifyTest, SaysWhenOnlyPartOfTheTextIsThere) {
  const std::string& mit = aperture::testing::k_mit_text;
  std::vector<LicenseMatch> cut = identify_text(mit.substr(0, mit.find("WHETHER IN AN ACTION")));
  ASSERT_EQ(cut.size(), 1u);
  EXPECT_EQ(cut[0].id, "MIT");
  EXPECT_NE(cut[0].evidence.find("cut short"), std::string::npos) << cut[0].evidence;
  std::vector<LicenseMatch> opening = identify_text(mit.substr(0, mit.find("THE SOFTWARE IS PROVIDED")));
  ASSERT_EQ(opening.size(), 1u);
  EXPECT_EQ(opening[0].id, "MIT");
  EXPECT_NE(opening[0].evidence.find("opening part"), std::string::npos) << opening[0].evidence;
  EXPECT_LE(opening[0].confidence, 0.5);
}

TEST(IdentifyTest, ReadmeSectionIsEmbeddedText) {
  std::string text =
      "# Tool\n\nA tool that does things. " + std::string(400, 'x') +
      "\n\nUsage: run it with many options and flags described at length here.\n\n## License\n\n" +
      aperture::testing::k_bsd2_text;
  text = std::string(3000, ' ') + "\nIntro words and more intro words " + text;
  std::vector<LicenseMatch> found = identify_text(text + std::string(200, '\n') +
                                                  "More documentation follows, at length, with examples and "
                                                  "explanations of every command and every option we offer "
                                                  "to the people who use this tool day to day.\n");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, "BSD-2-Clause");
}

// Accuracy on the shared license corpus, as a regression guard: the figures
// the benchmark reports must not fall. Runs only where ../shared exists.
TEST(IdentifyCorpusTest, KeepsAccuracyOnTheLicenseCorpus) {
  APERTURE_REQUIRE_SHARED(shared);
  std::filesystem::path corpus = shared / "corpus" / "license-files";
  std::ifstream truth(corpus / "ground_truth.tsv");
  ASSERT_TRUE(truth) << "no ground_truth.tsv";
  std::string line;
  std::getline(truth, line);
  const std::map<std::string, std::string> deprecated{
      {"GPL-1.0", "GPL-1.0-only"},   {"GPL-2.0", "GPL-2.0-only"},   {"GPL-3.0", "GPL-3.0-only"},
      {"LGPL-2.0", "LGPL-2.0-only"}, {"LGPL-2.1", "LGPL-2.1-only"}, {"LGPL-3.0", "LGPL-3.0-only"},
      {"AGPL-3.0", "AGPL-3.0-only"}, {"GFDL-1.1", "GFDL-1.1-only"}, {"GFDL-1.2", "GFDL-1.2-only"},
      {"GFDL-1.3", "GFDL-1.3-only"}};
  int total = 0;
  int exact = 0;
  int wrong = 0;
  while (std::getline(truth, line)) {
    std::istringstream fields(line);
    std::string path;
    std::string expected;
    std::getline(fields, path, '\t');
    std::getline(fields, expected, '\t');
    if (auto it = deprecated.find(expected); it != deprecated.end()) {
      expected = it->second;
    }
    auto bytes = util::read_file((corpus / path).string());
    ASSERT_TRUE(bytes) << path;
    auto text = util::decode_text(*bytes, path);
    std::string got = text ? ids_of(*text) : "NONE";
    ++total;
    if (got == expected) {
      ++exact;
    } else if (got != "NONE") {
      ++wrong;
    }
  }
  ASSERT_GT(total, 2900);
  EXPECT_GE(exact * 1000 / total, 825) << exact << " of " << total << " exact";
  EXPECT_LE(wrong * 1000 / total, 17) << wrong << " of " << total << " wrong";
}

// The pre-check that skips whole-text matching must never skip a license:
// every text of the SPDX list (the pinned npm package the index is built
// from) holds one of its words.
TEST(IdentifyTest, EverySpdxTextPassesTheLicenseTextPreCheck) {
  std::string data =
      aperture::util::read_file(std::string(APERTURE_NPM_DIR) + "/spdx-license-list/spdx-full.json",
                                256ull * 1024 * 1024)
          .value();
  nlohmann::json list = nlohmann::json::parse(data);
  std::size_t checked = 0;
  for (const auto& [id, entry] : list.items()) {
    std::string text = entry.value("licenseText", std::string());
    if (text.empty()) {
      continue;
    }
    EXPECT_TRUE(could_hold_license_text(text)) << id;
    ++checked;
  }
  EXPECT_GT(checked, 700u);
  EXPECT_FALSE(could_hold_license_text("# A model\n\nFine-tuned for chat. Use it well.\n"));
}

}  // namespace
}  // namespace aperture::license
