// Tests `aperture identify` (src/aperture/cli/identify_command.cpp) end to end
// through the built binary: awkward inputs, exit codes and output formats.
#include <cstdint>
#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace aperture::testing {
namespace {

constexpr const char* k_mit_text =
    "MIT License\n"
    "\n"
    "Copyright (c) 2024 Jane Example\n"
    "\n"
    "Permission is hereby granted, free of charge, to any person obtaining a copy\n"
    "of this software and associated documentation files (the \"Software\"), to deal\n"
    "in the Software without restriction, including without limitation the rights\n"
    "to use, copy, modify, merge, publish, distribute, sublicense, and/or sell\n"
    "copies of the Software, and to permit persons to whom the Software is\n"
    "furnished to do so, subject to the following conditions:\n"
    "\n"
    "The above copyright notice and this permission notice shall be included in all\n"
    "copies or substantial portions of the Software.\n"
    "\n"
    "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\n"
    "IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\n"
    "FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\n"
    "AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\n"
    "LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\n"
    "OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\n"
    "SOFTWARE.\n";

// `text` (ASCII) with every "\n" replaced by "\r\n".
std::string to_crlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += '\r';
    }
    out += c;
  }
  return out;
}

enum class Endian { little, big };

// `text` (ASCII) as UTF-16 with a byte-order mark.
std::string to_utf16(const std::string& text, Endian endian) {
  std::string out = endian == Endian::little ? "\xFF\xFE" : "\xFE\xFF";
  for (char c : text) {
    if (endian == Endian::little) {
      out += c;
      out += '\0';
    } else {
      out += '\0';
      out += c;
    }
  }
  return out;
}

// The lines of `s`, without their "\n".
std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::string::size_type start = 0;
  while (start < s.size()) {
    std::string::size_type end = s.find('\n', start);
    if (end == std::string::npos) {
      end = s.size();
    }
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

class IdentifyCommandTest : public TempDirTest {
protected:
  // Runs `aperture identify --format tsv` over `paths`.
  static CliResult identify_tsv(const std::vector<std::filesystem::path>& paths) {
    std::vector<std::string> args{"identify", "--format", "tsv"};
    for (const auto& p : paths) {
      args.push_back(p.string());
    }
    return run_cli(args);
  }

  static std::string tsv_line(const std::filesystem::path& path, const std::string& id) {
    return path.string() + "\t" + id;
  }
};

TEST_F(IdentifyCommandTest, IdentifiesMitTextInTsv) {
  auto license = write("LICENSE", k_mit_text);

  CliResult r = identify_tsv({license});

  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, tsv_line(license, "MIT") + "\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(IdentifyCommandTest, TsvPrintsOneLinePerInputInOrder) {
  auto a = write("a/LICENSE", k_mit_text);
  auto b = write("b/notes.txt", "Nothing to see here, only notes about the build.\n");
  auto c = write("c/COPYING", k_mit_text);

  CliResult r = identify_tsv({a, b, c});

  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(r.out, tsv_line(a, "MIT") + "\n" + tsv_line(b, "NONE") + "\n" + tsv_line(c, "MIT") + "\n");
}

TEST_F(IdentifyCommandTest, ThreadsKeepInputOrderAndErrors) {
  // Many inputs, some bad, identified several at a time: the same lines, in
  // the same order, as one at a time.
  std::vector<std::string> args1{"identify", "--format", "tsv", "--threads", "1"};
  std::vector<std::string> args4{"identify", "--format", "tsv", "--threads", "4"};
  for (int i = 0; i < 24; ++i) {
    std::filesystem::path p = i % 5 == 3   ? m_dir / ("missing" + std::to_string(i))
                              : i % 2 == 0 ? write("mit" + std::to_string(i), k_mit_text)
                                           : write("notes" + std::to_string(i), "Build notes, no license.\n");
    args1.push_back(p.string());
    args4.push_back(p.string());
  }
  CliResult one = run_cli(args1);
  CliResult four = run_cli(args4);

  EXPECT_EQ(one.exit_code, 1);
  EXPECT_EQ(four.exit_code, one.exit_code);
  EXPECT_EQ(four.out, one.out);
  EXPECT_EQ(four.err, one.err);
  EXPECT_EQ(lines_of(four.out).size(), 24U);  // a line for each input, ERROR for the missing
  EXPECT_EQ(lines_of(four.err).size(), 5U);
  EXPECT_EQ(lines_of(four.out)[0], tsv_line(m_dir / "mit0", "MIT"));
}

TEST_F(IdentifyCommandTest, SaysNoAssertionForALicenseTooChangedToName) {
  std::string text = k_mit_text;
  text.insert(text.find("THE SOFTWARE IS PROVIDED"),
              "The licensee shall not use the Software, or any part of it, for any military purpose "
              "whatsoever, in any country, at any time.\n\n");
  auto changed = write("LICENSE", text);

  CliResult tsv = identify_tsv({changed});
  EXPECT_EQ(tsv.exit_code, 3) << tsv.err;
  EXPECT_EQ(tsv.out, tsv_line(changed, "NOASSERTION") + "\n");

  CliResult plain = run_cli({"identify", changed.string()});
  EXPECT_NE(plain.out.find("NOASSERTION"), std::string::npos) << plain.out;
  EXPECT_NE(plain.out.find("most like MIT"), std::string::npos) << plain.out;
  EXPECT_EQ(plain.out.find("no license found"), std::string::npos) << plain.out;

  CliResult json = run_cli({"identify", "--json", changed.string()});
  nlohmann::json j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["results"][0]["unidentified"][0]["closest"], "MIT");
  EXPECT_TRUE(j["results"][0]["licenses"].empty());
}

TEST_F(IdentifyCommandTest, ReportsEmptyFileAsNone) {
  auto empty = write("empty.txt", "");

  CliResult r = identify_tsv({empty});

  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, tsv_line(empty, "NONE") + "\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(IdentifyCommandTest, ReportsBinaryFileAndGoesOn) {
  // An ELF header: magic, 64-bit, little endian, version 1, then NULs.
  auto blob = write("blob.bin", std::string("\x7F\x45\x4C\x46\x02\x01\x01\0\0\0\0\0\0\0\0\0", 16));
  auto license = write("LICENSE", k_mit_text);

  CliResult r = identify_tsv({blob, license});

  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "aperture: error: " + blob.string() + ": binary file (not text)\n");
  EXPECT_EQ(r.out, tsv_line(blob, "ERROR") + "\n" + tsv_line(license, "MIT") + "\n");
}

TEST_F(IdentifyCommandTest, ReadsInvalidUtf8AsLatin1) {
  // "Copyright \xA9 2024": a Latin-1 copyright sign, which is not valid UTF-8.
  std::string text = k_mit_text;
  std::string::size_type at = text.find("(c)");
  text.erase(at, 3);
  text.insert(at, 1, '\xA9');
  auto license = write("LICENSE", text);

  CliResult r = identify_tsv({license});

  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, tsv_line(license, "MIT") + "\n");
}

TEST_F(IdentifyCommandTest, DecodesUtf16WithByteOrderMark) {
  struct Case {
    const char* name;
    Endian endian;
  };
  for (const Case& c : {Case{"utf16le", Endian::little}, Case{"utf16be", Endian::big}}) {
    auto license = write(std::string(c.name) + "/LICENSE", to_utf16(to_crlf(k_mit_text), c.endian));

    CliResult r = identify_tsv({license});

    EXPECT_EQ(r.exit_code, 0) << c.name << ": " << r.err;
    EXPECT_EQ(r.out, tsv_line(license, "MIT") + "\n") << c.name;
  }
}

TEST_F(IdentifyCommandTest, CountsCrlfLinesLikeLfLines) {
  auto license = write("LICENSE", to_crlf(k_mit_text));

  CliResult r = run_cli({"identify", license.string()});

  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("MIT License"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("lines 1-21"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\r'), std::string::npos) << "a CR leaked into the output";
}

TEST_F(IdentifyCommandTest, RejectsFileOverSizeLimitAndGoesOn) {
  // 200 MB, sparse: the reader must refuse it from its size, without reading it.
  auto huge = write("huge.txt", "");
  std::filesystem::resize_file(huge, 200ull * 1000 * 1000);
  auto license = write("LICENSE", k_mit_text);

  CliResult r = identify_tsv({huge, license});

  EXPECT_EQ(r.exit_code, 1);
  std::vector<std::string> err = lines_of(r.err);
  ASSERT_EQ(err.size(), 1u) << r.err;
  EXPECT_EQ(err[0], "aperture: error: " + huge.string() + ": larger than the 64 MiB limit");
  EXPECT_EQ(r.out, tsv_line(huge, "ERROR") + "\n" + tsv_line(license, "MIT") + "\n");
}

TEST_F(IdentifyCommandTest, RejectsStandardInputOverSizeLimit) {
  // Standard input has no size to check up front: the limit applies while reading.
  std::string words = "lorem ipsum dolor sit amet consectetur adipiscing elit\n";
  std::string big;
  big.reserve(70ull * 1000 * 1000 + words.size());
  while (big.size() < 70ull * 1000 * 1000) {
    big += words;
  }

  CliResult r = run_cli({"identify", "--format", "tsv", "-"}, big);

  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "aperture: error: <stdin>: larger than the 64 MiB limit\n");
  EXPECT_EQ(r.out, "<stdin>\tERROR\n");
}

TEST_F(IdentifyCommandTest, ReportsDirectoryAndGoesOn) {
  std::filesystem::path dir = m_dir / "vendor";
  std::filesystem::create_directories(dir);
  auto license = write("LICENSE", k_mit_text);

  CliResult r = identify_tsv({dir, license});

  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "aperture: error: " + dir.string() + ": is a directory\n");
  EXPECT_EQ(r.out, tsv_line(dir, "ERROR") + "\n" + tsv_line(license, "MIT") + "\n");
}

TEST_F(IdentifyCommandTest, ReportsMissingPathAndGoesOn) {
  std::filesystem::path missing = m_dir / "no-such-file.txt";
  auto license = write("LICENSE", k_mit_text);

  CliResult r = identify_tsv({missing, license});

  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "aperture: error: " + missing.string() + ": no such file\n");
  EXPECT_EQ(r.out, tsv_line(missing, "ERROR") + "\n" + tsv_line(license, "MIT") + "\n");
}

TEST_F(IdentifyCommandTest, ReportsEveryBadInputOnItsOwnLine) {
  std::filesystem::path missing = m_dir / "missing";
  std::filesystem::path dir = m_dir / "dir";
  std::filesystem::create_directories(dir);
  auto blob = write("blob", std::string("\0\0\0\0", 4));

  CliResult r = identify_tsv({missing, dir, blob});

  EXPECT_EQ(r.exit_code, 1);
  std::vector<std::string> err = lines_of(r.err);
  ASSERT_EQ(err.size(), 3u) << r.err;
  EXPECT_EQ(err[0].rfind("aperture: error: " + missing.string() + ": ", 0), 0u) << err[0];
  EXPECT_EQ(err[1].rfind("aperture: error: " + dir.string() + ": ", 0), 0u) << err[1];
  EXPECT_EQ(err[2].rfind("aperture: error: " + blob.string() + ": ", 0), 0u) << err[2];
}

TEST_F(IdentifyCommandTest, ReportsUnreadableFile) {
  if (::geteuid() == 0) {
    GTEST_SKIP() << "running as root: permissions do not stop root from reading";
  }
  auto secret = write("secret.txt", k_mit_text);
  std::filesystem::permissions(secret, std::filesystem::perms::none);

  CliResult r = identify_tsv({secret});

  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "aperture: error: " + secret.string() + ": Permission denied\n");
}

TEST_F(IdentifyCommandTest, ReadsStandardInputForDash) {
  CliResult r = run_cli({"identify", "--format", "tsv", "-"}, k_mit_text);

  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "<stdin>\tMIT\n");
}

TEST_F(IdentifyCommandTest, PrintsHelp) {
  CliResult r = run_cli({"identify", "--help"});

  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--format"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Exit status"), std::string::npos) << r.out;
}

TEST_F(IdentifyCommandTest, RejectsBadArgumentsWithExitTwo) {
  auto license = write("LICENSE", k_mit_text);
  struct Case {
    const char* name;
    std::vector<std::string> args;
  };
  const std::vector<Case> cases = {
      {"unknown option", {"identify", "--frobnicate", license.string()}},
      {"unknown format", {"identify", "--format", "xml", license.string()}},
      {"no threads", {"identify", "--threads", "0", license.string()}},
      {"no inputs", {"identify"}},
      {"no subcommand", {}},
      {"unknown subcommand", {"scan-everything", license.string()}},
  };
  for (const Case& c : cases) {
    CliResult r = run_cli(c.args);

    EXPECT_EQ(r.exit_code, 2) << c.name;
    EXPECT_NE(r.err, "") << c.name << ": a usage error says what is wrong";
    EXPECT_EQ(r.out.find("MIT"), std::string::npos) << c.name << ": nothing is identified";
  }
}

TEST_F(IdentifyCommandTest, PrintsNoColourCodesWithNoColor) {
  auto license = write("LICENSE", k_mit_text);

  CliResult r = run_cli({"identify", license.string()});

  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
}

}  // namespace
}  // namespace aperture::testing
