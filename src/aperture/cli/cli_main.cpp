#include <aperture/cli/cli_main.hpp>

#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>

#include <aperture/cli/audit_command.hpp>
#include <aperture/cli/bom_command.hpp>
#include <aperture/cli/catalog_command.hpp>
#include <aperture/cli/choose_command.hpp>
#include <aperture/cli/check_command.hpp>
#include <aperture/cli/eu_ai_act_command.hpp>
#include <aperture/cli/identify_command.hpp>
#include <aperture/cli/license_command.hpp>
#include <aperture/cli/scan_command.hpp>
#include <aperture/cli/serve_command.hpp>
#include <aperture/util/error.hpp>

namespace aperture::cli {

namespace {

constexpr const char* k_version = APERTURE_VERSION;  // the project version (CMakeLists.txt)

int dispatch(int argc, char** argv) {
  CLI::App app{"Aperture: how open is an AI model release, and what may you do with it.\n"
               "Information, not legal advice."};
  app.name("aperture");
  app.require_subcommand(1);
  app.set_version_flag("--version", k_version);

  IdentifyOptions identify;
  CLI::App* identify_cmd = add_identify_command(app, identify);
  LicenseOptions license;
  CLI::App* license_cmd = add_license_command(app, license);
  ScanOptions scan;
  CLI::App* scan_cmd = add_scan_command(app, scan);
  ScanOptions show;
  CLI::App* show_cmd = add_show_command(app, show);
  CatalogOptions catalog;
  CLI::App* catalog_cmd = add_catalog_command(app, catalog);
  CompareOptions compare;
  CLI::App* compare_cmd = add_compare_command(app, compare);
  ChooseCliOptions choose;
  CLI::App* choose_cmd = add_choose_command(app, choose);
  AuditOptions audit;
  CLI::App* audit_cmd = add_audit_command(app, audit);
  CheckOptions check;
  check.tool_version = k_version;
  CLI::App* check_cmd = add_check_command(app, check);
  ServeOptions serve;
  CLI::App* serve_cmd = add_serve_command(app, serve);
  TokenOptions token;
  CLI::App* token_create_cmd = add_token_command(app, token);
  BomOptions bom;
  bom.tool_version = k_version;
  CLI::App* bom_cmd = add_bom_command(app, bom);
  EuAiActOptions eu_ai_act;
  CLI::App* eu_ai_act_cmd = add_eu_ai_act_command(app, eu_ai_act);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return k_exit_usage;
  }
  if (identify_cmd->parsed()) {
    return run_identify(identify);
  }
  if (scan_cmd->parsed()) {
    return run_scan(scan);
  }
  if (license_cmd->parsed()) {
    return run_license(license);
  }
  if (show_cmd->parsed()) {
    return run_show(show);
  }
  if (catalog_cmd->parsed()) {
    return run_catalog(catalog);
  }
  if (choose_cmd->parsed()) {
    return run_choose(choose);
  }
  if (compare_cmd->parsed()) {
    return run_compare(compare);
  }
  if (audit_cmd->parsed()) {
    return run_audit(audit);
  }
  if (check_cmd->parsed()) {
    return run_check(check);
  }
  if (serve_cmd->parsed()) {
    return run_serve(serve);
  }
  if (token_create_cmd->parsed()) {
    return run_token_create(token);
  }
  if (bom_cmd->parsed()) {
    return run_bom(bom);
  }
  if (eu_ai_act_cmd->parsed()) {
    return run_eu_ai_act(eu_ai_act);
  }
  return k_exit_usage;
}

}  // namespace

int cli_main(int argc, char** argv) {
  try {
    return dispatch(argc, argv);
  } catch (const aperture::Error& e) {
    std::fprintf(stderr, "aperture: error: %s\n", e.what());
    return k_exit_error;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "aperture: error: %s\n", e.what());
    return k_exit_error;
  }
}

}  // namespace aperture::cli
