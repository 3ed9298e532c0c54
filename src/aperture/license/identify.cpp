#include <algorithm>
#include <map>
#include <tuple>

#include <re2/re2.h>

#include <aperture/formats/front_matter.hpp>
#include <aperture/license/expression.hpp>
#include <aperture/license/identify.hpp>
#include <aperture/license/normalize.hpp>
#include <aperture/license/notices.hpp>
#include <aperture/license/text_matcher.hpp>
#include <aperture/terms/clause_detector.hpp>
#include <aperture/terms/fingerprint.hpp>
#include <aperture/terms/hub_license.hpp>
#include <aperture/terms/knowledge_base.hpp>
#include <aperture/util/text.hpp>

namespace aperture::license {

namespace {

// A match before line numbers are attached: byte span in the input.
struct Found {
  std::string id;
  MatchKind kind = MatchKind::notice;
  double confidence = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string evidence;
  std::string expression;
};

int strength(MatchKind k) {
  switch (k) {
  case MatchKind::license_text:
    return 4;
  case MatchKind::embedded_text:
    return 3;
  case MatchKind::spdx_tag:
    return 2;
  case MatchKind::declared:
    return 1;
  case MatchKind::notice:
    return 0;
  }
  return 0;
}

// The id to report for a text shared by several ids: a current id, and
// "-only" where "-or-later" shares the text (a notice decides "or later").
std::string preferred_id(const SpdxIndex& index, std::uint32_t group) {
  const std::vector<std::uint32_t>& members = index.group_members(group);
  std::string best;
  int best_rank = -1;
  for (std::uint32_t m : members) {
    LicenseInfo info = index.license(m);
    std::string_view id = info.id;
    int rank =
        (info.deprecated ? 0 : 4) + (id.ends_with("-only") ? 2 : 0) + (id.ends_with("-or-later") ? 0 : 1);
    // Among equals the plainest id ("GFDL-1.2-only" over "GFDL-1.2-invariants-only").
    if (rank > best_rank || (rank == best_rank && id.size() < best.size())) {
      best_rank = rank;
      best = std::string(id);
    }
  }
  return best;
}

// "GPL-2.0-or-later" → {"GPL", "2.0", true}; other ids → empty family.
struct GnuId {
  std::string family;
  std::string version;
  bool later = false;
};

GnuId parse_gnu(std::string_view id) {
  for (std::string_view family : {"LGPL", "AGPL", "GPL"}) {
    if (id.starts_with(family) && id.size() > family.size() && id[family.size()] == '-') {
      std::string_view rest = id.substr(family.size() + 1);
      bool later = rest.ends_with("-or-later");
      bool only = rest.ends_with("-only");
      if (!later && !only) {
        return {};
      }
      rest.remove_suffix(later ? 9 : 5);
      return GnuId{std::string(family), std::string(rest), later};
    }
  }
  return {};
}

// Words at least one of which every SPDX license text holds (checked by
// identify_test against every text of the list): a text with none of them
// cannot hold a license text, and whole-text matching, the costliest step,
// is skipped. Most model cards and source files have none.
const RE2& license_text_words() {
  static const RE2 re(
      R"((?i)warrant|permission|permitted|copyright|redistribut|hereby|distribut|public\s+domain|free\s+software|)"
      R"(modif|grant|creative\s+commons|クリエイティブ|any\s+purpose|what(?:ever)?\s+you\s+want|whatever\s+way|opensource\.org)");
  return re;
}

// Most bytes between a heading and the license text under it.
constexpr std::size_t k_heading_gap = 200;

class Combiner {
public:
  Combiner(std::string_view text, const SpdxIndex& index, bool read_metadata)
      : m_text(text), m_index(index), m_read_metadata(read_metadata) {}

  Identification run() {
    if (could_hold_license_text(m_text)) {
      std::vector<Token> tokens = tokenize(m_text);
      std::vector<std::uint32_t> ids = word_ids(m_index, tokens);
      std::vector<Alignment> modified;
      std::vector<TextMatch> texts = find_license_texts(m_index, ids, &modified);
      // A known license with an extra clause is not the plain license.
      std::erase_if(texts, [&](const TextMatch& t) {
        bool changed = adds_a_clause(tokens, t.alignment);
        if (changed) {
          modified.push_back(t.alignment);
        }
        return changed;
      });
      add_texts(tokens, texts);
      for (const Alignment& a : modified) {
        m_modified.push_back(Modified{preferred_id(m_index, a.group), byte_span(tokens, a), a.coverage()});
      }
    }
    add_known_texts(terms::find_fingerprints(m_text));
    drop_texts_inside_known();
    if (m_read_metadata) {
      add_front_matter();
    }
    add_notices(find_notices(m_text));
    refine_gnu_versions();
    drop_headings_of_texts();
    util::LineIndex lines(m_text);
    std::vector<UnidentifiedText> unidentified = unidentified_texts(lines);
    return Identification{merge(lines), std::move(unidentified)};
  }

private:
  void add_texts(const std::vector<Token>& tokens, const std::vector<TextMatch>& texts) {
    for (const TextMatch& t : texts) {
      const Alignment& a = t.alignment;
      Found f;
      f.id = preferred_id(m_index, a.group);
      std::tie(f.begin, f.end) = byte_span(tokens, a);
      // Whole text: little else in the file (a title, a copyright line).
      std::size_t outside = tokens.size() - (a.doc_end - a.doc_begin);
      bool whole = outside <= 30 || outside * 5 <= tokens.size();
      f.kind = whole ? MatchKind::license_text : MatchKind::embedded_text;
      f.confidence = t.confidence;
      f.evidence = std::to_string(a.matched) + " of " + std::to_string(a.license_words) +
                   " words of the license text matched, " + std::to_string(a.inserted) + " inserted" +
                   std::string(extent_note(t.extent));
      m_text_spans.emplace_back(f.begin, f.end);
      m_found.push_back(std::move(f));
    }
  }

  // Whether a run of words the license text lacks says a clause of its own
  // ("The licensee shall not use the Software for any military purpose.").
  bool adds_a_clause(const std::vector<Token>& tokens, const Alignment& a) const {
    return std::any_of(a.added_runs.begin(), a.added_runs.end(), [&](const Alignment::AddedRun& run) {
      if (run.words == 0) {
        return false;
      }
      std::size_t begin = tokens[run.begin].offset;
      std::size_t end = run.end < tokens.size() ? tokens[run.end].offset : m_text.size();
      return !terms::detect_clauses(m_text.substr(begin, end - begin)).empty();
    });
  }

  static std::pair<std::size_t, std::size_t> byte_span(const std::vector<Token>& tokens, const Alignment& a) {
    const Token& last = tokens[a.doc_end - 1];
    return {tokens[a.doc_begin].offset, last.offset + last.word.size()};
  }

  static std::string_view extent_note(TextExtent extent) {
    switch (extent) {
    case TextExtent::cut_off:
      return "; the text is cut short by the start or end of the file";
    case TextExtent::opening:
      return "; only its opening part (grant and conditions) is present";
    case TextExtent::whole:
      break;
    }
    return "";
  }

  // Licenses the SPDX list does not have (Llama, Gemma, OpenRAIL, ...), by fingerprint.
  void add_known_texts(const std::vector<terms::FingerprintMatch>& matches) {
    for (const terms::FingerprintMatch& fm : matches) {
      Found f;
      f.id = fm.id;
      f.begin = fm.begin;
      f.end = fm.end;
      f.kind = (fm.end - fm.begin) * 2 >= m_text.size() ? MatchKind::license_text : MatchKind::embedded_text;
      f.confidence = 0.95;
      f.evidence = "recognised by its distinctive phrases: \"" + fm.evidence + "\"";
      m_text_spans.emplace_back(f.begin, f.end);
      m_known_spans.emplace_back(f.begin, f.end);
      m_found.push_back(std::move(f));
    }
  }

  // A curated profile recognised by its fingerprint is more specific than an
  // SPDX text that aligns with the same span (Apple's ASCL reads much like AML).
  void drop_texts_inside_known() {
    auto inside_known = [&](const Found& f) {
      if (f.kind != MatchKind::license_text && f.kind != MatchKind::embedded_text) {
        return false;
      }
      if (!m_index.find(f.id)) {
        return false;  // a fingerprint match itself (not an SPDX id)
      }
      return std::any_of(m_known_spans.begin(), m_known_spans.end(), [&](const auto& s) {
        std::size_t lo = std::max(s.first, f.begin);
        std::size_t hi = std::min(s.second, f.end);
        return hi > lo && (hi - lo) * 2 > std::min(f.end - f.begin, s.second - s.first);
      });
    };
    m_found.erase(std::remove_if(m_found.begin(), m_found.end(), inside_known), m_found.end());
  }

  // A model card's `license:` (and `license_name`) metadata; an AI license
  // text in `extra_gated_prompt` is found by its fingerprint like any other.
  void add_front_matter() {
    auto fm = formats::read_front_matter(m_text);
    if (!fm) {
      return;
    }
    const formats::YamlNode* name_node = fm->data.find("license_name");
    std::string name = name_node != nullptr && name_node->is_scalar() ? name_node->scalar : std::string();
    for (const formats::YamlNode* v : formats::scalars_of(fm->data.find("license"))) {
      // The `license:` line, for the evidence's line number.
      std::size_t line_start = fm->yaml_offset;
      for (std::uint32_t l = 2; l < v->line && line_start < m_text.size(); ++l) {
        line_start = m_text.find('\n', line_start);
        line_start = line_start == std::string_view::npos ? m_text.size() : line_start + 1;
      }
      add_declared(v->scalar, name, line_start);
    }
  }

  void add_declared(const std::string& v, const std::string& name, std::size_t at) {
    terms::DeclaredLicense d = terms::resolve_hub_license(v, name, terms::KnowledgeBase::embedded(), m_index);
    if (!d.id.empty()) {
      m_found.push_back(Found{d.id,
                              MatchKind::declared,
                              1.0,
                              at,
                              at + 8,
                              "declared in the model card: license: " + d.declared,
                              {}});
    }
  }

  // Whether [begin, end) lies within span `s` (its end may touch the byte after).
  static bool within(const std::pair<std::size_t, std::size_t>& s, std::size_t begin, std::size_t end) {
    return begin >= s.first && end <= s.second + 1;
  }

  // Whether [begin, end) and span `s` share a byte.
  static bool overlap(const std::pair<std::size_t, std::size_t>& s, std::size_t begin, std::size_t end) {
    return begin < s.second && end > s.first;
  }

  // The lines of bytes [begin, end).
  static LineRange line_range(const util::LineIndex& lines, std::size_t begin, std::size_t end) {
    return LineRange{lines.line_of(begin), lines.line_of(end > begin ? end - 1 : begin)};
  }

  static bool
  inside(const std::vector<std::pair<std::size_t, std::size_t>>& spans, std::size_t begin, std::size_t end) {
    return std::any_of(spans.begin(), spans.end(), [&](const auto& s) { return within(s, begin, end); });
  }

  bool inside_text(std::size_t begin, std::size_t end) const { return inside(m_text_spans, begin, end); }

  // A notice inside a license that is mostly another text, naming another
  // license: the license it was derived from (the SugarCRM Public License
  // quotes the Mozilla Public License 1.1), not a second grant. A tag counts.
  bool names_base_of_modified(const Notice& n) const {
    return n.kind != NoticeKind::spdx_tag &&
           std::any_of(m_modified.begin(), m_modified.end(),
                       [&](const Modified& m) { return within(m.span, n.begin, n.end) && n.id != m.id; });
  }

  void add_notices(const std::vector<Notice>& notices) {
    std::vector<std::pair<std::size_t, std::size_t>> tag_spans;
    for (const Notice& n : notices) {
      if (n.kind == NoticeKind::spdx_tag) {
        tag_spans.emplace_back(n.begin, n.end);
      }
    }
    auto inside_tag = [&](const Notice& n) {
      return n.kind != NoticeKind::spdx_tag &&
             std::any_of(tag_spans.begin(), tag_spans.end(),
                         [&](const auto& s) { return overlap(s, n.begin, n.end); });
    };
    for (const Notice& n : notices) {
      // Part of a license text or tag already found (e.g. its "How to apply" appendix).
      if (inside_text(n.begin, n.end) || inside_tag(n) || names_base_of_modified(n)) {
        continue;
      }
      if (n.kind == NoticeKind::spdx_tag || n.kind == NoticeKind::id_reference) {
        add_tag(n);
        continue;
      }
      // A license the SPDX list does not have ("CC BY-NC 3.0 IGO") is no answer.
      if (m_index.find(n.id)) {
        m_found.push_back(Found{n.id, MatchKind::notice, n.confidence, n.begin, n.end, n.evidence, {}});
      }
    }
  }

  // A tag's expression, or a referenced id; words that are not SPDX ids add nothing.
  void add_tag(const Notice& n) {
    auto expr = parse_expression(n.id, m_index);
    if (!expr) {
      return;
    }
    MatchKind kind = n.kind == NoticeKind::spdx_tag ? MatchKind::spdx_tag : MatchKind::notice;
    std::string expression = kind == MatchKind::spdx_tag ? to_string(*expr) : std::string();
    for (std::string& term : leaf_terms(*expr)) {
      if (term.starts_with("LicenseRef-") && kind == MatchKind::notice) {
        continue;
      }
      m_found.push_back(Found{term, kind, n.confidence, n.begin, n.end, n.evidence, expression});
    }
  }

  // A notice just above a license text that names a license of the same
  // family ("licensed under the New BSD License" over a 2-clause text, a "BSD
  // 2-clause" heading over BSD-2-Clause-Views) is that text's heading: the
  // text says which license it is.
  void drop_headings_of_texts() {
    auto family = [](std::string_view id) { return id.substr(0, id.find('-')); };
    auto is_heading = [&](const Found& n) {
      return n.kind == MatchKind::notice && std::any_of(m_found.begin(), m_found.end(), [&](const Found& t) {
               bool text = t.kind == MatchKind::license_text || t.kind == MatchKind::embedded_text;
               return text && t.id != n.id && family(t.id) == family(n.id) && n.end <= t.begin &&
                      t.begin - n.end <= k_heading_gap;
             });
    };
    m_found.erase(std::remove_if(m_found.begin(), m_found.end(), is_heading), m_found.end());
  }

  // A notice saying "version 2 or any later version" turns the GPL-2.0 text
  // into GPL-2.0-or-later; a mention with no version adds nothing when the
  // same family is named with one.
  void refine_gnu_versions() {
    // "X-N-only" beside "X-N-or-later": the "or later" statement is the grant,
    // the other mention names the text it refers to.
    for (Found& f : m_found) {
      GnuId g = parse_gnu(f.id);
      if (g.family.empty() || g.later) {
        continue;
      }
      std::string later_id = g.family + "-" + g.version + "-or-later";
      if (std::any_of(m_found.begin(), m_found.end(), [&](const Found& o) { return o.id == later_id; })) {
        f.id = later_id;
      }
    }
    std::vector<Found> kept;
    for (const Found& f : m_found) {
      if (!is_redundant_gnu_mention(f)) {
        kept.push_back(f);
      }
    }
    m_found = std::move(kept);
  }

  // A GNU license named without a version (a low-confidence notice) that adds
  // nothing to what else was found.
  bool is_redundant_gnu_mention(const Found& f) const {
    GnuId g = parse_gnu(f.id);
    if (f.kind != MatchKind::notice || f.confidence >= 0.8 || g.family.empty()) {
      return false;
    }
    // In a file that carries a license text it is a mention (a compatibility
    // note, a history), not a grant.
    if (!m_text_spans.empty()) {
      return true;
    }
    // Beside the same family named with a version, or beside another
    // unversioned mention that starts later ("LGPL" beside the "Lesser" GPL's
    // page, which starts at 2.1): the other is the more specific reading.
    return std::any_of(m_found.begin(), m_found.end(), [&](const Found& o) {
      GnuId og = parse_gnu(o.id);
      if (&o == &f || og.family != g.family) {
        return false;
      }
      bool unversioned = o.kind == MatchKind::notice && o.confidence < 0.8;
      return !unversioned ? o.confidence >= 0.8 : og.version > g.version;
    });
  }

  // The modified licenses that nothing found overlaps: there a license is,
  // but which one Aperture does not say.
  std::vector<UnidentifiedText> unidentified_texts(const util::LineIndex& lines) const {
    std::vector<UnidentifiedText> out;
    for (const Modified& m : m_modified) {
      bool named = std::any_of(m_found.begin(), m_found.end(),
                               [&](const Found& f) { return overlap(m.span, f.begin, f.end); });
      if (!named) {
        out.push_back(UnidentifiedText{m.id, m.coverage, line_range(lines, m.span.first, m.span.second)});
      }
    }
    std::sort(out.begin(), out.end(), [](const UnidentifiedText& a, const UnidentifiedText& b) {
      return a.lines.first < b.lines.first;
    });
    return out;
  }

  // One LicenseMatch per id: the strongest kind, the best confidence, every span.
  std::vector<LicenseMatch> merge(const util::LineIndex& lines) {
    std::vector<LicenseMatch> out;
    std::map<std::string, std::size_t> by_id;
    std::sort(m_found.begin(), m_found.end(),
              [](const Found& a, const Found& b) { return a.begin < b.begin; });
    for (const Found& f : m_found) {
      LineRange range = line_range(lines, f.begin, f.end);
      auto it = by_id.find(f.id);
      if (it == by_id.end()) {
        LicenseMatch m;
        m.id = f.id;
        describe(m);
        m.confidence = f.confidence;
        m.kind = f.kind;
        m.lines.push_back(range);
        m.evidence = f.evidence;
        m.expression = f.expression;
        by_id.emplace(f.id, out.size());
        out.push_back(std::move(m));
        continue;
      }
      LicenseMatch& m = out[it->second];
      if (strength(f.kind) > strength(m.kind)) {
        m.kind = f.kind;
        m.evidence = f.evidence;
      }
      m.confidence = std::max(m.confidence, f.confidence);
      if (m.lines.back().last + 1 >= range.first) {
        m.lines.back().last = std::max(m.lines.back().last, range.last);
      } else {
        m.lines.push_back(range);
      }
    }
    return out;
  }

  void describe(LicenseMatch& m) const {
    std::string_view base = m.id;
    std::size_t with = base.find(" WITH ");
    if (with != std::string_view::npos) {
      base = base.substr(0, with);
    }
    if (auto i = m_index.find(base)) {
      LicenseInfo info = m_index.license(*i);
      m.name = std::string(info.name);
      m.osi_approved = info.osi_approved;
      if (with != std::string_view::npos) {
        m.name += " with " + m.id.substr(with + 6);
      }
    } else if (const terms::LicenseProfile* p = terms::KnowledgeBase::embedded().find(base)) {
      m.name = p->name;
      m.osi_approved = false;
    } else {
      m.name = m.id;
    }
  }

  std::string_view m_text;
  const SpdxIndex& m_index;
  bool m_read_metadata = true;
  std::vector<Found> m_found;
  std::vector<std::pair<std::size_t, std::size_t>> m_text_spans;
  // Texts mostly present but too different to name (modified licenses).
  struct Modified {
    std::string id;
    std::pair<std::size_t, std::size_t> span;  // bytes
    double coverage = 0;
  };
  std::vector<Modified> m_modified;
  std::vector<std::pair<std::size_t, std::size_t>> m_known_spans;
};

}  // namespace

std::string_view to_string(MatchKind kind) {
  switch (kind) {
  case MatchKind::license_text:
    return "license_text";
  case MatchKind::embedded_text:
    return "embedded_text";
  case MatchKind::spdx_tag:
    return "spdx_tag";
  case MatchKind::notice:
    return "notice";
  case MatchKind::declared:
    return "declared";
  }
  return "unknown";
}

bool could_hold_license_text(std::string_view text) {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), license_text_words());
}

Identification identify(std::string_view text, const SpdxIndex& index, bool read_metadata) {
  return Combiner(text, index, read_metadata).run();
}

std::vector<LicenseMatch> identify_text(std::string_view text, const SpdxIndex& index, bool read_metadata) {
  return identify(text, index, read_metadata).licenses;
}

}  // namespace aperture::license
