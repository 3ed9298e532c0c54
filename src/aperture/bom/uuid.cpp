#include <cctype>

#include <aperture/bom/uuid.hpp>
#include <aperture/util/error.hpp>

namespace aperture::bom {

namespace {

std::uint32_t rotl(std::uint32_t x, int n) {
  return (x << n) | (x >> (32 - n));
}

// One 64-byte block into the running state `h`.
void sha1_block(const std::uint8_t* block, std::array<std::uint32_t, 5>& h) {
  std::array<std::uint32_t, 80> w{};
  for (std::size_t i = 0; i < 16; ++i) {
    w[i] = static_cast<std::uint32_t>(block[4 * i]) << 24 |
           static_cast<std::uint32_t>(block[4 * i + 1]) << 16 |
           static_cast<std::uint32_t>(block[4 * i + 2]) << 8 | static_cast<std::uint32_t>(block[4 * i + 3]);
  }
  for (std::size_t i = 16; i < 80; ++i) {
    w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
  }
  std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
  for (std::size_t i = 0; i < 80; ++i) {
    std::uint32_t f = 0;
    std::uint32_t k = 0;
    if (i < 20) {
      f = (b & c) | (~b & d);
      k = 0x5a827999;
    } else if (i < 40) {
      f = b ^ c ^ d;
      k = 0x6ed9eba1;
    } else if (i < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8f1bbcdc;
    } else {
      f = b ^ c ^ d;
      k = 0xca62c1d6;
    }
    std::uint32_t t = rotl(a, 5) + f + e + k + w[i];
    e = d;
    d = c;
    c = rotl(b, 30);
    b = a;
    a = t;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

bool is_dash_position(std::size_t i) {
  return i == 8 || i == 13 || i == 18 || i == 23;
}

}  // namespace

Sha1Digest sha1(std::string_view data) {
  std::array<std::uint32_t, 5> h = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data.data());
  std::size_t whole = data.size() / 64 * 64;
  for (std::size_t i = 0; i < whole; i += 64) {
    sha1_block(bytes + i, h);
  }
  // The tail, the 0x80 marker, zeros, then the length in bits (big-endian): one or two blocks.
  std::array<std::uint8_t, 128> tail{};
  std::size_t rest = data.size() - whole;
  for (std::size_t i = 0; i < rest; ++i) {
    tail[i] = bytes[whole + i];
  }
  tail[rest] = 0x80;
  std::size_t tail_size = rest + 1 + 8 <= 64 ? 64 : 128;
  std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
  for (std::size_t i = 0; i < 8; ++i) {
    tail[tail_size - 1 - i] = static_cast<std::uint8_t>(bits >> (8 * i));
  }
  for (std::size_t i = 0; i < tail_size; i += 64) {
    sha1_block(tail.data() + i, h);
  }
  Sha1Digest out{};
  for (std::size_t i = 0; i < 5; ++i) {
    for (std::size_t j = 0; j < 4; ++j) {
      out[4 * i + j] = static_cast<std::uint8_t>(h[i] >> (24 - 8 * j));
    }
  }
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
    if (is_dash_position(i) ? c != '-' : hex_value(c) < 0) {
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
      input += static_cast<char>(hex_value((*space)[i]) << 4 | hex_value((*space)[i + 1]));
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
