// Clauses that decide how open a model release is, found in license texts the
// knowledge base does not know: non-commercial limits, user and revenue
// thresholds, use bans, attribution and naming duties, policies pulled in by
// reference, flow-down of restrictions, termination at will and registration.
//
// The text is split into sentences (a sentence may span lines; list items
// after a "You agree not to use the Model:" lead-in are sentences of their
// own that remember the lead-in), and each detector runs over one sentence
// at a time, reading negations and permissions in that sentence. Every clause
// quotes its sentence and names its lines, so a reader can check it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aperture::terms {

enum class ClauseKind {
  non_commercial,            // "for non-commercial purposes only", "may not use ... for commercial purposes"
  user_threshold,            // "more than 700 million monthly active users"
  revenue_threshold,         // "annual revenue exceeding $1,000,000"
  field_of_use_ban,          // "shall not use ... for military purposes", a "Use Restrictions" heading
  improve_other_models_ban,  // "shall not use ... any output ... to improve any other large language model"
  attribution_duty,          // "prominently display "Built with X"", "retain the following notice"
  naming_duty,               // "include "X" at the beginning of any such AI model name"
  policy_by_reference,       // "the Acceptable Use Policy ... is hereby incorporated by reference"
  policy_updatable,          // "as may be updated from time to time", "we may update this policy"
  flow_down,  // "include the use restrictions ... in any agreement", "subject to the same restrictions"
  termination_at_will,  // "may terminate this agreement at any time", "revoke ... at its sole discretion"
  registration_duty,    // "you must register", "request access", "accept the terms before downloading"
};

// The kind's name in reports: "non-commercial", "user-threshold", ...
std::string_view to_string(ClauseKind kind);

struct DetectedClause {
  ClauseKind kind = ClauseKind::non_commercial;
  std::uint32_t first_line = 0;  // 1-based lines of the sentence that says it
  std::uint32_t last_line = 0;
  std::string quote;             // the sentence (at most its first 300 characters) as it reads
                                 // in the input, white space folded to single spaces
  std::optional<double> number;  // thresholds only: 700000000, 1000000
  std::string unit;              // thresholds only: "monthly active users", "USD annual revenue"
  std::string detail;            // the required string of an attribution or naming duty
                                 // ("Built with Llama"), a policy's URL, the uses a ban names
};

// Every clause in `text`, in order of appearance. Within one sentence a kind
// is reported once, except attribution and naming duties, which are reported
// once per required string. `text` is expected to be decoded text (see
// util::decode_text); any bytes are safe. Runs in time about linear in the
// size of `text`.
std::vector<DetectedClause> detect_clauses(std::string_view text);

}  // namespace aperture::terms
