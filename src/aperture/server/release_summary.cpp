#include <algorithm>

#include <nlohmann/json.hpp>

#include <aperture/decide/decision.hpp>
#include <aperture/frameworks/component_verdict.hpp>
#include <aperture/report/scan_report.hpp>
#include <aperture/server/release_summary.hpp>

namespace aperture::server {
namespace {

// OSD and OSAID outcomes as the API's three values ("not applicable" is unknown).
std::string outcome_label(assess::Outcome outcome) {
  switch (outcome) {
  case assess::Outcome::pass:
    return "pass";
  case assess::Outcome::fail:
    return "fail";
  case assess::Outcome::not_applicable:
  case assess::Outcome::unknown:
    break;
  }
  return "unknown";
}

std::vector<std::string> license_ids(const release::Release& r) {
  std::vector<std::string> ids;
  for (const release::FoundLicense& f : r.licenses) {
    if (std::find(ids.begin(), ids.end(), f.match.id) == ids.end()) {
      ids.push_back(f.match.id);
    }
  }
  return ids;
}

bool has_open_washing(const frameworks::Assessment& a) {
  return std::any_of(a.findings.begin(), a.findings.end(),
                     [](const release::Finding& f) { return f.rule == "open-washing"; });
}

std::string summary_json(const store::ReleaseRecord& r, const frameworks::Assessment& a) {
  nlohmann::ordered_json components = nlohmann::ordered_json::object();
  for (const release::Component& c : a.release.components) {
    components[std::string(release::to_string(c.kind))] =
        frameworks::to_string(frameworks::component_state(a.release, c.kind).state);
  }
  nlohmann::ordered_json j{{"id", r.id},
                           {"name", r.name},
                           {"publisher", r.publisher},
                           {"licenses", r.licenses},
                           {"level", r.level ? nlohmann::ordered_json(*r.level) : nlohmann::ordered_json()},
                           {"level_label", frameworks::spectrum_label(r.level.value_or(0))},
                           {"commercial", r.commercial},
                           {"osd", r.osd},
                           {"osaid", r.osaid},
                           {"mof", r.mof},
                           {"components", components},
                           {"open_washing", r.open_washing},
                           {"assessed_at", r.assessed_at},
                           {"source", r.source}};
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

std::string commercial_label(const frameworks::Assessment& assessment) {
  decide::Requirements needs;
  needs.needs.push_back(decide::Need::commercial);
  decide::Decision d = decide::decide(assessment, needs);
  for (const decide::Check& c : d.checks) {
    if (c.rule != "commercial") {
      continue;
    }
    switch (c.outcome) {
    case decide::Verdict::allowed:
      return "allowed";
    case decide::Verdict::allowed_with_obligations:
      return "restricted";
    case decide::Verdict::blocked:
      return "forbidden";
    case decide::Verdict::unknown:
      return "unknown";
    }
  }
  return "unknown";
}

std::string mof_label(int mof_class) {
  switch (mof_class) {
  case 1:
    return "class-i";
  case 2:
    return "class-ii";
  case 3:
    return "class-iii";
  default:
    return "none";
  }
}

std::string id_from_name(std::string_view name) {
  std::string id;
  for (char ch : name) {
    auto c = static_cast<unsigned char>(ch);
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    if (keep) {
      id += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && id.back() == '-') {
    id.pop_back();
  }
  return id.substr(0, 128);
}

bool valid_release_id(std::string_view id) {
  if (id.empty() || id.size() > 128) {
    return false;
  }
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  return alnum(id.front()) && std::all_of(id.begin(), id.end(), [&](char c) {
           return alnum(c) || c == '.' || c == '_' || c == '-';
         });
}

store::ReleaseRecord release_record(const frameworks::Assessment& a,
                                    const std::string& id,
                                    const std::string& source,
                                    const std::string& assessed_at) {
  store::ReleaseRecord r;
  r.id = id;
  r.name = a.release.name.empty() ? id : a.release.name;
  r.publisher = a.release.publisher;
  r.source = source;
  r.licenses = license_ids(a.release);
  r.level = a.spectrum.level;
  r.commercial = commercial_label(a);
  r.osd = outcome_label(a.osd.outcome);
  r.osaid = outcome_label(a.osaid.outcome);
  r.mof = mof_label(a.mof.mof_class);
  r.open_washing = has_open_washing(a);
  r.assessed_at = assessed_at;
  r.summary_json = summary_json(r, a);
  r.scan_json = report::scan_json(a);
  return r;
}

}  // namespace aperture::server
