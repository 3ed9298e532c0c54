#include <regex>
#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <aperture/report/disclaimer.hpp>
#include <aperture/report/html_report.hpp>
#include <aperture/report/verdict_labels.hpp>

#include "unit/report/scan_fixtures.hpp"

namespace aperture::report {
namespace {

using testing::example_assessment;
using testing::count;
using testing::hostile_assessment;

// Every value of `attribute` in `html` (attribute="…").
std::vector<std::string> attribute_values(const std::string& html, const std::string& attribute) {
  std::vector<std::string> out;
  std::regex re("\\s" + attribute + "=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1].str());
  }
  return out;
}

// The <tr> of the components table for `kind`.
std::string component_row(const std::string& html, release::ComponentKind kind) {
  std::size_t at = html.find(fmt::format("<tr data-component=\"{}\">", release::to_string(kind)));
  if (at == std::string::npos) {
    return "";
  }
  return html.substr(at, html.find("</tr>", at) - at);
}

TEST(HtmlReportTest, IsOneSelfContainedPage) {
  std::string html = scan_html(example_assessment());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_TRUE(html.ends_with("</html>\n"));
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"),
            std::string::npos);
  // Nothing is fetched: no scripts, stylesheets, images, frames, fonts or imports.
  for (const char* tag :
       {"<script", "<link", "<img", "<iframe", "<object", "<embed", "@import", "url(", "@font-face"}) {
    EXPECT_EQ(html.find(tag), std::string::npos) << tag;
  }
  EXPECT_TRUE(attribute_values(html, "src").empty());
  EXPECT_TRUE(attribute_values(html, "xlink:href").empty());
  // Links are the evidence's http(s) URLs, never a page resource.
  for (const std::string& href : attribute_values(html, "href")) {
    EXPECT_TRUE(href.starts_with("https://") || href.starts_with("http://")) << href;
  }
  EXPECT_EQ(count(html, "<style>"), 1u);
}

TEST(HtmlReportTest, SummaryThenChartsThenDetails) {
  std::string html = scan_html(example_assessment());
  std::size_t summary = html.find("<section id=\"summary\">");
  std::size_t charts = html.find("<section id=\"charts\">");
  std::size_t components = html.find("<section id=\"components\">");
  std::size_t frameworks = html.find("<section id=\"frameworks\">");
  std::size_t findings = html.find("<section id=\"findings\">");
  ASSERT_NE(summary, std::string::npos);
  EXPECT_LT(summary, charts);
  EXPECT_LT(charts, components);
  EXPECT_LT(components, frameworks);
  EXPECT_LT(frameworks, findings);
  EXPECT_NE(
      html.find(
          "<tr><th>License</th><td>LicenseRef-Llama-3.1</td><td class=\"detail\">README.md:2</td></tr>"),
      std::string::npos);
  EXPECT_NE(html.find("<tr><th>OSD</th><td><span class=\"badge s-closed\">no</span></td>"),
            std::string::npos);
  EXPECT_NE(html.find(fmt::format("<footer><p>{}</p></footer>", k_disclaimer)), std::string::npos);
  // Both charts and the legend are inline SVG.
  EXPECT_EQ(count(html, "<svg "), 3u);
}

TEST(HtmlReportTest, EveryComponentAppearsWithItsState) {
  frameworks::Assessment a = example_assessment();
  std::string html = scan_html(a);
  for (const auto& c : a.release.components) {
    std::string row = component_row(html, c.kind);
    ASSERT_FALSE(row.empty()) << release::to_string(c.kind);
    std::string_view state = swatch(frameworks::component_state(a.release, c.kind).state).label;
    EXPECT_NE(row.find(fmt::format("<span class=\"badge s-{}\">{}</span>", state, state)), std::string::npos)
        << row;
    EXPECT_NE(row.find(release::mof_name(c.kind)), std::string::npos) << row;
  }
  EXPECT_NE(component_row(html, release::ComponentKind::training_code).find("<td>MIT</td>"),
            std::string::npos);
}

TEST(HtmlReportTest, FindingsCarryFileLineAndLinks) {
  std::string html = scan_html(example_assessment());
  EXPECT_NE(
      html.find(
          "<span class=\"place\">README.md:29</span> — <q>OrcaChat-8B is a fully open-source chat model"),
      std::string::npos);
  EXPECT_NE(
      html.find("<a href=\"https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE\" "
                "rel=\"noopener noreferrer nofollow\">"),
      std::string::npos);
}

TEST(HtmlReportTest, EscapesHostileText) {
  std::string html = scan_html(hostile_assessment());
  for (const char* raw : {"<script", "</script", "<img", "<iframe", "<svg onload", "<b>", "</q><script"}) {
    EXPECT_EQ(html.find(raw), std::string::npos) << raw;
  }
  EXPECT_NE(html.find("&lt;script&gt;alert(2)&lt;/script&gt; | pipe next"), std::string::npos);
  EXPECT_NE(html.find("<title>Aperture scan: evil &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; | name # "
                      "heading</title>"),
            std::string::npos);
  EXPECT_NE(html.find("<q>&lt;/q&gt;&lt;script&gt;alert(4)&lt;/script&gt;</q>"), std::string::npos);
  // An attribute cannot be opened from the release's text: no tag has an event handler.
  std::regex tag("<[^>]*>");
  std::regex handler(R"(\son[a-z]+=)");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), tag); it != std::sregex_iterator(); ++it) {
    EXPECT_FALSE(std::regex_search(it->str(), handler)) << it->str();
  }
  EXPECT_NE(html.find("MIT&quot; onmouseover=&quot;alert(1)|x&lt;script&gt;"), std::string::npos);
  // Only http(s) URLs become links, percent-encoded; script URLs stay text.
  std::vector<std::string> hrefs = attribute_values(html, "href");
  EXPECT_EQ(
      std::set<std::string>(hrefs.begin(), hrefs.end()),
      (std::set<std::string>{"https://example.org/a%20b%28c%29%3Cx%3E%22%27", "HTTPS://Example.org/ok"}));
  EXPECT_NE(html.find("javascript:alert(3)"), std::string::npos);
  EXPECT_EQ(html.find("href=\"javascript"), std::string::npos);
}

TEST(HtmlReportTest, SameAssessmentSameBytes) {
  EXPECT_EQ(scan_html(example_assessment()), scan_html(example_assessment()));
  EXPECT_EQ(scan_html(hostile_assessment()), scan_html(hostile_assessment()));
}

}  // namespace
}  // namespace aperture::report
