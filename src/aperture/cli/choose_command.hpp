// `aperture choose --require ...`: the catalog's releases ranked for a team's
// needs, with exclusion reasons, GPU fit and an API-versus-self-hosting cost
// comparison from the user's own figures.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace aperture::cli {

struct ChooseCliOptions {
  std::string require;
  std::string gpu_memory;  // "24GB", "12G", "80"
  int min_level = 0;
  bool strict = false;
  int top = 10;
  bool json = false;
  std::optional<double> api_price;
  std::optional<double> tokens_per_month;
  std::optional<double> gpu_hour_price;
  double gpus = 1;
  double hours_per_month = 730;
};

CLI::App* add_choose_command(CLI::App& app, ChooseCliOptions& options);
int run_choose(const ChooseCliOptions& options);

}  // namespace aperture::cli
