// aperture_indexgen: turns the SPDX license list (npm spdx-license-list,
// spdx-exceptions, spdx-license-ids) into Aperture's binary license index.
// Runs at build time only. See src/aperture/license/index_format.hpp.

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include <aperture/license/index_format.hpp>
#include <aperture/license/normalize.hpp>
#include <aperture/util/file.hpp>

namespace ix = aperture::license::index;
using aperture::license::tokenize;

namespace {

struct Options {
  std::string licenses;
  std::string exceptions;
  std::string deprecated;
  std::string out;
};

struct Entry {
  std::string id;
  std::string name;
  std::string url;
  std::uint32_t flags = 0;
  std::string text;
};

nlohmann::json load_json(const std::string& path) {
  auto data = aperture::util::read_file(path);
  if (!data) {
    throw std::runtime_error(data.error().to_string());
  }
  return nlohmann::json::parse(*data);
}

std::string string_field(const nlohmann::json& rec, const char* key, const std::string& fallback) {
  auto it = rec.find(key);
  return it != rec.end() && it->is_string() ? it->get<std::string>() : fallback;
}

bool osi_flag(const nlohmann::json& v) {
  if (v.is_boolean()) {
    return v.get<bool>();
  }
  return v.is_string() && v.get<std::string>() == "True";
}

std::vector<Entry> load_entries(const Options& opt) {
  std::set<std::string> deprecated;
  const nlohmann::json deprecated_ids = load_json(opt.deprecated);
  for (const auto& id : deprecated_ids) {
    deprecated.insert(id.get<std::string>());
  }
  std::vector<Entry> entries;
  const nlohmann::json licenses = load_json(opt.licenses);
  for (const auto& [id, rec] : licenses.items()) {
    Entry e{id, string_field(rec, "name", id), string_field(rec, "url", ""), 0,
            string_field(rec, "licenseText", "")};
    if (rec.contains("osiApproved") && osi_flag(rec["osiApproved"])) {
      e.flags |= ix::k_osi_approved;
    }
    if (deprecated.count(id) != 0 || (!id.empty() && id.back() == '+')) {
      e.flags |= ix::k_deprecated;
    }
    entries.push_back(std::move(e));
  }
  const nlohmann::json exceptions = load_json(opt.exceptions);
  for (const auto& id : exceptions) {
    entries.push_back(Entry{id.get<std::string>(), id.get<std::string>(), "", ix::k_exception, ""});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.id < b.id; });
  return entries;
}

// Words of the title: up to three short lines at the top that are not
// sentences ("GNU GENERAL PUBLIC LICENSE" / "Version 2, June 1991").
std::uint32_t title_words(const std::string& text, const std::vector<aperture::license::Token>& tokens) {
  std::uint32_t count = 0;
  std::size_t line_start = 0;
  for (int lines = 0; lines < 3 && count < tokens.size(); ++lines) {
    // The line holding the next word.
    std::size_t word_at = tokens[count].offset;
    line_start = text.rfind('\n', word_at);
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    std::size_t line_end = text.find('\n', word_at);
    std::string line = text.substr(line_start, line_end == std::string::npos ? std::string::npos : line_end - line_start);
    std::uint32_t words = 0;
    while (count + words < tokens.size() && tokens[count + words].offset < line_start + line.size()) {
      ++words;
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
      line.pop_back();
    }
    bool sentence = line.find(". ") != std::string::npos || line.ends_with(".") || line.ends_with(":") ||
                    line.ends_with(",") || line.ends_with(";");
    if (words == 0 || words > 10 || sentence || count + words > 16) {
      break;
    }
    count += words;
  }
  return count;
}

std::uint32_t next_pow2(std::uint64_t n) {
  std::uint32_t p = 1;
  while (p < n) {
    p <<= 1;
  }
  return p;
}

class Writer {
public:
  std::string build(const std::vector<Entry>& entries) {
    collect_groups(entries);
    build_word_slots();
    build_shingles();
    return serialise();
  }

private:
  ix::StrRef intern(const std::string& s) {
    ix::StrRef ref{static_cast<std::uint32_t>(m_strings.size()), static_cast<std::uint32_t>(s.size())};
    m_strings += s;
    return ref;
  }

  std::uint32_t word_id(const std::string& w) {
    auto [it, inserted] = m_word_ids.emplace(w, static_cast<std::uint32_t>(m_words.size()));
    if (inserted) {
      m_words.push_back(intern(w));
      m_word_text.push_back(w);
    }
    return it->second;
  }

  void collect_groups(const std::vector<Entry>& entries) {
    std::map<std::vector<std::uint32_t>, std::uint32_t> by_text;
    for (const Entry& e : entries) {
      ix::LicenseRecord rec{intern(e.id), intern(e.name), intern(e.url), e.flags, 0xFFFFFFFFu};
      std::vector<std::uint32_t> ids;
      std::vector<aperture::license::Token> tokens = tokenize(e.text);
      for (const auto& t : tokens) {
        ids.push_back(word_id(t.word));
      }
      std::uint32_t title_end = title_words(e.text, tokens);
      if (!ids.empty() && (e.flags & ix::k_deprecated) == 0) {
        auto [it, inserted] = by_text.emplace(ids, static_cast<std::uint32_t>(m_groups.size()));
        if (inserted) {
          ix::GroupRecord g{static_cast<std::uint32_t>(m_tokens.size()),
                            static_cast<std::uint32_t>(ids.size()), 0,
                            static_cast<std::uint32_t>(m_licenses.size()), 0, 0};
          set_optional_parts(g, ids, title_end);
          m_tokens.insert(m_tokens.end(), ids.begin(), ids.end());
          m_groups.push_back(g);
        }
        rec.group = it->second;
      }
      m_licenses.push_back(rec);
    }
  }

  // Finds `phrase` (space-separated words) in `ids` at or after `from`.
  std::uint32_t find_phrase(const std::vector<std::uint32_t>& ids, const std::string& phrase, std::uint32_t from) {
    std::vector<std::uint32_t> want;
    std::istringstream in(phrase);
    for (std::string w; in >> w;) {
      want.push_back(word_id(w));
    }
    auto it = std::search(ids.begin() + from, ids.end(), want.begin(), want.end());
    return it == ids.end() ? static_cast<std::uint32_t>(ids.size()) : static_cast<std::uint32_t>(it - ids.begin());
  }

  // The SPDX templates mark the title and the "How to apply" appendix
  // optional; copies also often drop a license text carried along at the end.
  void set_optional_parts(ix::GroupRecord& g, const std::vector<std::uint32_t>& ids, std::uint32_t title_end) {
    auto n = static_cast<std::uint32_t>(ids.size());
    g.title_end = std::min<std::uint32_t>(title_end, n / 4);
    g.tail_start = n;
    std::uint32_t end_of_terms = find_phrase(ids, "end of terms and conditions", 0);
    if (end_of_terms < n) {
      g.tail_start = end_of_terms + 5;
    }
    // Apache-1.x's closing note, optional in its template.
    std::uint32_t note = find_phrase(ids, "this software consists of voluntary contributions", 0);
    g.tail_start = std::min(g.tail_start, note);
    // A second license text appended (LGPL-3.0 + GPL-3.0).
    for (const char* carried : {"gnu general public license version 3 29 june 2007",
                                "gnu general public license version 2 june 1991"}) {
      std::uint32_t at = find_phrase(ids, carried, std::min(n, g.title_end + 50));
      g.tail_start = std::min(g.tail_start, at);
    }
  }

  void build_word_slots() {
    m_word_slots.assign(next_pow2(m_words.size() * 2 + 1), 0);
    std::uint32_t mask = static_cast<std::uint32_t>(m_word_slots.size() - 1);
    for (std::uint32_t id = 0; id < m_words.size(); ++id) {
      std::uint32_t slot = static_cast<std::uint32_t>(ix::hash_word(m_word_text[id])) & mask;
      while (m_word_slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      m_word_slots[slot] = id + 1;
    }
  }

  void build_shingles() {
    std::map<std::uint64_t, std::vector<std::uint32_t>> postings;
    for (std::uint32_t g = 0; g < m_groups.size(); ++g) {
      ix::GroupRecord& group = m_groups[g];
      std::set<std::uint64_t> seen;
      for (std::uint32_t i = 0; i + ix::k_shingle <= group.token_count; ++i) {
        seen.insert(ix::hash_shingle(&m_tokens[group.token_begin + i], ix::k_shingle));
      }
      group.shingle_count = static_cast<std::uint32_t>(seen.size());
      group.shingle_table_begin = static_cast<std::uint32_t>(m_shingle_table.size());
      std::vector<ix::ShingleEntry> table;
      for (std::uint32_t i = 0; i + ix::k_shingle <= group.token_count; ++i) {
        auto h = static_cast<std::uint32_t>(ix::hash_shingle(&m_tokens[group.token_begin + i], ix::k_shingle));
        table.push_back(ix::ShingleEntry{h, i});
      }
      std::sort(table.begin(), table.end(), [](const ix::ShingleEntry& a, const ix::ShingleEntry& b) {
        return a.hash != b.hash ? a.hash < b.hash : a.position < b.position;
      });
      m_shingle_table.insert(m_shingle_table.end(), table.begin(), table.end());
      for (std::uint64_t h : seen) {
        postings[h].push_back(g);
      }
    }
    m_shingle_slots.assign(next_pow2(postings.size() * 2 + 1), ix::ShingleSlot{});
    std::uint64_t mask = m_shingle_slots.size() - 1;
    for (const auto& [hash, groups] : postings) {
      std::uint64_t slot = hash & mask;
      while (m_shingle_slots[slot].hash != 0) {
        slot = (slot + 1) & mask;
      }
      m_shingle_slots[slot] = ix::ShingleSlot{hash, static_cast<std::uint32_t>(m_postings.size()),
                                              static_cast<std::uint32_t>(groups.size())};
      m_postings.insert(m_postings.end(), groups.begin(), groups.end());
    }
  }

  template <typename T> std::uint32_t append(std::string& out, const std::vector<T>& items) {
    while (out.size() % 8 != 0) {
      out.push_back('\0');
    }
    auto offset = static_cast<std::uint32_t>(out.size());
    out.append(reinterpret_cast<const char*>(items.data()), items.size() * sizeof(T));
    return offset;
  }

  std::string serialise() {
    ix::Header h;
    std::string out(sizeof(ix::Header), '\0');
    h.word_count = static_cast<std::uint32_t>(m_words.size());
    h.word_slot_count = static_cast<std::uint32_t>(m_word_slots.size());
    h.license_count = static_cast<std::uint32_t>(m_licenses.size());
    h.group_count = static_cast<std::uint32_t>(m_groups.size());
    h.token_count = static_cast<std::uint32_t>(m_tokens.size());
    h.shingle_slot_count = static_cast<std::uint32_t>(m_shingle_slots.size());
    h.posting_count = static_cast<std::uint32_t>(m_postings.size());
    h.strings_size = static_cast<std::uint32_t>(m_strings.size());
    h.words_offset = append(out, m_words);
    h.word_slots_offset = append(out, m_word_slots);
    h.licenses_offset = append(out, m_licenses);
    h.groups_offset = append(out, m_groups);
    h.tokens_offset = append(out, m_tokens);
    h.shingle_slots_offset = append(out, m_shingle_slots);
    h.postings_offset = append(out, m_postings);
    h.strings_offset = append(out, std::vector<char>(m_strings.begin(), m_strings.end()));
    h.shingle_table_count = static_cast<std::uint32_t>(m_shingle_table.size());
    h.shingle_table_offset = append(out, m_shingle_table);
    h.total_size = static_cast<std::uint32_t>(out.size());
    std::memcpy(out.data(), &h, sizeof h);
    return out;
  }

  std::string m_strings;
  std::unordered_map<std::string, std::uint32_t> m_word_ids;
  std::vector<ix::StrRef> m_words;
  std::vector<std::string> m_word_text;
  std::vector<std::uint32_t> m_word_slots;
  std::vector<ix::LicenseRecord> m_licenses;
  std::vector<ix::GroupRecord> m_groups;
  std::vector<std::uint32_t> m_tokens;
  std::vector<ix::ShingleSlot> m_shingle_slots;
  std::vector<std::uint32_t> m_postings;
  std::vector<ix::ShingleEntry> m_shingle_table;
};

Options parse_args(int argc, char** argv) {
  Options opt;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    std::string value = argv[i + 1];
    if (flag == "--licenses") {
      opt.licenses = value;
    } else if (flag == "--exceptions") {
      opt.exceptions = value;
    } else if (flag == "--deprecated") {
      opt.deprecated = value;
    } else if (flag == "--out") {
      opt.out = value;
    } else {
      throw std::runtime_error("unknown option " + flag);
    }
  }
  if (opt.licenses.empty() || opt.exceptions.empty() || opt.deprecated.empty() || opt.out.empty()) {
    throw std::runtime_error("usage: aperture_indexgen --licenses F --exceptions F --deprecated F --out F");
  }
  return opt;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Options opt = parse_args(argc, argv);
    std::vector<Entry> entries = load_entries(opt);
    std::string blob = Writer().build(entries);
    auto status = aperture::util::write_file_atomic(opt.out, blob);
    if (!status) {
      throw std::runtime_error(status.error().to_string());
    }
    std::printf("aperture_indexgen: %zu entries, %zu bytes\n", entries.size(), blob.size());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "aperture_indexgen: error: %s\n", e.what());
    return 1;
  }
}
