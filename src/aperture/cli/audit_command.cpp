#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>

#include <aperture/audit/audit.hpp>
#include <aperture/audit/audit_report.hpp>
#include <aperture/cli/audit_command.hpp>
#include <aperture/cli/cli_main.hpp>

namespace aperture::cli {
namespace {

using Clock = std::chrono::steady_clock;

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

// A progress line on standard error, redrawn at most ten times a second.
class ProgressBar {
public:
  ProgressBar() : m_start(Clock::now()), m_last(m_start) {}

  void update(const audit::ReadProgress& p) {
    Clock::time_point now = Clock::now();
    if (now - m_last < std::chrono::milliseconds(100) && p.bytes_read < p.file_size) {
      return;
    }
    m_last = now;
    double seconds = std::chrono::duration<double>(now - m_start).count();
    double rate = seconds > 0 ? static_cast<double>(p.lines) / seconds : 0;
    std::string share = p.file_size == 0
                            ? std::string()
                            : fmt::format(" {:3.0f}%", 100.0 * static_cast<double>(p.bytes_read) /
                                                           static_cast<double>(p.file_size));
    std::fprintf(stderr, "\raperture audit:%s %llu lines, %.0f lines/s ", share.c_str(),
                 static_cast<unsigned long long>(p.lines), rate);
    std::fflush(stderr);
  }
  void done() const { std::fputs("\r\033[K", stderr); }

private:
  Clock::time_point m_start;
  Clock::time_point m_last;
};

audit::ReadOptions read_options(const AuditOptions& options) {
  audit::ReadOptions read;
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  read.threads = options.threads == 0 ? cores : options.threads;
  return read;
}

// Writes each model's findings to the CSV file and the JSON stream as they are computed.
class Outputs {
public:
  Outputs(const audit::Audit& audit, std::FILE* csv, bool json) : m_audit(audit), m_csv(csv), m_json(json) {}

  void begin() {
    if (m_csv != nullptr) {
      std::fputs(audit::csv_header().c_str(), m_csv);
    }
    if (m_json) {
      m_text = audit::json_begin(m_audit);
    }
  }
  void model(std::uint32_t record, const std::vector<release::Finding>& findings) {
    if (m_csv != nullptr) {
      std::string row = audit::csv_row(m_audit, record, findings);
      std::fwrite(row.data(), 1, row.size(), m_csv);
    }
    if (m_json) {
      m_text += audit::json_model(m_audit, record, findings, record == 0);
      if (m_text.size() > (1u << 20)) {
        flush();
      }
    }
  }
  void end(const audit::Summary& summary) {
    if (m_json) {
      m_text += audit::json_end(m_audit, summary, !m_audit.graph.models().empty());
      flush();
    }
  }

private:
  void flush() {
    std::fwrite(m_text.data(), 1, m_text.size(), stdout);
    m_text.clear();
  }

  const audit::Audit& m_audit;
  std::FILE* m_csv;
  bool m_json;
  std::string m_text;
};

}  // namespace

CLI::App* add_audit_command(CLI::App& app, AuditOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "audit", "Audit a Hugging Face Hub metadata dump (JSONL, one model-info record per line): licenses, "
               "open-washing and lineage findings per model, and a summary");
  cmd->add_option("dump", options.dump, "The dump (JSONL; - for standard input)")->required();
  cmd->add_option("--csv", options.csv,
                  "Also write one row per model to FILE (- : to standard output, instead of the summary)");
  cmd->add_flag("--json", options.json, "Print the JSON document (docs/audit.md) instead of the summary");
  cmd->add_option("--threads", options.threads, "Parsing threads (default: one per core)")
      ->check(CLI::Range(1u, 256u));
  cmd->footer(
      "Exit status: 0 audited (findings do not change it), 1 the dump could not be read, 2 bad arguments.");
  return cmd;
}

int run_audit(const AuditOptions& options) {
  if (options.csv == "-" && options.json) {
    std::fputs("aperture: error: --csv - and --json both want standard output\n", stderr);
    return k_exit_usage;
  }
  File csv;
  bool csv_to_stdout = options.csv == "-";
  if (!options.csv.empty() && !csv_to_stdout) {
    csv.reset(std::fopen(options.csv.c_str(), "wb"));
    if (!csv) {
      std::fprintf(stderr, "aperture: error: %s: cannot write the CSV file\n", options.csv.c_str());
      return k_exit_error;
    }
  }
  // A progress line only for a person watching: never into a pipe or a log.
  bool show_progress = ::isatty(STDERR_FILENO) == 1;
  ProgressBar bar;
  audit::ProgressSink progress;
  if (show_progress) {
    progress = [&bar](const audit::ReadProgress& p) { bar.update(p); };
  }
  util::Result<audit::Audit> audit = audit::audit_file(options.dump, read_options(options), progress);
  if (show_progress) {
    bar.done();
  }
  if (!audit) {
    std::fprintf(stderr, "aperture: error: %s\n", audit.error().to_string().c_str());
    return k_exit_error;
  }
  Outputs out(*audit, csv_to_stdout ? stdout : csv.get(), options.json);
  out.begin();
  audit::Summary summary = audit::walk_findings(
      *audit, [&out](std::uint32_t record, const std::vector<release::Finding>& findings) {
        out.model(record, findings);
      });
  out.end(summary);
  if (!options.json && !csv_to_stdout) {
    std::fputs(audit::summary_text(*audit, summary).c_str(), stdout);
  }
  if (csv && std::fflush(csv.get()) != 0) {
    std::fprintf(stderr, "aperture: error: %s: cannot write the CSV file\n", options.csv.c_str());
    return k_exit_error;
  }
  return k_exit_ok;
}

}  // namespace aperture::cli
