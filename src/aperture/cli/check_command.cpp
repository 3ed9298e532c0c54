#include <algorithm>
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include <aperture/cli/check_command.hpp>
#include <aperture/cli/cli_main.hpp>
#include <aperture/cli/style.hpp>
#include <aperture/decide/decision_json.hpp>
#include <aperture/decide/junit.hpp>
#include <aperture/decide/sarif.hpp>
#include <aperture/scan/scanner.hpp>
#include <aperture/util/file.hpp>

namespace aperture::cli {

using decide::Check;
using decide::Cite;
using decide::Decision;
using decide::Verdict;

CLI::App* add_check_command(CLI::App& app, CheckOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "check",
      "May you use these releases for what you need? Allowed, allowed with obligations, blocked or unknown "
      "per target, with the license clauses and files that decide it (docs/check.md)");
  cmd->add_option("targets", options.targets,
                  "Releases: model directories, model cards, manifests, catalog ids (`aperture catalog`) or "
                  "hf:OWNER/NAME")
      ->required();
  cmd->add_option("--require", options.require,
                  "What you need, comma-separated: commercial, redistribute, fine-tune, on-prem, eu, users=N "
                  "(N monthly active users, e.g. 5000 or 700M)")
      ->type_name("ITEMS")
      ->allow_extra_args(false);
  cmd->add_option("--policy", options.policy, "An organisation policy (YAML, docs/check.md)")
      ->type_name("FILE");
  CLI::Option* format = cmd->add_option(
      "--format", options.format,
      "text (the default), json (docs/check.md), sarif (SARIF 2.1.0 for GitHub code scanning) or "
      "junit (JUnit XML)");
  format->check(CLI::IsMember({"text", "json", "sarif", "junit"}));
  cmd->add_flag("--json", options.json, "The same as --format json")->excludes(format);
  cmd->add_flag("--strict", options.strict, "Fail (exit 5) when an answer is unknown");
  cmd->add_option("-o,--output", options.output, "Write the report to FILE instead of standard output")
      ->type_name("FILE");
  cmd->footer(
      "Exit status: 0 every target allowed (with or without obligations; unknown too unless --strict), "
      "4 some target blocked, 5 some target unknown with --strict, 1 a target or the policy could not be "
      "read or the output not written, 2 bad arguments.\n"
      "Aperture gives information, not legal advice.");
  return cmd;
}

namespace {

// The requirements and rules: the policy file's, plus --require's.
util::Result<decide::Policy> policy_of(const CheckOptions& options) {
  decide::Policy policy;
  if (!options.policy.empty()) {
    TRY_ASSIGN(read, decide::read_policy(options.policy));
    policy = std::move(read);
  }
  for (const std::string& list : options.require) {
    TRY_ASSIGN(req, decide::parse_requirements(list, policy.require));
    policy.require = std::move(req);
  }
  return policy;
}

// --- text ----------------------------------------------------------------------------------

std::string mark(Verdict v, const Style& style) {
  switch (v) {
  case Verdict::allowed:
    return style.green("✓");
  case Verdict::allowed_with_obligations:
    return style.yellow("~");
  case Verdict::unknown:
    return style.yellow("?");
  case Verdict::blocked:
    return style.red("✗");
  }
  return "?";
}

std::string verdict_words(Verdict v, const Style& style) {
  switch (v) {
  case Verdict::allowed:
    return style.green("allowed");
  case Verdict::allowed_with_obligations:
    return style.yellow("allowed with obligations");
  case Verdict::unknown:
    return style.yellow("unknown");
  case Verdict::blocked:
    return style.red("blocked");
  }
  return "unknown";
}

std::string cite_text(const Cite& c, const Style& style) {
  std::string out;
  if (!c.file.empty()) {
    out += c.line != 0 ? fmt::format("{}:{}", c.file, c.line) : c.file;
  }
  if (!c.clause.empty()) {
    out += fmt::format("{}§{}", out.empty() ? "" : "  ", c.clause);
  }
  if (!c.url.empty()) {
    out += (out.empty() ? "" : "  ") + style.dim(c.url);
  }
  if (!c.quote.empty()) {
    out += fmt::format("{}\"{}\"", out.empty() ? "" : "  ", c.quote);
  }
  return out;
}

std::string decision_text(const Decision& d, const Style& style) {
  std::string who =
      d.name.empty() || d.name == d.target ? d.target : fmt::format("{} ({})", d.name, d.target);
  std::string out =
      fmt::format("{} {}  {}  {}\n", mark(d.verdict, style), style.bold(verdict_words(d.verdict, style)), who,
                  d.license.empty() ? "license unknown" : d.license);
  std::vector<const Check*> checks;
  for (const Check& c : d.checks) {
    checks.push_back(&c);
  }
  std::stable_sort(checks.begin(), checks.end(),
                   [](const Check* a, const Check* b) { return a->outcome > b->outcome; });
  for (const Check* c : checks) {
    out += fmt::format("  {} {}  {}\n", mark(c->outcome, style), style.bold(c->rule), c->message);
    for (const Cite& e : c->evidence) {
      if (std::string t = cite_text(e, style); !t.empty()) {
        out += "      " + t + "\n";
      }
    }
  }
  if (!d.obligations.empty()) {
    out += fmt::format("  {}\n", style.bold("Obligations"));
    for (const decide::Obligation& o : d.obligations) {
      std::string from = o.inherited_from.empty() ? "" : fmt::format("from {}: ", o.inherited_from);
      std::string clause = o.cite.clause.empty() ? "" : " §" + o.cite.clause;
      out +=
          fmt::format("    • {}{}  {}\n", from, o.text, style.dim(fmt::format("[{}{}]", o.license, clause)));
    }
  }
  return out;
}

std::string summary_text(const std::vector<Decision>& decisions) {
  std::size_t counts[4] = {0, 0, 0, 0};
  for (const Decision& d : decisions) {
    ++counts[static_cast<std::size_t>(d.verdict)];
  }
  return fmt::format("{} targets: {} allowed, {} allowed with obligations, {} unknown, {} blocked\n",
                     decisions.size(), counts[0], counts[1], counts[2], counts[3]);
}

// --- running -------------------------------------------------------------------------------

// The directory a target's evidence files are relative to, as given: a
// directory itself, a file's parent; none for catalog ids and hf: ids.
std::string base_dir_of(const std::string& target) {
  std::error_code ec;
  if (std::filesystem::is_directory(target, ec)) {
    return target;
  }
  if (std::filesystem::is_regular_file(target, ec)) {
    return std::filesystem::path(target).parent_path().string();
  }
  return {};
}

std::string render(const std::vector<Decision>& decisions,
                   const decide::Policy& policy,
                   const CheckOptions& options,
                   const std::vector<std::string>& bases,
                   const Style& style) {
  std::string format = options.json ? "json" : options.format;
  if (format == "json") {
    return decide::decisions_json(decisions, policy);
  }
  if (format == "sarif") {
    return decide::sarif_log(decisions, policy, decide::SarifOptions{options.tool_version, bases});
  }
  if (format == "junit") {
    return decide::junit_xml(decisions);
  }
  return decisions_to_text(decisions, policy, style);
}

int exit_code(const std::vector<Decision>& decisions, bool read_error, bool strict) {
  if (read_error) {
    return k_exit_error;
  }
  Verdict v = decide::overall_verdict(decisions);
  if (v == Verdict::blocked) {
    return k_exit_blocked;
  }
  if (v == Verdict::unknown && strict) {
    return k_exit_unknown;
  }
  return k_exit_ok;
}

}  // namespace

std::string
decisions_to_text(const std::vector<Decision>& decisions, const decide::Policy& policy, const Style& style) {
  std::string req = decide::to_string(policy.require);
  std::string out =
      fmt::format("Aperture check: {}{}\n\n", req.empty() ? "no requirements" : "requires " + req,
                  policy.path.empty() ? "" : fmt::format(", policy {}", policy.path));
  for (const Decision& d : decisions) {
    out += decision_text(d, style) + "\n";
  }
  if (decisions.size() > 1) {
    out += summary_text(decisions) + "\n";
  }
  return out + k_disclaimer + "\n";
}

int run_check(const CheckOptions& options) {
  if (options.require.empty() && options.policy.empty()) {
    std::fprintf(stderr, "aperture: error: check needs --require ITEMS or --policy FILE (docs/check.md)\n");
    return k_exit_usage;
  }
  util::Result<decide::Policy> policy = policy_of(options);
  if (!policy) {
    bool usage = policy.error().path.empty();
    std::fprintf(stderr, "aperture: error: %s\n", policy.error().to_string().c_str());
    return usage ? k_exit_usage : k_exit_error;
  }
  std::vector<Decision> decisions;
  std::vector<std::string> bases;
  bool read_error = false;
  for (const std::string& target : options.targets) {
    auto release = scan::scan_target(target);
    if (!release) {
      std::fprintf(stderr, "aperture: error: %s\n", release.error().to_string().c_str());
      read_error = true;
      continue;
    }
    decisions.push_back(decide::decide(frameworks::assess_release(std::move(*release)), *policy));
    bases.push_back(base_dir_of(target));
  }
  if (options.output.empty()) {
    std::string out = render(decisions, *policy, options, bases, Style::for_stream(stdout));
    std::fwrite(out.data(), 1, out.size(), stdout);
  } else if (util::Status written = util::write_file_atomic(
                 options.output, render(decisions, *policy, options, bases, Style(false)));
             !written) {
    std::fprintf(stderr, "aperture: error: %s: cannot write the report: %s\n", options.output.c_str(),
                 written.error().message.c_str());
    return k_exit_error;
  }
  return exit_code(decisions, read_error, options.strict);
}

}  // namespace aperture::cli
