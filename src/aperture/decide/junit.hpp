// Decisions as JUnit XML (`aperture check --format junit`) for CI systems
// that show test reports: one <testsuite> per target, one <testcase> per
// requirement or policy rule; a blocked check is a <failure>, an unknown one
// is <skipped>; obligations go to the suite's <system-out>.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <aperture/decide/decision.hpp>

namespace aperture::decide {

std::string junit_xml(const std::vector<Decision>& decisions);

// `text` for an XML attribute or element: & < > " ' escaped; control
// characters other than tab and line ends (not allowed in XML 1.0) and
// invalid UTF-8 bytes become U+FFFD.
std::string xml_escape(std::string_view text);

}  // namespace aperture::decide
