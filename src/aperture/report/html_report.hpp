// The HTML view of an Assessment (`aperture scan --format html`): one
// self-contained page (inline CSS and SVG, no scripts, no fonts or images
// from elsewhere; a Content-Security-Policy that forbids any fetch) that
// reads offline. The summary first, then charts of openness per component
// and per framework (report/openness_chart.hpp), then components, framework
// verdicts, licenses and findings with their evidence. Everything from the
// release is HTML-escaped and only http(s) URLs become links; the same input
// gives identical output.
#pragma once

#include <string>

#include <aperture/frameworks/assessment.hpp>

namespace aperture::report {

// The whole page, ending in a newline.
std::string scan_html(const frameworks::Assessment& assessment);

}  // namespace aperture::report
