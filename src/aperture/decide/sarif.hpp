// Decisions as a SARIF 2.1.0 log (`aperture check --format sarif`) that
// GitHub code scanning accepts: one rule per kind of check or obligation,
// one result per blocked or unknown check (error / warning) and per
// obligation (warning), each located at the file and line its evidence names.
#pragma once

#include <string>
#include <vector>

#include <aperture/decide/decision.hpp>

namespace aperture::decide {

// No `informationUri` or `helpUri`: both are optional in SARIF 2.1.0, and
// Aperture has no public home to point them at yet; docs/check.md lists the rules.

struct SarifOptions {
  std::string tool_version;
  // Per decision: the directory its evidence files are relative to, as a path
  // from the repository root ("models/orca"); empty when they are already
  // repository paths (a catalog entry's data/catalog/ID.yaml). Evidence that
  // names the policy file or the target itself is never joined to it.
  std::vector<std::string> base_dirs;
};

// The SARIF log, pretty-printed JSON with a final newline.
std::string
sarif_log(const std::vector<Decision>& decisions, const Policy& policy, const SarifOptions& options);

// `file` under `base` as a relative URI reference: "./" dropped, characters
// outside RFC 3986's unreserved set and '/' percent-encoded.
std::string artifact_uri(const std::string& base, const std::string& file);

}  // namespace aperture::decide
