// Assessments the scan report tests render: the bundled example release, and
// a release whose every text is hostile (markup, table pipes, line breaks,
// script URLs, mentions).
#pragma once

#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include <aperture/frameworks/assessment.hpp>
#include <aperture/scan/scanner.hpp>

#include "support/test_support.hpp"

namespace aperture::report::testing {

// examples/releases/orca-chat-8b, scanned and assessed as `aperture scan` does.
inline frameworks::Assessment example_assessment() {
  std::string dir = (aperture::testing::source_dir() / "examples/releases/orca-chat-8b").string();
  auto release = scan::scan_target(dir);
  EXPECT_TRUE(release.has_value());
  return frameworks::assess_release(release ? std::move(*release) : release::Release{});
}

inline release::Evidence evidence(std::string file, std::uint32_t line, std::string url, std::string quote) {
  release::Evidence e;
  e.file = std::move(file);
  e.line = line;
  e.url = std::move(url);
  e.quote = std::move(quote);
  return e;
}

inline constexpr const char* k_hostile_url = "https://example.org/a b(c)<x>\"'";

// A release that tries to break out of every place a report puts its text.
inline frameworks::Assessment hostile_assessment() {
  using release::ComponentKind;
  release::Release r;
  r.target = "models/<script>alert(1)</script>";
  r.input_kind = "directory";
  r.name = "evil <script>alert('x')</script> | name\n# heading";
  r.publisher = "@everyone <b>bold</b>";
  r.url = "javascript:alert(1)";
  for (auto& c : r.components) {
    c.presence = release::Presence::absent;
  }
  release::Component& weights = r.component(ComponentKind::model_parameters_final);
  weights.presence = release::Presence::present;
  weights.license = weights.license_id = "MIT\" onmouseover=\"alert(1)|x<script>";
  weights.evidence.push_back(evidence("w<img src=x onerror=alert(1)>.bin", 3, k_hostile_url,
                                      "a | b\n| c | d [click](javascript:alert(1)) *bold* `code` $x$ @team"));
  release::Component& card = r.component(ComponentKind::model_card);
  card.presence = release::Presence::present;
  card.license = card.license_id = "MIT";
  card.evidence.push_back(
      evidence("README.md", 0, "javascript:alert(2)", "<iframe src=\"https://evil.example/\">"));
  release::FoundLicense found;
  found.match.id = "LicenseRef-<svg onload=alert(1)>";
  found.match.evidence = "line one\nline two | three";
  found.match.lines = {{1, 2}};
  found.file = "LICENSE|x";
  found.role = "license-file";
  r.licenses.push_back(found);
  frameworks::Assessment a = frameworks::assess_release(std::move(r));
  a.findings.push_back({"open-washing<script>",
                        release::Severity::error,
                        "<script>alert(2)</script> | pipe\nnext",
                        {evidence("README.md", 7, "javascript:alert(3)", "</q><script>alert(4)</script>"),
                         evidence("README.md", 8, "HTTPS://Example.org/ok", "")}});
  return a;
}

// How many times `needle` occurs in `s`, overlapping occurrences included.
inline std::size_t count(const std::string& s, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = s.find(needle); at != std::string::npos; at = s.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

}  // namespace aperture::report::testing
