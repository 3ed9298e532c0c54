#include <aperture/terms/fingerprint.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include <re2/re2.h>

#include <aperture/util/error.hpp>

namespace aperture::terms {

namespace {

bool is_markup(char c) {
  return c == '*' || c == '`' || c == '#' || c == '>' || c == '|' || c == '\\';
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Compiled patterns of one profile.
struct CompiledFingerprint {
  const LicenseProfile* profile = nullptr;
  std::vector<std::unique_ptr<re2::RE2>> all;
  std::vector<std::unique_ptr<re2::RE2>> none;
};

std::vector<CompiledFingerprint> compile(const KnowledgeBase& kb) {
  std::vector<CompiledFingerprint> out;
  re2::RE2::Options opt;
  opt.set_max_mem(8 << 20);
  for (const LicenseProfile& p : kb.profiles()) {
    if (p.fingerprint_all.empty()) {
      continue;
    }
    CompiledFingerprint c;
    c.profile = &p;
    for (const std::string& pattern : p.fingerprint_all) {
      c.all.push_back(std::make_unique<re2::RE2>(pattern, opt));
      if (!c.all.back()->ok()) {
        throw Error(p.id + ": bad fingerprint pattern '" + pattern + "': " + c.all.back()->error());
      }
    }
    for (const std::string& pattern : p.fingerprint_none) {
      c.none.push_back(std::make_unique<re2::RE2>(pattern, opt));
      if (!c.none.back()->ok()) {
        throw Error(p.id + ": bad fingerprint pattern '" + pattern + "': " + c.none.back()->error());
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

// Compiled fingerprints per knowledge base (the embedded one, or a test's).
const std::vector<CompiledFingerprint>& compiled_for(const KnowledgeBase& kb) {
  static std::mutex k_mutex;
  static std::map<const KnowledgeBase*, std::vector<CompiledFingerprint>> k_cache;
  std::lock_guard<std::mutex> lock(k_mutex);
  auto it = k_cache.find(&kb);
  if (it == k_cache.end()) {
    it = k_cache.emplace(&kb, compile(kb)).first;
  }
  return it->second;
}

}  // namespace

FingerprintText::FingerprintText(std::string_view text) {
  m_flat.reserve(text.size());
  m_source.reserve(text.size());
  auto push_space = [&](std::size_t at) {
    if (!m_flat.empty() && m_flat.back() != ' ') {
      m_flat.push_back(' ');
      m_source.push_back(at);
    }
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    // An escaped line break inside a quoted YAML string ("...\n...").
    if (c == '\\' && i + 1 < text.size() && (text[i + 1] == 'n' || text[i + 1] == 't')) {
      push_space(i);
      ++i;
      continue;
    }
    if (is_space(c)) {
      push_space(i);
      continue;
    }
    if (is_markup(c) || (c == '_' && (i + 1 < text.size() && text[i + 1] == '_'))) {
      if (c == '_') {
        ++i;
      }
      continue;
    }
    m_flat.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    m_source.push_back(i);
  }
}

std::size_t FingerprintText::source_offset(std::size_t pos) const {
  if (m_source.empty()) {
    return 0;
  }
  return m_source[std::min(pos, m_source.size() - 1)];
}

std::vector<FingerprintMatch> find_fingerprints(std::string_view text, const KnowledgeBase& kb) {
  std::vector<FingerprintMatch> out;
  const std::vector<CompiledFingerprint>& fingerprints = compiled_for(kb);
  if (fingerprints.empty()) {
    return out;
  }
  FingerprintText ft(text);
  re2::StringPiece flat(ft.flat());
  for (const CompiledFingerprint& c : fingerprints) {
    std::size_t begin = std::string::npos;
    std::size_t end = 0;
    std::string evidence;
    bool all = true;
    for (const auto& re : c.all) {
      re2::StringPiece m;
      if (!re->Match(flat, 0, flat.size(), re2::RE2::UNANCHORED, &m, 1)) {
        all = false;
        break;
      }
      auto at = static_cast<std::size_t>(m.data() - flat.data());
      if (evidence.empty()) {
        evidence = std::string(m.substr(0, 200));
      }
      begin = std::min(begin, at);
      end = std::max(end, at + m.size());
    }
    bool excluded = all && std::any_of(c.none.begin(), c.none.end(), [&](const auto& re) {
                      return re2::RE2::PartialMatch(flat, *re);
                    });
    if (!all || excluded) {
      continue;
    }
    out.push_back(FingerprintMatch{c.profile, ft.source_offset(begin),
                                   ft.source_offset(end > 0 ? end - 1 : 0) + 1, evidence});
  }
  std::sort(out.begin(), out.end(), [](const FingerprintMatch& a, const FingerprintMatch& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.profile->id < b.profile->id;
  });
  return out;
}

}  // namespace aperture::terms
