#include <gtest/gtest.h>

#include <aperture/store/token.hpp>

namespace aperture::store {
namespace {

TEST(TokenTest, Sha256MatchesKnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(TokenTest, TokensAreLongRandomAndDistinct) {
  std::string a = new_token();
  std::string b = new_token();
  EXPECT_EQ(a.size(), 4u + 64u);
  EXPECT_TRUE(a.starts_with("apt_"));
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace aperture::store
