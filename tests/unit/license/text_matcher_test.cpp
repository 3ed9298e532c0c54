#include <algorithm>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include <aperture/license/spdx_index.hpp>
#include <aperture/license/text_matcher.hpp>

#include "unit/license/license_texts.hpp"

namespace aperture::license {
namespace {

using aperture::testing::bsd3_text;
using aperture::testing::k_bsd2_text;
using aperture::testing::k_isc_text;
using aperture::testing::k_mit0_text;
using aperture::testing::k_mit_text;

// The ids of the license texts found in `text`.
std::vector<std::string> found_ids(const std::string& text) {
  const SpdxIndex& index = SpdxIndex::embedded();
  std::vector<Token> tokens = tokenize(text);
  std::vector<std::uint32_t> ids = word_ids(index, tokens);
  std::vector<std::string> out;
  for (const TextMatch& m : find_license_texts(index, ids)) {
    out.emplace_back(index.license(index.group_members(m.alignment.group).front()).id);
  }
  return out;
}

TEST(TextMatcherTest, TellsCloseVariantsApart) {
  struct Case {
    const char* name;
    std::string text;
    std::vector<std::string> expected;
  };
  const Case cases[] = {
      {"MIT", k_mit_text, {"MIT"}},
      {"MIT-0", k_mit0_text, {"MIT-0"}},
      {"BSD-2-Clause", k_bsd2_text, {"BSD-2-Clause"}},
      {"BSD-3-Clause", bsd3_text(), {"BSD-3-Clause"}},
      {"ISC", k_isc_text, {"ISC"}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(found_ids(c.text), c.expected) << c.name;
  }
}

TEST(TextMatcherTest, KnownLicenseWithExtraClauseIsNotThePlainLicense) {
  std::string text = k_mit_text;
  std::size_t at = text.find("THE SOFTWARE IS PROVIDED");
  text.insert(at, "The Software shall be used for Good, not Evil, and the licensee shall not use it "
                  "for any military purpose whatsoever in any country.\n\n");
  EXPECT_TRUE(found_ids(text).empty());
}

TEST(TextMatcherTest, ReportsWhereAModifiedLicenseIs) {
  std::string text = "Header line\n\n" + k_mit_text;
  std::size_t at = text.find("THE SOFTWARE IS PROVIDED");
  text.insert(at, "The Software shall be used for Good, not Evil, and the licensee shall not use it "
                  "for any military purpose whatsoever in any country.\n\n");
  const SpdxIndex& index = SpdxIndex::embedded();
  std::vector<std::uint32_t> ids = word_ids(index, tokenize(text));
  std::vector<Alignment> modified;
  EXPECT_TRUE(find_license_texts(index, ids, &modified).empty());
  ASSERT_FALSE(modified.empty());
  EXPECT_LE(modified[0].doc_begin, 4u);
  EXPECT_GE(modified[0].doc_end, ids.size() - 2);
  // A text that is named is not reported as modified.
  modified.clear();
  std::vector<std::uint32_t> plain = word_ids(index, tokenize(k_mit_text));
  EXPECT_EQ(find_license_texts(index, plain, &modified).size(), 1u);
  EXPECT_TRUE(modified.empty());
}

TEST(TextMatcherTest, KeepsTheLongestRunsOfAddedWords) {
  std::string text = k_mit_text;
  text.insert(text.find("THE SOFTWARE IS PROVIDED"), "Please send all bug reports and patches to us.\n\n");
  text.insert(text.find("The above copyright notice"), "Thanks to our friends.\n\n");
  const SpdxIndex& index = SpdxIndex::embedded();
  std::vector<Token> tokens = tokenize(text);
  std::vector<std::uint32_t> ids = word_ids(index, tokens);
  std::vector<TextMatch> found = find_license_texts(index, ids);
  ASSERT_EQ(found.size(), 1u);
  const auto& runs = found[0].alignment.added_runs;
  // Longest first; each run holds its added words.
  EXPECT_EQ(runs[0].words, 9u);
  EXPECT_EQ(tokens[runs[0].begin].word, "please");
  EXPECT_EQ(runs[1].words, 4u);
  EXPECT_EQ(tokens[runs[1].begin].word, "thanks");
  EXPECT_EQ(runs[1].end - runs[1].begin, 4u);
  // A plain copy adds none.
  std::vector<TextMatch> plain = find_license_texts(index, word_ids(index, tokenize(k_mit_text)));
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(plain[0].alignment.added_runs[0].words, 0u);
}

TEST(TextMatcherTest, ToleratesReplacedNamesAndReflow) {
  std::string text = bsd3_text();
  // A real name instead of "the copyright holder", and the text reflowed.
  std::size_t at = text.find("the copyright holder nor");
  text.replace(at, std::string("the copyright holder").size(), "Example Corp");
  for (char& c : text) {
    if (c == '\n') {
      c = ' ';
    }
  }
  EXPECT_EQ(found_ids(text), std::vector<std::string>{"BSD-3-Clause"});
}

TEST(TextMatcherTest, FindsTextEmbeddedInSourceComments) {
  std::string text = "#include <stdio.h>\n/*\n";
  for (const std::string_view line : {std::string_view(k_isc_text)}) {
    std::size_t start = 0;
    while (start < line.size()) {
      std::size_t end = line.find('\n', start);
      text += " * " + std::string(line.substr(start, end - start)) + "\n";
      start = end == std::string_view::npos ? line.size() : end + 1;
    }
  }
  text += " */\nint main(void) { return 0; }\n";
  EXPECT_EQ(found_ids(text), std::vector<std::string>{"ISC"});
}

TEST(TextMatcherTest, FindsTwoLicensesInOneFile) {
  std::string text = "Part one:\n" + k_mit_text + "\n\nPart two:\n" + k_isc_text;
  EXPECT_EQ(found_ids(text), (std::vector<std::string>{"MIT", "ISC"}));
}

TEST(TextMatcherTest, MiddleOfATextIsNotNamed) {
  // Neither its start nor its end: no opening part, and no copy cut short.
  std::string text = k_mit_text.substr(k_mit_text.size() / 4, k_mit_text.size() / 2);
  EXPECT_TRUE(found_ids(text).empty());
}

TEST(TextMatcherTest, NamesACopyCutOffByTheEndOfTheInput) {
  // The last sentence of the disclaimer is cut in two: the file was cut short.
  std::string text = k_mit_text.substr(0, k_mit_text.find("WHETHER IN AN ACTION"));
  const SpdxIndex& index = SpdxIndex::embedded();
  std::vector<std::uint32_t> ids = word_ids(index, tokenize(text));
  std::vector<TextMatch> found = find_license_texts(index, ids);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(index.license(index.group_members(found[0].alignment.group).front()).id, "MIT");
  EXPECT_EQ(fit_of(found[0].alignment), Fit::truncated);
  EXPECT_LE(found[0].confidence, 0.7);
}

TEST(TextMatcherTest, TextMissingInsideIsNotACutOffCopy) {
  // The same words missing in the middle are a clause taken out, and with
  // text after them the input was not cut short.
  std::string text = k_mit_text;
  std::size_t from = text.find("including without limitation");
  std::size_t to = text.find("and to permit persons");
  text.erase(from, to - from);
  EXPECT_TRUE(found_ids(text).empty());
  EXPECT_TRUE(
      found_ids(k_mit_text.substr(0, k_mit_text.find("The above copyright notice")) + "\n\nint main();")
          .empty());
}

// The first `share` of license `id`'s text, as normalised words.
std::string opening_of(std::string_view id, double share) {
  const SpdxIndex& index = SpdxIndex::embedded();
  auto found = index.find(id);
  std::span<const std::uint32_t> words = index.group_tokens(index.license(*found).group);
  std::string text;
  for (std::size_t i = 0; i < static_cast<std::size_t>(static_cast<double>(words.size()) * share); ++i) {
    text += std::string(index.word(words[i])) + " ";
  }
  return text;
}

TEST(TextMatcherTest, NamesAWidelyUsedLicenseFromTheOpeningPartOfItsText) {
  // A header with the grant and the conditions, without the disclaimer.
  std::string bsd3 = bsd3_text();
  std::string conditions = bsd3.substr(0, bsd3.find("THIS SOFTWARE IS PROVIDED")) + "\nint main(void);\n";
  const SpdxIndex& index = SpdxIndex::embedded();
  std::vector<TextMatch> found = find_license_texts(index, word_ids(index, tokenize(conditions)));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(index.license(index.group_members(found[0].alignment.group).front()).id, "BSD-3-Clause");
  EXPECT_LE(found[0].confidence, 0.5);
  // MIT and X11 open alike; the input is the larger share of MIT.
  std::string mit = k_mit_text.substr(0, k_mit_text.find("THE SOFTWARE IS PROVIDED"));
  EXPECT_EQ(found_ids(mit), std::vector<std::string>{"MIT"});
}

TEST(TextMatcherTest, OpeningPartOfARareLicenseOrAClosingPartIsNotNamed) {
  EXPECT_TRUE(found_ids(opening_of("Xnet", 0.6)).empty());
  std::string closing = k_mit_text.substr(k_mit_text.find("THE SOFTWARE IS PROVIDED"));
  EXPECT_TRUE(found_ids(closing).empty());
}

TEST(TextMatcherTest, FitCountsReplacingWordsApartFromAddedOnes) {
  Alignment a;
  a.license_words = 160;
  a.matched = 155;
  a.replaced = 5;
  a.replacing = 21;  // a long name in place of "the copyright holder", three times
  a.inserted = 22;
  EXPECT_EQ(fit_of(a), Fit::close);
  a.replacing = 0;  // the same 22 words added as new text
  EXPECT_NE(fit_of(a), Fit::close);
}

TEST(TextMatcherTest, LooseFitAllowsOneLongInsertionNotManyScatteredOnes) {
  Alignment a;
  a.license_words = 2300;
  a.matched = 2290;
  a.missing_required = 10;
  a.longest_gap = 9;
  a.inserted = 44;  // one repeated paragraph
  a.longest_insert = 44;
  EXPECT_EQ(fit_of(a), Fit::loose);
  a.inserted = 130;  // the same paragraph and 86 more words elsewhere: a modified license
  EXPECT_EQ(fit_of(a), Fit::plausible);
}

TEST(TextMatcherTest, TruncatedFitNeedsAFaithfulRemainder) {
  Alignment a;
  a.license_words = 200;
  a.matched = 180;
  a.missing_required = 20;
  a.longest_gap = 20;
  a.cut_off = 20;
  EXPECT_EQ(fit_of(a), Fit::truncated);
  a.replaced = 6;  // a few words of a replaceable part ("<organization>", an owner's name)
  EXPECT_EQ(fit_of(a), Fit::truncated);
  a.replaced = 12;  // other names and words all over what is left: a variant, not a cut copy
  EXPECT_NE(fit_of(a), Fit::truncated);
  a.replaced = 0;
  a.cut_off = 60;  // over a quarter gone
  a.missing_required = 60;
  EXPECT_NE(fit_of(a), Fit::truncated);
  a.cut_off = 40;  // a fifth gone from the start, where the grant is
  a.missing_required = 40;
  a.lead_missing = 40;
  a.doc_begin = 0;
  EXPECT_NE(fit_of(a), Fit::truncated);
  a.lead_missing = 10;  // a title or preamble is all that is gone from the start
  EXPECT_EQ(fit_of(a), Fit::truncated);
}

// The quadratic table lcs_length must agree with.
std::uint32_t lcs_by_table(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  std::vector<std::vector<std::uint32_t>> t(a.size() + 1, std::vector<std::uint32_t>(b.size() + 1, 0));
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      bool same = a[i - 1] == b[j - 1] && a[i - 1] != index::k_unknown_word;
      t[i][j] = same ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
    }
  }
  return t[a.size()][b.size()];
}

TEST(TextMatcherTest, LongestCommonSubsequenceAgreesWithTheTable) {
  std::mt19937 random(20261129);
  for (int round = 0; round < 400; ++round) {
    // Lengths on both sides of one and several 64-bit words; few distinct
    // words, so that there is much in common, and some unknown ones.
    std::size_t na = random() % 150;
    std::size_t nb = random() % 200;
    std::uint32_t alphabet = 2 + random() % 12;
    auto word = [&] { return random() % 10 == 0 ? index::k_unknown_word : random() % alphabet; };
    std::vector<std::uint32_t> a(na);
    std::vector<std::uint32_t> b(nb);
    std::generate(a.begin(), a.end(), word);
    std::generate(b.begin(), b.end(), word);
    EXPECT_EQ(lcs_length(a, b), lcs_by_table(a, b)) << "round " << round << ", " << na << " x " << nb;
  }
  std::vector<std::uint32_t> long_a(300, 1);
  std::vector<std::uint32_t> long_b(300, 1);
  EXPECT_EQ(lcs_length(long_a, long_b), 0U);  // too large a gap to compare
  EXPECT_EQ(lcs_length({}, long_b), 0U);
}

TEST(TextMatcherTest, AlignmentCountsDifferences) {
  const SpdxIndex& index = SpdxIndex::embedded();
  std::vector<Token> tokens = tokenize(k_mit_text);
  std::vector<std::uint32_t> ids = word_ids(index, tokens);
  auto mit = index.find("MIT");
  ASSERT_TRUE(mit);
  Alignment a = align(index, index.license(*mit).group, ids, 0, static_cast<std::uint32_t>(ids.size()));
  EXPECT_EQ(a.inserted, 0u);
  EXPECT_EQ(a.missing_required, 0u);
  EXPECT_DOUBLE_EQ(a.coverage(), 1.0);
  EXPECT_EQ(fit_of(a), Fit::close);
}

}  // namespace
}  // namespace aperture::license
