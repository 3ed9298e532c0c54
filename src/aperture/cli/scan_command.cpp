#include <cstdio>

#include <aperture/cli/cli_main.hpp>
#include <aperture/cli/scan_command.hpp>
#include <aperture/cli/style.hpp>
#include <aperture/report/scan_report.hpp>
#include <aperture/scan/scanner.hpp>

namespace aperture::cli {

CLI::App* add_scan_command(CLI::App& app, ScanOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "scan", "Scan a model release and grade its openness: licenses, components, OSD, OSAID, MOF class, "
              "OSAI index, openness spectrum, open-washing");
  cmd->add_option("target", options.target,
                  "A model directory, a model card (README.md), a license text, a .safetensors/.gguf file, "
                  "or an MOT / OSAI-index .yml file")
      ->required();
  cmd->add_flag("--json", options.json, "Print JSON (schema: docs/scan-json.md)");
  cmd->add_flag("--summary", options.summary_only, "Print only the one-screen summary");
  cmd->footer("Exit status: 0 scanned, 1 the target could not be read, 2 bad arguments.\n"
              "Findings do not change the exit status.");
  return cmd;
}

int run_scan(const ScanOptions& options) {
  auto release = scan::scan_target(options.target);
  if (!release) {
    std::fprintf(stderr, "aperture: error: %s\n", release.error().to_string().c_str());
    return k_exit_error;
  }
  frameworks::Assessment a = frameworks::assess_release(std::move(*release));
  if (options.json) {
    std::printf("%s\n", report::scan_json(a).c_str());
    return k_exit_ok;
  }
  std::fputs(scan_to_text(a, Style::for_stream(stdout), options.summary_only).c_str(), stdout);
  return k_exit_ok;
}

}  // namespace aperture::cli
