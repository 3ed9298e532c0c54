#include <aperture/license/text_matcher.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace aperture::license {

namespace {

constexpr std::uint32_t k = index::k_shingle;
// License words at the start that may be absent: the title ("GNU GENERAL
// PUBLIC LICENSE Version 2, June 1991"), which the SPDX templates mark optional.
constexpr std::uint32_t k_optional_title_words = 12;
// Shingles that occur more often than this in one text are too common to anchor on.
constexpr std::size_t k_max_anchor_repeats = 4;
// Largest gap (license words × input words) aligned word by word.
constexpr std::uint64_t k_max_gap_cells = 60000;

struct Run {
  std::uint32_t doc = 0;
  std::uint32_t lic = 0;
  std::uint32_t length = 0;
};

// Length of the longest common subsequence of `a` and `b` (small inputs).
std::uint32_t lcs_length(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) {
  if (a.empty() || b.empty() || std::uint64_t{a.size()} * b.size() > k_max_gap_cells) {
    return 0;
  }
  std::vector<std::uint32_t> prev(b.size() + 1, 0);
  std::vector<std::uint32_t> cur(b.size() + 1, 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = a[i - 1] == b[j - 1] && a[i - 1] != index::k_unknown_word
                   ? prev[j - 1] + 1
                   : std::max(prev[j], cur[j - 1]);
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// Where the optional "How to apply these terms" appendix starts: after
// "end of terms and conditions", or `n` when the text has none.
std::uint32_t appendix_start(const SpdxIndex& index, std::span<const std::uint32_t> lic) {
  static constexpr std::array<std::string_view, 5> k_marker{"end", "of", "terms", "and", "conditions"};
  std::array<std::uint32_t, 5> ids{};
  for (std::size_t i = 0; i < k_marker.size(); ++i) {
    ids[i] = index.word_id(k_marker[i]);
  }
  auto it = std::search(lic.begin(), lic.end(), ids.begin(), ids.end());
  if (it == lic.end()) {
    return static_cast<std::uint32_t>(lic.size());
  }
  return static_cast<std::uint32_t>(it - lic.begin()) + 5;
}

// The longest chain of anchors increasing in both input and license position.
std::vector<std::pair<std::uint32_t, std::uint32_t>> longest_chain(
    std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs) {
  // Input position ascending; license position descending among equals, so
  // that one input position contributes at most one anchor to the chain.
  std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second > b.second;
  });
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
  for (std::int64_t i = tails.empty() ? std::int64_t{-1} : std::int64_t{tails.back()}; i >= 0; i = prev[static_cast<std::size_t>(i)]) {
    chain.push_back(pairs[static_cast<std::size_t>(i)]);
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

// Turns chain anchors into maximal runs of equal words.
std::vector<Run> extend_runs(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& chain,
                             std::span<const std::uint32_t> doc, std::span<const std::uint32_t> lic,
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
  Aligner(const SpdxIndex& index, std::uint32_t group, std::span<const std::uint32_t> doc)
      : m_lic(index.group_tokens(group)), m_doc(doc) {
    m_result.group = group;
    m_result.license_words = static_cast<std::uint32_t>(m_lic.size());
    m_appendix = appendix_start(index, m_lic);
    m_title_end = std::min<std::uint32_t>(k_optional_title_words, m_result.license_words);
    m_result.optional_words = m_title_end + (m_result.license_words - std::max(m_appendix, m_title_end));
  }

  Alignment run(std::uint32_t begin, std::uint32_t end) {
    std::vector<Run> runs = find_runs(begin, end);
    if (runs.empty()) {
      m_result.missing_required = m_result.license_words - m_result.optional_words;
      return m_result;
    }
    // Words before the first run: license words missing (or matched just before).
    const Run& first = runs.front();
    std::uint32_t lead_doc_begin = first.doc > begin + first.lic + 8 ? first.doc - first.lic - 8 : begin;
    m_result.doc_begin = first.doc;
    account_gap(0, first.lic, lead_doc_begin, first.doc, /*count_inserts=*/false);
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
    std::uint32_t tail_doc_end = std::min<std::uint32_t>(end, tail_doc + (m_result.license_words - tail_lic) + 8);
    m_result.doc_end = tail_doc;
    account_gap(tail_lic, m_result.license_words, tail_doc, tail_doc_end, /*count_inserts=*/false);
    return m_result;
  }

private:
  std::vector<Run> find_runs(std::uint32_t begin, std::uint32_t end) {
    // License shingles, sorted for lookup.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> lic_shingles;
    for (std::uint32_t p = 0; p + k <= m_lic.size(); ++p) {
      lic_shingles.emplace_back(index::hash_shingle(&m_lic[p], k), p);
    }
    std::sort(lic_shingles.begin(), lic_shingles.end());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
    for (std::uint32_t j = begin; j + k <= end; ++j) {
      std::uint64_t h = index::hash_shingle(&m_doc[j], k);
      auto lo = std::lower_bound(lic_shingles.begin(), lic_shingles.end(), std::make_pair(h, 0u));
      auto hi = lo;
      while (hi != lic_shingles.end() && hi->first == h) {
        ++hi;
      }
      if (hi - lo == 0 || static_cast<std::size_t>(hi - lo) > k_max_anchor_repeats) {
        continue;
      }
      for (auto it = lo; it != hi; ++it) {
        pairs.emplace_back(j, it->second);
      }
    }
    std::vector<std::pair<std::uint32_t, std::uint32_t>> chain = longest_chain(pairs);
    return extend_runs(chain, m_doc, m_lic, end);
  }

  // License words [lic_a, lic_b) against input words [doc_a, doc_b).
  void account_gap(std::uint32_t lic_a, std::uint32_t lic_b, std::uint32_t doc_a, std::uint32_t doc_b,
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
    std::uint32_t required = required_in(lic_a, lic_b);
    std::uint32_t missing_required = std::min(missing, required);
    m_result.missing_required += missing_required;
    m_result.longest_gap = std::max(m_result.longest_gap, missing_required);
    if (count_inserts) {
      std::uint32_t inserted = doc_len - common;
      m_result.inserted += inserted;
      m_result.longest_insert = std::max(m_result.longest_insert, inserted);
    }
  }

  // License words of [a, b) outside the optional title and appendix.
  std::uint32_t required_in(std::uint32_t a, std::uint32_t b) const {
    std::uint32_t lo = std::max(a, m_title_end);
    std::uint32_t hi = std::min(b, std::max(m_appendix, m_title_end));
    return hi > lo ? hi - lo : 0;
  }

  std::span<const std::uint32_t> m_lic;
  std::span<const std::uint32_t> m_doc;
  std::uint32_t m_appendix = 0;
  std::uint32_t m_title_end = 0;
  Alignment m_result;
};

struct Candidate {
  std::uint32_t group = 0;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// Spans of the input where a group's shingles cluster densely enough to try.
std::vector<Candidate> find_candidates(const SpdxIndex& index, std::span<const std::uint32_t> ids) {
  std::vector<std::vector<std::uint32_t>> hits(index.group_count());
  std::vector<std::uint32_t> touched;
  std::uint32_t last_unknown = 0;  // one past the last unknown word seen
  for (std::uint32_t i = 0; i < ids.size(); ++i) {
    if (ids[i] == index::k_unknown_word) {
      last_unknown = i + 1;
    }
    if (i + 1 < k || last_unknown > i + 1 - k) {
      continue;
    }
    std::uint32_t start = i + 1 - k;
    for (std::uint32_t g : index.postings(index::hash_shingle(&ids[start], k))) {
      if (hits[g].empty()) {
        touched.push_back(g);
      }
      hits[g].push_back(start);
    }
  }
  std::vector<Candidate> candidates;
  for (std::uint32_t g : touched) {
    const index::GroupRecord& rec = index.group(g);
    double needed = std::max(3.0, 0.35 * rec.shingle_count);
    if (static_cast<double>(hits[g].size()) < needed) {
      continue;
    }
    std::uint32_t split_gap = 40 + rec.token_count / 3;
    std::uint32_t pad = 24 + rec.token_count / 8;
    std::size_t c0 = 0;
    for (std::size_t i = 1; i <= hits[g].size(); ++i) {
      if (i < hits[g].size() && hits[g][i] - hits[g][i - 1] <= split_gap) {
        continue;
      }
      if (static_cast<double>(i - c0) >= needed) {
        std::uint32_t first = hits[g][c0];
        std::uint32_t last = hits[g][i - 1] + k;
        candidates.push_back(Candidate{g, first > pad ? first - pad : 0,
                                       static_cast<std::uint32_t>(std::min<std::size_t>(ids.size(), last + pad))});
      }
      c0 = i;
    }
  }
  return candidates;
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

double Alignment::coverage() const {
  std::uint32_t required = license_words - optional_words;
  if (required == 0) {
    return 0;
  }
  return 1.0 - static_cast<double>(missing_required) / required;
}

double Alignment::score() const {
  return static_cast<double>(matched) - inserted - missing_required;
}

std::vector<std::uint32_t> word_ids(const SpdxIndex& index, std::span<const Token> tokens) {
  std::vector<std::uint32_t> ids;
  ids.reserve(tokens.size());
  for (const Token& t : tokens) {
    ids.push_back(index.word_id(t.word));
  }
  return ids;
}

Alignment align(const SpdxIndex& index, std::uint32_t group, std::span<const std::uint32_t> ids,
                std::uint32_t begin, std::uint32_t end) {
  return Aligner(index, group, ids).run(begin, end);
}

bool is_acceptable(const Alignment& a) {
  std::uint32_t required = a.license_words - a.optional_words;
  if (required < 8 || a.matched < 8) {
    return false;
  }
  double n = required;
  return a.coverage() >= 0.95 && a.longest_gap <= 8 + n / 100 && a.longest_insert <= 10 + n / 100 &&
         a.inserted <= 10 + n * 0.05;
}

std::vector<TextMatch> find_license_texts(const SpdxIndex& index, std::span<const std::uint32_t> ids) {
  std::vector<Alignment> accepted;
  for (const Candidate& c : find_candidates(index, ids)) {
    Alignment a = align(index, c.group, ids, c.begin, c.end);
    if (is_acceptable(a)) {
      accepted.push_back(a);
    }
  }
  std::sort(accepted.begin(), accepted.end(), [](const Alignment& a, const Alignment& b) {
    if (a.score() != b.score()) {
      return a.score() > b.score();
    }
    return a.group < b.group;
  });
  std::vector<TextMatch> chosen;
  for (const Alignment& a : accepted) {
    bool clash = std::any_of(chosen.begin(), chosen.end(),
                             [&](const TextMatch& m) { return overlaps(m.alignment, a); });
    if (!clash) {
      double required = a.license_words - a.optional_words;
      double confidence = std::max(0.0, a.score()) / (required + a.inserted);
      chosen.push_back(TextMatch{a, std::min(1.0, confidence)});
    }
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const TextMatch& a, const TextMatch& b) { return a.alignment.doc_begin < b.alignment.doc_begin; });
  return chosen;
}

}  // namespace aperture::license
