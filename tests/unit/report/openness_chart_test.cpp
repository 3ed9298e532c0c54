#include <regex>
#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <aperture/report/openness_chart.hpp>
#include <aperture/report/verdict_labels.hpp>

#include "unit/report/scan_fixtures.hpp"

namespace aperture::report {
namespace {

using release::ComponentKind;
using testing::example_assessment;
using testing::count;
using testing::hostile_assessment;

// The mark (<g …>…</g>) whose opening tag holds `attribute`.
std::string mark_with(const std::string& svg, const std::string& attribute) {
  std::size_t at = svg.find(attribute);
  if (at == std::string::npos) {
    return "";
  }
  std::size_t open = svg.rfind("<g ", at);
  return svg.substr(open, svg.find("</g>", at) + 4 - open);
}

// Markup the chart must never hold: it is inlined into pages that work offline.
// Text from the release is escaped, so every '<' opens one of the chart's own tags.
void expect_self_contained(const std::string& svg) {
  std::regex tag("<[^>]*>");
  std::regex bad(
      R"(^<(script|image|foreignObject|style|a|use)\b|\s(on[a-z]+|href|xlink:href|src|id|style)=|url\()");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), tag); it != std::sregex_iterator(); ++it) {
    EXPECT_FALSE(std::regex_search(it->str(), bad)) << it->str();
  }
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_TRUE(svg.ends_with("</svg>"));
  EXPECT_EQ(count(svg, "<g "), count(svg, "</g>"));
  EXPECT_EQ(count(svg, "<text "), count(svg, "</text>"));
  EXPECT_EQ(count(svg, "<title>"), count(svg, "</title>"));
}

TEST(OpennessChartTest, LayersHoldEveryComponentOnce) {
  std::set<ComponentKind> seen;
  std::size_t total = 0;
  for (const ComponentLayer& layer : component_layers()) {
    for (ComponentKind kind : layer.kinds) {
      seen.insert(kind);
      ++total;
    }
  }
  EXPECT_EQ(total, release::k_component_kinds);
  EXPECT_EQ(seen.size(), release::k_component_kinds);
  EXPECT_EQ(component_layers().size(), 6u);
}

TEST(OpennessChartTest, OneMarkPerComponentColouredByItsState) {
  frameworks::Assessment a = example_assessment();
  std::string svg = component_chart_svg(a.release);
  expect_self_contained(svg);
  EXPECT_EQ(count(svg, "<g class=\"mark\" data-component=\""), release::k_component_kinds);
  for (const ComponentLayer& layer : component_layers()) {
    for (ComponentKind kind : layer.kinds) {
      std::string attribute = fmt::format("data-component=\"{}\"", release::to_string(kind));
      EXPECT_EQ(count(svg, attribute), 1u) << attribute;
      std::string mark = mark_with(svg, attribute);
      Swatch s = swatch(frameworks::component_state(a.release, kind).state);
      EXPECT_NE(mark.find(fmt::format("data-layer=\"{}\" data-state=\"{}\"", layer.id, s.label)),
                std::string::npos)
          << mark;
      EXPECT_NE(mark.find(fmt::format("fill=\"{}\"", s.fill)), std::string::npos) << mark;
      EXPECT_NE(mark.find(fmt::format(">{}</text>", s.label)), std::string::npos) << mark;
    }
  }
  // The example's telling components.
  EXPECT_NE(mark_with(svg, "data-component=\"training-code\"").find("data-state=\"open\""),
            std::string::npos);
  EXPECT_NE(mark_with(svg, "data-component=\"model-parameters-final\"").find("data-state=\"restricted\""),
            std::string::npos);
  EXPECT_NE(mark_with(svg, "data-component=\"datasets\"").find("data-state=\"unknown\""), std::string::npos);
  EXPECT_NE(svg.find(">Code</text>"), std::string::npos);
  EXPECT_NE(svg.find(">1 of 6 open</text>"), std::string::npos);
}

TEST(OpennessChartTest, FrameworkChartShowsEveryFramework) {
  frameworks::Assessment a = example_assessment();
  std::string svg = framework_chart_svg(a);
  expect_self_contained(svg);
  EXPECT_EQ(count(svg, "data-framework=\"osd\""), 1u);
  EXPECT_EQ(count(svg, "data-framework=\"osaid\""), a.osaid.requirements.size());
  EXPECT_EQ(count(svg, "data-framework=\"mof\""), 3u);
  EXPECT_EQ(count(svg, "data-framework=\"osai\""), frameworks::k_osai_parameters);
  EXPECT_EQ(count(svg, "data-framework=\"spectrum\""), 5u);
  EXPECT_NE(mark_with(svg, "data-item=\"osd\"").find(">no: fails osd-5, osd-6, osd-7, osd-10</text>"),
            std::string::npos);
  EXPECT_NE(mark_with(svg, "data-item=\"class-3\"").find("data-progress=\"33.3\""), std::string::npos);
  EXPECT_NE(mark_with(svg, "data-item=\"weights_endmodel\"").find("data-state=\"restricted\""),
            std::string::npos);
  EXPECT_NE(svg.find(">25% · 12 parameters</text>"), std::string::npos);
  // Levels 1 to 3 reached, 4 and 5 not; the terms cap the level at 3.
  EXPECT_EQ(mark_with(svg, "data-item=\"level-3\"").find("data-state=\"unknown\""), std::string::npos);
  EXPECT_NE(mark_with(svg, "data-item=\"level-4\"").find("data-state=\"unknown\""), std::string::npos);
  EXPECT_NE(svg.find(">level 3 of 5 · capped at 3</text>"), std::string::npos);
}

TEST(OpennessChartTest, EscapesTheReleaseText) {
  frameworks::Assessment a = hostile_assessment();
  std::string components = component_chart_svg(a.release);
  std::string frameworks = framework_chart_svg(a);
  expect_self_contained(components);
  expect_self_contained(frameworks);
  EXPECT_NE(components.find("MIT&quot; onmouseover=&quot;alert(1)|x&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(count(components, "<g class=\"mark\" data-component=\""), release::k_component_kinds);
}

TEST(OpennessChartTest, LegendShowsTheFiveStates) {
  std::string svg = state_legend_svg();
  expect_self_contained(svg);
  for (const char* state : {"open", "restricted", "unlicensed", "closed", "unknown"}) {
    EXPECT_NE(svg.find(fmt::format(">{}</text>", state)), std::string::npos) << state;
  }
}

TEST(OpennessChartTest, SameInputSameBytes) {
  frameworks::Assessment a = example_assessment();
  EXPECT_EQ(component_chart_svg(a.release), component_chart_svg(example_assessment().release));
  EXPECT_EQ(framework_chart_svg(a), framework_chart_svg(example_assessment()));
}

}  // namespace
}  // namespace aperture::report
