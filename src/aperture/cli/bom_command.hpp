// `aperture bom TARGET --format cyclonedx|spdx`: a release as an AI bill of
// materials, CycloneDX 1.6 ML-BOM or SPDX 3.0.1 JSON-LD (docs/bom.md).
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace aperture::cli {

struct BomOptions {
  std::string target;
  std::string format = "cyclonedx";  // cyclonedx or spdx
  std::string output;                // write the document to this file instead of standard output
  std::string timestamp;             // --timestamp: the creation time; empty: derived from the release
  std::string serial;                // --serial: the serial number (UUID); empty: derived from the content
  std::string tool_version;          // Aperture's version, written as the tool's
};

CLI::App* add_bom_command(CLI::App& app, BomOptions& options);

int run_bom(const BomOptions& options);

}  // namespace aperture::cli
