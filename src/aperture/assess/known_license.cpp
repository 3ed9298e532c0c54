#include <aperture/assess/known_license.hpp>

#include <map>
#include <mutex>

#include <aperture/license/spdx_index.hpp>
#include <aperture/terms/hub_license.hpp>
#include <aperture/terms/knowledge_base.hpp>

namespace aperture::assess {

std::optional<KnownLicense> look_up_license(std::string_view id) {
  const license::SpdxIndex& index = license::SpdxIndex::embedded();
  const terms::KnowledgeBase& kb = terms::KnowledgeBase::embedded();
  KnownLicense v;
  const terms::LicenseProfile* profile = kb.find(id);
  std::optional<std::uint32_t> spdx = index.find(id);
  if (profile == nullptr && !spdx) {
    terms::DeclaredLicense d = terms::resolve_hub_license(id, {}, kb, index);
    if (d.id.empty()) {
      return std::nullopt;
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
