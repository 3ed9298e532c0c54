// Shared vocabulary of verdicts: an outcome with its reason and evidence.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aperture::assess {

enum class Outcome { pass, fail, not_applicable, unknown };

std::string_view to_string(Outcome outcome);

// One piece of evidence: a term of a license, its clause and the license's URL.
struct Evidence {
  std::string license;  // id of the license the term is from
  std::string term;     // e.g. "commercial_use", "user_threshold"
  std::string clause;
  std::string quote;
  std::string url;
};

// A verdict on one criterion: OSD criterion 6, the OSAID freedom "use", ...
struct CriterionVerdict {
  std::string id;    // "osd-6", "osaid-use"
  std::string name;  // "No Discrimination Against Fields of Endeavor"
  Outcome outcome = Outcome::unknown;
  std::string reason;
  std::vector<Evidence> evidence;
};

// A count as people read it: "700 million", "1.5 million", "250000".
std::string format_count(double n);

// `fail` when any criterion fails; `pass` when every criterion passes or does
// not apply; `unknown` otherwise.
Outcome combine(const std::vector<CriterionVerdict>& criteria);

}  // namespace aperture::assess
