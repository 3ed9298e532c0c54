#include <algorithm>
#include <atomic>
#include <cstdio>
#include <exception>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <aperture/cli/cli_main.hpp>
#include <aperture/cli/identify_command.hpp>
#include <aperture/cli/style.hpp>
#include <aperture/license/identify.hpp>
#include <aperture/report/identify_report.hpp>
#include <aperture/report/json_text.hpp>
#include <aperture/report/license_report.hpp>
#include <aperture/terms/clause_detector.hpp>
#include <aperture/terms/knowledge_base.hpp>
#include <aperture/util/file.hpp>
#include <aperture/util/text.hpp>

namespace aperture::cli {

namespace {

struct InputResult {
  std::string path;
  std::vector<license::LicenseMatch> licenses;
  std::optional<util::Error> error;
  // With --terms, for texts whose terms Aperture has no reading of: the
  // restrictive clauses the detector finds and quotes.
  std::vector<terms::DetectedClause> clauses;
  std::vector<license::UnidentifiedText> unidentified;
};

InputResult identify_input(const std::string& path, bool with_terms) {
  InputResult r{path == "-" ? "<stdin>" : path, {}, std::nullopt, {}};
  auto bytes = util::read_file(path);
  if (!bytes) {
    r.error = bytes.error();
    return r;
  }
  auto text = util::decode_text(*bytes, r.path);
  if (!text) {
    r.error = text.error();
    return r;
  }
  report::IdentifiedText found = report::identify_with_clauses(*text, with_terms);
  r.licenses = std::move(found.licenses);
  r.clauses = std::move(found.clauses);
  r.unidentified = std::move(found.unidentified);
  return r;
}

std::string lines_to_string(const std::vector<license::LineRange>& lines) {
  std::string out;
  for (const auto& l : lines) {
    if (!out.empty()) {
      out += ",";
    }
    out += l.first == l.last ? std::to_string(l.first) : fmt::format("{}-{}", l.first, l.last);
  }
  return out;
}

std::string_view kind_label(license::MatchKind kind) {
  switch (kind) {
  case license::MatchKind::license_text:
    return "whole license text";
  case license::MatchKind::embedded_text:
    return "license text inside the file";
  case license::MatchKind::spdx_tag:
    return "SPDX-License-Identifier tag";
  case license::MatchKind::notice:
    return "license notice";
  case license::MatchKind::declared:
    return "declared metadata";
  }
  return "";
}

// The license's terms and verdicts under its identification.
void print_terms(const std::string& id) {
  std::optional<report::LicenseView> view = report::describe_license(id);
  if (!view) {
    return;
  }
  std::string text = report::to_text(*view, std::string(23, ' '));
  // The first line repeats the id and name already printed.
  std::printf("%s", text.substr(text.find('\n') + 1).c_str());
}

void print_text(const std::vector<InputResult>& results, bool with_terms) {
  Style style = Style::for_stream(stdout);
  for (const InputResult& r : results) {
    if (r.error) {
      continue;  // reported on stderr
    }
    std::printf("%s\n", style.bold(r.path).c_str());
    for (const auto& u : r.unidentified) {
      std::printf("  %s a license text too changed to name, lines %u-%u: most like %s (%.0f%% of its "
                  "words there, others added or changed)\n",
                  style.yellow(fmt::format("{:<22}", "NOASSERTION")).c_str(), u.lines.first, u.lines.last,
                  u.closest.c_str(), u.coverage * 100);
    }
    if (r.licenses.empty() && r.unidentified.empty()) {
      std::printf("  %s  no license found\n", style.yellow("NONE").c_str());
    }
    if (!r.clauses.empty()) {
      std::printf("  clauses in terms Aperture has no reading of:\n");
      for (const auto& c : r.clauses) {
        std::string quote = c.quote.size() > 110 ? c.quote.substr(0, 107) + "..." : c.quote;
        std::printf("    %-26s lines %u-%u: \"%s\"\n", std::string(terms::to_string(c.kind)).c_str(),
                    c.first_line, c.last_line, quote.c_str());
      }
    }
    for (const auto& m : r.licenses) {
      std::string id = fmt::format("{:<22}", m.id);
      std::printf("  %s %s\n", style.green(id).c_str(), m.name.c_str());
      std::printf("  %s %s, confidence %.2f, lines %s%s\n", std::string(22, ' ').c_str(),
                  std::string(kind_label(m.kind)).c_str(), m.confidence, lines_to_string(m.lines).c_str(),
                  m.osi_approved ? ", OSI-approved" : "");
      if (!m.expression.empty()) {
        std::printf("  %s expression: %s\n", std::string(22, ' ').c_str(), m.expression.c_str());
      }
      if (with_terms) {
        print_terms(m.id);
      }
    }
  }
  std::printf("%s\n", style.dim(k_disclaimer).c_str());
}

// One SPDX expression for an input: each tag's expression as written (an OR
// stays an OR), the other licenses found joined with AND.
std::string tsv_expression(const std::vector<license::LicenseMatch>& licenses) {
  std::vector<std::string> parts;
  auto add = [&](const std::string& part) {
    if (std::find(parts.begin(), parts.end(), part) == parts.end()) {
      parts.push_back(part);
    }
  };
  for (const auto& m : licenses) {
    if (m.expression.empty()) {
      add(m.id);
    } else if (m.expression.find(" OR ") != std::string::npos && licenses.size() > 1) {
      add("(" + m.expression + ")");
    } else {
      add(m.expression);
    }
  }
  if (parts.size() == 1 && parts[0].front() == '(') {
    return parts[0].substr(1, parts[0].size() - 2);
  }
  std::string out;
  for (const std::string& p : parts) {
    out += (out.empty() ? "" : " AND ") + p;
  }
  return out;
}

void print_tsv(const std::vector<InputResult>& results) {
  for (const InputResult& r : results) {
    std::string ids = tsv_expression(r.licenses);
    // NOASSERTION: a license text is there, but which one is not said.
    const char* none = r.unidentified.empty() ? "NONE" : "NOASSERTION";
    std::printf("%s\t%s\n", r.path.c_str(), r.error ? "ERROR" : ids.empty() ? none : ids.c_str());
  }
}

void print_json(const std::vector<InputResult>& results, bool with_terms) {
  nlohmann::ordered_json out;
  out["schema_version"] = 1;
  out["results"] = nlohmann::ordered_json::array();
  for (const InputResult& r : results) {
    nlohmann::ordered_json j;
    j["path"] = r.path;
    if (r.error) {
      j["error"] = r.error->message;
      out["results"].push_back(j);
      continue;
    }
    j.update(
        report::identify_json(report::IdentifiedText{r.licenses, r.clauses, r.unidentified}, with_terms));
    out["results"].push_back(j);
  }
  out["disclaimer"] = k_disclaimer;
  std::printf("%s\n", report::json_text(out).c_str());
}

// Identifies every input, several at a time; the results in input order.
std::vector<InputResult> identify_all(const IdentifyOptions& options) {
  std::vector<InputResult> results(options.inputs.size());
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::size_t threads = std::min<std::size_t>(options.threads == 0 ? cores : options.threads, results.size());
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> failures(std::max<std::size_t>(threads, 1));
  auto work = [&](std::size_t worker) {
    try {
      for (std::size_t i = next++; i < results.size(); i = next++) {
        results[i] = identify_input(options.inputs[i], options.terms);
      }
    } catch (...) {
      failures[worker] = std::current_exception();  // rethrown on the main thread
      next = results.size();
    }
  };
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < threads; ++t) {
    workers.emplace_back(work, t);
  }
  work(0);
  for (std::thread& t : workers) {
    t.join();
  }
  for (const std::exception_ptr& failure : failures) {
    if (failure) {
      std::rethrow_exception(failure);
    }
  }
  return results;
}

}  // namespace

CLI::App* add_identify_command(CLI::App& app, IdentifyOptions& options) {
  CLI::App* cmd = app.add_subcommand("identify", "Identify the licenses in files (SPDX ids, with evidence)");
  cmd->add_option("inputs", options.inputs, "Files to read; - for standard input")->required();
  cmd->add_flag_callback(
      "--json", [&options] { options.format = OutputFormat::json; }, "Print JSON");
  cmd->add_option_function<std::string>(
         "--format",
         [&options](const std::string& f) {
           options.format = f == "json"  ? OutputFormat::json
                            : f == "tsv" ? OutputFormat::tsv
                                         : OutputFormat::text;
         },
         "Output format: text (default), json, or tsv (PATH<TAB>ID per input)")
      ->check(CLI::IsMember({"text", "json", "tsv"}));
  cmd->add_flag("--terms", options.terms,
                "Also each license's terms (with their clauses) and its OSD and OSAID verdicts");
  cmd->add_option("--threads", options.threads, "Inputs identified at once (default: one per core)")
      ->check(CLI::Range(1u, 256u));
  cmd->footer(
      "Exit status: 0 a license found in every input, 3 some input holds none, 1 an input could not be "
      "read, 2 bad arguments.");
  return cmd;
}

int run_identify(const IdentifyOptions& options) {
  std::vector<InputResult> results = identify_all(options);
  bool any_error = false;
  bool any_none = false;
  for (const InputResult& r : results) {
    if (r.error) {
      any_error = true;
      std::fprintf(stderr, "aperture: error: %s\n", r.error->to_string().c_str());
    } else if (r.licenses.empty()) {
      any_none = true;
    }
  }
  switch (options.format) {
  case OutputFormat::text:
    print_text(results, options.terms);
    break;
  case OutputFormat::json:
    print_json(results, options.terms);
    break;
  case OutputFormat::tsv:
    print_tsv(results);
    break;
  }
  std::fflush(stdout);
  return any_error ? k_exit_error : any_none ? k_exit_no_license : k_exit_ok;
}

}  // namespace aperture::cli
