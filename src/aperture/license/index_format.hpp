// The binary layout of Aperture's license index. aperture_indexgen writes it at
// build time from the SPDX license list; the library embeds it and reads it in
// place (spdx_index.hpp), so start-up does no parsing.
//
// Layout: a Header, then sections of little-endian 32/64-bit records at the
// offsets the header names. All strings live in one pool and are referenced
// by StrRef.
#pragma once

#include <cstdint>
#include <string_view>

namespace aperture::license::index {

inline constexpr std::uint32_t k_magic = 0x58495041;  // "APIX"
inline constexpr std::uint32_t k_version = 5;
// Words per shingle used to find candidate licenses.
inline constexpr std::uint32_t k_shingle = 5;
// Word id given to words the index does not know.
inline constexpr std::uint32_t k_unknown_word = 0xFFFFFFFFu;

struct StrRef {
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

enum LicenseFlags : std::uint32_t {
  k_osi_approved = 1u << 0,
  k_deprecated = 1u << 1,
  k_exception = 1u << 2,
};

struct LicenseRecord {
  StrRef id;
  StrRef name;
  StrRef url;
  std::uint32_t flags = 0;
  std::uint32_t group = 0;  // index into the groups (texts); 0xFFFFFFFF when none
};

// One distinct normalised text; several ids can share one (GPL-2.0-only,
// GPL-2.0-or-later and the deprecated GPL-2.0 have the same text).
struct GroupRecord {
  std::uint32_t token_begin = 0;
  std::uint32_t token_count = 0;
  std::uint32_t shingle_count = 0;  // distinct shingles of this text
  std::uint32_t first_license = 0;
  // Words [0, title_end) and [tail_start, token_count) may be absent from a
  // copy: the title, and a trailing appendix ("How to apply these terms") or
  // another license the text carries along (LGPL-3.0 carries GPL-3.0).
  std::uint32_t title_end = 0;
  std::uint32_t tail_start = 0;
  // This text's shingles sorted by hash: ShingleEntry[shingle_table_begin,
  // shingle_table_begin + max(0, token_count - k_shingle + 1)).
  std::uint32_t shingle_table_begin = 0;
};

// One shingle of a license text: the low 32 bits of its hash and its position.
struct ShingleEntry {
  std::uint32_t hash = 0;
  std::uint32_t position = 0;
};

struct ShingleSlot {
  std::uint64_t hash = 0;  // 0 marks an empty slot
  std::uint32_t posting_begin = 0;
  std::uint32_t posting_count = 0;
};

struct Header {
  std::uint32_t magic = k_magic;
  std::uint32_t version = k_version;
  std::uint32_t shingle = k_shingle;
  std::uint32_t word_count = 0;
  std::uint32_t word_slot_count = 0;  // power of two
  std::uint32_t license_count = 0;
  std::uint32_t group_count = 0;
  std::uint32_t token_count = 0;
  std::uint32_t shingle_slot_count = 0;  // power of two
  std::uint32_t posting_count = 0;
  std::uint32_t strings_size = 0;
  std::uint32_t words_offset = 0;         // StrRef[word_count]
  std::uint32_t word_slots_offset = 0;    // u32[word_slot_count]: word id + 1, 0 = empty
  std::uint32_t licenses_offset = 0;      // LicenseRecord[license_count]
  std::uint32_t groups_offset = 0;        // GroupRecord[group_count]
  std::uint32_t tokens_offset = 0;        // u32[token_count]
  std::uint32_t shingle_slots_offset = 0; // ShingleSlot[shingle_slot_count]
  std::uint32_t postings_offset = 0;      // u32[posting_count]: group ids
  std::uint32_t strings_offset = 0;
  std::uint32_t shingle_table_count = 0;
  std::uint32_t shingle_table_offset = 0; // ShingleEntry[shingle_table_count]
  std::uint32_t total_size = 0;
};

std::uint64_t hash_word(std::string_view word);
// Hash of `count` word ids; never 0.
std::uint64_t hash_shingle(const std::uint32_t* ids, std::uint32_t count);

}  // namespace aperture::license::index
