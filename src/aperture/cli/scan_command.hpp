// `aperture scan TARGET`: scan a model release (directory, model card,
// license text, weights file, MOT or OSAI-index YAML) and grade its openness.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include <aperture/frameworks/assessment.hpp>

namespace aperture::cli {

struct ScanOptions {
  std::string target;
  bool json = false;
  bool summary_only = false;
};

CLI::App* add_scan_command(CLI::App& app, ScanOptions& options);

int run_scan(const ScanOptions& options);

class Style;
// The terminal report: a one-screen summary, then (unless `summary_only`) details.
std::string scan_to_text(const frameworks::Assessment& assessment, const Style& style, bool summary_only);

}  // namespace aperture::cli
