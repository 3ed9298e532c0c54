#include <algorithm>
#include <array>
#include <bit>
#include <iterator>
#include <utility>

#include <aperture/license/text_matcher.hpp>

namespace aperture::license {

namespace {

constexpr std::uint32_t k_words = index::k_shingle;
// Shingles that occur more often than this in one text are too common to anchor on.
constexpr std::size_t k_max_anchor_repeats = 4;
// Longest run of license words that another short run may replace.
constexpr std::uint32_t k_max_replaced = 12;
// Words between a match and the input's edge for the copy to count as cut off there.
constexpr std::uint32_t k_edge_words = 2;
// Largest gap (license words × input words) aligned word by word.
constexpr std::uint64_t k_max_gap_cells = 60000;

struct Run {
  std::uint32_t doc = 0;
  std::uint32_t lic = 0;
  std::uint32_t length = 0;
};

// Where each shingle hash occurs in a license text's sorted shingle table.
class ShingleLookup {
public:
  explicit ShingleLookup(std::span<const index::ShingleEntry> sorted) {
    std::size_t slots = 16;
    while (slots < sorted.size() * 2) {
      slots <<= 1;
    }
    m_slots.assign(slots, Slot{});
    m_mask = slots - 1;
    for (std::size_t i = 0; i < sorted.size();) {
      std::size_t j = i;
      while (j < sorted.size() && sorted[j].hash == sorted[i].hash) {
        ++j;
      }
      std::size_t slot = mix(sorted[i].hash) & m_mask;
      while (m_slots[slot].count != 0) {
        slot = (slot + 1) & m_mask;
      }
      m_slots[slot] = Slot{sorted[i].hash, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j - i)};
      i = j;
    }
  }

  // {first index, count} of the entries with `hash`; count 0 when none.
  [[nodiscard]] std::pair<std::size_t, std::size_t> find(std::uint32_t hash) const {
    std::size_t slot = mix(hash) & m_mask;
    while (m_slots[slot].count != 0) {
      if (m_slots[slot].hash == hash) {
        return {m_slots[slot].first, m_slots[slot].count};
      }
      slot = (slot + 1) & m_mask;
    }
    return {0, 0};
  }

private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t first = 0;
    std::uint32_t count = 0;
  };
  static std::size_t mix(std::uint32_t h) { return (h * 0x9E3779B1u) >> 7; }

  std::vector<Slot> m_slots;
  std::size_t m_mask = 0;
};

// The longest chain of anchors increasing in both input and license position.
// REQUIRES: `pairs` ordered by input position ascending and, within one input
// position, license position descending.
std::vector<std::pair<std::uint32_t, std::uint32_t>>
longest_chain(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs) {
  std::vector<std::uint32_t> tails;  // index into pairs of the chain end of each length
  std::vector<std::int64_t> prev(pairs.size(), -1);
  for (std::uint32_t i = 0; i < pairs.size(); ++i) {
    std::uint32_t p = pairs[i].second;
    auto it = std::lower_bound(tails.begin(), tails.end(), p,
                               [&](std::uint32_t t, std::uint32_t v) { return pairs[t].second < v; });
    std::size_t len = static_cast<std::size_t>(it - tails.begin());
    prev[i] = len > 0 ? std::int64_t{tails[len - 1]} : std::int64_t{-1};
    if (it == tails.end()) {
      tails.push_back(i);
    } else {
      *it = i;
    }
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> chain;
  for (std::int64_t i = tails.empty() ? std::int64_t{-1} : std::int64_t{tails.back()}; i >= 0;
       i = prev[static_cast<std::size_t>(i)]) {
    chain.push_back(pairs[static_cast<std::size_t>(i)]);
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

// Turns chain anchors into maximal runs of equal words.
std::vector<Run> extend_runs(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& chain,
                             std::span<const std::uint32_t> doc,
                             std::span<const std::uint32_t> lic,
                             std::uint32_t doc_end) {
  std::vector<Run> runs;
  for (auto [j, p] : chain) {
    if (!runs.empty()) {
      const Run& last = runs.back();
      if (j < last.doc + last.length || p < last.lic + last.length) {
        continue;  // inside or crossing the previous run
      }
    }
    Run run{j, p, 0};
    while (run.doc + run.length < doc_end && run.lic + run.length < lic.size() &&
           doc[run.doc + run.length] == lic[run.lic + run.length]) {
      ++run.length;
    }
    runs.push_back(run);
  }
  return runs;
}

class Aligner {
public:
  Aligner(const SpdxIndex& index,
          std::uint32_t group,
          std::span<const std::uint32_t> doc,
          std::span<const std::uint64_t> doc_hashes)
      : m_lic(index.group_tokens(group)), m_lic_shingles(index.group_shingles(group)), m_doc(doc),
        m_doc_hashes(doc_hashes) {
    m_result.group = group;
    m_result.license_words = static_cast<std::uint32_t>(m_lic.size());
    const index::GroupRecord& rec = index.group(group);
    m_title_end = rec.title_end;
    m_appendix = std::max(rec.tail_start, rec.title_end);
    m_result.optional_words = m_title_end + (m_result.license_words - m_appendix);
  }

  // Aligns with input words [begin, end); `positions` (ascending) are the
  // input shingles that occur in this license text.
  Alignment run(std::uint32_t begin, std::uint32_t end, std::span<const std::uint32_t> positions) {
    std::vector<Run> runs = find_runs(end, positions);
    if (runs.empty()) {
      m_result.missing_required = m_result.license_words - m_result.optional_words;
      return m_result;
    }
    // Words before the first run: license words missing (or matched just before).
    const Run& first = runs.front();
    std::uint32_t lead_doc_begin = first.doc > begin + first.lic + 8 ? first.doc - first.lic - 8 : begin;
    m_result.doc_begin = first.doc;
    std::uint32_t lead_missing =
        account_gap(0, first.lic, lead_doc_begin, first.doc, /*count_inserts=*/false);
    m_result.lead_missing = lead_missing;
    if (m_result.doc_begin <= k_edge_words) {
      m_result.cut_off += lead_missing;
    }
    std::uint32_t outer_gap = m_result.longest_gap;
    m_result.longest_gap = 0;
    for (std::size_t r = 0; r < runs.size(); ++r) {
      m_result.matched += runs[r].length;
      if (r + 1 < runs.size()) {
        const Run& a = runs[r];
        const Run& b = runs[r + 1];
        account_gap(a.lic + a.length, b.lic, a.doc + a.length, b.doc, /*count_inserts=*/true);
      }
    }
    const Run& last = runs.back();
    std::uint32_t tail_lic = last.lic + last.length;
    std::uint32_t tail_doc = last.doc + last.length;
    std::uint32_t tail_doc_end =
        std::min<std::uint32_t>(end, tail_doc + (m_result.license_words - tail_lic) + 8);
    m_result.doc_end = tail_doc;
    m_result.longest_inner_gap = m_result.longest_gap;
    std::uint32_t tail_missing =
        account_gap(tail_lic, m_result.license_words, tail_doc, tail_doc_end, /*count_inserts=*/false);
    m_result.tail_missing = tail_missing;
    if (m_doc.size() - m_result.doc_end <= k_edge_words) {
      m_result.cut_off += tail_missing;
    }
    m_result.longest_gap = std::max(m_result.longest_gap, outer_gap);
    return m_result;
  }

private:
  std::vector<Run> find_runs(std::uint32_t end, std::span<const std::uint32_t> positions) {
    // The license's shingles by hash (an open-addressing table over its
    // sorted runs), probed once per input shingle in input order, so the
    // anchors come out ordered for the chain without sorting.
    ShingleLookup lookup(m_lic_shingles);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    pairs.reserve(positions.size());
    for (std::uint32_t j : positions) {
      if (j + k_words > end || m_doc_hashes[j] == 0) {
        continue;  // past the span, or the shingle holds a word no license has
      }
      auto [first, count] = lookup.find(static_cast<std::uint32_t>(m_doc_hashes[j]));
      // Shingles repeated many times in the license are too common to anchor on.
      if (count == 0 || count > k_max_anchor_repeats) {
        continue;
      }
      // License positions descending, so one input position adds at most one anchor.
      for (std::size_t l = first + count; l-- > first;) {
        pairs.emplace_back(j, m_lic_shingles[l].position);
      }
    }
    std::vector<std::pair<std::uint32_t, std::uint32_t>> chain = longest_chain(pairs);
    return extend_runs(chain, m_doc, m_lic, end);
  }

  // License words [lic_a, lic_b) against input words [doc_a, doc_b); returns
  // the required license words counted missing.
  std::uint32_t account_gap(std::uint32_t lic_a,
                            std::uint32_t lic_b,
                            std::uint32_t doc_a,
                            std::uint32_t doc_b,
                            bool count_inserts) {
    std::uint32_t lic_len = lic_b > lic_a ? lic_b - lic_a : 0;
    std::uint32_t doc_len = doc_b > doc_a ? doc_b - doc_a : 0;
    std::uint32_t common = lcs_length(m_lic.subspan(lic_a, lic_len), m_doc.subspan(doc_a, doc_len));
    m_result.matched += common;
    if (!count_inserts && common > 0) {
      // Matched words before the first or after the last run extend the span.
      if (lic_a == 0) {
        m_result.doc_begin = doc_a;
      } else {
        m_result.doc_end = doc_b;
      }
    }
    std::uint32_t missing = lic_len - common;
    std::uint32_t missing_required = std::min(missing, required_in(lic_a, lic_b));
    std::uint32_t inserted = count_inserts ? doc_len - common : 0;
    // A short run of license words replaced by a short run of other words is
    // a replaceable part of the template ("the copyright holder" → "Google
    // Inc."): it lowers the score but is neither a missing clause nor an added one.
    note_added_run(doc_a, doc_b, inserted);
    if (missing_required > 0 && inserted > 0 && missing_required <= k_max_replaced &&
        inserted <= k_max_replaced) {
      m_result.replaced += missing_required;
      m_result.replacing += inserted;
      m_result.inserted += inserted;
      return 0;
    }
    m_result.missing_required += missing_required;
    m_result.longest_gap = std::max(m_result.longest_gap, missing_required);
    if (count_inserts) {
      m_result.inserted += inserted;
      m_result.longest_insert = std::max(m_result.longest_insert, inserted);
    }
    return missing_required;
  }

  // Keeps the input words [doc_a, doc_b), `added` of which are not license
  // words, among the two longest added runs.
  void note_added_run(std::uint32_t doc_a, std::uint32_t doc_b, std::uint32_t added) {
    auto& runs = m_result.added_runs;
    if (added < k_min_added_run || added <= runs[1].words) {
      return;
    }
    Alignment::AddedRun run{doc_a, doc_b, added};
    if (added > runs[0].words) {
      runs[1] = runs[0];
      runs[0] = run;
    } else {
      runs[1] = run;
    }
  }

  // License words of [a, b) outside the optional title and appendix.
  std::uint32_t required_in(std::uint32_t a, std::uint32_t b) const {
    std::uint32_t lo = std::max(a, m_title_end);
    std::uint32_t hi = std::min(b, m_appendix);
    return hi > lo ? hi - lo : 0;
  }

  std::span<const std::uint32_t> m_lic;
  std::span<const index::ShingleEntry> m_lic_shingles;
  std::span<const std::uint32_t> m_doc;
  std::span<const std::uint64_t> m_doc_hashes;
  std::uint32_t m_appendix = 0;
  std::uint32_t m_title_end = 0;
  Alignment m_result;
};

// Hash of the shingle starting at each input word; 0 where the shingle runs
// past the end or holds a word no license text has.
std::vector<std::uint64_t> shingle_hashes(std::span<const std::uint32_t> ids) {
  std::vector<std::uint64_t> hashes(ids.size(), 0);
  std::uint32_t last_unknown = 0;  // one past the last unknown word seen
  for (std::uint32_t i = 0; i < ids.size(); ++i) {
    if (ids[i] == index::k_unknown_word) {
      last_unknown = i + 1;
    }
    if (i + 1 >= k_words && last_unknown <= i + 1 - k_words) {
      hashes[i + 1 - k_words] = index::hash_shingle(&ids[i + 1 - k_words], k_words);
    }
  }
  return hashes;
}

struct Candidate {
  std::uint32_t group = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  double density = 0;                    // shingle hits per shingle of the text's required part
  std::vector<std::uint32_t> positions;  // input shingles found in the text
};

// Candidates worth aligning: the texts whose shingles are densest in the
// input. Aligning is the costly step; a text that shares little with the
// input cannot outscore one that shares almost everything.
constexpr double k_min_density = 0.35;
constexpr std::size_t k_max_candidates = 24;

// Spans of the input where a group's shingles cluster densely enough to try.
std::vector<Candidate> find_candidates(const SpdxIndex& index,
                                       std::span<const std::uint32_t> ids,
                                       std::span<const std::uint64_t> hashes) {
  // Per-text hit lists, kept between calls so their memory is reused; only
  // the lists this input touched are cleared.
  thread_local std::vector<std::vector<std::uint32_t>> hits;
  if (hits.size() != index.group_count()) {
    hits.assign(index.group_count(), {});
  }
  std::vector<std::uint32_t> touched;
  struct Clear {
    std::vector<std::vector<std::uint32_t>>& hits;
    std::vector<std::uint32_t>& touched;
    ~Clear() {
      for (std::uint32_t g : touched) {
        hits[g].clear();
      }
    }
  } clear{hits, touched};
  for (std::uint32_t start = 0; start < hashes.size(); ++start) {
    if (hashes[start] == 0) {
      continue;
    }
    for (std::uint32_t g : index.postings(hashes[start])) {
      if (hits[g].empty()) {
        touched.push_back(g);
      }
      hits[g].push_back(start);
    }
  }
  std::vector<Candidate> candidates;
  for (std::uint32_t g : touched) {
    const index::GroupRecord& rec = index.group(g);
    std::uint32_t required =
        rec.tail_start > rec.title_end ? rec.tail_start - rec.title_end : rec.token_count;
    double base = std::min(rec.shingle_count, required);
    double needed = std::max(3.0, k_min_density * base);
    if (static_cast<double>(hits[g].size()) < needed) {
      continue;
    }
    std::uint32_t split_gap = 40 + required / 3;
    std::uint32_t pad = 24 + required / 8;
    std::size_t c0 = 0;
    for (std::size_t i = 1; i <= hits[g].size(); ++i) {
      if (i < hits[g].size() && hits[g][i] - hits[g][i - 1] <= split_gap) {
        continue;
      }
      if (static_cast<double>(i - c0) >= needed) {
        std::uint32_t first = hits[g][c0];
        std::uint32_t last = hits[g][i - 1] + k_words;
        candidates.push_back(
            Candidate{g, first > pad ? first - pad : 0,
                      static_cast<std::uint32_t>(std::min<std::size_t>(ids.size(), last + pad)),
                      static_cast<double>(i - c0) / std::max(1.0, base),
                      std::vector<std::uint32_t>(hits[g].begin() + static_cast<std::ptrdiff_t>(c0),
                                                 hits[g].begin() + static_cast<std::ptrdiff_t>(i))});
      }
      c0 = i;
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.density != b.density ? a.density > b.density : a.group < b.group;
  });
  if (candidates.size() > k_max_candidates) {
    candidates.resize(k_max_candidates);
  }
  return candidates;
}

// Licenses most software uses; their texts win near-ties with rare variants.
bool is_common_license(const SpdxIndex& index, std::uint32_t group) {
  static constexpr std::array<std::string_view, 47> k_common{
      "0BSD",         "AFL-3.0",       "AGPL-3.0-only", "Apache-1.1",    "Apache-2.0",   "Artistic-2.0",
      "BSD-2-Clause", "BSD-3-Clause",  "BSD-4-Clause",  "BSL-1.0",       "bzip2-1.0.6",  "CC-BY-4.0",
      "CC-BY-SA-4.0", "CC0-1.0",       "CDDL-1.0",      "CPL-1.0",       "curl",         "EPL-1.0",
      "EPL-2.0",      "EUPL-1.2",      "GPL-1.0-only",  "GPL-2.0-only",  "GPL-3.0-only", "IJG",
      "ISC",          "LGPL-2.0-only", "LGPL-2.1-only", "LGPL-3.0-only", "Libpng",       "MIT",
      "MIT-0",        "MPL-1.1",       "MPL-2.0",       "MS-PL",         "MS-RL",        "NCSA",
      "OFL-1.1",      "OpenSSL",       "PHP-3.01",      "PostgreSQL",    "Python-2.0",   "Ruby",
      "Unlicense",    "UPL-1.0",       "WTFPL",         "X11",           "Zlib"};
  for (std::uint32_t m : index.group_members(group)) {
    std::string_view id = index.license(m).id;
    if (std::find(k_common.begin(), k_common.end(), id) != k_common.end()) {
      return true;
    }
  }
  return false;
}

bool overlaps(const Alignment& a, const Alignment& b) {
  std::uint32_t lo = std::max(a.doc_begin, b.doc_begin);
  std::uint32_t hi = std::min(a.doc_end, b.doc_end);
  if (hi <= lo) {
    return false;
  }
  std::uint32_t shorter = std::min(a.doc_end - a.doc_begin, b.doc_end - b.doc_begin);
  return (hi - lo) * 2 > shorter;
}

}  // namespace

namespace {

// lcs_length for `b` of at most 64 words: one machine word of bits, and the
// positions of each word of `a` in `b` found by scanning `b`.
std::uint32_t lcs_length_short(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) {
  std::uint64_t v = ~std::uint64_t{0};
  for (std::uint32_t x : a) {
    if (x == index::k_unknown_word) {
      continue;
    }
    std::uint64_t m = 0;
    for (std::size_t j = 0; j < b.size(); ++j) {
      m |= std::uint64_t{b[j] == x} << j;
    }
    std::uint64_t u = v & m;
    v = (v + u) | (v - u);
  }
  std::uint64_t used = b.size() == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << b.size()) - 1;
  return static_cast<std::uint32_t>(std::popcount(~v & used));
}

}  // namespace

// Bit-parallel (Allison and Dix; Hyyro): one bit per word of `b`, 64 words
// of `b` a step, the same answer as the quadratic table.
std::uint32_t lcs_length(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) {
  if (a.empty() || b.empty() || std::uint64_t{a.size()} * b.size() > k_max_gap_cells) {
    return 0;
  }
  if (b.size() <= 64) {
    return lcs_length_short(a, b);
  }
  const std::size_t words = (b.size() + 63) / 64;
  // Each distinct word of `b` with the positions where it occurs.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_word;  // {word, position}
  by_word.reserve(b.size());
  for (std::uint32_t j = 0; j < b.size(); ++j) {
    if (b[j] != index::k_unknown_word) {
      by_word.emplace_back(b[j], j);
    }
  }
  std::sort(by_word.begin(), by_word.end());
  std::vector<std::uint32_t> symbols;
  std::vector<std::uint64_t> masks;  // `words` per symbol
  for (const auto& [word, position] : by_word) {
    if (symbols.empty() || symbols.back() != word) {
      symbols.push_back(word);
      masks.resize(masks.size() + words, 0);
    }
    masks[(symbols.size() - 1) * words + position / 64] |= std::uint64_t{1} << (position % 64);
  }
  // A 0 bit in `v` marks a word of `b` in the common subsequence so far.
  std::vector<std::uint64_t> v(words, ~std::uint64_t{0});
  for (std::uint32_t x : a) {
    auto it = std::lower_bound(symbols.begin(), symbols.end(), x);
    if (it == symbols.end() || *it != x) {
      continue;
    }
    const std::uint64_t* m = &masks[static_cast<std::size_t>(it - symbols.begin()) * words];
    std::uint64_t carry = 0;
    for (std::size_t w = 0; w < words; ++w) {
      std::uint64_t u = v[w] & m[w];
      std::uint64_t sum = v[w] + u + carry;
      carry = (sum < v[w] || (carry != 0 && sum == v[w])) ? 1 : 0;
      v[w] = sum | (v[w] - u);
    }
  }
  std::uint32_t zeros = 0;
  for (std::size_t w = 0; w < words; ++w) {
    std::uint64_t bits =
        w + 1 < words || b.size() % 64 == 0 ? v[w] : v[w] | (~std::uint64_t{0} << (b.size() % 64));
    zeros += static_cast<std::uint32_t>(64 - std::popcount(bits));
  }
  return zeros;
}

double Alignment::coverage() const {
  std::uint32_t required = license_words - optional_words;
  if (required == 0) {
    return 0;
  }
  return 1.0 - static_cast<double>(missing_required) / required;
}

double Alignment::faithfulness() const {
  double required = license_words - optional_words;
  if (required <= 0) {
    return 0;
  }
  double differing = static_cast<double>(missing_required) + (inserted - replacing);
  return std::clamp((required - differing) / (required + (inserted - replacing)), 0.0, 1.0);
}

double Alignment::score() const {
  return static_cast<double>(matched) - inserted - missing_required - replaced;
}

std::vector<std::uint32_t> word_ids(const SpdxIndex& index, std::span<const Token> tokens) {
  std::vector<std::uint32_t> ids;
  ids.reserve(tokens.size());
  for (const Token& t : tokens) {
    ids.push_back(index.word_id(t.word));
  }
  return ids;
}

Alignment align(const SpdxIndex& index,
                std::uint32_t group,
                std::span<const std::uint32_t> ids,
                std::uint32_t begin,
                std::uint32_t end) {
  std::vector<std::uint64_t> hashes = shingle_hashes(ids);
  std::vector<std::uint32_t> positions;
  for (std::uint32_t j = begin; j < end && j < hashes.size(); ++j) {
    positions.push_back(j);
  }
  return Aligner(index, group, ids, hashes).run(begin, end, positions);
}

namespace {

// A faithful copy of most of the text that the input's start or end cuts
// short: what is there would be a close fit, and at least three quarters is
// there. Little may be cut from the start, where the grant is: a title or a
// preamble, not the permission itself.
bool is_truncated_copy(const Alignment& a) {
  double n = a.license_words - a.optional_words;
  double inside_missing = a.missing_required - a.cut_off;
  double added = a.inserted - a.replacing;
  double lead_cut = a.doc_begin <= k_edge_words ? a.lead_missing : 0;
  // Stricter than a close fit: with part of the text gone, what is left must
  // be the text itself, not a variant with other names or words (a few words
  // of a replaceable part, a name for "the copyright holder", are allowed).
  return a.cut_off > 0 && a.cut_off <= n / 4 && lead_cut <= 8 + n / 10 && a.matched >= 40 &&
         inside_missing <= n * 0.05 && a.replaced <= 4 + n / 30 && a.replacing <= 8 &&
         a.longest_inner_gap <= 8 + n / 100 && a.longest_insert <= 5 + n / 100 && added <= 5 + n * 0.02;
}

// Nothing added or left out between the first and last matched word.
bool is_faithful_inside(const Alignment& a) {
  double inner_missing = a.missing_required - a.lead_missing - a.tail_missing;
  double added = a.inserted - a.replacing;
  return a.longest_inner_gap <= 3 && inner_missing <= 2 + a.matched * 0.02 && a.replaced <= 4 &&
         added <= 2 + a.matched * 0.02 && a.longest_insert <= 3;
}

// The opening part of a text copied faithfully, the rest of the text simply
// not there (a header that keeps the grant and conditions and drops the
// disclaimer): at least 60 words and 40% of the text. Only an opening part:
// the grant is what tells licenses apart.
bool is_opening_part(const Alignment& a) {
  return a.matched >= 60 && a.lead_missing <= 2 && a.coverage() >= 0.4 && is_faithful_inside(a);
}

}  // namespace

Fit fit_of(const Alignment& a) {
  std::uint32_t required = a.license_words - a.optional_words;
  if (required < 8 || a.matched < 8) {
    return Fit::none;
  }
  double n = required;
  // Words that fill a replaceable part ("the Massachusetts Institute of
  // Technology" for "the copyright holder") are not added text.
  double added = a.inserted - a.replacing;
  if (a.coverage() >= 0.95 && a.replaced <= 6 + n / 8 && a.replacing <= 12 + n / 4 &&
      a.longest_gap <= 8 + n / 100 && a.longest_insert <= 10 + n / 100 && added <= 10 + n * 0.05) {
    return Fit::close;
  }
  // Long texts tolerate more: one repeated paragraph is not an extra clause,
  // but additions scattered all over the text make a modified license.
  if (n >= 500 && a.coverage() >= 0.9 && a.replaced <= n / 10 && a.longest_gap <= 8 + n / 50 &&
      a.longest_insert <= 10 + n / 40 && added <= 10 + n * 0.08 &&
      added - a.longest_insert <= 10 + n * 0.02) {
    return Fit::loose;
  }
  if (is_truncated_copy(a)) {
    return Fit::truncated;
  }
  return a.coverage() >= 0.8 ? Fit::plausible : Fit::none;
}

bool is_named(Fit f) {
  return f == Fit::close || f == Fit::loose || f == Fit::truncated;
}

bool is_acceptable(const Alignment& a) {
  return is_named(fit_of(a));
}

namespace {

double confidence_of(Fit f, const Alignment& a) {
  double cap = f == Fit::close ? 1.0 : f == Fit::loose ? 0.8 : 0.7;
  return std::min(cap, a.faithfulness());
}

// Confidence of a license named from the opening part of its text.
constexpr double k_opening_part_confidence = 0.5;

// An alignment that holds part of the input faithfully.
struct Holder {
  Alignment alignment;
  bool named = false;  // its fit names the license
};

// Where no text was named: a widely used license whose opening part the input
// holds. Other texts that hold as much of the input (within two words)
// decide: when one of them holds more, fits it by name, or is another widely
// used license of which the input is as large a share, the answer stays
// unknown; rare variants defer.
void add_opening_parts(const SpdxIndex& index,
                       const std::vector<Holder>& holders,
                       std::vector<TextMatch>& chosen) {
  std::vector<Alignment> taken;
  for (const TextMatch& t : chosen) {
    taken.push_back(t.alignment);
  }
  for (const Holder& h : holders) {
    const Alignment& p = h.alignment;
    if (h.named || !is_opening_part(p) || !is_common_license(index, p.group) ||
        std::any_of(taken.begin(), taken.end(), [&](const Alignment& t) { return overlaps(t, p); })) {
      continue;
    }
    bool rival = std::any_of(holders.begin(), holders.end(), [&](const Holder& o) {
      const Alignment& a = o.alignment;
      return a.group != p.group && a.matched + 2 >= p.matched && overlaps(a, p) &&
             (o.named || a.matched > p.matched + 2 ||
              (is_common_license(index, a.group) && a.coverage() >= p.coverage()));
    });
    taken.push_back(p);
    if (!rival) {
      chosen.push_back(
          TextMatch{p, std::min(k_opening_part_confidence, p.faithfulness()), TextExtent::opening});
    }
  }
}

}  // namespace

std::vector<TextMatch> find_license_texts(const SpdxIndex& index,
                                          std::span<const std::uint32_t> ids,
                                          std::vector<Alignment>* modified) {
  // Each plausible alignment with its fit and rank, computed once.
  struct Ranked {
    Alignment alignment;
    Fit fit = Fit::none;
    double rank = 0;
  };
  std::vector<Ranked> plausible;
  std::vector<Holder> holders;
  std::vector<std::uint64_t> hashes = shingle_hashes(ids);
  for (const Candidate& c : find_candidates(index, ids, hashes)) {
    Alignment a = Aligner(index, c.group, ids, hashes).run(c.begin, c.end, c.positions);
    Fit fit = fit_of(a);
    if (is_faithful_inside(a)) {
      holders.push_back(Holder{a, is_named(fit)});
    }
    // A text that shares most of its words with the input still claims its
    // span when no fit names it: a weaker text is not the answer there either.
    if (fit == Fit::none && (a.score() < 40 || a.coverage() < 0.5)) {
      continue;
    }
    // Where a widely used license and an obscure variant of it both fit and
    // differ only in replaceable words, the widely used one is the better answer.
    bool named = is_named(fit);
    double bonus = named && is_common_license(index, a.group) ? a.replaced + a.replacing + 3.0 : 0;
    // A copy cut short, or a text that only claims its span, ranks below a
    // complete copy: its missing words count twice.
    double penalty = fit == Fit::truncated || fit == Fit::none ? a.missing_required : 0;
    plausible.push_back(Ranked{a, fit, a.score() + bonus - penalty});
  }
  // Equal ranks: the text with fewer words missing from the input is the better answer.
  std::sort(plausible.begin(), plausible.end(), [](const Ranked& a, const Ranked& b) {
    if (a.rank != b.rank) {
      return a.rank > b.rank;
    }
    if (a.alignment.missing_required != b.alignment.missing_required) {
      return a.alignment.missing_required < b.alignment.missing_required;
    }
    return a.alignment.group < b.alignment.group;
  });
  // The best-scoring text claims its span; a weaker text in the same span is
  // never reported, even when the best one is too different to name (a known
  // license with an extra clause is not the plain license).
  std::vector<Alignment> claimed;
  std::vector<Alignment> unnamed;    // claimed by a text too different to name
  std::vector<Alignment> outranked;  // fits by name, but a better-ranked text claimed its span
  std::vector<TextMatch> chosen;
  for (const Ranked& r : plausible) {
    const Alignment& a = r.alignment;
    bool clash =
        std::any_of(claimed.begin(), claimed.end(), [&](const Alignment& c) { return overlaps(c, a); });
    if (clash) {
      if (is_named(r.fit)) {
        outranked.push_back(a);
      }
      continue;
    }
    claimed.push_back(a);
    if (r.fit == Fit::plausible) {
      unnamed.push_back(a);
    }
    if (is_named(r.fit)) {
      TextExtent extent = r.fit == Fit::truncated ? TextExtent::cut_off : TextExtent::whole;
      chosen.push_back(TextMatch{a, confidence_of(r.fit, a), extent});
    }
  }
  add_opening_parts(index, holders, chosen);
  // A modified license is one no text fits by name: where another text fits
  // by name but ranks lower, which one the input is stays open.
  if (modified != nullptr) {
    std::copy_if(unnamed.begin(), unnamed.end(), std::back_inserter(*modified), [&](const Alignment& u) {
      return std::none_of(chosen.begin(), chosen.end(),
                          [&](const TextMatch& t) { return overlaps(t.alignment, u); }) &&
             std::none_of(outranked.begin(), outranked.end(),
                          [&](const Alignment& o) { return overlaps(o, u); });
    });
  }
  std::sort(chosen.begin(), chosen.end(), [](const TextMatch& a, const TextMatch& b) {
    return a.alignment.doc_begin < b.alignment.doc_begin;
  });
  return chosen;
}

}  // namespace aperture::license
