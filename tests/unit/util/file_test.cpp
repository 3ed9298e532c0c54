#include <aperture/util/file.hpp>

#include <filesystem>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace aperture::util {
namespace {

class FileHeadTest : public aperture::testing::TempDirTest {};

TEST_F(FileHeadTest, ReadsOnlyTheHeadOfAFile) {
  std::filesystem::path path = write("model.bin", "0123456789");
  auto head = read_file_head(path.string(), 4);
  ASSERT_TRUE(head) << head.error().to_string();
  EXPECT_EQ(head->bytes, "0123");
  EXPECT_EQ(head->file_size, 10u);

  auto all = read_file_head(path.string(), 100);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->bytes, "0123456789");

  std::filesystem::resize_file(path, 10'000'000'000);
  auto sparse = read_file_head(path.string(), 8);
  ASSERT_TRUE(sparse);
  EXPECT_EQ(sparse->bytes, "01234567");
  EXPECT_EQ(sparse->file_size, 10'000'000'000u);
}

TEST_F(FileHeadTest, ReadFileHeadErrorsNameThePath) {
  auto missing = read_file_head((m_dir / "nope").string(), 8);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_EQ(missing.error().path, (m_dir / "nope").string());

  auto dir = read_file_head(m_dir.string(), 8);
  ASSERT_FALSE(dir);
  EXPECT_EQ(dir.error().code, ErrorCode::is_directory);
}

}  // namespace
}  // namespace aperture::util
