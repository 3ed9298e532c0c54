// Finds whole license texts (alone or embedded in a larger file) by comparing
// the input's words with every text of the SPDX list: shingles pick the
// candidates, an anchored alignment measures how much of each candidate is
// present and what was inserted into it.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include <aperture/license/normalize.hpp>
#include <aperture/license/spdx_index.hpp>

namespace aperture::license {

// How well one license text aligns with a span of the input.
struct Alignment {
  std::uint32_t group = 0;
  std::uint32_t doc_begin = 0;         // first input word of the span (index into tokens)
  std::uint32_t doc_end = 0;           // one past the last input word of the span
  std::uint32_t license_words = 0;     // words of the license text
  std::uint32_t optional_words = 0;    // of which may be absent (title, "how to apply" appendix)
  std::uint32_t matched = 0;           // license words found in order in the span
  std::uint32_t inserted = 0;          // span words that are not license words
  std::uint32_t longest_insert = 0;    // longest run of inserted words
  std::uint32_t longest_gap = 0;       // longest run of missing required license words
  std::uint32_t missing_required = 0;  // required license words not found (not replaced)
  std::uint32_t replaced = 0;          // required license words replaced by a few other words
  std::uint32_t replacing = 0;         // the input words that replaced them (counted in `inserted` too)
  // Required license words missing before the first match where the input
  // starts, or after the last where it ends: a copy cut off by the file's
  // edge rather than a clause taken out (counted in `missing_required` too).
  std::uint32_t cut_off = 0;
  std::uint32_t longest_inner_gap = 0;  // longest gap between the first and last match
  std::uint32_t lead_missing = 0;       // required words missing before the first match
  std::uint32_t tail_missing = 0;       // required words missing after the last match
  // The longest runs of input words in place of, or between, license words
  // (input word indexes [begin, end)), longest first; where a modified copy
  // would add a clause. Runs shorter than k_min_added_run are not kept.
  struct AddedRun {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::uint32_t words = 0;  // of which are not license words
  };
  std::array<AddedRun, 2> added_runs{};

  // Share of the required license words that are present, 0..1.
  [[nodiscard]] double coverage() const;
  // Matched words less everything that differs; ranks competing texts.
  [[nodiscard]] double score() const;
  // 0..1: how faithful a copy this is, counting replaceable parts (names in
  // place of "the copyright holder") as faithful.
  [[nodiscard]] double faithfulness() const;
};

// How much of a license text an accepted match holds.
enum class TextExtent {
  whole,    // the text, within the matching guidelines' tolerance
  cut_off,  // most of the text, cut short by the start or end of the input
  opening,  // the opening part (grant and conditions) of a widely used license
};

// A license text accepted as present.
struct TextMatch {
  Alignment alignment;
  double confidence = 0;  // 0..1
  TextExtent extent = TextExtent::whole;
};

// Fewest added words in a run worth checking for an added clause.
inline constexpr std::uint32_t k_min_added_run = 4;

// Length of the longest common subsequence of word ids `a` and `b`, where
// k_unknown_word matches nothing; 0 when |a|*|b| is too large to compare
// (a gap that long is no copy of the text). Exposed for tests.
std::uint32_t lcs_length(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b);

// Normalised word ids of `tokens` in `index` (unknown words get k_unknown_word).
std::vector<std::uint32_t> word_ids(const SpdxIndex& index, std::span<const Token> tokens);

// Every license text present in `ids`, in input order, non-overlapping. When
// `modified` is given it receives the spans where a text is mostly present but
// too different to name (a modified license): a notice inside one is part of
// that text, not a license of its own.
std::vector<TextMatch> find_license_texts(const SpdxIndex& index,
                                          std::span<const std::uint32_t> ids,
                                          std::vector<Alignment>* modified = nullptr);

// Aligns group `group`'s text with `ids[begin, end)`. Exposed for tests.
Alignment align(const SpdxIndex& index,
                std::uint32_t group,
                std::span<const std::uint32_t> ids,
                std::uint32_t begin,
                std::uint32_t end);

// How well an alignment fits its license text.
enum class Fit {
  none,       // not this license
  plausible,  // mostly this license, but too different to name it
  loose,      // a long text with more differences than a faithful copy has
  truncated,  // a faithful copy cut off by the start or end of the input
  close,      // a faithful copy (within the matching guidelines' tolerance)
};
Fit fit_of(const Alignment& a);

// Whether a fit names its license (close, loose or truncated).
bool is_named(Fit f);

// Whether `a` is close enough to its license text to name that license.
bool is_acceptable(const Alignment& a);

}  // namespace aperture::license
