// The distinct licenses of a dump, each resolved and judged once: a million
// records declare a few hundred licenses, so every record holds an index.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <aperture/assess/license_openness.hpp>

namespace aperture::audit {

struct LicenseInfo {
  std::string
      declared;    // as the Hub spells it, lower case: "llama3.1", "other (license_name: x)"; empty = missing
  std::string id;  // resolved SPDX id or LicenseRef-…; empty when unresolved
  std::string note;  // why there is no id ("a family of licenses", ...)
  assess::Openness openness = assess::Openness::unknown;
  std::string failing;  // the first OSD criterion it fails ("osd-6 No Discrimination ..."); empty when none
  bool binds = false;   // its terms bind derivatives (lineage::binds_derivatives)
  // What a derivative inherits from it (lineage::license_obligations): the
  // kinds, each once, in the knowledge base's order ("name-prefix", "display", ...).
  std::vector<std::string> duties;
};

class LicenseTable {
public:
  static constexpr std::uint32_t k_missing = 0;  // the index of "no license declared"

  LicenseTable();

  // The index of the license a record declares as `license` (and
  // `license_name`, read only with "other"), resolved on first sight.
  std::uint32_t intern(std::string_view license, std::string_view license_name);
  // The index of a license already resolved to `id` (a catalog entry's).
  std::uint32_t intern_id(std::string_view id);

  [[nodiscard]] const LicenseInfo& operator[](std::uint32_t index) const { return m_infos[index]; }
  [[nodiscard]] std::size_t size() const { return m_infos.size(); }

  // The name a summary counts a license under: its id when resolved, else as declared, else "(none)".
  [[nodiscard]] std::string_view label(std::uint32_t index) const;

private:
  std::uint32_t add(std::string key, LicenseInfo info);

  std::vector<LicenseInfo> m_infos;
  std::unordered_map<std::string, std::uint32_t> m_index;
};

// Judges a resolved license: openness, first failing OSD criterion, binding.
void judge(LicenseInfo& info);

}  // namespace aperture::audit
