#include <aperture/license/index_format.hpp>

namespace aperture::license::index {

std::uint64_t hash_word(std::string_view word) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (char c : word) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

std::uint64_t hash_shingle(const std::uint32_t* ids, std::uint32_t count) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull;
  for (std::uint32_t i = 0; i < count; ++i) {
    h ^= ids[i] + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
  }
  return h == 0 ? 1 : h;
}

}  // namespace aperture::license::index
