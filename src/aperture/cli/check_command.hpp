// `aperture check TARGET... --require ... | --policy FILE`: may a team use
// these releases for what it needs? Allowed, allowed with obligations,
// blocked or unknown per target, with reasons, evidence and obligations;
// exit codes for CI, SARIF and JUnit for code scanning and test reports.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <aperture/decide/decision.hpp>

namespace aperture::cli {

// Exit codes of check beyond the shared ones (cli_main.hpp).
inline constexpr int k_exit_blocked = 4;  // some target is blocked
inline constexpr int k_exit_unknown = 5;  // --strict: some target's answer is unknown

struct CheckOptions {
  std::vector<std::string> targets;
  std::vector<std::string> require;  // --require values, each a comma-separated list
  std::string policy;                // --policy FILE
  std::string format = "text";       // text, json, sarif, junit
  bool json = false;                 // --json: the same as format json
  bool strict = false;               // unknown answers fail (exit 5)
  std::string output;                // write the report to this file instead of standard output
  std::string tool_version;          // for SARIF's driver.version
};

CLI::App* add_check_command(CLI::App& app, CheckOptions& options);

int run_check(const CheckOptions& options);

class Style;
// The terminal report: per target the verdict, then the checks (worst first)
// with their evidence, then the obligations.
std::string decisions_to_text(const std::vector<decide::Decision>& decisions,
                              const decide::Policy& policy,
                              const Style& style);

}  // namespace aperture::cli
