// `aperture catalog`: the bundled releases with their verdicts.
// `aperture compare A B ...`: releases side by side; targets may mix catalog
// ids, directories, manifests and anything else `scan` reads.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace aperture::cli {

struct CatalogOptions {
  bool json = false;
};

struct CompareOptions {
  std::vector<std::string> targets;
  bool json = false;
  bool differences_only = false;
};

CLI::App* add_catalog_command(CLI::App& app, CatalogOptions& options);
int run_catalog(const CatalogOptions& options);

CLI::App* add_compare_command(CLI::App& app, CompareOptions& options);
int run_compare(const CompareOptions& options);

}  // namespace aperture::cli
