// `aperture license list` and `aperture license show ID`: what Aperture knows
// of a license, its terms with their clauses, and the verdicts on them.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace aperture::cli {

struct LicenseOptions {
  enum class Action { list, show };
  Action action = Action::list;
  std::string id;
  bool json = false;
  bool spdx = false;  // list: also the SPDX licenses Aperture has no reading of
};

CLI::App* add_license_command(CLI::App& app, LicenseOptions& options);

int run_license(const LicenseOptions& options);

}  // namespace aperture::cli
