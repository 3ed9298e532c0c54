// Shared fixtures for the unit tests.
#pragma once

#include <filesystem>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace aperture::testing {

// The checkout's root.
std::filesystem::path source_dir();

// ../shared when present; tests that need it call GTEST_SKIP() otherwise.
std::optional<std::filesystem::path> shared_dir();

// Skips the current test, saying so, when ../shared is absent.
#define APERTURE_REQUIRE_SHARED(var)                                                   \
  auto var##_opt = ::aperture::testing::shared_dir();                                 \
  if (!var##_opt) {                                                                    \
    GTEST_SKIP() << "../shared is absent: skipping a test on its corpus";             \
  }                                                                                    \
  const std::filesystem::path& var = *var##_opt

// The first element of `list` whose `member` equals `value`, or nullptr:
// first_with(release.findings, &release::Finding::rule, "open-washing").
template <typename List, typename Member, typename Value>
auto first_with(const List& list, Member member, const Value& value) -> decltype(&*std::begin(list)) {
  for (const auto& item : list) {
    if (item.*member == value) {
      return &item;
    }
  }
  return nullptr;
}

// Each test gets a fresh directory, removed afterwards.
class TempDirTest : public ::testing::Test {
protected:
  void SetUp() override;
  void TearDown() override;
  // Writes `content` to `name` below the test directory; returns the path.
  std::filesystem::path write(const std::string& name, const std::string& content) const;
  std::filesystem::path m_dir;
};

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the built `aperture` binary with `args` (NO_COLOR set), optionally
// feeding `input` on standard input.
CliResult run_cli(const std::vector<std::string>& args, const std::string& input = {});

}  // namespace aperture::testing
