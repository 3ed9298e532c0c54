#include "support/test_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

namespace aperture::testing {

namespace {

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

}  // namespace

std::filesystem::path source_dir() {
  return APERTURE_SOURCE_DIR;
}

std::optional<std::filesystem::path> shared_dir() {
  if (const char* env = std::getenv("APERTURE_SHARED_DIR")) {
    if (std::filesystem::is_directory(env)) {
      return std::filesystem::path(env);
    }
  }
  std::filesystem::path p = APERTURE_SHARED_DIR;
  if (std::filesystem::is_directory(p / "corpus")) {
    return std::filesystem::canonical(p);
  }
  return std::nullopt;
}

void TempDirTest::SetUp() {
  std::random_device rd;
  m_dir = std::filesystem::temp_directory_path() /
          ("aperture-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
  std::filesystem::create_directories(m_dir);
}

void TempDirTest::TearDown() {
  std::error_code ec;
  std::filesystem::permissions(m_dir, std::filesystem::perms::owner_all, ec);
  std::filesystem::remove_all(m_dir, ec);
}

std::filesystem::path TempDirTest::write(const std::string& name, const std::string& content) const {
  std::filesystem::path p = m_dir / name;
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
  return p;
}

CliResult run_cli(const std::vector<std::string>& args, const std::string& input) {
  char dir_template[] = "/tmp/aperture-cli-XXXXXX";
  std::filesystem::path dir = ::mkdtemp(dir_template);
  std::string cmd = "NO_COLOR=1 " + shell_quote(APERTURE_BINARY);
  for (const std::string& a : args) {
    // Two appends, not `" " + ...`: g++ 12 at -O2 warns falsely (-Wrestrict) on the latter.
    cmd += ' ';
    cmd += shell_quote(a);
  }
  {
    std::ofstream in(dir / "in", std::ios::binary);
    in << input;
  }
  cmd += " <" + shell_quote((dir / "in").string()) + " >" + shell_quote((dir / "out").string()) + " 2>" +
         shell_quote((dir / "err").string());
  int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_all(dir / "out");
  r.err = read_all(dir / "err");
  std::filesystem::remove_all(dir);
  return r;
}

}  // namespace aperture::testing
