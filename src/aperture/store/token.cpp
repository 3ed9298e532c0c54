#include <array>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <aperture/store/token.hpp>
#include <aperture/util/error.hpp>

namespace aperture::store {
namespace {

std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += k_digits[bytes[i] >> 4];
    out += k_digits[bytes[i] & 0xf];
  }
  return out;
}

}  // namespace

std::string new_token() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw aperture::Error("no random bytes for a token (OpenSSL RAND_bytes failed)");
  }
  return "apt_" + hex(bytes.data(), bytes.size());
}

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  APERTURE_ASSERT(EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) == 1);
  return hex(digest.data(), size);
}

}  // namespace aperture::store
