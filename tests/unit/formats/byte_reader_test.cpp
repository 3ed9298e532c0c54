#include <cstdint>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include <aperture/formats/byte_reader.hpp>

namespace aperture::formats {
namespace {

using namespace std::string_literals;

TEST(ByteReaderTest, ReadsLittleEndianIntegers) {
  std::string bytes = "\x01\x02\x03\x04\x05\x06\x07\x08\xff\xfe\xff\xff\xff"s;
  ByteReader reader(bytes);
  EXPECT_EQ(*reader.read_u8("a"), 0x01u);
  EXPECT_EQ(*reader.read_u16("b"), 0x0302u);
  EXPECT_EQ(*reader.read_u32("c"), 0x07060504u);
  EXPECT_EQ(*reader.read_i8("d"), 0x08);
  EXPECT_EQ(*reader.read_i32("e"), -257);  // 0xfffffeff
  EXPECT_EQ(reader.offset(), 12u);
  EXPECT_EQ(reader.remaining(), 1u);
  EXPECT_FALSE(reader.truncated());
}

TEST(ByteReaderTest, ReadsSixtyFourBitAndFloatingPointValues) {
  std::string bytes = "\x00\x00\x00\x00\x00\x00\x00\x80"s  // INT64_MIN
                      "\x00\x00\x80\x3f"s                  // 1.0f
                      "\x00\x00\x00\x00\x00\x00\xf0\xbf"s  // -1.0
                      "\xff\xff\xff\xff\xff\xff\xff\xff"s;
  ByteReader reader(bytes);
  EXPECT_EQ(*reader.read_i64("a"), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(*reader.read_f32("b"), 1.0f);
  EXPECT_EQ(*reader.read_f64("c"), -1.0);
  EXPECT_EQ(*reader.read_u64("d"), std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(reader.remaining(), 0u);
}

TEST(ByteReaderTest, ReadsLengthPrefixedStrings) {
  std::string bytes = "\x05\x00\x00\x00\x00\x00\x00\x00hello\x02\x00\x00\x00hi"s;
  ByteReader reader(bytes);
  EXPECT_EQ(*reader.read_string_u64("name"), "hello");
  EXPECT_EQ(*reader.read_string_u32("name"), "hi");
  EXPECT_EQ(reader.remaining(), 0u);
}

TEST(ByteReaderTest, ATruncatedReadNamesTheFieldAndMovesNothing) {
  std::string bytes = "\x01\x02\x03"s;
  ByteReader reader(bytes);
  util::Result<std::uint32_t> v = reader.read_u32("tensor count");
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().code, util::ErrorCode::parse);
  EXPECT_EQ(v.error().message, "truncated: tensor count at offset 0 needs 4 bytes, 3 left");
  EXPECT_TRUE(reader.truncated());
  EXPECT_EQ(reader.offset(), 0u);
  EXPECT_EQ(*reader.read_u16("rest"), 0x0201u);
}

TEST(ByteReaderTest, AHugeLengthIsAnErrorNotAnAllocation) {
  std::string bytes = "\xff\xff\xff\xff\xff\xff\xff\xff"s + "ab";
  ByteReader reader(bytes);
  util::Result<std::string_view> s = reader.read_string_u64("key");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message, "truncated: key at offset 8 needs 18446744073709551615 bytes, 2 left");
  EXPECT_FALSE(reader.skip(3, "padding"));
  EXPECT_TRUE(reader.skip(2, "padding"));
}

TEST(ByteReaderTest, RequireChecksCountsAgainstTheBytesLeft) {
  std::string bytes(16, '\0');
  ByteReader reader(bytes);
  EXPECT_TRUE(reader.require(2, 8, "array"));
  EXPECT_TRUE(reader.require(0, 1000, "array"));
  EXPECT_FALSE(reader.truncated());
  util::Status too_many = reader.require(3, 8, "array");
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().message,
            "truncated: array at offset 0 holds 3 items, more than the 16 bytes left can hold");
  // count * size overflowing 64 bits is too many, not a small product.
  EXPECT_FALSE(reader.require(std::uint64_t{1} << 61, 8, "array"));
  EXPECT_TRUE(reader.truncated());
}

TEST(ByteReaderTest, EveryReadFailsOnEmptyInput) {
  ByteReader reader(std::string_view{});
  EXPECT_FALSE(reader.read_u8("x"));
  EXPECT_FALSE(reader.read_i16("x"));
  EXPECT_FALSE(reader.read_f32("x"));
  EXPECT_FALSE(reader.read_f64("x"));
  EXPECT_FALSE(reader.read_string_u32("x"));
  EXPECT_TRUE(reader.read_bytes(0, "x"));
  EXPECT_EQ(reader.size(), 0u);
}

TEST(ByteReaderTest, WithContextPrefixesTheMessage) {
  util::Error error{util::ErrorCode::parse, "truncated: name", "model.gguf"};
  util::Unexpected wrapped = with_context(error, "tensor info 3");
  EXPECT_EQ(wrapped.error.message, "tensor info 3: truncated: name");
  EXPECT_EQ(wrapped.error.path, "model.gguf");
  EXPECT_EQ(wrapped.error.code, util::ErrorCode::parse);
}

TEST(ByteReaderTest, QuoteUntrustedKeepsMessagesOnOnePrintableLine) {
  EXPECT_EQ(quote_untrusted("blk.0.attn_q.weight"), "\"blk.0.attn_q.weight\"");
  EXPECT_EQ(quote_untrusted("a\nb\"c\\\xff"s), "\"a\\x0ab\\\"c\\\\\\xff\"");
  EXPECT_EQ(quote_untrusted(std::string(100, 'x'), 4), "\"xxxx...\"");
}

TEST(ByteReaderTest, CheckedArithmeticReportsOverflow) {
  constexpr std::uint64_t k_max = std::numeric_limits<std::uint64_t>::max();
  EXPECT_EQ(checked_mul(4096, 4096), 16777216u);
  EXPECT_FALSE(checked_mul(std::uint64_t{1} << 32, std::uint64_t{1} << 32));
  EXPECT_EQ(checked_mul(k_max, 1), k_max);
  EXPECT_EQ(checked_add(k_max - 1, 1), k_max);
  EXPECT_FALSE(checked_add(k_max, 1));
}

}  // namespace
}  // namespace aperture::formats
