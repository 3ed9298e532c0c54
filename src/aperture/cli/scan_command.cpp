#include <cstdio>

#include <aperture/catalog/catalog.hpp>
#include <aperture/cli/cli_main.hpp>
#include <aperture/cli/scan_command.hpp>
#include <aperture/cli/style.hpp>
#include <aperture/report/html_report.hpp>
#include <aperture/report/markdown_report.hpp>
#include <aperture/report/mot_export.hpp>
#include <aperture/report/scan_report.hpp>
#include <aperture/scan/scanner.hpp>
#include <aperture/util/file.hpp>

namespace aperture::cli {

namespace {

// The options every command that prints one release's assessment takes.
void add_report_options(CLI::App* cmd, ScanOptions& options) {
  CLI::Option* format = cmd->add_option("--format", options.format,
                                        "text (the default), json (schema: docs/scan-json.md), markdown (for "
                                        "pull requests and model cards), html (one self-contained page with "
                                        "charts, readable offline; see docs/reports.md) or mot (a Model Openness "
                                        "Tool model file to review and submit)");
  format->check(CLI::IsMember({"text", "json", "markdown", "html", "mot"}));
  cmd->add_flag("--json", options.json, "The same as --format json")->excludes(format);
  cmd->add_flag("--summary", options.summary_only, "Print only the one-screen summary (text only)");
  cmd->add_option("-o,--output", options.output,
                  "Write the report to FILE (replaced whole, never half-written) instead of standard output")
      ->type_name("FILE");
}

}  // namespace

CLI::App* add_scan_command(CLI::App& app, ScanOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "scan", "Scan a model release and grade its openness: licenses, components, OSD, OSAID, MOF class, "
              "OSAI index, openness spectrum, open-washing");
  cmd->add_option("target", options.target,
                  "A model directory, a model card (README.md), a license text, a .safetensors/.gguf file, "
                  "an MOT / OSAI-index .yml file, or hf:OWNER/NAME[@REVISION], a model on the Hugging Face Hub "
                  "(online; HF_ENDPOINT, HF_TOKEN; docs/hub.md)")
      ->required();
  add_report_options(cmd, options);
  cmd->footer("Exit status: 0 scanned, 1 the target could not be read or the output not written, 2 bad "
              "arguments.\nFindings do not change the exit status.");
  return cmd;
}

namespace {

// The report in the chosen format; `style` colours the text format.
std::string render(const frameworks::Assessment& a, const ScanOptions& options, const Style& style) {
  std::string format = options.json ? "json" : options.format;
  if (format == "json") {
    return report::scan_json(a) + "\n";
  }
  if (format == "markdown") {
    return report::scan_markdown(a);
  }
  if (format == "html") {
    return report::scan_html(a);
  }
  if (format == "mot") {
    return report::mot_yaml(a.release);
  }
  return scan_to_text(a, style, options.summary_only);
}

}  // namespace

int run_scan(const ScanOptions& options) {
  auto release = scan::scan_target(options.target);
  if (!release) {
    std::fprintf(stderr, "aperture: error: %s\n", release.error().to_string().c_str());
    return k_exit_error;
  }
  frameworks::Assessment a = frameworks::assess_release(std::move(*release));
  if (options.output.empty()) {
    std::string out = render(a, options, Style::for_stream(stdout));
    std::fwrite(out.data(), 1, out.size(), stdout);
    return k_exit_ok;
  }
  util::Status written = util::write_file_atomic(options.output, render(a, options, Style(false)));
  if (!written) {
    std::fprintf(stderr, "aperture: error: %s: cannot write the report: %s\n", options.output.c_str(),
                 written.error().message.c_str());
    return k_exit_error;
  }
  return k_exit_ok;
}

}  // namespace aperture::cli

namespace aperture::cli {

CLI::App* add_show_command(CLI::App& app, ScanOptions& options) {
  CLI::App* cmd = app.add_subcommand("show", "The full assessment of a release in the bundled catalog, with the "
                                             "source and date of every fact (the same report as scan)");
  cmd->add_option("id", options.target, "A catalog id; `aperture catalog` lists them")->required();
  add_report_options(cmd, options);
  cmd->footer("Exit status: 0 shown, 1 no such id or the output not written, 2 bad arguments.");
  return cmd;
}

int run_show(const ScanOptions& options) {
  if (catalog::find(options.target) == nullptr) {
    std::fprintf(stderr, "aperture: error: %s: not a catalog id (`aperture catalog` lists them)\n",
                 options.target.c_str());
    return k_exit_error;
  }
  return run_scan(options);
}

}  // namespace aperture::cli
