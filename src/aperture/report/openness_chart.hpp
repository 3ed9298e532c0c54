// SVG charts of an Assessment's openness for HTML views (the scan report
// today; a compare page or the web server later). Each chart is one inline
// <svg> element: presentation attributes only, no scripts, no ids, no
// external references, so several can share a page and it renders offline.
// Colours and words come from report/verdict_labels.hpp; text from the
// release is HTML-escaped.
//
// Every mark is a <g class="mark" …> with a <title> (the browser's tooltip):
//   component chart  data-component="<kind>" data-state="<state>", one per component
//   framework chart  data-framework="osd|osaid|mof|osai|spectrum" data-item="<id>" data-state="<tone>"
#pragma once

#include <string>

#include <aperture/frameworks/assessment.hpp>

namespace aperture::report {

// The 19 components in their six layers (component_layers()), one tile each,
// coloured by frameworks::component_state: open, restricted, unlicensed,
// closed, unknown.
std::string component_chart_svg(const release::Release& release);

// The frameworks, one row each: the OSD verdict, OSAID 1.0's four
// requirements, MOF classes III, II and I with their progress, the OSAI
// index's score and twelve parameters, and spectrum levels 1–5 with the
// level reached.
std::string framework_chart_svg(const frameworks::Assessment& assessment);

// The five states as a legend.
std::string state_legend_svg();

}  // namespace aperture::report
