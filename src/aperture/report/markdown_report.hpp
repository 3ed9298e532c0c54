// The Markdown view of an Assessment (`aperture scan --format markdown`):
// GitHub-flavoured Markdown for pull requests and model cards. A summary
// table first, then components, framework verdicts, licenses and findings
// with their evidence, then the disclaimer. Text from the release is
// escaped (report/text_escape.hpp); the same input gives identical output.
#pragma once

#include <string>

#include <aperture/frameworks/assessment.hpp>

namespace aperture::report {

// The whole report, ending in a newline.
std::string scan_markdown(const frameworks::Assessment& assessment);

}  // namespace aperture::report
