#include <fmt/format.h>
#include <gtest/gtest.h>

#include <aperture/report/disclaimer.hpp>
#include <aperture/report/markdown_report.hpp>
#include <aperture/report/verdict_labels.hpp>
#include <aperture/util/text.hpp>

#include "unit/report/scan_fixtures.hpp"

namespace aperture::report {
namespace {

using testing::example_assessment;
using testing::hostile_assessment;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  for (std::string_view line : util::split(text, '\n')) {
    out.emplace_back(line);
  }
  return out;
}

// The cells of a table row: split at pipes that no backslash escapes.
std::vector<std::string> cells(const std::string& row) {
  std::vector<std::string> out;
  std::string cell;
  for (std::size_t i = 1; i < row.size(); ++i) {
    if (row[i] == '\\' && i + 1 < row.size()) {
      cell += row.substr(i, 2);
      ++i;
    } else if (row[i] == '|') {
      out.push_back(cell);
      cell.clear();
    } else {
      cell += row[i];
    }
  }
  return out;
}

// Every table's rows have as many cells as its header.
void expect_tables_intact(const std::string& md) {
  std::size_t columns = 0;
  for (const std::string& line : lines_of(md)) {
    if (line.empty() || line[0] != '|') {
      columns = 0;
      continue;
    }
    std::size_t n = cells(line).size();
    if (columns == 0) {
      columns = n;
    }
    EXPECT_EQ(n, columns) << line;
    EXPECT_EQ(line.back(), '|') << line;
  }
}

// True when `needle` occurs in `md` without a backslash before it.
bool has_unescaped(const std::string& md, std::string_view needle) {
  for (std::size_t at = md.find(needle); at != std::string::npos; at = md.find(needle, at + 1)) {
    if (at == 0 || md[at - 1] != '\\') {
      return true;
    }
  }
  return false;
}

// The components table's row for `name`.
std::string component_row(const std::string& md, std::string_view name) {
  for (const std::string& line : lines_of(md)) {
    std::vector<std::string> c = cells(line);
    if (c.size() == 6 && util::trim(c[1]) == name) {
      return line;
    }
  }
  return "";
}

TEST(MarkdownReportTest, OpensWithTheSummaryAndEndsWithTheDisclaimer) {
  std::string md = scan_markdown(example_assessment());
  EXPECT_EQ(md.rfind("# Aperture scan: orca-chat-8b\n", 0), 0u);
  std::size_t summary = md.find("| **License** | LicenseRef-Llama-3.1 | README.md:2 |");
  std::size_t components = md.find("\n## Components\n");
  std::size_t frameworks = md.find("\n## Frameworks\n");
  std::size_t findings = md.find("\n## Findings\n");
  ASSERT_NE(summary, std::string::npos);
  EXPECT_LT(summary, components);
  EXPECT_LT(components, frameworks);
  EXPECT_LT(frameworks, findings);
  EXPECT_NE(md.find("| **Spectrum** | 🟠 3 · open weights under restrictive terms |"), std::string::npos);
  EXPECT_NE(md.find("| **OSD** | 🔴 no | LicenseRef-Llama-3.1 fails osd-5, osd-6, osd-7, osd-10 |"),
            std::string::npos);
  EXPECT_NE(md.find("- ⛔ **open-washing**: calls itself open source"), std::string::npos);
  std::string tail = std::string("\n---\n\n*") + k_disclaimer + "*\n";
  EXPECT_TRUE(md.ends_with(tail));
}

TEST(MarkdownReportTest, EveryComponentAppearsWithItsState) {
  frameworks::Assessment a = example_assessment();
  std::string md = scan_markdown(a);
  for (const auto& c : a.release.components) {
    std::string row = component_row(md, release::mof_name(c.kind));
    ASSERT_FALSE(row.empty()) << release::mof_name(c.kind);
    Swatch s = swatch(frameworks::component_state(a.release, c.kind).state);
    EXPECT_NE(row.find(fmt::format("| {} {} |", s.symbol, s.label)), std::string::npos) << row;
    EXPECT_NE(row.find(fmt::format("| {} |", release::to_string(c.presence))), std::string::npos) << row;
  }
  EXPECT_NE(component_row(md, "Training code").find("| MIT |"), std::string::npos);
  EXPECT_NE(component_row(md, "Model parameters (Final)").find("| LicenseRef-Llama-3.1 | 🟡 restricted |"),
            std::string::npos);
}

TEST(MarkdownReportTest, FindingsCarryFileLineAndLinks) {
  std::string md = scan_markdown(example_assessment());
  EXPECT_NE(md.find("- README.md:29 — “OrcaChat-8B is a fully open-source chat model"), std::string::npos);
  EXPECT_NE(md.find("- README.md:2 — [https://github.com/meta-llama/llama-models/blob/main/models/llama3\\_1/"
                    "LICENSE](https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE)"),
            std::string::npos);
  EXPECT_NE(md.find("  - LicenseRef-Llama-3.1 §2: “is greater than 700 million monthly active users"),
            std::string::npos);
}

TEST(MarkdownReportTest, EscapesHostileText) {
  std::string md = scan_markdown(hostile_assessment());
  // No raw HTML: every < from the release is escaped (the report itself writes none).
  EXPECT_FALSE(has_unescaped(md, "<")) << md;
  EXPECT_FALSE(has_unescaped(md, ">")) << md;
  EXPECT_NE(md.find("\\<script\\>alert(2)\\</script\\> \\| pipe next"), std::string::npos);
  // The name stays in its heading: its line break became a space.
  EXPECT_NE(md.find("# Aperture scan: evil \\<script\\>alert('x')\\</script\\> \\| name # heading\n"),
            std::string::npos);
  // Pipes and line breaks in cells do not break the tables.
  expect_tables_intact(md);
  EXPECT_NE(md.find("MIT\" onmouseover=\"alert(1)\\|x\\<script\\>"), std::string::npos);
  // Links only to http(s), percent-encoded; script URLs stay text.
  EXPECT_FALSE(has_unescaped(md, "](javascript"));
  EXPECT_NE(md.find("](https://example.org/a%20b%28c%29%3Cx%3E%22%27)"), std::string::npos);
  EXPECT_NE(md.find("[HTTPS://Example.org/ok](HTTPS://Example.org/ok)"), std::string::npos);
  EXPECT_NE(md.find("\\[click\\](javascript:alert(1)) \\*bold\\* \\`code\\` \\$x\\$"), std::string::npos);
  // Mentions notify nobody.
  EXPECT_EQ(md.find("@everyone"), std::string::npos);
  EXPECT_EQ(md.find("@team"), std::string::npos);
}

TEST(MarkdownReportTest, SameAssessmentSameBytes) {
  EXPECT_EQ(scan_markdown(example_assessment()), scan_markdown(example_assessment()));
  EXPECT_EQ(scan_markdown(hostile_assessment()), scan_markdown(hostile_assessment()));
}

TEST(MarkdownReportTest, AnEmptyReleaseStillRendersEverySection) {
  std::string md = scan_markdown(frameworks::assess_release(release::Release{}));
  for (const char* heading : {"## Components", "## Frameworks", "## Licenses found", "## Findings"}) {
    EXPECT_NE(md.find(heading), std::string::npos) << heading;
  }
  EXPECT_NE(md.find("| **License** | none found |"), std::string::npos);
  expect_tables_intact(md);
}

}  // namespace
}  // namespace aperture::report
