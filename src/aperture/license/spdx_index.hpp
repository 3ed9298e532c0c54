// Read access to the license index embedded in the binary at build time
// (see index_format.hpp and tools/indexgen.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <aperture/license/index_format.hpp>

namespace aperture::license {

// What the SPDX list says about one license or exception id.
struct LicenseInfo {
  std::string_view id;
  std::string_view name;
  std::string_view url;
  bool osi_approved = false;
  bool deprecated = false;
  bool exception = false;
  std::uint32_t group = 0xFFFFFFFFu;  // text group, 0xFFFFFFFF when the list has no text
};

class SpdxIndex {
public:
  // The index built into this binary.
  static const SpdxIndex& embedded();

  // REQUIRES: `data` outlives the index and holds a well-formed index.
  explicit SpdxIndex(std::string_view data);

  [[nodiscard]] std::uint32_t license_count() const { return m_header.license_count; }
  [[nodiscard]] LicenseInfo license(std::uint32_t i) const;
  // Exact id first, then case-insensitive (SPDX ids are case-insensitive).
  [[nodiscard]] std::optional<std::uint32_t> find(std::string_view id) const;

  // Id of a normalised word, or index::k_unknown_word.
  [[nodiscard]] std::uint32_t word_id(std::string_view word) const;
  [[nodiscard]] std::string_view word(std::uint32_t id) const;

  [[nodiscard]] std::uint32_t group_count() const { return m_header.group_count; }
  [[nodiscard]] const index::GroupRecord& group(std::uint32_t g) const { return m_groups[g]; }
  [[nodiscard]] std::span<const std::uint32_t> group_tokens(std::uint32_t g) const;
  // Licenses (indexes) whose text is group `g`.
  [[nodiscard]] const std::vector<std::uint32_t>& group_members(std::uint32_t g) const {
    return m_group_members[g];
  }
  // Shingles of group `g`'s text, sorted by (32-bit) hash.
  [[nodiscard]] std::span<const index::ShingleEntry> group_shingles(std::uint32_t g) const;
  // Groups containing the shingle with hash `h`.
  [[nodiscard]] std::span<const std::uint32_t> postings(std::uint64_t h) const;

private:
  std::string_view str(index::StrRef ref) const { return m_strings.substr(ref.offset, ref.length); }

  std::string_view m_data;
  index::Header m_header;
  std::span<const index::StrRef> m_words;
  std::span<const std::uint32_t> m_word_slots;
  std::span<const index::LicenseRecord> m_licenses;
  std::span<const index::GroupRecord> m_groups;
  std::span<const std::uint32_t> m_tokens;
  std::span<const index::ShingleSlot> m_shingle_slots;
  std::span<const std::uint32_t> m_postings;
  std::span<const index::ShingleEntry> m_shingle_table;
  std::string_view m_strings;
  std::unordered_map<std::string, std::uint32_t> m_by_lower_id;
  std::vector<std::vector<std::uint32_t>> m_group_members;
};

}  // namespace aperture::license
