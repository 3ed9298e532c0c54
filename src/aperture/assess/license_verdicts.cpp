#include <aperture/assess/license_verdicts.hpp>

#include <fmt/format.h>

namespace aperture::assess {

namespace {

using terms::LicenseProfile;
using terms::Term;

// Builds one criterion verdict, collecting the evidence that decides it.
class Criterion {
public:
  Criterion(const LicenseProfile& p, std::string id, std::string name) : m_p(p) {
    m_v.id = std::move(id);
    m_v.name = std::move(name);
  }

  // Records a failing term.
  void fail(const char* term, const terms::Citation& cite, const std::string& reason) {
    m_v.outcome = Outcome::fail;
    add_reason(reason);
    m_v.evidence.push_back(Evidence{m_p.id, term, cite.clause, cite.quote, m_p.url});
  }
  // Records more evidence for a failure already explained.
  void also(const char* term, const terms::Citation& cite) {
    m_v.evidence.push_back(Evidence{m_p.id, term, cite.clause, cite.quote, m_p.url});
  }
  // Records a term that supports a pass (kept only if nothing fails).
  void support(const char* term, const terms::Citation& cite) {
    m_support.push_back(Evidence{m_p.id, term, cite.clause, cite.quote, m_p.url});
  }

  CriterionVerdict finish(Outcome when_no_failure, const std::string& reason) {
    if (m_v.outcome != Outcome::fail) {
      m_v.outcome = when_no_failure;
      m_v.reason = reason;
      m_v.evidence = m_support;
    }
    return m_v;
  }

private:
  void add_reason(const std::string& reason) {
    m_v.reason += (m_v.reason.empty() ? "" : "; ") + reason;
  }

  const LicenseProfile& m_p;
  CriterionVerdict m_v;
  std::vector<Evidence> m_support;
};

bool is(const std::optional<Term>& t, std::string_view value) {
  return t && t->value == value;
}

// Restrictions on who may use the license: thresholds and territories.
void check_persons(const LicenseProfile& p, Criterion& c) {
  const terms::Terms& t = p.terms;
  if (t.user_threshold) {
    c.fail("user_threshold", t.user_threshold->cite,
           "licensees above " + format_count(t.user_threshold->value) + " " + t.user_threshold->unit + " need another licence");
  }
  if (t.revenue_threshold) {
    c.fail("revenue_threshold", t.revenue_threshold->cite,
           "licensees above " + format_count(t.revenue_threshold->value) + " " + t.revenue_threshold->unit +
               " need another licence");
  }
  for (const auto& g : t.geographic) {
    c.fail("geographic", g.cite, "territorial limit: " + g.text);
  }
}

// Restrictions on what the licensed work may be used for.
void check_fields(const LicenseProfile& p, Criterion& c) {
  const terms::Terms& t = p.terms;
  if (is(t.commercial_use, "banned")) {
    c.fail("commercial_use", t.commercial_use->cite, "commercial use is not allowed");
  } else if (is(t.commercial_use, "conditional")) {
    c.fail("commercial_use", t.commercial_use->cite, "commercial use is allowed only on conditions");
  } else if (t.commercial_use) {
    c.support("commercial_use", t.commercial_use->cite);
  }
  if (!t.field_of_use.empty()) {
    std::size_t n = t.field_of_use.size();
    c.fail("field_of_use", t.field_of_use.front().cite,
           n == 1 ? "use banned: " + t.field_of_use.front().text
                  : fmt::format("{} uses banned, e.g. {}", n, t.field_of_use.front().text));
    for (std::size_t i = 1; i < n; ++i) {
      c.also("field_of_use", t.field_of_use[i].cite);
    }
  }
  if (is(t.improve_other_models, "banned")) {
    c.fail("improve_other_models", t.improve_other_models->cite,
           "the work or its outputs may not be used to improve other models");
  }
  if (t.acceptable_use_policy && t.acceptable_use_policy->incorporated) {
    c.fail("acceptable_use_policy", t.acceptable_use_policy->cite,
           "use is bound by an acceptable-use policy (" + t.acceptable_use_policy->policy + ")");
  }
}

// A permission term (`modification`, `redistribution`): a ban fails `c` with
// `banned_reason`; any other recorded value supports a pass. Returns the
// outcome when nothing else fails: pass when recorded, unknown when not.
Outcome check_permission(Criterion& c, const char* name, const std::optional<Term>& term,
                         const std::string& banned_reason) {
  if (is(term, "banned")) {
    c.fail(name, term->cite, banned_reason);
  } else if (term) {
    c.support(name, term->cite);
  }
  return term ? Outcome::pass : Outcome::unknown;
}

std::vector<CriterionVerdict> judge_osd(const LicenseProfile& p) {
  const terms::Terms& t = p.terms;
  std::vector<CriterionVerdict> out;

  // Conditions on redistribution (notices, renaming) are allowed; a ban is not.
  Criterion c1(p, "osd-1", "Free Redistribution");
  Outcome c1_outcome = check_permission(c1, "redistribution", t.redistribution, "redistribution is not allowed");
  if (is(t.commercial_use, "banned")) {
    c1.fail("commercial_use", t.commercial_use->cite, "the work may not be sold or used commercially");
  }
  out.push_back(c1.finish(c1_outcome, t.redistribution ? "redistribution allowed, by sale or gift"
                                                        : "redistribution not recorded"));

  Criterion c2(p, "osd-2", "Source Code");
  out.push_back(c2.finish(Outcome::not_applicable, "whether source is published is a property of the release"));

  Criterion c3(p, "osd-3", "Derived Works");
  Outcome c3_outcome = check_permission(c3, "modification", t.modification, "derivative works are not allowed");
  out.push_back(c3.finish(c3_outcome, t.modification ? "modification and derived works allowed"
                                                      : "modification not recorded"));

  Criterion c4(p, "osd-4", "Integrity of The Author's Source Code");
  for (const auto& d : t.attribution) {
    if (d.duty == "name-prefix" || d.duty == "mark-changes") {
      c4.support("attribution", d.cite);
    }
  }
  out.push_back(c4.finish(Outcome::pass, "naming or change-marking duties are allowed by this criterion"));

  Criterion c5(p, "osd-5", "No Discrimination Against Persons or Groups");
  check_persons(p, c5);
  out.push_back(c5.finish(Outcome::pass, "no term excludes persons or groups"));

  Criterion c6(p, "osd-6", "No Discrimination Against Fields of Endeavor");
  check_fields(p, c6);
  out.push_back(c6.finish(Outcome::pass, "no term restricts fields of use"));

  Criterion c7(p, "osd-7", "Distribution of License");
  if (is(t.registration, "required")) {
    c7.fail("registration", t.registration->cite, "recipients must register or request access");
  }
  if (t.acceptable_use_policy && t.acceptable_use_policy->changeable_by_licensor) {
    c7.fail("acceptable_use_policy", t.acceptable_use_policy->cite,
            "rights depend on a policy the licensor may change");
  }
  out.push_back(c7.finish(Outcome::pass, "rights pass to recipients with no further agreement"));

  Criterion c8(p, "osd-8", "License Must Not Be Specific to a Product");
  out.push_back(c8.finish(Outcome::pass, "no term ties the rights to a product"));

  Criterion c9(p, "osd-9", "License Must Not Restrict Other Software");
  out.push_back(c9.finish(Outcome::pass, "no term restricts software distributed alongside"));

  Criterion c10(p, "osd-10", "License Must Be Technology-Neutral");
  if (is(t.acceptance, "click-through")) {
    c10.fail("acceptance", t.acceptance->cite, "the agreement is formed by clicking \"I accept\"");
  }
  out.push_back(c10.finish(Outcome::pass, "no particular technology or interface is required"));
  return out;
}

std::vector<CriterionVerdict> judge_osaid(const LicenseProfile& p) {
  const terms::Terms& t = p.terms;
  std::vector<CriterionVerdict> out;

  Criterion use(p, "osaid-use", "Use the system for any purpose, without having to ask for permission");
  check_fields(p, use);
  check_persons(p, use);
  if (is(t.registration, "required")) {
    use.fail("registration", t.registration->cite, "users must register or ask for access");
  }
  out.push_back(use.finish(Outcome::pass, "any purpose, no permission needed"));

  Criterion study(p, "osaid-study", "Study how the system works and inspect its components");
  out.push_back(study.finish(Outcome::pass, "no term restricts study"));

  Criterion modify(p, "osaid-modify", "Modify the system for any purpose, including to change its output");
  Outcome modify_outcome = check_permission(modify, "modification", t.modification, "modification is not allowed");
  if (is(t.commercial_use, "banned")) {
    modify.fail("commercial_use", t.commercial_use->cite, "modified versions may not be used commercially");
  }
  out.push_back(modify.finish(modify_outcome, t.modification ? "modification allowed" : "modification not recorded"));

  Criterion share(p, "osaid-share", "Share the system for others to use, with or without modifications, for any purpose");
  Outcome share_outcome = check_permission(share, "redistribution", t.redistribution, "redistribution is not allowed");
  if (is(t.commercial_use, "banned")) {
    share.fail("commercial_use", t.commercial_use->cite, "copies may not be shared for commercial purposes");
  }
  if (is(t.flow_down, "yes")) {
    share.fail("flow_down", t.flow_down->cite, "recipients must be bound by the same use restrictions");
  }
  out.push_back(share.finish(share_outcome, t.redistribution ? "sharing allowed for any purpose"
                                                              : "redistribution not recorded"));
  return out;
}

}  // namespace

LicenseVerdicts judge_license(const terms::LicenseProfile& profile, bool osi_approved) {
  LicenseVerdicts v;
  v.osd = judge_osd(profile);
  v.osd_overall = combine(v.osd);
  v.osi_approved = osi_approved;
  if (osi_approved && v.osd_overall == Outcome::unknown) {
    v.osd_overall = Outcome::pass;  // the OSI reviewed it against the OSD
  }
  v.osaid = judge_osaid(profile);
  v.osaid_overall = combine(v.osaid);
  return v;
}

}  // namespace aperture::assess
