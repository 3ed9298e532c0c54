#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include <aperture/catalog/catalog.hpp>
#include <aperture/cli/catalog_command.hpp>
#include <aperture/cli/cli_main.hpp>
#include <aperture/cli/style.hpp>
#include <aperture/frameworks/assessment.hpp>
#include <aperture/report/compare_report.hpp>
#include <aperture/report/disclaimer.hpp>
#include <aperture/report/json_writer.hpp>
#include <aperture/scan/scanner.hpp>
#include <aperture/util/error.hpp>
#include <aperture/util/text.hpp>

namespace aperture::cli {
namespace {

struct CatalogRow {
  const catalog::CatalogEntry* entry;
  frameworks::Assessment assessment;
};

std::vector<CatalogRow> assess_catalog() {
  std::vector<CatalogRow> rows;
  for (const catalog::CatalogEntry& e : catalog::entries()) {
    auto release = catalog::read_entry(e);
    if (!release) {
      throw aperture::Error(release.error().to_string());  // the catalog test keeps this from shipping
    }
    rows.push_back({&e, frameworks::assess_release(std::move(*release))});
  }
  return rows;
}

std::string level_of(const frameworks::Assessment& a) {
  return a.spectrum.level ? std::to_string(*a.spectrum.level) : "?";
}

std::string catalog_json(const std::vector<CatalogRow>& rows) {
  report::JsonWriter w;
  w.begin_object().field("schema_version", 1).field("disclaimer", report::k_disclaimer);
  w.key("releases").begin_array();
  for (const CatalogRow& row : rows) {
    const release::Release& r = row.assessment.release;
    const frameworks::Assessment& a = row.assessment;
    w.begin_object().field("id", row.entry->id).field("name", r.name).field("publisher", r.publisher);
    w.field_if("released", r.released).field("access", r.access).field("parameters", r.parameter_count);
    w.field("license", release::release_license(r)).field("spectrum_level", a.spectrum.level);
    w.field("mof_class", a.mof.mof_class).field("osd", assess::to_string(a.osd.outcome));
    w.field("osaid", assess::to_string(a.osaid.outcome)).field("osai_score", a.osai.score);
    w.field("findings", a.findings.size()).field("file", row.entry->file).end_object();
  }
  w.end_array().end_object();
  return w.take();
}

std::string catalog_text(const std::vector<CatalogRow>& rows, const Style& st) {
  std::string out =
      st.bold(fmt::format("{:<28} {:<24} {:<10} {:<38} {:>5} {:>3} {:<7} {:<7} {:>4}\n", "ID", "PUBLISHER",
                          "RELEASED", "LICENSE", "LEVEL", "MOF", "OSD", "OSAID", "OSAI"));
  for (const CatalogRow& row : rows) {
    const frameworks::Assessment& a = row.assessment;
    std::string license = release::release_license(a.release);
    out +=
        fmt::format("{:<28} {:<24} {:<10} {:<38} {:>5} {:>3} {:<7} {:<7} {:>3.0f}%\n", row.entry->id,
                    util::clip_utf8(a.release.publisher, 23), a.release.released,
                    license.empty() ? std::string("-") : util::clip_utf8(license, 37), level_of(a),
                    a.mof.mof_class == 0 ? std::string("-") : std::to_string(a.mof.mof_class),
                    assess::to_string(a.osd.outcome), assess::to_string(a.osaid.outcome), a.osai.score * 100);
  }
  out += fmt::format(
      "\n{} releases. LEVEL: the openness spectrum, 1 API only … 5 fully open. `aperture show ID` for "
      "the evidence.\n{}\n",
      rows.size(), report::k_disclaimer);
  return out;
}

std::string compare_text(const std::vector<frameworks::Assessment>& releases,
                         const std::vector<report::CompareRow>& rows,
                         const Style& st,
                         bool differences_only) {
  constexpr std::size_t k_label = 24;
  constexpr std::size_t k_column = 34;
  std::string out;
  std::string section;
  for (const report::CompareRow& row : rows) {
    if (differences_only && !row.differs && row.section != "verdicts") {
      continue;
    }
    if (row.section != section) {
      section = row.section;
      out += "\n" + st.bold(section == "verdicts" ? "Verdicts"
                            : section == "terms"  ? "License terms"
                                                  : "Components");
      out += "\n";
    }
    std::string line =
        fmt::format("{} {:<{}}", row.differs ? "≠" : " ", util::clip_utf8(row.label, k_label - 1), k_label);
    for (const std::string& v : row.values) {
      std::string cell = util::clip_utf8(v, k_column - 2);
      line += fmt::format(" {:<{}}", cell, k_column);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out += (row.differs ? line : st.dim(line)) + "\n";
  }
  out += fmt::format("\n≠ marks rows that differ. {} releases: ", releases.size());
  for (std::size_t i = 0; i < releases.size(); ++i) {
    out += (i ? ", " : "") + releases[i].release.target;
  }
  out += fmt::format("\n{}\n", report::k_disclaimer);
  return out;
}

}  // namespace

CLI::App* add_catalog_command(CLI::App& app, CatalogOptions& options) {
  CLI::App* cmd =
      app.add_subcommand("catalog", "List the releases bundled with Aperture (reviewed manifests, each fact "
                                    "with its source) and their verdicts");
  cmd->add_flag("--json", options.json, "Print JSON");
  cmd->footer("Exit status: 0 listed, 1 error, 2 bad arguments.");
  return cmd;
}

int run_catalog(const CatalogOptions& options) {
  std::vector<CatalogRow> rows = assess_catalog();
  if (options.json) {
    std::printf("%s\n", catalog_json(rows).c_str());
  } else {
    std::fputs(catalog_text(rows, Style::for_stream(stdout)).c_str(), stdout);
  }
  return k_exit_ok;
}

CLI::App* add_compare_command(CLI::App& app, CompareOptions& options) {
  CLI::App* cmd =
      app.add_subcommand("compare", "Compare releases side by side: license, the terms that differ, "
                                    "components, spectrum, MOF class, OSD, OSAID, OSAI index");
  cmd->add_option(
         "targets", options.targets,
         "Two or more: catalog ids (`aperture catalog`), model directories, manifests, cards, hf:OWNER/NAME")
      ->required()
      ->expected(2, 32);
  cmd->add_flag("--json", options.json, "Print JSON");
  cmd->add_flag("--differences", options.differences_only, "Show only the terms and components that differ");
  cmd->footer("Exit status: 0 compared, 1 a target could not be read, 2 bad arguments.");
  return cmd;
}

int run_compare(const CompareOptions& options) {
  std::vector<frameworks::Assessment> releases;
  for (const std::string& target : options.targets) {
    auto release = scan::scan_target(target);
    if (!release) {
      std::fprintf(stderr, "aperture: error: %s\n", release.error().to_string().c_str());
      return k_exit_error;
    }
    releases.push_back(frameworks::assess_release(std::move(*release)));
  }
  if (options.json) {
    std::printf("%s\n", report::compare_json(releases).c_str());
    return k_exit_ok;
  }
  std::fputs(compare_text(releases, report::compare_rows(releases), Style::for_stream(stdout),
                          options.differences_only)
                 .c_str(),
             stdout);
  return k_exit_ok;
}

}  // namespace aperture::cli
