#include <aperture/util/text.hpp>

#include <gtest/gtest.h>

namespace aperture::util {
namespace {

TEST(TextTest, DecodesCrlfAndBom) {
  auto r = decode_text("\xEF\xBB\xBFline one\r\nline two\rthree", "f");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "line one\nline two\nthree");
}

TEST(TextTest, DecodesUtf16LittleEndian) {
  std::string bytes("\xFF\xFE" "M\0I\0T\0", 8);
  auto r = decode_text(bytes, "f");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "MIT");
}

TEST(TextTest, RejectsBinary) {
  std::string bytes("\x7F" "ELF\0\0\0", 7);
  auto r = decode_text(bytes, "a.out");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::binary);
  EXPECT_EQ(r.error().to_string(), "a.out: binary file (not text)");
}

TEST(TextTest, ReadsInvalidUtf8AsLatin1) {
  auto r = decode_text("Copyright \xA9 2004", "f");
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, "Copyright \u00A9 2004");
  EXPECT_TRUE(is_valid_utf8(*r));
}

TEST(TextTest, LineIndexMapsOffsets) {
  LineIndex idx("a\nbb\n\nc");
  EXPECT_EQ(idx.line_of(0), 1u);
  EXPECT_EQ(idx.line_of(2), 2u);
  EXPECT_EQ(idx.line_of(5), 3u);
  EXPECT_EQ(idx.line_of(6), 4u);
}

}  // namespace
}  // namespace aperture::util
