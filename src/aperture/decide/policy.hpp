// An organisation's policy for the models its teams may use (docs/check.md):
// licenses allowed and denied, license terms denied, the team's requirements,
// minimum openness, required evidence, a user count and a jurisdiction.
// Read from YAML with strict keys; every error is one line naming file and line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/decide/requirements.hpp>
#include <aperture/util/result.hpp>

namespace aperture::decide {

// A value read from the policy file, with the line that says it (0 when the
// rule did not come from a file).
struct Rule {
  std::string value;
  std::uint32_t line = 0;
};

struct Policy {
  std::string path;                       // the policy file; empty for --require alone
  std::vector<Rule> allow_licenses;       // patterns; empty: any license not denied
  std::vector<Rule> deny_licenses;        // patterns ("CC-BY-NC-*")
  std::vector<Rule> deny_terms;           // term names, see k_deniable_terms
  Requirements require;                   // `require` and `users` / `jurisdiction`
  std::optional<int> min_spectrum_level;  // 1-5
  bool require_osd = false;
  bool require_osaid = false;
  std::optional<int> min_mof_class;    // 1 (most open) to 3
  std::vector<Rule> require_evidence;  // "license-file" or component ids ("model-card", "datasets")
  std::uint32_t require_line = 0;      // lines of the single-valued rules, for reports
  std::uint32_t spectrum_line = 0;
  std::uint32_t osd_line = 0;
  std::uint32_t osaid_line = 0;
  std::uint32_t mof_line = 0;
};

// The license terms `deny_terms` may name.
inline constexpr std::string_view k_deniable_terms[] = {"non-commercial",
                                                        "user-threshold",
                                                        "revenue-threshold",
                                                        "field-of-use",
                                                        "acceptable-use-policy",
                                                        "licensor-can-change-policy",
                                                        "flow-down",
                                                        "no-improving-other-models",
                                                        "geographic",
                                                        "copyleft",
                                                        "registration",
                                                        "click-through"};

// True when `id` matches `pattern`: case-insensitive; `*` matches any run of
// characters ("CC-BY-NC-*", "LicenseRef-Llama-*").
bool license_matches(std::string_view pattern, std::string_view id);

// Reads the policy YAML `text`; `path` names the file in errors
// ("policy.yaml: line 4: unknown key 'deny_license'").
util::Result<Policy> parse_policy(std::string_view text, const std::string& path);

// Reads the policy file at `path`.
util::Result<Policy> read_policy(const std::string& path);

}  // namespace aperture::decide
