// The license knowledge base: every profile of data/licenses/*.yaml, embedded
// in the binary at build time and parsed on first use.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/terms/terms.hpp>
#include <aperture/util/result.hpp>

namespace aperture::terms {

class KnowledgeBase {
public:
  // The knowledge base built into this binary. Throws aperture::Error when the
  // embedded data is malformed (a build defect that the unit tests catch first).
  static const KnowledgeBase& embedded();

  // Parses YAML documents (each a mapping with a `licenses:` list). Errors name
  // the document and the entry ("licenses[3] (LicenseRef-X): terms.commercial_use.value: ...").
  static util::Result<KnowledgeBase> parse(std::string_view yaml);

  // The profiles as JSON (what the build embeds), and back.
  [[nodiscard]] std::string to_json() const;
  static util::Result<KnowledgeBase> from_json(std::string_view json);

  [[nodiscard]] const std::vector<LicenseProfile>& profiles() const { return m_profiles; }
  // The profile with `id` (case-insensitive), or nullptr.
  [[nodiscard]] const LicenseProfile* find(std::string_view id) const;
  // Profiles a Hugging Face `license:` value (and `license_name` for "other") stands for.
  [[nodiscard]] std::vector<const LicenseProfile*> find_hub(std::string_view hub_id,
                                                             std::string_view license_name = {}) const;

private:
  std::vector<LicenseProfile> m_profiles;
};

}  // namespace aperture::terms
