#include <aperture/frameworks/findings.hpp>

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include <aperture/assess/known_license.hpp>
#include <aperture/assess/license_openness.hpp>
#include <aperture/terms/knowledge_base.hpp>
#include <aperture/util/text.hpp>

namespace aperture::frameworks {
namespace {

constexpr std::size_t k_message_quote = 120;  // the evidence keeps the whole line

using release::ClaimKind;
using release::ComponentKind;
using release::Evidence;
using release::Finding;
using release::Release;
using release::Severity;

std::vector<const release::Claim*> claims_of(const Release& r, ClaimKind kind) {
  std::vector<const release::Claim*> out;
  for (const auto& c : r.claims) {
    if (c.kind == kind) {
      out.push_back(&c);
    }
  }
  return out;
}

bool is_use_policy(const std::string& id) {
  const terms::LicenseProfile* p = terms::KnowledgeBase::embedded().find(id);
  return p != nullptr && p->kind == "use-policy";
}

// Distinct license ids found with `role`, use policies left out.
std::set<std::string> ids_of(const Release& r, std::string_view role) {
  std::set<std::string> out;
  for (const auto& f : r.licenses) {
    if (f.role == role && !is_use_policy(f.match.id)) {
      out.insert(f.match.id);
    }
  }
  return out;
}

Evidence license_evidence(const Release& r, std::string_view role) {
  for (const auto& f : r.licenses) {
    if (f.role == role) {
      return {f.file, f.match.lines.empty() ? 0 : f.match.lines.front().first, {}, f.match.id};
    }
  }
  return {};
}

// Where license `id` was found (the first place), without the quote.
Evidence where_found(const Release& r, const std::string& id) {
  for (const auto& f : r.licenses) {
    if (f.match.id == id) {
      return {f.file, f.match.lines.empty() ? 0 : f.match.lines.front().first, {}, {}};
    }
  }
  return {};
}

std::string join(const std::set<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) {
    out += (out.empty() ? "" : ", ") + id;
  }
  return out;
}

// The OSD criterion a clause of `kind` (terms::ClauseKind's name) found in a
// changed license text fails, or nullptr: use bans and commercial limits fail
// criterion 6, user and revenue thresholds criterion 5.
const char* osd_criterion_failed_by(std::string_view kind) {
  if (kind == "field-of-use-ban" || kind == "non-commercial" || kind == "improve-other-models-ban") {
    return "osd-6";
  }
  return kind == "user-threshold" || kind == "revenue-threshold" ? "osd-5" : nullptr;
}

// Calls `f(text, clause, criterion id)` for each clause of a changed LICENSE
// text that fails an OSD criterion.
template <typename F> void for_each_failing_clause(const Release& r, F f) {
  for (const release::ModifiedLicense& m : r.modified_licenses) {
    for (const auto& c : m.clauses) {
      if (const char* id = osd_criterion_failed_by(c.kind)) {
        f(m, c, id);
      }
    }
  }
}

// A claim of "open source" that a changed LICENSE text's clauses contradict.
bool modified_washing(const Release& r,
                      const release::Claim& claim,
                      const std::string& said,
                      std::vector<Finding>& out) {
  Finding f{"open-washing", Severity::error, {}, {claim.evidence}};
  std::set<std::string> ids;
  for_each_failing_clause(r, [&](const release::ModifiedLicense&, const auto& c, const char* id) {
    ids.insert(id);
    f.evidence.push_back(c.evidence);
  });
  if (ids.empty()) {
    return false;
  }
  f.message = fmt::format("calls itself open source ({}) but the LICENSE file's changed {} text fails the "
                          "Open Source Definition ({})",
                          said, r.modified_licenses.front().closest, join(ids));
  out.push_back(std::move(f));
  return true;
}

// The claim and the clauses that contradict it.
void open_washing(const Release& r, const OsaidVerdict& osaid, std::vector<Finding>& out) {
  std::vector<const release::Claim*> claims = claims_of(r, ClaimKind::open_source);
  if (claims.empty()) {
    return;
  }
  // The card's own words make the clearest quote; tags and names come after.
  std::stable_sort(claims.begin(), claims.end(), [](const release::Claim* a, const release::Claim* b) {
    return (a->source == "card-text") > (b->source == "card-text");
  });
  const release::Claim& claim = *claims.front();
  std::string quote = util::clip_utf8(claim.evidence.quote, k_message_quote);
  std::string said = claims.size() == 1 ? fmt::format("\"{}\"", quote)
                                        : fmt::format("\"{}\" (and {} more)", quote, claims.size() - 1);
  std::string license = release::release_license(r);
  if (license.empty()) {
    const release::Claim* none = declared_without_license(r);
    if (none != nullptr) {
      out.push_back({"open-washing", Severity::error,
                     fmt::format("calls itself open source ({}) but declares its license '{}': no license grants the "
                                 "freedoms the Open Source Definition requires",
                                 said, none->value),
                     {claim.evidence, none->evidence}});
    } else {
      out.push_back({"open-washing", Severity::warning,
                     fmt::format("calls itself open source ({}) but no license was found", said), {claim.evidence}});
    }
    return;
  }
  if (modified_washing(r, claim, said, out)) {
    return;
  }
  std::vector<assess::CriterionVerdict> failing = assess::failing_criteria(license, false);
  if (!failing.empty()) {
    Finding f{"open-washing", Severity::error, {}, {claim.evidence}};
    std::string criteria;
    for (std::size_t i = 0; i < failing.size() && i < 3; ++i) {
      const assess::CriterionVerdict& c = failing[i];
      criteria += (criteria.empty() ? "" : ", ") + c.id;
      if (!c.evidence.empty()) {
        const assess::Evidence& e = c.evidence.front();
        Evidence where = where_found(r, e.license);
        Evidence clause{where.file, where.line, e.url, fmt::format("{} §{}: {}", e.license, e.clause, e.quote)};
        bool seen = std::any_of(f.evidence.begin(), f.evidence.end(),
                                [&](const Evidence& x) { return x.quote == clause.quote; });
        if (!seen) {
          f.evidence.push_back(std::move(clause));
        }
      }
    }
    f.message = fmt::format("calls itself open source ({}) but its license {} fails the Open Source Definition ({})",
                            said, license, criteria);
    out.push_back(std::move(f));
    return;
  }
  if (osaid.outcome == assess::Outcome::fail) {
    std::string failed;
    for (const auto& req : osaid.requirements) {
      if (req.outcome == assess::Outcome::fail) {
        failed += (failed.empty() ? "" : ", ") + req.id;
      }
    }
    out.push_back({"open-washing", Severity::warning,
                   fmt::format("calls itself open source ({}); its license is open, but as an AI system it does not "
                               "meet the Open Source AI Definition ({})",
                               said, failed),
                   {claim.evidence}});
  }
}

void mismatch(const Release& r, std::string_view role, std::string_view what, std::vector<Finding>& out) {
  std::set<std::string> declared = ids_of(r, "card-metadata");
  std::set<std::string> other = ids_of(r, role);
  if (declared.empty() || other.empty()) {
    return;
  }
  if (std::any_of(declared.begin(), declared.end(), [&](const std::string& id) { return other.count(id) > 0; })) {
    return;
  }
  out.push_back({"license-mismatch", Severity::error,
                 fmt::format("the model card declares {} but {} says {}", join(declared), what, join(other)),
                 {license_evidence(r, "card-metadata"), license_evidence(r, role)}});
}

// A LICENSE file whose license text is too changed to name: its terms are
// not those of the text it is most like, whatever the card declares. An
// error where a restrictive clause was found in it, a warning otherwise.
void modified_licenses(const Release& r, std::vector<Finding>& out) {
  std::set<std::string> declared = ids_of(r, "card-metadata");
  for (const release::ModifiedLicense& m : r.modified_licenses) {
    std::string message = fmt::format(
        "{} holds a changed {} text ({:.0f}% of its words there, others added or changed): its terms "
        "are not {}'s",
        m.file, m.closest, 100 * m.coverage, m.closest);
    if (!declared.empty()) {
      message += fmt::format(", though the model card declares {}", join(declared));
    }
    std::set<std::string> kinds;
    for (const auto& c : m.clauses) {
      kinds.insert(c.kind);
    }
    if (!kinds.empty()) {
      message += fmt::format("; it adds: {}", join(kinds));
    }
    Finding f{"license-modified",
              kinds.empty() ? Severity::warning : Severity::error,
              message,
              {modified_text_evidence(m)}};
    for (const auto& c : m.clauses) {
      f.evidence.push_back(c.evidence);
    }
    out.push_back(std::move(f));
  }
}

void missing_license(const Release& r, std::vector<Finding>& out) {
  if (r.input_kind == "license-text" || r.input_kind == "mot" || r.input_kind == "osai") {
    return;
  }
  std::vector<const release::Claim*> declared = claims_of(r, ClaimKind::declared_license);
  bool found = !r.licenses.empty() || !r.modified_licenses.empty();
  if (!found && declared.empty()) {
    out.push_back({"license-missing", Severity::error, "no license found: no LICENSE file, no license in the model card",
                   {{r.target, 0, {}, {}}}});
    return;
  }
  bool resolved = !ids_of(r, "card-metadata").empty() || !ids_of(r, "manifest").empty();
  bool text = !ids_of(r, "license-file").empty() || !ids_of(r, "model-card").empty();
  if (declared.empty() || resolved || text) {
    return;
  }
  const release::Claim& c = *declared.front();
  if (r.input_kind != "manifest") {
    out.push_back({"license-without-text", Severity::warning,
                   fmt::format("the model card declares license '{}' but no license text or known license goes with it",
                               c.value),
                   {c.evidence}});
    return;
  }
  // A manifest's "proprietary" is an answer (no license grants rights); a name
  // Aperture does not know leaves the terms unread.
  if (declared_without_license(r) == nullptr) {
    out.push_back({"license-unknown", Severity::warning,
                   fmt::format("the manifest declares license '{}', which Aperture does not know: its terms were not read",
                               c.value),
                   {c.evidence}});
  }
}

}  // namespace

release::Evidence modified_text_evidence(const release::ModifiedLicense& m) {
  const assess::KnownLicense* known = assess::find_known_license(m.closest);
  return {m.file, m.lines.first, known != nullptr ? known->url : "", "most like " + m.closest};
}

std::string modified_text_summary(const release::ModifiedLicense& m) {
  return fmt::format("{} holds a changed {} text: its terms are not {}'s", m.file, m.closest, m.closest);
}

std::vector<assess::CriterionVerdict> failing_in_modified_licenses(const Release& r) {
  std::vector<assess::CriterionVerdict> out;
  for_each_failing_clause(r, [&](const release::ModifiedLicense& m, const auto& c, const char* id) {
    std::string name = std::string_view(id) == "osd-6" ? "No Discrimination Against Fields of Endeavor"
                                                       : "No Discrimination Against Persons or Groups";
    out.push_back({id,
                   name,
                   assess::Outcome::fail,
                   fmt::format("{} adds a clause to {}'s text ({})", m.file, m.closest, c.kind),
                   {{m.closest + " (changed)", c.kind, fmt::format("{}:{}", c.evidence.file, c.evidence.line),
                     c.evidence.quote, ""}}});
  });
  return out;
}

const release::Claim* declared_without_license(const Release& r) {
  for (const release::Claim& c : r.claims) {
    if (c.kind == ClaimKind::declared_license &&
        assess::judge_openness(c.value, release::ContentType::code).openness == assess::Openness::none) {
      return &c;
    }
  }
  return nullptr;
}

std::vector<Finding> judge_findings(const Release& r, const OsaidVerdict& osaid) {
  std::vector<Finding> out = r.findings;
  open_washing(r, osaid, out);
  mismatch(r, "license-file", "the LICENSE file", out);
  modified_licenses(r, out);
  mismatch(r, "gguf-metadata", "the GGUF metadata (general.license)", out);
  missing_license(r, out);
  std::stable_sort(out.begin(), out.end(),
                   [](const Finding& a, const Finding& b) { return a.severity > b.severity; });
  return out;
}

}  // namespace aperture::frameworks
