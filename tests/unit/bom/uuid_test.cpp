// Tests src/aperture/bom/uuid.cpp: SHA-1 against FIPS 180 test vectors and
// version-5 UUIDs against RFC 4122's construction.
#include <string>

#include <gtest/gtest.h>

#include <aperture/bom/uuid.hpp>

namespace aperture::bom {
namespace {

std::string hex(const Sha1Digest& d) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : d) {
    out += k_hex[b >> 4];
    out += k_hex[b & 0x0f];
  }
  return out;
}

TEST(UuidTest, Sha1MatchesKnownDigests) {
  struct Case {
    std::string input;
    const char* digest;
  };
  const Case cases[] = {
      {"", "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
      {"abc", "a9993e364706816aba3e25717850c26c9cd0d89d"},
      // 56 bytes: the length no longer fits the first padding block.
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "84983e441c3bd26ebaae4aa1f95129e5e54670f1"},
      {std::string(1000000, 'a'), "34aa973cd4c4daa4f61eeb2bdbad27316534016f"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(hex(sha1(c.input)), c.digest) << c.input.size() << " bytes";
  }
}

TEST(UuidTest, Version5OfANameInTheDnsNamespace) {
  // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
  EXPECT_EQ(uuid_v5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org"),
            "886313e1-3b8a-5372-9b90-0c9aee199e5d");
}

TEST(UuidTest, ParsesUuidsInEitherCaseWithOrWithoutUrn) {
  EXPECT_EQ(parse_uuid("urn:uuid:3E671687-395B-41F5-A30F-A58921A69B79"),
            "3e671687-395b-41f5-a30f-a58921a69b79");
  EXPECT_EQ(parse_uuid("3e671687-395b-41f5-a30f-a58921a69b79"), "3e671687-395b-41f5-a30f-a58921a69b79");
  EXPECT_FALSE(parse_uuid("3e671687395b41f5a30fa58921a69b79"));
  EXPECT_FALSE(parse_uuid("3e671687-395b-41f5-a30f-a58921a69b7g"));
  EXPECT_FALSE(parse_uuid(""));
}

}  // namespace
}  // namespace aperture::bom
