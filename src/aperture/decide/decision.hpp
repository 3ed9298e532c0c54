// May a team use a release for what it needs? A pure function of an
// Assessment and the requirements (or an organisation's policy): a verdict,
// one check per requirement or rule with the evidence that decides it, and the
// obligations that come with the license, each citing its clause.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/decide/policy.hpp>
#include <aperture/decide/requirements.hpp>
#include <aperture/frameworks/assessment.hpp>

namespace aperture::decide {

// The answer for one target. Order matters: worse answers compare greater.
enum class Verdict : std::uint8_t { allowed, allowed_with_obligations, unknown, blocked };

// "allowed", "allowed-with-obligations", "unknown", "blocked".
std::string_view to_string(Verdict verdict);

// Where a fact comes from: a license clause (URL, clause, quote) and/or the
// release's file and line that states it.
struct Cite {
  std::string url;     // the license text, or the source a manifest names
  std::string clause;  // "2", "1.b.i", "AUP 1.a"; empty when not a clause
  std::string quote;
  std::string file;  // relative to the scanned target (a catalog entry: data/catalog/ID.yaml)
  std::uint32_t line = 0;
};

// One requirement or policy rule judged. `outcome` is allowed,
// allowed_with_obligations (allowed on a condition), unknown or blocked.
struct Check {
  std::string
      rule;  // "commercial", "users", "deny-licenses", "deny-terms:flow-down", "min-spectrum-level", ...
  Verdict outcome = Verdict::unknown;
  std::string message;
  std::vector<Cite> evidence;
};

// A duty that comes with using the release: what to do or not to do.
struct Obligation {
  std::string kind;     // "notice", "display", "name-prefix", "copy-of-license", "credit", "mark-changes",
                        // "use-policy", "field-of-use", "flow-down", "user-threshold", "revenue-threshold",
                        // "improve-other-models", "modification", "redistribution", "inherited"
  std::string license;  // the license it comes from
  std::string text;
  Cite cite;
  std::string
      inherited_from;  // the ancestor (base model or data set) it comes from; empty: the release's own
};

struct Decision {
  std::string target;
  std::string name;
  std::string license;  // the weights' license as judged; empty when unknown
  Verdict verdict = Verdict::unknown;
  std::vector<Check> checks;
  std::vector<Obligation> obligations;
};

// Decides `requirements` for the release `a`.
Decision decide(const frameworks::Assessment& a, const Requirements& requirements);

// Decides every rule of `policy` (its requirements included) for `a`.
Decision decide(const frameworks::Assessment& a, const Policy& policy);

}  // namespace aperture::decide
