// Putting text from a scanned release (untrusted: a model card can hold
// `<script>`, `|`, `](javascript:…)`, "@mentions" or bytes that are not
// UTF-8) into the Markdown and HTML reports. Every function returns one line.
#pragma once

#include <string>
#include <string_view>

namespace aperture::report {

// `text` as one line of valid UTF-8: bytes that are not UTF-8 become U+FFFD,
// control characters (line ends and tabs included) and U+2028/U+2029 a space.
std::string one_line(std::string_view text);

// one_line(`text`) with &, <, >, " and ' as character references: safe as
// HTML text and inside a quoted attribute value.
std::string html_escape(std::string_view text);

// one_line(`text`) for GitHub-flavoured Markdown, inline and in table cells:
// a backslash before every character that could start markup (\ ` * _ [ ] <
// > | ~ & $), and a zero-width space after "@" so that a quoted "@name"
// notifies nobody when the report is posted on a pull request.
std::string markdown_escape(std::string_view text);

// `url` when it is an absolute http or https URL, with every byte outside a
// conservative set of URL characters (space, quotes, parentheses, <, >, \,
// `, {, |, }, ^, controls, non-ASCII) percent-encoded, so that the result is
// safe as a Markdown link destination and, HTML-escaped, as an href. Empty
// for any other scheme (javascript:, data:, file:, relative references).
std::string http_url(std::string_view url);

}  // namespace aperture::report
