#include <aperture/report/scan_report.hpp>

#include <aperture/report/disclaimer.hpp>

namespace aperture::report {
namespace {

using nlohmann::ordered_json;
using release::ComponentKind;

ordered_json evidence_list(const std::vector<release::Evidence>& list) {
  ordered_json out = ordered_json::array();
  for (const auto& e : list) {
    out.push_back(to_json(e));  // a temporary: moved
  }
  return out;
}

ordered_json license_json(const release::FoundLicense& f) {
  ordered_json j;
  j["id"] = f.match.id;
  j["name"] = f.match.name;
  j["osi_approved"] = f.match.osi_approved;
  j["file"] = f.file;
  j["role"] = f.role;
  j["kind"] = license::to_string(f.match.kind);
  j["confidence"] = f.match.confidence;
  ordered_json lines = ordered_json::array();
  for (const auto& l : f.match.lines) {
    lines.push_back({l.first, l.last});
  }
  j["lines"] = lines;
  j["evidence"] = f.match.evidence;
  return j;
}

ordered_json component_json(const release::Release& r, const release::Component& c) {
  frameworks::ComponentState s = frameworks::component_state(r, c.kind);
  ordered_json j;
  j["kind"] = release::to_string(c.kind);
  j["name"] = release::mof_name(c.kind);
  j["content_type"] = release::to_string(release::content_type(c.kind));
  j["presence"] = release::to_string(c.presence);
  j["license"] = c.license_id.empty() ? ordered_json(nullptr) : ordered_json(c.license_id);
  j["state"] = frameworks::to_string(s.state);
  j["reason"] = s.reason;
  j["evidence"] = evidence_list(c.evidence);
  return j;
}

ordered_json criteria_json(const std::vector<assess::CriterionVerdict>& list) {
  ordered_json out = ordered_json::array();
  for (const auto& c : list) {
    out.push_back(to_json(c));
  }
  return out;
}

ordered_json spectrum_json(const frameworks::SpectrumVerdict& s) {
  ordered_json j;
  j["level"] = s.level ? ordered_json(*s.level) : ordered_json(nullptr);
  j["label"] = s.label;
  j["reason"] = s.reason;
  j["ceiling"] = s.ceiling;
  ordered_json layers = ordered_json::object();
  for (const auto& l : s.layers) {
    ordered_json comps = ordered_json::array();
    for (const auto& c : l.components) {
      ordered_json cj;
      cj["kind"] = release::to_string(c.kind);
      cj["state"] = frameworks::to_string(c.state);
      comps.push_back(std::move(cj));
    }
    ordered_json lj;
    lj["state"] = frameworks::to_string(l.state);
    lj["components"] = std::move(comps);
    layers[l.layer] = std::move(lj);
  }
  j["layers"] = std::move(layers);
  return j;
}

ordered_json kinds_json(const std::vector<release::ComponentKind>& list) {
  ordered_json out = ordered_json::array();
  for (auto k : list) {
    out.push_back(release::to_string(k));
  }
  return out;
}

ordered_json mof_json(const frameworks::MofVerdict& m) {
  ordered_json j;
  j["class"] = m.mof_class;
  j["label"] = m.label;
  ordered_json classes = ordered_json::array();
  for (int c = 1; c <= 3; ++c) {
    const frameworks::MofClassResult& r = m.result(c);
    ordered_json not_open = ordered_json::array();
    for (const auto& n : r.not_open) {
      ordered_json nj;
      nj["kind"] = release::to_string(n.kind);
      nj["license"] = n.license;
      nj["reason"] = n.reason;
      nj["evidence"] = evidence_list(n.evidence);
      not_open.push_back(std::move(nj));
    }
    ordered_json cj;
    cj["class"] = c;
    cj["label"] = frameworks::mof_class_label(c);
    cj["met"] = r.met();
    cj["progress"] = r.progress;
    cj["included"] = kinds_json(r.included);
    cj["missing"] = kinds_json(r.missing);
    cj["not_open"] = std::move(not_open);
    classes.push_back(std::move(cj));
  }
  j["classes"] = std::move(classes);
  return j;
}

ordered_json osai_json(const frameworks::OsaiVerdict& v, const release::Release& release) {
  auto index = frameworks::index_ratings_of(release);
  ordered_json j;
  j["score"] = v.score;
  j["unknown"] = v.unknown;
  ordered_json params = ordered_json::array();
  for (const auto& r : v.ratings) {
    ordered_json p;
    p["parameter"] = frameworks::info(r.parameter).ref;
    p["name"] = frameworks::info(r.parameter).name;
    p["rating"] = frameworks::to_string(r.rating);
    p["reason"] = r.reason;
    p["evidence"] = evidence_list(r.evidence);
    if (index) {
      p["index_rating"] = frameworks::to_string((*index)[static_cast<std::size_t>(r.parameter)]);
    }
    params.push_back(std::move(p));
  }
  j["parameters"] = std::move(params);
  if (index) {
    frameworks::OsaiAgreement a = frameworks::compare_with_index(v, *index);
    j["index_agreement"] = {{"agree", a.agreed}, {"disagree", a.disagreed}, {"aperture_unknown", a.unknown},
                            {"index_score", a.index_score}};
  }
  return j;
}

ordered_json release_json(const release::Release& r, ordered_json& j) {
  j["target"] = r.target;
  j["input_kind"] = r.input_kind;
  j["name"] = r.name;
  if (!r.publisher.empty()) {
    j["publisher"] = r.publisher;
  }
  if (!r.url.empty()) {
    j["url"] = r.url;
  }
  ordered_json licenses = ordered_json::array();
  for (const auto& f : r.licenses) {
    licenses.push_back(license_json(f));
  }
  j["licenses"] = std::move(licenses);
  ordered_json components = ordered_json::array();
  for (const auto& c : r.components) {
    components.push_back(component_json(r, c));
  }
  j["components"] = std::move(components);
  ordered_json params;
  params["count"] = r.parameter_count ? ordered_json(*r.parameter_count) : ordered_json(nullptr);
  params["evidence"] = r.parameter_count ? to_json(r.parameter_evidence) : ordered_json(nullptr);
  j["parameters"] = std::move(params);
  if (!r.architecture.empty()) {
    ordered_json arch;
    arch["name"] = r.architecture;
    arch["evidence"] = to_json(r.architecture_evidence);
    j["architecture"] = std::move(arch);
  }
  ordered_json claims = ordered_json::array();
  for (const auto& c : r.claims) {
    claims.push_back({{"kind", release::to_string(c.kind)}, {"value", c.value}, {"source", c.source},
                      {"evidence", to_json(c.evidence)}});
  }
  j["claims"] = std::move(claims);
  ordered_json bases = ordered_json::array();
  for (const auto& b : r.base_models) {
    bases.push_back({{"name", b.name}, {"relation", b.relation}, {"evidence", to_json(b.evidence)}});
  }
  j["base_models"] = std::move(bases);
  ordered_json files = ordered_json::array();
  for (const auto& f : r.files) {
    ordered_json fj{{"path", f.path}, {"size", f.size}, {"kind", f.kind}};
    if (f.stands_for != 0) {
      fj["lfs_size"] = f.stands_for;
    }
    files.push_back(std::move(fj));
  }
  j["files"] = std::move(files);
  return j;
}

}  // namespace

ordered_json to_json(const release::Evidence& e) {
  ordered_json j = ordered_json::object();
  if (!e.file.empty()) {
    j["file"] = e.file;
  }
  if (e.line != 0) {
    j["line"] = e.line;
  }
  if (!e.url.empty()) {
    j["url"] = e.url;
  }
  if (!e.quote.empty()) {
    j["quote"] = e.quote;
  }
  return j;
}

ordered_json to_json(const release::Finding& f) {
  ordered_json j;
  j["rule"] = f.rule;
  j["severity"] = release::to_string(f.severity);
  j["message"] = f.message;
  j["evidence"] = evidence_list(f.evidence);
  return j;
}

ordered_json to_json(const assess::CriterionVerdict& c) {
  ordered_json ev = ordered_json::array();
  for (const auto& e : c.evidence) {
    ordered_json ej = ordered_json::object();
    for (auto [key, value] : {std::pair{"license", &e.license}, {"term", &e.term}, {"clause", &e.clause},
                              {"quote", &e.quote}, {"url", &e.url}}) {
      if (!value->empty()) {
        ej[key] = *value;
      }
    }
    ev.push_back(std::move(ej));
  }
  ordered_json j;
  j["id"] = c.id;
  j["name"] = c.name;
  j["outcome"] = assess::to_string(c.outcome);
  j["reason"] = c.reason;
  j["evidence"] = std::move(ev);
  return j;
}

ordered_json to_json(const frameworks::Assessment& a) {
  ordered_json j;
  j["schema_version"] = k_scan_schema_version;
  j["disclaimer"] = k_disclaimer;
  release_json(a.release, j);
  ordered_json v;
  v["osd"] = {{"outcome", assess::to_string(a.osd.outcome)}, {"license", a.osd.license}, {"reason", a.osd.reason},
              {"failing", criteria_json(a.osd.failing)}};
  v["osaid"] = {{"outcome", assess::to_string(a.osaid.outcome)}, {"requirements", criteria_json(a.osaid.requirements)}};
  v["mof_class"] = mof_json(a.mof);
  v["spectrum"] = spectrum_json(a.spectrum);
  v["osai"] = osai_json(a.osai, a.release);
  j["verdicts"] = std::move(v);
  ordered_json findings = ordered_json::array();
  for (const auto& f : a.findings) {
    findings.push_back(to_json(f));
  }
  j["findings"] = std::move(findings);
  return j;
}

}  // namespace aperture::report
