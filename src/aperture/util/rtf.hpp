// The plain text of an RTF document (license agreements ship as EULA.rtf).
#pragma once

#include <string>
#include <string_view>

namespace aperture::util {

// True when `bytes` start like an RTF document ("{\rtf").
bool is_rtf(std::string_view bytes);

// The text of RTF document `rtf`, line for line: control words and symbols
// and the groups that hold no text (font, colour and style tables, "{\*...}"
// destinations, pictures) are dropped; "\'hh" (Windows-1252) and "\uN" become
// their characters, "\par" a space. Every line end of the source stays where
// it was, so a line number in the text is the line number in the file. The
// result is valid UTF-8 without "\r"; malformed RTF (unbalanced braces, a
// truncated escape) gives whatever text it holds, never an error.
std::string rtf_text(std::string_view rtf);

}  // namespace aperture::util
