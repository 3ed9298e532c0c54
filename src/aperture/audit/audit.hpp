// `aperture audit DUMP.jsonl` (docs/audit.md): a Hub metadata dump read in
// parallel chunks into a DumpGraph, lineage resolved over the whole dump
// (ids outside it through the bundled catalog), then each record's findings
// computed in file order and counted into a summary.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/audit/dump_graph.hpp>
#include <aperture/audit/dump_reader.hpp>
#include <aperture/release/release.hpp>
#include <aperture/util/result.hpp>

namespace aperture::audit {

// A line that is not a model record.
struct AuditError {
  std::uint64_t line = 0;
  std::string message;  // "malformed JSON: ...", "no string \"id\""
};

struct Audit {
  std::string dump;  // the path as given
  DumpGraph graph;
  std::vector<AuditError> errors;  // in line order
};

// Reads and resolves the dump at `path`. Fails only when it cannot be read.
util::Result<Audit>
audit_file(const std::string& path, const ReadOptions& options, const ProgressSink& progress = {});
// The same on a dump in memory, named `dump` in evidence and errors.
Audit audit_text(std::string_view text, std::string dump, const ReadOptions& options);

// An id outside the dump through the bundled catalog: the entry whose Hub
// URL's path is the id (case-insensitive).
ExternalModel catalog_lookup(std::string_view id);

struct Summary {
  std::uint64_t records = 0;
  std::uint64_t errors = 0;
  std::map<std::string, std::uint64_t> by_license;  // resolved id, else as declared, else "(none)"
  std::map<std::string, std::uint64_t> by_rule;     // records with at least one finding of the rule
  // Records whose ancestors pass on a binding license's terms, by that license.
  std::map<std::string, std::uint64_t> by_inherited;
  std::uint64_t with_findings = 0;
};

using FindingsVisitor =
    std::function<void(std::uint32_t record, const std::vector<release::Finding>& findings)>;

// Computes every record's findings in file order, hands each to `visit`, and
// counts them.
Summary walk_findings(const Audit& audit, const FindingsVisitor& visit);

}  // namespace aperture::audit
