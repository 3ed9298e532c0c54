#include <cctype>

#include <openssl/evp.h>

#include <aperture/bom/uuid.hpp>
#include <aperture/util/error.hpp>
#include <aperture/util/text.hpp>

namespace aperture::bom {

namespace {

bool is_dash_position(std::size_t i) {
  return i == 8 || i == 13 || i == 18 || i == 23;
}

}  // namespace

Sha1Digest sha1(std::string_view data) {
  Sha1Digest out{};
  unsigned size = 0;
  APERTURE_ASSERT(EVP_Digest(data.data(), data.size(), out.data(), &size, EVP_sha1(), nullptr) == 1 &&
                  size == out.size());
  return out;
}

std::optional<std::string> parse_uuid(std::string_view text) {
  if (text.size() > 9 && (text.substr(0, 9) == "urn:uuid:" || text.substr(0, 9) == "URN:UUID:")) {
    text.remove_prefix(9);
  }
  if (text.size() != 36) {
    return std::nullopt;
  }
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (is_dash_position(i) ? c != '-' : util::hex_digit(c) < 0) {
      return std::nullopt;
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string uuid_v5(std::string_view ns, std::string_view name) {
  std::optional<std::string> space = parse_uuid(ns);
  APERTURE_ASSERT(space.has_value());
  // The namespace's 16 bytes, then the name, hashed; the first 16 bytes of the
  // digest with the version (5) and the RFC 4122 variant bits set.
  std::string input;
  for (std::size_t i = 0; i < space->size(); ++i) {
    if (!is_dash_position(i)) {
      input += static_cast<char>(util::hex_digit((*space)[i]) << 4 | util::hex_digit((*space)[i + 1]));
      ++i;
    }
  }
  input.append(name);
  Sha1Digest d = sha1(input);
  d[6] = static_cast<std::uint8_t>((d[6] & 0x0f) | 0x50);
  d[8] = static_cast<std::uint8_t>((d[8] & 0x3f) | 0x80);
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) {
      out += '-';
    }
    out += k_hex[d[i] >> 4];
    out += k_hex[d[i] & 0x0f];
  }
  return out;
}

}  // namespace aperture::bom
