// Tests `aperture scan`'s output options (src/aperture/cli/scan_command.cpp)
// end to end through the built binary: --format, --json, -o/--output.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace aperture::testing {
namespace {

class ScanCommandTest : public TempDirTest {
protected:
  static std::string example() { return (source_dir() / "examples/releases/orca-chat-8b").string(); }

  static std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
};

TEST_F(ScanCommandTest, EachFormatStartsAsItShould) {
  struct Case {
    const char* format;
    const char* start;
  };
  const Case cases[] = {
      {"text", "Aperture scan: orca-chat-8b  (directory, 9 files)\n"},
      {"json", "{\n  \"schema_version\": 2,"},
      {"markdown", "# Aperture scan: orca-chat-8b\n"},
      {"html", "<!DOCTYPE html>\n"},
  };
  for (const Case& c : cases) {
    CliResult r = run_cli({"scan", "--format", c.format, example()});
    EXPECT_EQ(r.exit_code, 0) << c.format << r.err;
    EXPECT_EQ(r.out.rfind(c.start, 0), 0u) << c.format << "\n" << r.out.substr(0, 200);
    EXPECT_EQ(r.err, "") << c.format;
  }
}

TEST_F(ScanCommandTest, JsonFlagIsFormatJson) {
  CliResult flag = run_cli({"scan", "--json", example()});
  CliResult format = run_cli({"scan", "--format", "json", example()});
  EXPECT_EQ(flag.exit_code, 0);
  EXPECT_EQ(flag.out, format.out);
}

TEST_F(ScanCommandTest, OutputFileHoldsWhatStandardOutputWould) {
  for (const char* format : {"markdown", "html", "json", "text"}) {
    std::filesystem::path file = m_dir / (std::string("report.") + format);
    CliResult written = run_cli({"scan", "--format", format, "-o", file.string(), example()});
    EXPECT_EQ(written.exit_code, 0) << format << written.err;
    EXPECT_EQ(written.out, "") << format;
    CliResult printed = run_cli({"scan", "--format", format, example()});
    EXPECT_EQ(read(file), printed.out) << format;
  }
  // An existing file is replaced whole.
  std::filesystem::path file = write("old.md", std::string(100000, 'x'));
  ASSERT_EQ(run_cli({"scan", "--format", "markdown", "--output", file.string(), example()}).exit_code, 0);
  EXPECT_EQ(read(file).rfind("# Aperture scan: orca-chat-8b\n", 0), 0u);
  EXPECT_EQ(read(file).find("xxx"), std::string::npos);
}

TEST_F(ScanCommandTest, UnwritableOutputIsAnError) {
  std::string file = (m_dir / "missing-dir" / "report.html").string();
  CliResult r = run_cli({"scan", "--format", "html", "-o", file, example()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("aperture: error: " + file + ": cannot write the report: "), std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(file));
}

TEST_F(ScanCommandTest, BadFormatsAreUsageErrors) {
  EXPECT_EQ(run_cli({"scan", "--format", "pdf", example()}).exit_code, 2);
  EXPECT_EQ(run_cli({"scan", "--json", "--format", "html", example()}).exit_code, 2);
}

}  // namespace
}  // namespace aperture::testing
