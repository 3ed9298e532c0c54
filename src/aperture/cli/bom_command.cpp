#include <cstdio>

#include <aperture/bom/bom.hpp>
#include <aperture/cli/bom_command.hpp>
#include <aperture/cli/cli_main.hpp>
#include <aperture/frameworks/assessment.hpp>
#include <aperture/scan/scanner.hpp>
#include <aperture/util/file.hpp>

namespace aperture::cli {

CLI::App* add_bom_command(CLI::App& app, BomOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "bom",
      "A release as an AI bill of materials: CycloneDX 1.6 ML-BOM or SPDX 3.0.1 with the AI and Dataset "
      "profiles; the same input gives the same bytes (docs/bom.md)");
  cmd->add_option(
         "target", options.target,
         "A release: a model directory, a model card, a manifest, a catalog id (`aperture catalog`) or "
         "hf:OWNER/NAME")
      ->required();
  cmd->add_option("--format", options.format,
                  "cyclonedx (the default: CycloneDX 1.6 JSON) or spdx (SPDX 3.0.1 JSON-LD)")
      ->check(CLI::IsMember({"cyclonedx", "spdx"}));
  cmd->add_option("-o,--output", options.output, "Write the document to FILE instead of standard output")
      ->type_name("FILE");
  cmd->add_option(
         "--timestamp", options.timestamp,
         "The creation time, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (default: the date the release's facts "
         "were last checked, else its release date, else 1970-01-01)")
      ->type_name("TIME");
  cmd->add_option("--serial", options.serial,
                  "The serial number, a UUID (default: a version-5 UUID of the document's content)")
      ->type_name("UUID");
  cmd->footer(
      "Exit status: 0 written, 1 the target could not be read or the file not written, 2 bad arguments.\n"
      "Aperture gives information, not legal advice.");
  return cmd;
}

int run_bom(const BomOptions& options) {
  bom::BomOptions bom_options;
  bom_options.format = bom::bom_format_from_string(options.format).value_or(bom::BomFormat::cyclonedx);
  bom_options.timestamp = options.timestamp;
  bom_options.serial = options.serial;
  bom_options.tool_version = options.tool_version;
  // Bad --timestamp or --serial values are usage errors, reported before the target is read.
  if (util::Status ok = bom::check_options(bom_options); !ok) {
    std::fprintf(stderr, "aperture: error: %s\n", ok.error().to_string().c_str());
    return k_exit_usage;
  }
  auto release = scan::scan_target(options.target);
  if (!release) {
    std::fprintf(stderr, "aperture: error: %s\n", release.error().to_string().c_str());
    return k_exit_error;
  }
  util::Result<std::string> document =
      bom::bom_document(frameworks::assess_release(std::move(*release)), bom_options);
  if (!document) {
    std::fprintf(stderr, "aperture: error: %s\n", document.error().to_string().c_str());
    return k_exit_usage;
  }
  if (options.output.empty()) {
    std::fwrite(document->data(), 1, document->size(), stdout);
    return k_exit_ok;
  }
  if (util::Status written = util::write_file_atomic(options.output, *document); !written) {
    std::fprintf(stderr, "aperture: error: %s: cannot write the document: %s\n", options.output.c_str(),
                 written.error().message.c_str());
    return k_exit_error;
  }
  return k_exit_ok;
}

}  // namespace aperture::cli
