#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include <re2/re2.h>
#include <re2/set.h>

#include <aperture/terms/fingerprint.hpp>
#include <aperture/util/error.hpp>
#include <aperture/util/text.hpp>

namespace aperture::terms {

namespace {

// The longest run of plain characters in `pattern` outside any group,
// class or alternation, or "" when the pattern has alternatives at the top.
std::string literal_anchor(const std::string& pattern) {
  std::string best;
  std::string run;
  int depth = 0;
  auto flush = [&] {
    if (run.size() > best.size()) {
      best = run;
    }
    run.clear();
  };
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '|' && depth == 0) {
      return "";  // alternatives: no single literal is required
    }
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
      flush();
    } else if (c == ')' || c == ']' || c == '}') {
      depth = std::max(0, depth - 1);
      flush();
    } else if (c == '\\' && i + 1 < pattern.size()) {
      char e = pattern[++i];
      bool literal =
          e == '.' || e == '-' || e == '+' || e == '(' || e == ')' || e == '[' || e == ']' || e == '/';
      if (depth == 0 && literal) {
        run.push_back(e);
      } else {
        flush();
      }
    } else if (c == '.' || c == '*' || c == '+' || c == '?' || c == '^' || c == '$') {
      // The character before a quantifier may be absent or repeated.
      if ((c == '*' || c == '?') && !run.empty()) {
        run.pop_back();
      }
      flush();
    } else if (depth == 0) {
      run.push_back(c);
    }
  }
  flush();
  return best.size() >= 4 ? best : "";
}

std::unique_ptr<re2::RE2> compile_pattern(const std::string& id, const std::string& pattern) {
  re2::RE2::Options opt;
  opt.set_max_mem(8 << 20);
  auto re = std::make_unique<re2::RE2>(pattern, opt);
  if (!re->ok()) {
    throw Error(id + ": bad fingerprint pattern '" + pattern + "': " + re->error());
  }
  return re;
}

// The compiled patterns of one fingerprint.
struct Patterns {
  std::vector<std::unique_ptr<re2::RE2>> all;
  std::vector<std::unique_ptr<re2::RE2>> none;
};

// One fingerprint. Its patterns are compiled when a text first holds its
// anchor: most inputs hold no AI license, and a one-file run should not pay
// for compiling them all.
class CompiledFingerprint {
public:
  explicit CompiledFingerprint(const Fingerprint& f)
      : source(&f), anchor(f.all.empty() ? "" : literal_anchor(f.all.front())),
        m_once(std::make_unique<std::once_flag>()) {}

  // Compiled on first use (safe across threads).
  const Patterns& patterns() const {
    std::call_once(*m_once, [&] {
      for (const std::string& pattern : source->all) {
        m_patterns.all.push_back(compile_pattern(source->id, pattern));
      }
      for (const std::string& pattern : source->none) {
        m_patterns.none.push_back(compile_pattern(source->id, pattern));
      }
    });
    return m_patterns;
  }

  const Fingerprint* source;
  // Literal text every match of the first pattern contains: a text without it
  // cannot match, so the patterns need not run.
  std::string anchor;

private:
  mutable Patterns m_patterns;
  std::unique_ptr<std::once_flag> m_once;
};

// All fingerprints, and one RE2 set of their anchors so that a single pass
// over the text tells which fingerprints can match at all.
struct CompiledFingerprints {
  std::vector<CompiledFingerprint> list;
  std::unique_ptr<re2::RE2::Set> anchors;  // pattern i is the anchor of anchored[i]
  std::vector<std::size_t> anchored;       // indexes into `list`
  std::vector<std::size_t> unanchored;     // fingerprints always tried
};

CompiledFingerprints compile(const std::vector<Fingerprint>& fingerprints) {
  CompiledFingerprints out;
  re2::RE2::Options opt;
  opt.set_max_mem(16 << 20);
  out.anchors = std::make_unique<re2::RE2::Set>(opt, re2::RE2::UNANCHORED);
  for (const Fingerprint& f : fingerprints) {
    CompiledFingerprint c(f);
    if (c.anchor.empty()) {
      out.unanchored.push_back(out.list.size());
    } else {
      out.anchors->Add(re2::RE2::QuoteMeta(c.anchor), nullptr);
      out.anchored.push_back(out.list.size());
    }
    out.list.push_back(std::move(c));
  }
  if (!out.anchors->Compile()) {
    throw Error("fingerprint anchors do not compile");
  }
  return out;
}

// Compiled patterns per fingerprint list (the embedded one, or a test's).
const CompiledFingerprints& compiled_for(const std::vector<Fingerprint>& fingerprints) {
  static std::mutex k_mutex;
  static std::map<const std::vector<Fingerprint>*, CompiledFingerprints> k_cache;
  std::lock_guard<std::mutex> lock(k_mutex);
  auto it = k_cache.find(&fingerprints);
  if (it == k_cache.end()) {
    it = k_cache.emplace(&fingerprints, compile(fingerprints)).first;
  }
  return it->second;
}

}  // namespace

namespace {

// What the flattener does with a byte.
enum class ByteClass : std::uint8_t { keep, space, markup, backslash, underscore };

constexpr std::array<ByteClass, 256> k_byte_classes = [] {
  std::array<ByteClass, 256> t{};
  for (unsigned char c : {' ', '\t', '\n', '\r', '\f', '\v'}) {
    t[c] = ByteClass::space;
  }
  for (unsigned char c : {'*', '`', '#', '>', '|'}) {
    t[c] = ByteClass::markup;
  }
  t['\\'] = ByteClass::backslash;
  t['_'] = ByteClass::underscore;
  return t;
}();

}  // namespace

template <typename Emit> void FingerprintText::flatten(std::string_view text, Emit&& emit) {
  bool last_space = true;  // no leading space
  auto space = [&](std::size_t at) {
    if (!last_space) {
      emit(' ', at);
      last_space = true;
    }
  };
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n; ++i) {
    char c = text[i];
    switch (k_byte_classes[static_cast<unsigned char>(c)]) {
    case ByteClass::keep:
      emit(util::ascii_lower(c), i);
      last_space = false;
      break;
    case ByteClass::space:
      space(i);
      break;
    case ByteClass::markup:
      break;
    case ByteClass::backslash:
      // An escaped line break inside a quoted YAML string ("...\n...").
      if (i + 1 < n && (text[i + 1] == 'n' || text[i + 1] == 't')) {
        space(i);
        ++i;
      }
      break;
    case ByteClass::underscore:
      if (i + 1 < n && text[i + 1] == '_') {  // "__bold__"
        ++i;
      } else {
        emit('_', i);
        last_space = false;
      }
      break;
    }
  }
}

// The flat text is never longer than the input: each flat byte stands for one
// or more input bytes. Written through a pointer, not push_back.
FingerprintText::FingerprintText(std::string_view text) : m_text(text) {
  m_flat.resize(text.size());
  char* out = m_flat.data();
  std::size_t used = 0;
  flatten(text, [&](char c, std::size_t) { out[used++] = c; });
  m_flat.resize(used);
}

std::size_t FingerprintText::source_offset(std::size_t pos) const {
  std::size_t n = 0;
  std::size_t found = 0;
  flatten(m_text, [&](char, std::size_t at) {
    if (n++ <= pos) {
      found = at;
    }
  });
  return found;
}

std::vector<Fingerprint> fingerprints_of(const KnowledgeBase& kb) {
  std::vector<Fingerprint> out;
  for (const LicenseProfile& p : kb.profiles()) {
    if (!p.fingerprint_all.empty()) {
      out.push_back(Fingerprint{p.id, p.fingerprint_all, p.fingerprint_none});
    }
  }
  return out;
}

std::vector<FingerprintMatch> find_fingerprints(std::string_view text, const std::vector<Fingerprint>& all) {
  std::vector<FingerprintMatch> out;
  const CompiledFingerprints& compiled = compiled_for(all);
  if (compiled.list.empty()) {
    return out;
  }
  FingerprintText ft(text);
  re2::StringPiece flat(ft.flat());
  // Which fingerprints can match: the unanchored ones and those whose anchor occurs.
  std::vector<int> present;
  compiled.anchors->Match(flat, &present);
  std::vector<std::size_t> candidates = compiled.unanchored;
  for (int a : present) {
    candidates.push_back(compiled.anchored[static_cast<std::size_t>(a)]);
  }
  std::sort(candidates.begin(), candidates.end());
  for (std::size_t index : candidates) {
    const CompiledFingerprint& c = compiled.list[index];
    std::size_t begin = std::string::npos;
    std::size_t end = 0;
    std::string evidence;
    bool all = true;
    const Patterns& patterns = c.patterns();
    for (const auto& re : patterns.all) {
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
    bool excluded = all && std::any_of(patterns.none.begin(), patterns.none.end(),
                                       [&](const auto& re) { return re2::RE2::PartialMatch(flat, *re); });
    if (!all || excluded) {
      continue;
    }
    out.push_back(FingerprintMatch{c.source->id, ft.source_offset(begin),
                                   ft.source_offset(end > 0 ? end - 1 : 0) + 1, evidence});
  }
  std::sort(out.begin(), out.end(), [](const FingerprintMatch& a, const FingerprintMatch& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.id < b.id;
  });
  return out;
}

}  // namespace aperture::terms
