#include <algorithm>
#include <aperture/audit/license_table.hpp>
#include <aperture/lineage/rules.hpp>
#include <aperture/terms/hub_license.hpp>
#include <aperture/util/text.hpp>

namespace aperture::audit {

LicenseTable::LicenseTable() {
  LicenseInfo missing;
  missing.note = "no license declared";
  add(std::string(), std::move(missing));
}

std::uint32_t LicenseTable::intern(std::string_view license, std::string_view license_name) {
  std::string value = util::ascii_lower(util::trim(license));
  if (value.empty()) {
    return k_missing;
  }
  // `license_name` means something only beside "other".
  std::string key = value == "other" ? value + '\n' + std::string(util::trim(license_name)) : value;
  auto it = m_index.find(key);
  if (it != m_index.end()) {
    return it->second;
  }
  terms::DeclaredLicense d = terms::resolve_hub_license(value, license_name);
  LicenseInfo info{d.declared, d.id, d.note, assess::Openness::unknown, {}, false};
  judge(info);
  return add(std::move(key), std::move(info));
}

std::uint32_t LicenseTable::intern_id(std::string_view id) {
  std::string key = "\nid:" + std::string(id);
  auto it = m_index.find(key);
  if (it != m_index.end()) {
    return it->second;
  }
  LicenseInfo info{std::string(id), std::string(id), {}, assess::Openness::unknown, {}, false};
  judge(info);
  return add(std::move(key), std::move(info));
}

std::string_view LicenseTable::label(std::uint32_t index) const {
  const LicenseInfo& info = m_infos[index];
  if (!info.id.empty()) {
    return info.id;
  }
  return info.declared.empty() ? std::string_view("(none)") : std::string_view(info.declared);
}

std::uint32_t LicenseTable::add(std::string key, LicenseInfo info) {
  auto index = static_cast<std::uint32_t>(m_infos.size());
  m_infos.push_back(std::move(info));
  m_index.emplace(std::move(key), index);
  return index;
}

void judge(LicenseInfo& info) {
  if (info.id.empty()) {
    return;
  }
  info.openness = assess::judge_openness(info.id, release::ContentType::code).openness;
  std::vector<assess::CriterionVerdict> failing = assess::failing_criteria(info.id, false);
  if (!failing.empty()) {
    info.failing = failing.front().id + " " + failing.front().name;
  }
  info.binds = lineage::binds_derivatives(info.id);
  lineage::Ancestor a;
  a.license = info.id;
  for (const lineage::Obligation& o : lineage::license_obligations(a)) {
    if (std::find(info.duties.begin(), info.duties.end(), o.kind) == info.duties.end()) {
      info.duties.push_back(o.kind);
    }
  }
}

}  // namespace aperture::audit
