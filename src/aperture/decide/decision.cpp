#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include <aperture/assess/known_license.hpp>
#include <aperture/decide/decision.hpp>
#include <aperture/frameworks/findings.hpp>
#include <aperture/license/expression.hpp>

namespace aperture::decide {

namespace {

using release::ComponentKind;
using release::Presence;

// One license of the weights' expression, with what Aperture knows of it.
struct Leaf {
  std::string id;
  const assess::KnownLicense* known = nullptr;
  std::string file;  // where the release states it
  std::uint32_t line = 0;

  [[nodiscard]] const terms::Terms* terms() const {
    return known != nullptr && known->profile != nullptr ? &known->profile->terms : nullptr;
  }
  [[nodiscard]] bool osi() const { return known != nullptr && known->osi_approved; }
};

using Leaves = std::vector<Leaf>;

// --- citations and small helpers ----------------------------------------------------------

Cite cite(const Leaf& leaf, const terms::Citation& c) {
  return Cite{leaf.known != nullptr ? leaf.known->url : std::string(), c.clause, c.quote, leaf.file,
              leaf.line};
}

Cite cite_license(const Leaf& leaf) {
  return Cite{leaf.known != nullptr ? leaf.known->url : std::string(), "", "", leaf.file, leaf.line};
}

Check make(Verdict outcome, std::string message, std::vector<Cite> evidence = {}) {
  return Check{"", outcome, std::move(message), std::move(evidence)};
}

// Why nothing can be said of `leaf`: no license at all, one Aperture does not
// know, or one whose terms it has no reading of.
Check no_reading(const Leaf& leaf) {
  if (leaf.id.empty()) {
    return make(Verdict::unknown, "no license is known for the weights");
  }
  if (leaf.known == nullptr) {
    return make(Verdict::unknown, fmt::format("Aperture knows nothing of the license '{}'", leaf.id));
  }
  return make(Verdict::unknown, fmt::format("Aperture has no reading of {}'s terms", leaf.id),
              {cite_license(leaf)});
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return lower(haystack).find(needle) != std::string::npos;
}

// "700 million", "1.5 billion", "5000".
std::string count_text(double n) {
  if (n >= 1e9 && std::fmod(n, 1e8) == 0) {
    return fmt::format("{:g} billion", n / 1e9);
  }
  if (n >= 1e6 && std::fmod(n, 1e5) == 0) {
    return fmt::format("{:g} million", n / 1e6);
  }
  return fmt::format("{:.0f}", n);
}

// Where the release states `id`: the first license found with a role that
// speaks for the weights, else the weights component's own evidence.
void locate(const release::Release& r, Leaf& leaf) {
  for (std::string_view role : release::k_weights_license_roles) {
    for (const release::FoundLicense& f : r.licenses) {
      if (f.role == role && f.match.id == leaf.id) {
        leaf.file = f.file;
        leaf.line = f.match.lines.empty() ? 0 : f.match.lines.front().first;
        return;
      }
    }
  }
  for (const release::Evidence& e : r.component(ComponentKind::model_parameters_final).evidence) {
    if (!e.file.empty()) {
      leaf.file = e.file;
      leaf.line = e.line;
      return;
    }
  }
}

// The alternatives of the weights' license: one set of leaves for an
// expression without OR at the top, one per operand of a top-level OR.
std::vector<Leaves> alternatives_of(const release::Release& r, const std::string& expression) {
  std::vector<std::vector<std::string>> ids;
  auto parsed = license::parse_expression(expression);
  if (!parsed) {
    ids.push_back({expression});
  } else if (parsed->kind == license::Expression::Kind::disjunction) {
    for (const license::Expression& operand : parsed->operands) {
      ids.push_back(license::leaf_terms(operand));
    }
  } else {
    ids.push_back(license::leaf_terms(*parsed));
  }
  std::vector<Leaves> out;
  for (const std::vector<std::string>& set : ids) {
    Leaves leaves;
    for (const std::string& id : set) {
      Leaf leaf{id, assess::find_known_license(id)};
      locate(r, leaf);
      leaves.push_back(std::move(leaf));
    }
    out.push_back(std::move(leaves));
  }
  return out;
}

// --- per-license checks --------------------------------------------------------------------

// What a license's terms say of a right (`term`: redistribution, modification).
Check right_of(const Leaf& leaf,
               const std::optional<terms::Term>& term,
               std::string_view what,
               int osd_criterion) {
  if (leaf.known == nullptr) {
    return no_reading(leaf);
  }
  if (!term) {
    if (leaf.osi()) {
      return make(
          Verdict::allowed,
          fmt::format(
              "{} is OSI-approved: the Open Source Definition (criterion {}) requires that it allow {}",
              leaf.id, osd_criterion, what),
          {cite_license(leaf)});
    }
    return make(Verdict::unknown, fmt::format("Aperture has no reading of {}'s terms on {}", leaf.id, what),
                {cite_license(leaf)});
  }
  if (term->value == "allowed") {
    return make(Verdict::allowed, fmt::format("{} allows {}", leaf.id, what), {cite(leaf, term->cite)});
  }
  if (term->value == "banned") {
    return make(Verdict::blocked, fmt::format("{} forbids {}", leaf.id, what), {cite(leaf, term->cite)});
  }
  return make(Verdict::allowed_with_obligations, fmt::format("{} allows {} on conditions", leaf.id, what),
              {cite(leaf, term->cite)});
}

Check commercial_of(const Leaf& leaf) {
  const terms::Terms* t = leaf.terms();
  Check c = right_of(leaf, t != nullptr ? t->commercial_use : std::nullopt, "commercial use", 6);
  if (c.outcome == Verdict::allowed_with_obligations && t != nullptr && t->user_threshold) {
    c.message = fmt::format("{} allows commercial use below {} {}", leaf.id,
                            count_text(t->user_threshold->value), t->user_threshold->unit);
  }
  return c;
}

Check users_of(const Leaf& leaf, std::uint64_t users) {
  const terms::Terms* t = leaf.terms();
  if (t == nullptr || !t->user_threshold) {
    if (t != nullptr || leaf.osi()) {
      return make(Verdict::allowed, fmt::format("{} sets no user threshold", leaf.id), {cite_license(leaf)});
    }
    return no_reading(leaf);
  }
  const terms::Threshold& th = *t->user_threshold;
  if (static_cast<double>(users) > th.value) {
    return make(
        Verdict::blocked,
        fmt::format("{} users exceed {}'s threshold of {} {}: a separate license from the licensor is needed",
                    count_text(static_cast<double>(users)), leaf.id, count_text(th.value), th.unit),
        {cite(leaf, th.cite)});
  }
  return make(Verdict::allowed_with_obligations,
              fmt::format("{} users are within {}'s threshold of {} {}",
                          count_text(static_cast<double>(users)), leaf.id, count_text(th.value), th.unit),
              {cite(leaf, th.cite)});
}

// Is the release multimodal? Unknown unless its name or architecture says.
enum class Modality { multimodal, text_only, unknown };

Modality modality_of(const release::Release& r) {
  if (contains(r.name, "vision") || contains(r.architecture, "vision") ||
      contains(r.architecture, "mllama")) {
    return Modality::multimodal;
  }
  if (contains(r.architecture, "forcausallm")) {
    return Modality::text_only;
  }
  return Modality::unknown;
}

Check eu_of(const Leaf& leaf, const release::Release& r) {
  const terms::Terms* t = leaf.terms();
  if (t == nullptr && !leaf.osi()) {
    return no_reading(leaf);
  }
  if (t != nullptr) {
    for (const terms::Restriction& g : t->geographic) {
      if (!contains(g.text, "european union") && !contains(g.cite.quote, "european union")) {
        continue;
      }
      if (!contains(g.text, "multimodal")) {
        return make(Verdict::blocked, fmt::format("{} withholds its rights in the EU: {}", leaf.id, g.text),
                    {cite(leaf, g.cite)});
      }
      switch (modality_of(r)) {
      case Modality::multimodal:
        return make(
            Verdict::blocked,
            fmt::format("{} withholds its rights in the EU for multimodal models, and this one is: {}",
                        leaf.id, g.text),
            {cite(leaf, g.cite)});
      case Modality::text_only:
        return make(
            Verdict::allowed,
            fmt::format("{} withholds its rights in the EU only for multimodal models; this one ({}) is "
                        "text-only. EU law (e.g. the AI Act) still applies",
                        leaf.id, r.architecture),
            {cite(leaf, g.cite)});
      case Modality::unknown:
        return make(
            Verdict::unknown,
            fmt::format("{} withholds its rights in the EU for multimodal models; whether this release is "
                        "multimodal is not in the evidence",
                        leaf.id),
            {cite(leaf, g.cite)});
      }
    }
  }
  return make(
      Verdict::allowed,
      fmt::format("{} places no territorial restriction on the EU; EU law (e.g. the AI Act) still applies",
                  leaf.id),
      {cite_license(leaf)});
}

// Is `term` (a deny_terms name) in the license? The citations when it is.
std::optional<std::vector<Cite>> term_present(const Leaf& leaf, std::string_view term) {
  const terms::Terms& t = *leaf.terms();
  auto one = [&](const std::optional<terms::Term>& x, bool present) -> std::optional<std::vector<Cite>> {
    return present ? std::optional(std::vector<Cite>{cite(leaf, x->cite)}) : std::nullopt;
  };
  auto list = [&](const std::vector<terms::Restriction>& xs) -> std::optional<std::vector<Cite>> {
    if (xs.empty()) {
      return std::nullopt;
    }
    std::vector<Cite> out;
    for (const terms::Restriction& x : xs) {
      out.push_back(cite(leaf, x.cite));
    }
    return out;
  };
  auto threshold = [&](const std::optional<terms::Threshold>& x) -> std::optional<std::vector<Cite>> {
    return x ? std::optional(std::vector<Cite>{cite(leaf, x->cite)}) : std::nullopt;
  };
  const auto& aup = t.acceptable_use_policy;
  if (term == "non-commercial") {
    return one(t.commercial_use, t.commercial_use && t.commercial_use->value == "banned");
  }
  if (term == "user-threshold") {
    return threshold(t.user_threshold);
  }
  if (term == "revenue-threshold") {
    return threshold(t.revenue_threshold);
  }
  if (term == "field-of-use") {
    return list(t.field_of_use);
  }
  if (term == "geographic") {
    return list(t.geographic);
  }
  if (term == "acceptable-use-policy" || term == "licensor-can-change-policy") {
    bool present = aup && (term == "acceptable-use-policy" || aup->changeable_by_licensor);
    return present ? std::optional(std::vector<Cite>{cite(leaf, aup->cite)}) : std::nullopt;
  }
  if (term == "flow-down") {
    return one(t.flow_down, t.flow_down && t.flow_down->value == "yes");
  }
  if (term == "no-improving-other-models") {
    return one(t.improve_other_models, t.improve_other_models && t.improve_other_models->value == "banned");
  }
  if (term == "copyleft") {
    return one(t.copyleft, t.copyleft && t.copyleft->value != "none");
  }
  if (term == "registration") {
    return one(t.registration, t.registration && t.registration->value == "required");
  }
  if (term == "click-through") {
    return one(t.acceptance, t.acceptance && t.acceptance->value == "click-through");
  }
  return std::nullopt;
}

Check deny_term_of(const Leaf& leaf, const Rule& rule) {
  if (leaf.terms() == nullptr) {
    return no_reading(leaf);
  }
  std::optional<std::vector<Cite>> found = term_present(leaf, rule.value);
  if (!found) {
    return make(Verdict::allowed, fmt::format("{} has no {} term", leaf.id, rule.value));
  }
  return make(Verdict::blocked, fmt::format("{} has a {} term, which the policy denies", leaf.id, rule.value),
              std::move(*found));
}

// --- obligations ---------------------------------------------------------------------------

std::string duty_text(const terms::Duty& d) {
  if (d.duty == "display") {
    return fmt::format("display “{}” with products or services that use it", d.text);
  }
  if (d.duty == "name-prefix") {
    return fmt::format("begin the name of any model built with it (or its outputs) with “{}”", d.text);
  }
  if (d.duty == "copy-of-license") {
    return "give recipients a copy of the license";
  }
  if (d.duty == "credit") {
    return "credit the creators as the license asks";
  }
  if (d.duty == "mark-changes") {
    return "mark the changes you make in what you distribute";
  }
  if (!d.text.empty()) {
    return fmt::format("keep the notice “{}” in copies you distribute", d.text);
  }
  return "keep the license's notices in copies you distribute";
}

void add(std::vector<Obligation>& out,
         std::string kind,
         const Leaf& leaf,
         std::string text,
         const terms::Citation& c) {
  out.push_back(Obligation{std::move(kind), leaf.id, std::move(text), cite(leaf, c)});
}

void term_obligations(const Leaf& leaf, std::vector<Obligation>& out) {
  const terms::Terms& t = *leaf.terms();
  if (t.user_threshold) {
    add(out, "user-threshold", leaf,
        fmt::format("above {} {} you need a separate license from the licensor",
                    count_text(t.user_threshold->value), t.user_threshold->unit),
        t.user_threshold->cite);
  }
  if (t.revenue_threshold) {
    add(out, "revenue-threshold", leaf,
        fmt::format("above {} {} you need a separate license from the licensor",
                    count_text(t.revenue_threshold->value), t.revenue_threshold->unit),
        t.revenue_threshold->cite);
  }
  for (const terms::Duty& d : t.attribution) {
    add(out, d.duty, leaf, duty_text(d), d.cite);
  }
  if (const auto& aup = t.acceptable_use_policy) {
    add(out, "use-policy", leaf,
        fmt::format("follow the use policy {}{}", aup->url.empty() ? aup->policy : aup->url,
                    aup->changeable_by_licensor ? " (incorporated by reference; the licensor may change it)"
                                                : " (incorporated by reference)"),
        aup->cite);
  }
  for (const terms::Restriction& r : t.field_of_use) {
    add(out, "field-of-use", leaf, "banned use: " + r.text, r.cite);
  }
  if (t.improve_other_models && t.improve_other_models->value == "banned") {
    add(out, "improve-other-models", leaf,
        "you must not use it or its outputs to improve other models as the clause says",
        t.improve_other_models->cite);
  } else if (t.improve_other_models && t.improve_other_models->value == "conditional") {
    add(out, "improve-other-models", leaf,
        "improving other models with it or its outputs comes with conditions", t.improve_other_models->cite);
  }
  if (t.flow_down && t.flow_down->value == "yes") {
    add(out, "flow-down", leaf, "pass its use restrictions on to anyone you give it or a derivative to",
        t.flow_down->cite);
  }
  if (t.copyleft &&
      (t.copyleft->value == "strong" || t.copyleft->value == "network" || t.copyleft->value == "weak")) {
    add(out, "copyleft", leaf,
        fmt::format("{} copyleft: share derivatives under the same license", t.copyleft->value),
        t.copyleft->cite);
  }
}

std::vector<Obligation> obligations_of(const Leaves& leaves) {
  std::vector<Obligation> out;
  for (const Leaf& leaf : leaves) {
    if (leaf.terms() != nullptr) {
      term_obligations(leaf, out);
    }
  }
  return out;
}

// --- combining -----------------------------------------------------------------------------

// The check of `rule` over every license of `leaves`: the worst outcome, with
// the message of the first license that has it and the evidence of all that do.
template <typename F> Check over(const Leaves& leaves, std::string rule, F judge) {
  Check out{std::move(rule), Verdict::allowed, "", {}};
  std::vector<Check> each;
  for (const Leaf& leaf : leaves) {
    each.push_back(judge(leaf));
    out.outcome = std::max(out.outcome, each.back().outcome);
  }
  for (Check& c : each) {
    if (c.outcome != out.outcome) {
      continue;
    }
    if (out.message.empty()) {
      out.message = std::move(c.message);
    }
    out.evidence.insert(out.evidence.end(), c.evidence.begin(), c.evidence.end());
  }
  return out;
}

std::vector<Check> license_checks(const release::Release& r, const Leaves& leaves, const Policy& p) {
  std::vector<Check> out;
  const Requirements& req = p.require;
  if (req.has(Need::commercial)) {
    out.push_back(over(leaves, "commercial", commercial_of));
  }
  if (req.users) {
    out.push_back(over(leaves, "users", [&](const Leaf& l) { return users_of(l, *req.users); }));
  }
  if (req.has(Need::redistribute)) {
    out.push_back(over(leaves, "redistribute", [](const Leaf& l) {
      return right_of(l, l.terms() != nullptr ? l.terms()->redistribution : std::nullopt, "redistribution",
                      1);
    }));
  }
  if (req.has(Need::fine_tune)) {
    out.push_back(over(leaves, "fine-tune", [](const Leaf& l) {
      return right_of(l, l.terms() != nullptr ? l.terms()->modification : std::nullopt, "modification", 3);
    }));
  }
  if (req.has(Need::eu)) {
    out.push_back(over(leaves, "eu", [&](const Leaf& l) { return eu_of(l, r); }));
  }
  for (const Rule& rule : p.deny_terms) {
    out.push_back(
        over(leaves, "deny-terms:" + rule.value, [&](const Leaf& l) { return deny_term_of(l, rule); }));
  }
  return out;
}

Cite policy_cite(const Policy& p, std::uint32_t line) {
  return Cite{"", "", "", p.path, line};
}

void license_list_checks(const Leaves& leaves, const Policy& p, std::vector<Check>& out) {
  if (!p.deny_licenses.empty()) {
    out.push_back(over(leaves, "deny-licenses", [&](const Leaf& l) {
      if (l.id.empty()) {
        return no_reading(l);
      }
      for (const Rule& rule : p.deny_licenses) {
        if (license_matches(rule.value, l.id)) {
          return make(Verdict::blocked, fmt::format("the policy denies {} ({})", l.id, rule.value),
                      {cite_license(l), policy_cite(p, rule.line)});
        }
      }
      return make(Verdict::allowed, fmt::format("{} is not denied", l.id));
    }));
  }
  if (!p.allow_licenses.empty()) {
    out.push_back(over(leaves, "allow-licenses", [&](const Leaf& l) {
      if (l.id.empty()) {
        return no_reading(l);
      }
      for (const Rule& rule : p.allow_licenses) {
        if (license_matches(rule.value, l.id)) {
          return make(Verdict::allowed, fmt::format("the policy allows {} ({})", l.id, rule.value));
        }
      }
      return make(Verdict::blocked, fmt::format("{} is not among the policy's allowed licenses", l.id),
                  {cite_license(l), policy_cite(p, p.allow_licenses.front().line)});
    }));
  }
}

Verdict worst(const std::vector<Check>& checks) {
  Verdict v = Verdict::allowed;
  for (const Check& c : checks) {
    v = std::max(v, c.outcome);
  }
  return v;
}

// --- release checks ------------------------------------------------------------------------

Cite evidence_cite(const release::Evidence& e) {
  return Cite{e.url, "", e.quote, e.file, e.line};
}

std::vector<Cite> component_cites(const release::Component& c) {
  std::vector<Cite> out;
  for (const release::Evidence& e : c.evidence) {
    out.push_back(evidence_cite(e));
  }
  return out;
}

Check on_prem_of(const release::Release& r) {
  const release::Component& weights = r.component(ComponentKind::model_parameters_final);
  if (r.access == "api") {
    return make(Verdict::blocked,
                "API-only release: the weights are not published, so it cannot run on premises",
                component_cites(weights));
  }
  if (weights.presence == Presence::absent) {
    return make(Verdict::blocked, "the weights are not published, so it cannot run on premises",
                component_cites(weights));
  }
  if (weights.presence == Presence::present || r.access == "weights") {
    return make(Verdict::allowed, "the weights are published: it can run on premises",
                component_cites(weights));
  }
  return make(Verdict::unknown, "whether the weights are published is not in the evidence");
}

Check outcome_check(assess::Outcome o,
                    std::string_view name,
                    const std::string& reason,
                    const Policy& p,
                    std::uint32_t line) {
  Verdict v = o == assess::Outcome::pass   ? Verdict::allowed
              : o == assess::Outcome::fail ? Verdict::blocked
                                           : Verdict::unknown;
  std::string verdict = o == assess::Outcome::pass   ? "passes"
                        : o == assess::Outcome::fail ? "fails"
                                                     : "is unknown for";
  std::string message = fmt::format("the release {} {}", verdict, name);
  if (!reason.empty()) {
    message += ": " + reason;
  }
  return make(v, std::move(message), {policy_cite(p, line)});
}

Check evidence_check(const release::Release& r, const Rule& rule, const Policy& p) {
  if (rule.value == "license" || rule.value == "license-file") {
    for (const release::FoundLicense& f : r.licenses) {
      if (rule.value == "license" || f.role == "license-file" || f.role == "manifest") {
        std::uint32_t line = f.match.lines.empty() ? 0 : f.match.lines.front().first;
        return make(Verdict::allowed, fmt::format("{} found in {}", f.match.id, f.file),
                    {Cite{"", "", "", f.file, line}});
      }
    }
    return make(Verdict::blocked, rule.value == "license" ? "no license found" : "no license file found",
                {policy_cite(p, rule.line)});
  }
  ComponentKind kind = *release::component_kind_from_string(rule.value);
  const release::Component& c = r.component(kind);
  std::string name(release::mof_name(kind));
  if (c.presence == Presence::present) {
    return make(Verdict::allowed, name + " is published", component_cites(c));
  }
  if (c.presence == Presence::absent) {
    std::vector<Cite> cites = component_cites(c);
    cites.push_back(policy_cite(p, rule.line));
    return make(Verdict::blocked, name + " is not published", std::move(cites));
  }
  return make(Verdict::unknown, "whether " + name + " is published is not in the evidence",
              {policy_cite(p, rule.line)});
}

std::vector<Check> openness_checks(const frameworks::Assessment& a, const Policy& p) {
  std::vector<Check> out;
  if (p.min_spectrum_level) {
    Check c{"min-spectrum-level",
            Verdict::unknown,
            "the openness level is unknown",
            {policy_cite(p, p.spectrum_line)}};
    if (a.spectrum.level) {
      bool ok = *a.spectrum.level >= *p.min_spectrum_level;
      c.outcome = ok ? Verdict::allowed : Verdict::blocked;
      c.message = fmt::format("openness level {} ({}); the policy requires at least {}", *a.spectrum.level,
                              a.spectrum.label, *p.min_spectrum_level);
    }
    out.push_back(std::move(c));
  }
  if (p.require_osd) {
    Check c = outcome_check(a.osd.outcome, "the Open Source Definition", a.osd.reason, p, p.osd_line);
    c.rule = "require-osd";
    out.push_back(std::move(c));
  }
  if (p.require_osaid) {
    Check c = outcome_check(a.osaid.outcome, "the Open Source AI Definition 1.0", "", p, p.osaid_line);
    c.rule = "require-osaid";
    out.push_back(std::move(c));
  }
  if (p.min_mof_class) {
    int got = a.mof.mof_class;
    bool ok = got != 0 && got <= *p.min_mof_class;
    out.push_back(Check{"min-mof-class",
                        ok ? Verdict::allowed : Verdict::blocked,
                        fmt::format("MOF class {}; the policy requires class {} or better",
                                    got == 0 ? "none" : a.mof.label, *p.min_mof_class),
                        {policy_cite(p, p.mof_line)}});
  }
  for (const Rule& rule : p.require_evidence) {
    Check c = evidence_check(a.release, rule, p);
    c.rule = "require-evidence:" + rule.value;
    out.push_back(std::move(c));
  }
  return out;
}

// The checks of the license as a whole: is one known at all, then the
// requirement checks for the alternative that serves best.
void decide_license(const frameworks::Assessment& a, const Policy& p, Decision& d) {
  const release::Release& r = a.release;
  std::string expression = release::release_license(r);
  if (expression.empty()) {
    const std::string& declared = r.component(ComponentKind::model_parameters_final).license;
    std::string message = declared.empty() ? "no license found for the weights"
                                           : fmt::format("the weights' license is declared as '{}', which "
                                                         "grants no rights Aperture can read",
                                                         declared);
    d.checks.push_back(Check{"license", Verdict::unknown, message,
                             component_cites(r.component(ComponentKind::model_parameters_final))});
    Leaves none{Leaf{declared, nullptr}};
    std::vector<Check> rest = license_checks(r, none, p);
    license_list_checks(none, p, rest);
    d.checks.insert(d.checks.end(), rest.begin(), rest.end());
    return;
  }
  d.license = expression;
  std::vector<Leaves> alternatives = alternatives_of(r, expression);
  std::size_t best = 0;
  std::vector<std::vector<Check>> judged;
  for (std::size_t i = 0; i < alternatives.size(); ++i) {
    judged.push_back(license_checks(r, alternatives[i], p));
    license_list_checks(alternatives[i], p, judged.back());
    if (worst(judged[i]) < worst(judged[best])) {
      best = i;
    }
  }
  const Leaves& chosen = alternatives[best];
  bool all_known =
      std::all_of(chosen.begin(), chosen.end(), [](const Leaf& l) { return l.known != nullptr; });
  std::vector<Cite> where;
  for (const Leaf& l : chosen) {
    where.push_back(cite_license(l));
  }
  std::string message = all_known
                            ? fmt::format("the weights are licensed under {}", expression)
                            : fmt::format("the weights' license {} is not one Aperture knows", expression);
  if (alternatives.size() > 1) {
    message += fmt::format("; judged for the alternative that serves best: {}", chosen.front().id);
  }
  d.checks.push_back(Check{"license", all_known ? Verdict::allowed : Verdict::unknown, message, where});
  d.checks.insert(d.checks.end(), judged[best].begin(), judged[best].end());
  d.obligations = obligations_of(chosen);
}

// The obligations the release takes over from its base models and data sets
// (lineage); an inherited ban on commercial use also decides `commercial`.
void add_inherited(const frameworks::Assessment& a, const Policy& p, Decision& d) {
  for (const lineage::Obligation& o : a.lineage.obligations) {
    Cite c{o.evidence.url, "", o.evidence.quote, o.evidence.file, o.evidence.line};
    d.obligations.push_back(Obligation{o.kind, o.license, o.text, c, o.ancestor});
    if (o.kind == "non-commercial" && p.require.has(Need::commercial)) {
      d.checks.push_back(Check{
          "commercial",
          Verdict::blocked,
          fmt::format("inherited from {}: {} forbids commercial use: {}", o.ancestor, o.license, o.text),
          {c}});
    }
  }
}

// A LICENSE file too changed to name: its terms are not those of the license
// it is most like, whatever the weights' license says, so no answer is more
// than unknown; a non-commercial clause in it blocks commercial use.
void add_modified_licenses(const frameworks::Assessment& a, const Policy& p, Decision& d) {
  for (const release::ModifiedLicense& m : a.release.modified_licenses) {
    d.checks.push_back(Check{"license",
                             Verdict::unknown,
                             frameworks::modified_text_summary(m) + "; read it",
                             {evidence_cite(frameworks::modified_text_evidence(m))}});
    for (const auto& c : m.clauses) {
      if (c.kind == "non-commercial" && p.require.has(Need::commercial)) {
        d.checks.push_back(Check{
            "commercial",
            Verdict::blocked,
            fmt::format("{}'s changed {} text limits use to non-commercial purposes", m.file, m.closest),
            {evidence_cite(c.evidence)}});
      }
    }
  }
}

}  // namespace

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
  case Verdict::allowed:
    return "allowed";
  case Verdict::allowed_with_obligations:
    return "allowed-with-obligations";
  case Verdict::unknown:
    return "unknown";
  case Verdict::blocked:
    return "blocked";
  }
  return "unknown";
}

Decision decide(const frameworks::Assessment& a, const Requirements& requirements) {
  Policy p;
  p.require = requirements;
  return decide(a, p);
}

Decision decide(const frameworks::Assessment& a, const Policy& policy) {
  Decision d;
  d.target = a.release.target;
  d.name = a.release.name;
  decide_license(a, policy, d);
  add_modified_licenses(a, policy, d);
  add_inherited(a, policy, d);
  if (policy.require.has(Need::on_prem)) {
    Check c = on_prem_of(a.release);
    c.rule = "on-prem";
    d.checks.push_back(std::move(c));
  }
  std::vector<Check> openness = openness_checks(a, policy);
  d.checks.insert(d.checks.end(), openness.begin(), openness.end());
  d.verdict = worst(d.checks);
  if (d.verdict == Verdict::allowed && !d.obligations.empty()) {
    d.verdict = Verdict::allowed_with_obligations;
  }
  return d;
}

}  // namespace aperture::decide
