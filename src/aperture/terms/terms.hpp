// The structured reading of a license's terms (DESIGN.md `Terms`), as the
// knowledge base (data/licenses/*.yaml) records it. Every term cites the
// clause that says it; the license's URL completes the citation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aperture::terms {

// Where a term comes from: the clause ("1.b.iv", "Section 2") and a short quote.
struct Citation {
  std::string clause;
  std::string quote;
};

// A term with one value: `value` is one of the words data/licenses/README.md
// lists for it ("allowed", "banned", "conditional", "yes", ...).
struct Term {
  std::string value;
  Citation cite;
};

// A numeric trigger: "700000000 monthly active users".
struct Threshold {
  double value = 0;
  std::string unit;
  Citation cite;
};

// One item of a list term: a use ban, a territorial limit, a way rights end.
struct Restriction {
  std::string text;
  Citation cite;
};

// An attribution or naming duty. `text` is the exact required string when
// the license gives one ("Built with Llama").
struct Duty {
  std::string duty;  // notice, display, name-prefix, copy-of-license, credit, mark-changes
  std::string text;
  Citation cite;
};

struct PolicyReference {
  std::string policy;  // knowledge-base id of the policy
  std::string url;
  bool incorporated = false;
  bool changeable_by_licensor = false;
  Citation cite;
};

struct Terms {
  std::optional<Term> commercial_use;
  std::optional<Threshold> user_threshold;
  std::optional<Threshold> revenue_threshold;
  std::vector<Restriction> field_of_use;
  std::optional<Term> improve_other_models;
  std::vector<Duty> attribution;
  std::optional<PolicyReference> acceptable_use_policy;
  std::optional<Term> flow_down;
  std::vector<Restriction> geographic;
  std::vector<Restriction> termination;
  std::optional<Term> governing_law;
  std::optional<Term> modification;
  std::optional<Term> redistribution;
  std::optional<Term> copyleft;
  std::optional<Term> patent_grant;
  std::optional<Term> acceptance;
  std::optional<Term> registration;
};

struct Source {
  std::string url;
  std::string checked;  // date the fact was checked, YYYY-MM-DD
};

// One license or use policy the knowledge base knows.
struct LicenseProfile {
  std::string id;       // SPDX id, or LicenseRef-<Name>
  std::string name;
  std::string kind;     // license, use-policy
  std::string family;
  std::string version;
  std::string publisher;
  std::string date;
  std::string url;
  std::vector<std::string> hub_ids;
  std::vector<std::string> hub_names;
  std::string policy;   // id of the incorporated use policy, if any
  std::vector<std::string> fingerprint_all;
  std::vector<std::string> fingerprint_none;
  std::vector<Source> sources;
  Terms terms;
};

}  // namespace aperture::terms
