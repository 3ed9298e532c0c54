// The views of an audit: the terminal summary, one CSV row per model, and
// the versioned JSON document (docs/audit.md), written model by model so a
// million records never sit in memory as text.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <aperture/audit/audit.hpp>

namespace aperture::audit {

inline constexpr int k_audit_json_version = 1;

// "line,id,license,root_license,relation,findings\n"
std::string csv_header();
// One model's row: findings as rule ids joined by ';', fields quoted as RFC 4180 asks.
std::string csv_row(const Audit& audit, std::uint32_t record, const std::vector<release::Finding>& findings);

// The JSON document in three parts, so the models can stream between them
// (the layout of nlohmann's dump(2), as JsonWriter writes it): the document
// up to and including the opening of its "models" list.
std::string json_begin(const Audit& audit);
// One model of the "models" list; `first` for the first one.
std::string json_model(const Audit& audit,
                       std::uint32_t record,
                       const std::vector<release::Finding>& findings,
                       bool first);
// Closes "models" (`any_model`: whether one was written), writes "errors"
// and "summary", and closes the document with a line feed.
std::string json_end(const Audit& audit, const Summary& summary, bool any_model);

// The terminal summary: counts by license (the most frequent first), records
// by finding rule, and the first `max_errors` unreadable lines.
std::string summary_text(const Audit& audit, const Summary& summary, std::size_t max_errors = 20);

}  // namespace aperture::audit
