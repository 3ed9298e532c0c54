#include <aperture/license/spdx_index.hpp>

#include <cstring>

#include <aperture/util/error.hpp>
#include <aperture/util/text.hpp>

// Symbols of the embedded index (cmake/SpdxData.cmake); their names are the assembler's.
extern "C" {
extern const char aperture_spdx_index_begin[];  // NOLINT(readability-identifier-naming)
extern const char aperture_spdx_index_end[];    // NOLINT(readability-identifier-naming)
}

namespace aperture::license {

namespace {

// A typed view of `count` records at `offset`, checked against the blob size.
template <typename T>
std::span<const T> section(std::string_view data, std::uint32_t offset, std::uint32_t count) {
  APERTURE_ASSERT(offset % alignof(T) == 0 || alignof(T) <= 4);
  APERTURE_ASSERT(static_cast<std::uint64_t>(offset) + std::uint64_t{count} * sizeof(T) <= data.size());
  return {reinterpret_cast<const T*>(data.data() + offset), count};
}

}  // namespace

const SpdxIndex& SpdxIndex::embedded() {
  static const SpdxIndex k_index(std::string_view(
      aperture_spdx_index_begin, static_cast<std::size_t>(aperture_spdx_index_end - aperture_spdx_index_begin)));
  return k_index;
}

SpdxIndex::SpdxIndex(std::string_view data) : m_data(data) {
  APERTURE_ASSERT(data.size() >= sizeof(index::Header));
  std::memcpy(&m_header, data.data(), sizeof m_header);
  APERTURE_ASSERT(m_header.magic == index::k_magic && m_header.version == index::k_version);
  APERTURE_ASSERT(m_header.total_size <= data.size());
  const index::Header& h = m_header;
  m_words = section<index::StrRef>(data, h.words_offset, h.word_count);
  m_word_slots = section<std::uint32_t>(data, h.word_slots_offset, h.word_slot_count);
  m_licenses = section<index::LicenseRecord>(data, h.licenses_offset, h.license_count);
  m_groups = section<index::GroupRecord>(data, h.groups_offset, h.group_count);
  m_tokens = section<std::uint32_t>(data, h.tokens_offset, h.token_count);
  m_shingle_slots = section<index::ShingleSlot>(data, h.shingle_slots_offset, h.shingle_slot_count);
  m_postings = section<std::uint32_t>(data, h.postings_offset, h.posting_count);
  m_shingle_table = section<index::ShingleEntry>(data, h.shingle_table_offset, h.shingle_table_count);
  APERTURE_ASSERT(static_cast<std::uint64_t>(h.strings_offset) + h.strings_size <= data.size());
  m_strings = data.substr(h.strings_offset, h.strings_size);

  m_group_members.resize(h.group_count);
  m_by_lower_id.reserve(h.license_count);
  for (std::uint32_t i = 0; i < h.license_count; ++i) {
    const index::LicenseRecord& rec = m_licenses[i];
    m_by_lower_id.emplace(util::ascii_lower(str(rec.id)), i);
    if (rec.group < h.group_count) {
      m_group_members[rec.group].push_back(i);
    }
  }
}

LicenseInfo SpdxIndex::license(std::uint32_t i) const {
  const index::LicenseRecord& rec = m_licenses[i];
  return LicenseInfo{str(rec.id),
                     str(rec.name),
                     str(rec.url),
                     (rec.flags & index::k_osi_approved) != 0,
                     (rec.flags & index::k_deprecated) != 0,
                     (rec.flags & index::k_exception) != 0,
                     rec.group};
}

std::optional<std::uint32_t> SpdxIndex::find(std::string_view id) const {
  auto it = m_by_lower_id.find(util::ascii_lower(id));
  if (it == m_by_lower_id.end()) {
    return std::nullopt;
  }
  return it->second;
}

std::uint32_t SpdxIndex::word_id(std::string_view word) const {
  if (m_word_slots.empty()) {
    return index::k_unknown_word;
  }
  std::uint32_t mask = static_cast<std::uint32_t>(m_word_slots.size() - 1);
  std::uint32_t slot = static_cast<std::uint32_t>(index::hash_word(word)) & mask;
  while (m_word_slots[slot] != 0) {
    std::uint32_t id = m_word_slots[slot] - 1;
    if (str(m_words[id]) == word) {
      return id;
    }
    slot = (slot + 1) & mask;
  }
  return index::k_unknown_word;
}

std::string_view SpdxIndex::word(std::uint32_t id) const {
  return id < m_words.size() ? str(m_words[id]) : std::string_view("?");
}

std::span<const std::uint32_t> SpdxIndex::group_tokens(std::uint32_t g) const {
  const index::GroupRecord& rec = m_groups[g];
  return m_tokens.subspan(rec.token_begin, rec.token_count);
}

std::span<const index::ShingleEntry> SpdxIndex::group_shingles(std::uint32_t g) const {
  const index::GroupRecord& rec = m_groups[g];
  std::uint32_t count = rec.token_count >= index::k_shingle ? rec.token_count - index::k_shingle + 1 : 0;
  return m_shingle_table.subspan(rec.shingle_table_begin, count);
}

std::span<const std::uint32_t> SpdxIndex::postings(std::uint64_t h) const {
  if (m_shingle_slots.empty()) {
    return {};
  }
  std::uint64_t mask = m_shingle_slots.size() - 1;
  std::uint64_t slot = h & mask;
  while (m_shingle_slots[slot].hash != 0) {
    if (m_shingle_slots[slot].hash == h) {
      return m_postings.subspan(m_shingle_slots[slot].posting_begin, m_shingle_slots[slot].posting_count);
    }
    slot = (slot + 1) & mask;
  }
  return {};
}

}  // namespace aperture::license
