// `aperture scan TARGET`: scan a model release (directory, model card,
// license text, weights file, MOT or OSAI-index YAML) and grade its openness.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include <aperture/frameworks/assessment.hpp>

namespace aperture::cli {

struct ScanOptions {
  std::string target;
  std::string format = "text";  // "text", "json", "markdown", "html"
  bool json = false;            // --json: the same as format "json"
  bool summary_only = false;    // text only
  std::string output;           // write the report to this file instead of standard output
};

CLI::App* add_scan_command(CLI::App& app, ScanOptions& options);

int run_scan(const ScanOptions& options);

// `aperture show ID`: scan's report of a catalog entry; the target must be a catalog id.
CLI::App* add_show_command(CLI::App& app, ScanOptions& options);
int run_show(const ScanOptions& options);

class Style;
// The terminal report: a one-screen summary, then (unless `summary_only`) details.
std::string scan_to_text(const frameworks::Assessment& assessment, const Style& style, bool summary_only);

}  // namespace aperture::cli
