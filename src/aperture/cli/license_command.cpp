#include <aperture/cli/license_command.hpp>

#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <aperture/cli/cli_main.hpp>
#include <aperture/cli/style.hpp>
#include <aperture/license/spdx_index.hpp>
#include <aperture/report/json_text.hpp>
#include <aperture/report/license_report.hpp>
#include <aperture/terms/knowledge_base.hpp>

namespace aperture::cli {

namespace {

// The rows of `license list`: every knowledge-base license, then (with
// --spdx) the SPDX licenses it has no reading of.
std::vector<report::LicenseView> list_views(bool spdx) {
  std::vector<report::LicenseView> views;
  for (const terms::LicenseProfile& p : terms::KnowledgeBase::embedded().profiles()) {
    if (auto v = report::describe_license(p.id)) {
      views.push_back(*v);
    }
  }
  if (spdx) {
    const license::SpdxIndex& index = license::SpdxIndex::embedded();
    for (std::uint32_t i = 0; i < index.license_count(); ++i) {
      license::LicenseInfo info = index.license(i);
      if (info.exception || info.deprecated || terms::KnowledgeBase::embedded().find(info.id) != nullptr) {
        continue;
      }
      if (auto v = report::describe_license(info.id)) {
        views.push_back(*v);
      }
    }
  }
  return views;
}

std::string summary(const report::LicenseView& v) {
  if (v.profile == nullptr) {
    return "terms not recorded";
  }
  const terms::Terms& t = v.profile->terms;
  std::string commercial = t.commercial_use ? t.commercial_use->value : "?";
  return fmt::format("commercial {:<11} OSD {:<7} OSAID {}", commercial,
                     std::string(assess::to_string(v.verdicts->osd_overall)),
                     std::string(assess::to_string(v.verdicts->osaid_overall)));
}

int run_list(const LicenseOptions& options) {
  std::vector<report::LicenseView> views = list_views(options.spdx);
  if (options.json) {
    nlohmann::ordered_json out{{"schema_version", 1}, {"licenses", nlohmann::ordered_json::array()}};
    for (const auto& v : views) {
      out["licenses"].push_back(report::to_json(v));
    }
    out["disclaimer"] = k_disclaimer;
    std::printf("%s\n", report::json_text(out).c_str());
    return k_exit_ok;
  }
  Style style = Style::for_stream(stdout);
  for (const auto& v : views) {
    std::string kind = v.profile != nullptr ? v.profile->kind : "license";
    std::printf("%s %-10s %s\n", style.green(fmt::format("{:<40}", v.id)).c_str(), kind.c_str(), summary(v).c_str());
  }
  std::printf("%zu licenses. %s\n", views.size(), style.dim(k_disclaimer).c_str());
  return k_exit_ok;
}

int run_show(const LicenseOptions& options) {
  std::optional<report::LicenseView> v = report::describe_license(options.id);
  if (!v) {
    std::fprintf(stderr, "aperture: error: unknown license '%s' (try `aperture license list --spdx`)\n",
                 options.id.c_str());
    return k_exit_error;
  }
  if (options.json) {
    nlohmann::ordered_json out = report::to_json(*v);
    out["disclaimer"] = k_disclaimer;
    std::printf("%s\n", report::json_text(out).c_str());
    return k_exit_ok;
  }
  std::printf("%s%s\n", report::to_text(*v).c_str(), Style::for_stream(stdout).dim(k_disclaimer).c_str());
  return k_exit_ok;
}

}  // namespace

CLI::App* add_license_command(CLI::App& app, LicenseOptions& options) {
  CLI::App* cmd = app.add_subcommand("license", "What Aperture knows of licenses: terms, clauses, verdicts");
  cmd->require_subcommand(1);
  CLI::App* list = cmd->add_subcommand("list", "List the licenses whose terms Aperture has read");
  list->add_flag("--json", options.json, "Print JSON");
  list->add_flag("--spdx", options.spdx, "Also list the SPDX licenses without a reading of their terms");
  list->callback([&options] { options.action = LicenseOptions::Action::list; });
  CLI::App* show = cmd->add_subcommand("show", "Show one license: terms with their clauses, OSD and OSAID verdicts");
  show->add_option("id", options.id, "SPDX id, Aperture id (LicenseRef-…) or Hugging Face license id")->required();
  show->add_flag("--json", options.json, "Print JSON");
  show->callback([&options] { options.action = LicenseOptions::Action::show; });
  cmd->footer("Exit status: 0 done, 1 unknown license, 2 bad arguments.");
  return cmd;
}

int run_license(const LicenseOptions& options) {
  return options.action == LicenseOptions::Action::show ? run_show(options) : run_list(options);
}

}  // namespace aperture::cli
