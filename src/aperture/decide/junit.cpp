#include <fmt/format.h>

#include <aperture/decide/junit.hpp>

#include <aperture/util/text.hpp>

namespace aperture::decide {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";

// The length of the valid UTF-8 sequence at the start of `s`, 0 when invalid.
std::string testcase(const Decision& d, const Check& c) {
  std::string head = fmt::format("    <testcase name=\"{}\" classname=\"{}\"", xml_escape(c.rule),
                                 xml_escape("aperture.check." + d.target));
  std::string evidence;
  for (const Cite& e : c.evidence) {
    std::string where =
        e.file.empty() ? e.url : (e.line != 0 ? fmt::format("{}:{}", e.file, e.line) : e.file);
    std::string clause = e.clause.empty() ? "" : fmt::format(" §{} {}", e.clause, e.url);
    std::string quote = e.quote.empty() ? "" : fmt::format(" \"{}\"", e.quote);
    evidence += xml_escape(where + clause + quote) + "\n";
  }
  switch (c.outcome) {
  case Verdict::blocked:
    return fmt::format("{}>\n      <failure message=\"{}\" type=\"blocked\">{}</failure>\n    </testcase>\n",
                       head, xml_escape(c.message), evidence);
  case Verdict::unknown:
    return fmt::format("{}>\n      <skipped message=\"{}\"/>\n    </testcase>\n", head,
                       xml_escape("unknown: " + c.message));
  default:
    return fmt::format("{}/>\n", head);
  }
}

std::string testsuite(const Decision& d) {
  std::size_t failures = 0;
  std::size_t skipped = 0;
  for (const Check& c : d.checks) {
    failures += c.outcome == Verdict::blocked ? 1 : 0;
    skipped += c.outcome == Verdict::unknown ? 1 : 0;
  }
  std::string out =
      fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n",
                  xml_escape(d.target), d.checks.size(), failures, skipped);
  out += fmt::format("    <properties>\n      <property name=\"verdict\" value=\"{}\"/>\n"
                     "      <property name=\"license\" value=\"{}\"/>\n    </properties>\n",
                     to_string(d.verdict), xml_escape(d.license));
  for (const Check& c : d.checks) {
    out += testcase(d, c);
  }
  if (!d.obligations.empty()) {
    std::string text;
    for (const Obligation& o : d.obligations) {
      text += xml_escape(fmt::format("{} ({} §{} {})", o.text, o.license, o.cite.clause, o.cite.url)) + "\n";
    }
    out += "    <system-out>" + text + "</system-out>\n";
  }
  return out + "  </testsuite>\n";
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    std::size_t n = util::utf8_sequence_length(text, 0);  // 0: not UTF-8
    char c = text.front();
    if (n == 0 || (n == 1 && static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
      out += k_replacement;
      text.remove_prefix(1);
      continue;
    }
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&apos;";
      break;
    case '\n':
      out += "&#10;";
      break;
    case '\r':
      out += "&#13;";
      break;
    case '\t':
      out += "&#9;";
      break;
    default:
      out.append(text.substr(0, n));
    }
    text.remove_prefix(n);
  }
  return out;
}

std::string junit_xml(const std::vector<Decision>& decisions) {
  std::size_t tests = 0;
  std::size_t failures = 0;
  for (const Decision& d : decisions) {
    tests += d.checks.size();
    for (const Check& c : d.checks) {
      failures += c.outcome == Verdict::blocked ? 1 : 0;
    }
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"aperture check\" tests=\"{}\" failures=\"{}\">\n", tests, failures);
  for (const Decision& d : decisions) {
    out += testsuite(d);
  }
  return out + "</testsuites>\n";
}

}  // namespace aperture::decide
