#include <cstdio>

#include <fmt/format.h>

#include <aperture/cli/cli_main.hpp>
#include <aperture/cli/eu_ai_act_command.hpp>
#include <aperture/frameworks/assessment.hpp>
#include <aperture/regulation/eu_ai_act.hpp>
#include <aperture/report/disclaimer.hpp>
#include <aperture/report/eu_ai_act_report.hpp>
#include <aperture/report/text_escape.hpp>
#include <aperture/scan/scanner.hpp>

namespace aperture::cli {

CLI::App* add_eu_ai_act_command(CLI::App& app, EuAiActOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "eu-ai-act",
      "What the EU AI Act's rules for general-purpose AI models say about a release: GPAI status, "
      "training compute, systemic risk, the open-source exemption, duties, documents and the provider "
      "rule for fine-tunes, each with its article (docs/eu-ai-act.md)");
  cmd->add_option(
         "target", options.target,
         "What `aperture scan` takes: a model directory, a model card, a release manifest, a catalog id "
         "(`aperture catalog`), or hf:OWNER/NAME")
      ->required();
  CLI::Option* format =
      cmd->add_option("--format", options.format, "text (the default), json (docs/eu-ai-act.md) or markdown");
  format->check(CLI::IsMember({"text", "json", "markdown"}));
  cmd->add_flag("--json", options.json, "The same as --format json")->excludes(format);
  cmd->footer("Exit status: 0 read (whatever the answers), 1 the target could not be read, 2 bad arguments.\n"
              "Information, not legal advice.");
  return cmd;
}

int run_eu_ai_act(const EuAiActOptions& options) {
  auto release = scan::scan_target(options.target);
  if (!release) {
    std::fprintf(stderr, "aperture: error: %s\n", release.error().to_string().c_str());
    return k_exit_error;
  }
  frameworks::Assessment a = frameworks::assess_release(std::move(*release));
  regulation::EuAiActAssessment e = regulation::assess_eu_ai_act(a);
  std::string format = options.json ? "json" : options.format;
  std::string out;
  if (format == "json") {
    out = report::eu_ai_act_document_json(a, e) + "\n";
  } else if (format == "markdown") {
    out = fmt::format("# {}\n{}\n---\n\n*{}*\n", report::markdown_escape(a.release.name),
                      report::eu_ai_act_markdown(e), report::k_disclaimer);
  } else {
    out = report::eu_ai_act_text(a, e);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return k_exit_ok;
}

}  // namespace aperture::cli
