// `aperture identify`: every license in each input file.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace aperture::cli {

enum class OutputFormat { text, json, tsv };

struct IdentifyOptions {
  std::vector<std::string> inputs;  // paths, or "-" for standard input
  OutputFormat format = OutputFormat::text;
  bool terms = false;    // also each license's terms and verdicts
  unsigned threads = 0;  // inputs identified at once; 0: one per core
};

// Adds the subcommand to `app`; `options` is filled when it is parsed.
CLI::App* add_identify_command(CLI::App& app, IdentifyOptions& options);

// Identifies, prints to stdout (errors to stderr) and returns the exit code.
int run_identify(const IdentifyOptions& options);

}  // namespace aperture::cli
