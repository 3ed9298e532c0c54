// `aperture audit DUMP.jsonl`: audits a Hub metadata dump (docs/audit.md):
// findings per model, lineage over the dump, a summary; CSV and JSON out.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace aperture::cli {

struct AuditOptions {
  std::string dump;      // the JSONL file, "-" for standard input
  std::string csv;       // --csv FILE: one row per model; "-" standard output; empty = none
  bool json = false;     // --json: the JSON document on standard output instead of the summary
  unsigned threads = 0;  // --threads: parsing threads; 0 = one per core
};

CLI::App* add_audit_command(CLI::App& app, AuditOptions& options);
// 0 audited (whatever the findings), 1 the dump or the CSV file could not be read
// or written, 2 conflicting options.
int run_audit(const AuditOptions& options);

}  // namespace aperture::cli
