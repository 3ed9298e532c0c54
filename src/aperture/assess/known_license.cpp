#include <aperture/assess/known_license.hpp>

#include <algorithm>
#include <map>
#include <mutex>

#include <aperture/license/spdx_index.hpp>
#include <aperture/terms/hub_license.hpp>
#include <aperture/terms/knowledge_base.hpp>
#include <aperture/util/text.hpp>

namespace aperture::assess {
namespace {

// A license name as people write it, reduced to compare: lower case, letters
// and digits only, without the words every name has ("license", "agreement",
// "the", "version"): "Llama 2 Community License Agreement" → "llama2community".
std::string name_key(std::string_view name) {
  std::string out;
  std::string word;
  auto flush = [&] {
    static constexpr std::string_view k_noise[] = {"the", "license", "licence", "agreement", "version", "v", "terms", "of", "use"};
    if (std::find(std::begin(k_noise), std::end(k_noise), word) == std::end(k_noise)) {
      out += word;
    }
    word.clear();
  };
  for (char c : name) {
    char l = util::ascii_lower(c);
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) {
      word += l;
    } else if (l == '+') {
      word += "plus";  // RAIL++-M is not RAIL-M; GPL-2.0+ is not GPL-2.0
    } else if (l != '.') {
      flush();
    }
  }
  flush();
  return out;
}

// Every knowledge-base profile and SPDX license by its name; a name two
// licenses share is left out rather than guessed.
const std::map<std::string, std::string, std::less<>>& ids_by_name() {
  static const std::map<std::string, std::string, std::less<>> k_map = [] {
    std::map<std::string, std::string, std::less<>> m;
    std::map<std::string, int, std::less<>> count;
    auto add = [&](std::string_view name, std::string_view id) {
      std::string key = name_key(name);
      if (key.size() < 3) {
        return;
      }
      auto [it, fresh] = m.emplace(key, std::string(id));
      if (!fresh && it->second != id) {
        ++count[key];
      }
    };
    for (const terms::LicenseProfile& p : terms::KnowledgeBase::embedded().profiles()) {
      add(p.name, p.id);
      for (const std::string& n : p.hub_names) {
        add(n, p.id);
      }
    }
    const license::SpdxIndex& index = license::SpdxIndex::embedded();
    for (std::uint32_t i = 0; i < index.license_count(); ++i) {
      license::LicenseInfo info = index.license(i);
      if (!info.deprecated && !info.exception && terms::KnowledgeBase::embedded().find(info.id) == nullptr) {
        add(info.name, info.id);
      }
    }
    for (const auto& [key, n] : count) {
      m.erase(key);
    }
    return m;
  }();
  return k_map;
}

}  // namespace

std::optional<KnownLicense> look_up_license(std::string_view id) {
  const license::SpdxIndex& index = license::SpdxIndex::embedded();
  const terms::KnowledgeBase& kb = terms::KnowledgeBase::embedded();
  KnownLicense v;
  const terms::LicenseProfile* profile = kb.find(id);
  std::optional<std::uint32_t> spdx = index.find(id);
  if (profile == nullptr && !spdx) {
    terms::DeclaredLicense d = terms::resolve_hub_license(id, {}, kb, index);
    if (d.id.empty()) {
      auto by_name = ids_by_name().find(name_key(id));
      if (by_name == ids_by_name().end()) {
        return std::nullopt;
      }
      d.id = by_name->second;
    }
    profile = kb.find(d.id);
    spdx = index.find(d.id);
  }
  if (spdx) {
    license::LicenseInfo info = index.license(*spdx);
    v.id = std::string(info.id);
    v.name = std::string(info.name);
    v.url = std::string(info.url);
    v.osi_approved = info.osi_approved;
    v.in_spdx_list = true;
    if (profile == nullptr) {
      profile = kb.find(v.id);
    }
  }
  if (profile != nullptr) {
    v.id = profile->id;
    v.name = profile->name;
    v.url = profile->url;
    v.profile = profile;
    v.verdicts = judge_license(*profile, v.osi_approved);
  }
  return v;
}

const KnownLicense* find_known_license(std::string_view id) {
  static std::mutex mutex;
  static std::map<std::string, std::optional<KnownLicense>, std::less<>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(id);
  if (it == cache.end()) {
    it = cache.emplace(std::string(id), look_up_license(id)).first;
  }
  return it->second ? &*it->second : nullptr;
}

}  // namespace aperture::assess
