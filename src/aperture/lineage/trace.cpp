#include <deque>
#include <map>
#include <utility>

#include <fmt/format.h>

#include <aperture/assess/known_license.hpp>
#include <aperture/lineage/trace.hpp>
#include <aperture/util/text.hpp>

namespace aperture::lineage {

using release::Evidence;
using release::Finding;
using release::Severity;

namespace {

// A base still to visit: who names it and how deep it sits.
struct Pending {
  BaseRef base;
  std::string child;
  int depth = 1;
};

std::string key_of(std::string_view name) {
  return util::ascii_lower(util::trim(name));
}

class Tracer {
public:
  Tracer(const Subject& subject, Resolver& resolver, const TraceLimits& limits)
      : m_subject(subject), m_resolver(resolver), m_limits(limits) {}

  Lineage run(const std::vector<BaseRef>& bases, const std::vector<Dataset>& datasets) {
    m_lineage.datasets = datasets;
    enqueue(bases, m_subject.name, 1);
    // Breadth first, so each ancestor is reached at its smallest depth.
    while (!m_queue.empty()) {
      Pending p = std::move(m_queue.front());
      m_queue.pop_front();
      visit(std::move(p));
    }
    resolve_datasets();
    apply_rules(m_subject, m_lineage);
    return std::move(m_lineage);
  }

private:
  void enqueue(const std::vector<BaseRef>& bases, const std::string& child, int depth) {
    for (const BaseRef& b : bases) {
      m_queue.push_back({b, child, depth});
    }
  }

  void visit(Pending p) {
    std::string key = key_of(p.base.name);
    if (key.empty()) {
      return;
    }
    if (key == key_of(m_subject.name) || m_parent_of.contains(key)) {
      note_repeat(p, key);
      return;
    }
    if (p.depth > m_limits.max_depth || m_lineage.ancestors.size() >= m_limits.max_ancestors) {
      note_limit(p);
      return;
    }
    m_parent_of[key] = key_of(p.child);
    Ancestor a{p.base.name, p.base.relation, p.base.relation_inferred,
               p.depth,     p.child,         {},
               {},          p.base.evidence, {}};
    std::optional<ResolvedModel> r = m_resolver.resolve(p.base.name);
    if (!r) {
      m_lineage.ancestors.push_back(std::move(a));
      note_unresolved(m_lineage.ancestors.size() - 1);
      return;
    }
    a.resolved_by = r->resolved_by;
    a.license = r->license;
    a.license_evidence = r->license_evidence;
    m_lineage.ancestors.push_back(std::move(a));
    enqueue(r->bases, p.base.name, p.depth + 1);
    for (Dataset& d : r->datasets) {
      d.named_by = p.base.name;
      m_lineage.datasets.push_back(std::move(d));
    }
  }

  // The license of each data set no record states, from the resolver.
  void resolve_datasets() {
    for (Dataset& d : m_lineage.datasets) {
      if (!d.license.empty()) {
        continue;
      }
      if (std::optional<Dataset> known = m_resolver.resolve_dataset(d.name)) {
        d.license = std::move(known->license);
        d.resolved_by = std::move(known->resolved_by);
        d.license_evidence = std::move(known->license_evidence);
        d.note = std::move(known->note);
      }
    }
  }

  // A name seen before: a cycle when it is the subject or on the path that
  // leads to its child; a second path to a shared ancestor otherwise.
  void note_repeat(const Pending& p, const std::string& key) {
    bool self = key == key_of(m_subject.name);
    bool cycle = self;
    std::string at = key_of(p.child);
    for (int steps = 0; !cycle && steps <= m_limits.max_depth && m_parent_of.contains(at); ++steps) {
      cycle = at == key;
      at = m_parent_of[at];
    }
    if (!cycle) {
      return;
    }
    std::string message =
        p.depth == 1 && self
            ? fmt::format("{} names itself as its base model", p.base.name)
            : fmt::format("{} names {} as its base, which leads back to {}: the lineage is a cycle and is "
                          "followed once",
                          p.child, p.base.name, self ? "this release" : p.base.name);
    m_lineage.findings.push_back({"lineage-cycle", Severity::warning, message, {p.base.evidence}});
  }

  void note_limit(const Pending& p) {
    if (m_limit_noted) {
      return;
    }
    m_limit_noted = true;
    bool deep = p.depth > m_limits.max_depth;
    std::string message =
        deep ? fmt::format(
                   "the lineage is deeper than {} models; {} (named by {}) and what lies above are not "
                   "followed",
                   m_limits.max_depth, p.base.name, p.child)
             : fmt::format(
                   "the lineage has more than {} ancestors; {} (named by {}) and the rest are not followed",
                   m_limits.max_ancestors, p.base.name, p.child);
    m_lineage.findings.push_back(
        {deep ? "lineage-too-deep" : "lineage-too-large", Severity::warning, message, {p.base.evidence}});
  }

  void note_unresolved(std::size_t index) {
    const Ancestor& a = m_lineage.ancestors[index];
    m_lineage.findings.push_back(
        {"ancestor-unresolved",
         Severity::warning,
         fmt::format("base model {} was not found in {}: its license and what it passes on are unknown: {}",
                     a.name, m_resolver.where(), chain_text(m_subject, m_lineage.ancestors, index)),
         {a.evidence}});
  }

  const Subject& m_subject;
  Resolver& m_resolver;
  const TraceLimits& m_limits;
  Lineage m_lineage;
  std::deque<Pending> m_queue;
  std::map<std::string, std::string> m_parent_of;  // visited ancestor → the child that first named it
  bool m_limit_noted = false;
};

std::vector<std::string> file_names(const release::Release& r) {
  std::vector<std::string> out;
  for (const release::FileEntry& f : r.files) {
    out.push_back(f.path);
  }
  return out;
}

// The license a manifest gives a dataset, kept only in its evidence quote
// ("dataset: NAME (LICENSE)", formats/manifest.cpp).
std::string manifest_dataset_license(const release::Claim& c) {
  std::string_view q = c.evidence.quote;
  std::string prefix = fmt::format("dataset: {} (", c.value);
  if (c.source != "manifest" || !q.starts_with(prefix) || !q.ends_with(")")) {
    return {};
  }
  return std::string(q.substr(prefix.size(), q.size() - prefix.size() - 1));
}

Evidence license_evidence_of(const release::Release& r, const std::string& license) {
  Evidence e;
  for (const release::FoundLicense& f : r.licenses) {
    if (f.match.id == license) {
      e.file = f.file;
      e.line = f.match.lines.empty() ? 0 : f.match.lines.front().first;
      break;
    }
  }
  const assess::KnownLicense* k = assess::find_known_license(license);
  e.url = k != nullptr && !k->url.empty() ? k->url : r.url;
  e.quote = "license: " + license;
  return e;
}

}  // namespace

Lineage trace(const Subject& subject,
              const std::vector<BaseRef>& bases,
              const std::vector<Dataset>& datasets,
              Resolver& resolver,
              const TraceLimits& limits) {
  return Tracer(subject, resolver, limits).run(bases, datasets);
}

Lineage trace_release(const release::Release& release, Resolver& resolver, const TraceLimits& limits) {
  return trace(subject_of(release), bases_of(release), datasets_of(release), resolver, limits);
}

Subject subject_of(const release::Release& r) {
  Subject s;
  s.name = r.name;
  s.license = release::release_license(r);
  for (const release::Claim& c : r.claims) {
    if (c.kind == release::ClaimKind::declared_license) {
      s.declaration = c.evidence;
      break;
    }
  }
  if (s.declaration.quote.empty() && !s.license.empty()) {
    s.declaration = license_evidence_of(r, s.license);
  }
  s.files_listed = r.input_kind == "directory" || r.input_kind == "hub";
  for (const release::FoundLicense& f : r.licenses) {
    if (f.role == "license-file" || f.role == "notice") {
      s.license_copies.push_back(f.match.id);
    }
  }
  s.card_read = r.card_phrases.has_value();
  if (r.card_phrases) {
    s.shown_phrases = *r.card_phrases;
  }
  return s;
}

std::vector<BaseRef> bases_of(const release::Release& r) {
  std::vector<BaseRef> out;
  std::vector<std::string> files = file_names(r);
  for (const release::BaseModel& b : r.base_models) {
    // An OSAI-index entry names its own model as the base when base and end
    // model are one (formats/osai_file.cpp): that is no lineage.
    if (r.input_kind == "osai" && util::ascii_lower(b.name) == util::ascii_lower(r.name)) {
      continue;
    }
    BaseRef ref{b.name, infer_relation(b.relation, r.name, files, r.base_models.size()), b.relation.empty(),
                b.evidence};
    out.push_back(std::move(ref));
  }
  return out;
}

std::vector<Dataset> datasets_of(const release::Release& r) {
  std::vector<Dataset> out;
  for (const release::Claim& c : r.claims) {
    if (c.kind == release::ClaimKind::dataset) {
      out.push_back({c.value, manifest_dataset_license(c), r.name, c.evidence});
    }
  }
  return out;
}

ResolvedModel resolved_of(const release::Release& r, std::string resolved_by) {
  ResolvedModel m;
  m.license = release::release_license(r);
  if (!m.license.empty()) {
    m.license_evidence = license_evidence_of(r, m.license);
  }
  m.bases = bases_of(r);
  m.datasets = datasets_of(r);
  m.resolved_by = std::move(resolved_by);
  return m;
}

}  // namespace aperture::lineage
