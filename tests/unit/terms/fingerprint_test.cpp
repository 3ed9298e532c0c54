// Fingerprint matching (src/aperture/terms/fingerprint.cpp): patterns are
// compiled when a text first holds their anchor, so a bad pattern is
// reported then, and every built-in pattern must compile.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <aperture/terms/fingerprint.hpp>
#include <aperture/util/error.hpp>

namespace aperture::terms {
namespace {

TEST(Fingerprint, EveryBuiltInPatternCompiles) {
  ASSERT_FALSE(embedded_fingerprints().empty());
  for (const Fingerprint& f : embedded_fingerprints()) {
    for (const std::vector<std::string>* list : {&f.all, &f.none}) {
      for (const std::string& pattern : *list) {
        re2::RE2 re(pattern);
        EXPECT_TRUE(re.ok()) << f.id << ": " << pattern << ": " << re.error();
      }
    }
  }
}

TEST(Fingerprint, MatchesWhenEveryPatternMatchesAndNoExclusionDoes) {
  static const std::vector<Fingerprint> k_list{
      {"Demo-1", {"demo model license", "version 1"}, {"version 2"}}};
  std::string text = "The Demo Model License, version 1.\nSome terms.";
  std::vector<FingerprintMatch> found = find_fingerprints(text, k_list);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].id, "Demo-1");
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "Demo Model License, version 1");
  EXPECT_TRUE(find_fingerprints("The Demo Model License, version 1 and version 2.", k_list).empty());
  EXPECT_TRUE(find_fingerprints("The Demo Model License, version 3.", k_list).empty());
}

TEST(Fingerprint, BadPatternIsReportedWhenItsAnchorOccurs) {
  static const std::vector<Fingerprint> k_list{{"Broken-1", {"broken license (unclosed"}, {}}};
  EXPECT_TRUE(find_fingerprints("An unrelated text.", k_list).empty());
  try {
    find_fingerprints("The broken license (unclosed", k_list);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("Broken-1: bad fingerprint pattern"), std::string::npos);
  }
}

}  // namespace
}  // namespace aperture::terms
