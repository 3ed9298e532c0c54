#include <fstream>

#include <gtest/gtest.h>

#include <aperture/audit/dump_reader.hpp>

#include "support/test_support.hpp"

namespace aperture::audit {
namespace {

class DumpReaderTest : public testing::TempDirTest {};

std::vector<std::pair<std::uint64_t, std::string>> read_all(const std::string& path,
                                                            const ReadOptions& options) {
  std::vector<std::pair<std::uint64_t, std::string>> out;
  auto status = read_dump_file(path, options, [&out](std::vector<DumpLine>& lines) {
    for (DumpLine& l : lines) {
      out.emplace_back(l.line, l.record ? l.record->id : "error: " + l.record.error().message);
    }
  });
  EXPECT_TRUE(status) << status.error().to_string();
  return out;
}

TEST_F(DumpReaderTest, KeepsFileOrderAndLineNumbersAcrossChunksAndThreads) {
  std::string path = (m_dir / "dump.jsonl").string();
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 1; i <= 1000; ++i) {
      if (i % 100 == 0) {
        out << "{broken\n";
      } else if (i % 77 == 0) {
        out << "   \r\n";  // blank: skipped, still counted
      } else {
        out << R"({"id":"org/m)" << i << "\"}\r\n";
      }
    }
  }
  ReadOptions options;
  options.threads = 3;
  options.chunk_bytes = 1000;  // many chunks, lines cut across them
  auto lines = read_all(path, options);
  ASSERT_EQ(lines.size(), 988u);  // 12 blank lines (multiples of 77) skipped
  for (const auto& [line, text] : lines) {
    if (line % 100 == 0) {
      EXPECT_TRUE(text.starts_with("error: malformed JSON")) << line;
    } else {
      EXPECT_EQ(text, "org/m" + std::to_string(line));
    }
  }
  for (std::size_t i = 1; i < lines.size(); ++i) {
    EXPECT_LT(lines[i - 1].first, lines[i].first);
  }
}

TEST_F(DumpReaderTest, ReportsAnOverlongLineAndGoesOn) {
  std::string path = (m_dir / "long.jsonl").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << R"({"id":"a/one"})"
        << "\n"
        << R"({"id":")" << std::string(5000, 'x') << "\"}\n"
        << R"({"id":"a/three"})";
  }
  ReadOptions options;
  options.chunk_bytes = 512;
  options.max_line_bytes = 1024;
  auto lines = read_all(path, options);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], (std::pair<std::uint64_t, std::string>{1, "a/one"}));
  EXPECT_EQ(lines[1].first, 2u);
  EXPECT_TRUE(lines[1].second.starts_with("error: line longer than 1024 bytes")) << lines[1].second;
  EXPECT_EQ(lines[2], (std::pair<std::uint64_t, std::string>{3, "a/three"}));
}

TEST_F(DumpReaderTest, FailsOnAMissingFileOrADirectory) {
  auto sink = [](std::vector<DumpLine>&) {};
  auto missing = read_dump_file((m_dir / "nope.jsonl").string(), ReadOptions{}, sink);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, util::ErrorCode::not_found);
  auto directory = read_dump_file(m_dir.string(), ReadOptions{}, sink);
  ASSERT_FALSE(directory);
  EXPECT_EQ(directory.error().code, util::ErrorCode::is_directory);
}

}  // namespace
}  // namespace aperture::audit
