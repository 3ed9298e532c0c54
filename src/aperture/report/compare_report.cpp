#include <algorithm>

#include <fmt/format.h>

#include <aperture/assess/known_license.hpp>
#include <aperture/report/compare_report.hpp>
#include <aperture/report/disclaimer.hpp>
#include <aperture/report/json_writer.hpp>
#include <aperture/report/license_report.hpp>

namespace aperture::report {
namespace {

using frameworks::Assessment;

constexpr const char* k_none = "-";

std::string or_none(std::string s) {
  return s.empty() ? std::string(k_none) : s;
}

std::string findings_summary(const Assessment& a) {
  int errors = 0;
  int warnings = 0;
  for (const auto& f : a.findings) {
    errors += f.severity == release::Severity::error ? 1 : 0;
    warnings += f.severity == release::Severity::warning ? 1 : 0;
  }
  return fmt::format("{} error{}, {} warning{}", errors, errors == 1 ? "" : "s", warnings,
                     warnings == 1 ? "" : "s");
}

// The verdict rows: what each release is and how each framework grades it.
std::vector<std::pair<std::string, std::string>> verdicts_of(const Assessment& a) {
  const release::Release& r = a.release;
  std::string spectrum =
      a.spectrum.level ? fmt::format("{} · {}", *a.spectrum.level, a.spectrum.label) : "unknown";
  std::string params = r.parameter_count ? assess::format_count(static_cast<double>(*r.parameter_count)) : "";
  return {
      {"Name", r.name},
      {"Publisher", r.publisher},
      {"Released", r.released},
      {"Parameters", params},
      {"License", a.osd.license},
      {"Spectrum", spectrum},
      {"MOF class", a.mof.label},
      {"OSD", std::string(assess::to_string(a.osd.outcome))},
      {"OSAID 1.0", std::string(assess::to_string(a.osaid.outcome))},
      {"OSAI index", fmt::format("{:.0f}%", a.osai.score * 100)},
      {"Findings", findings_summary(a)},
  };
}

// The release license's terms, by label; repeated labels (several use bans) joined.
std::vector<TermLine> terms_of(const Assessment& a) {
  std::vector<TermLine> out;
  const assess::KnownLicense* k = assess::find_known_license(release::release_license(a.release));
  if (k == nullptr || k->profile == nullptr) {
    return out;
  }
  for (TermLine& l : term_lines(k->profile->terms)) {
    auto same = std::find_if(out.begin(), out.end(), [&](const TermLine& o) { return o.label == l.label; });
    if (same != out.end()) {
      same->value += "; " + l.value;
    } else {
      out.push_back(std::move(l));
    }
  }
  return out;
}

void mark_differences(std::vector<CompareRow>& rows) {
  for (CompareRow& row : rows) {
    row.differs =
        std::adjacent_find(row.values.begin(), row.values.end(), std::not_equal_to<>()) != row.values.end();
  }
}

}  // namespace

std::vector<CompareRow> compare_rows(const std::vector<Assessment>& releases) {
  std::vector<CompareRow> rows;
  for (std::size_t i = 0; i < releases.size(); ++i) {
    auto verdicts = verdicts_of(releases[i]);
    for (std::size_t k = 0; k < verdicts.size(); ++k) {
      if (i == 0) {
        rows.push_back({"verdicts", verdicts[k].first, {}, false});
      }
      rows[k].values.push_back(or_none(verdicts[k].second));
    }
  }
  // Terms: every label any release's license has, in the order first met.
  std::vector<std::vector<TermLine>> terms;
  std::vector<std::string> labels;
  for (const Assessment& a : releases) {
    terms.push_back(terms_of(a));
    for (const TermLine& l : terms.back()) {
      if (std::find(labels.begin(), labels.end(), l.label) == labels.end()) {
        labels.push_back(l.label);
      }
    }
  }
  for (const std::string& label : labels) {
    CompareRow row{"terms", label, {}, false};
    for (const auto& list : terms) {
      auto it = std::find_if(list.begin(), list.end(), [&](const TermLine& l) { return l.label == label; });
      row.values.push_back(it == list.end() ? k_none : it->value);
    }
    rows.push_back(std::move(row));
  }
  for (std::size_t c = 0; c < release::k_component_kinds; ++c) {
    auto kind = static_cast<release::ComponentKind>(c);
    CompareRow row{"components", std::string(release::mof_name(kind)), {}, false};
    for (const Assessment& a : releases) {
      frameworks::ComponentState s = frameworks::component_state(a.release, kind);
      const std::string& license = a.release.component(kind).license_id;
      row.values.push_back(license.empty() ? std::string(frameworks::to_string(s.state))
                                           : fmt::format("{} ({})", frameworks::to_string(s.state), license));
    }
    rows.push_back(std::move(row));
  }
  mark_differences(rows);
  return rows;
}

std::string compare_json(const std::vector<Assessment>& releases) {
  JsonWriter w;
  w.begin_object();
  w.field("schema_version", 1).field("disclaimer", k_disclaimer);
  w.key("releases").begin_array();
  for (const Assessment& a : releases) {
    w.begin_object().field("target", a.release.target).field("name", a.release.name).end_object();
  }
  w.end_array();
  w.key("rows").begin_array();
  for (const CompareRow& row : compare_rows(releases)) {
    w.begin_object().field("section", row.section).field("label", row.label);
    w.key("values").begin_array();
    for (const std::string& v : row.values) {
      w.value(v);
    }
    w.end_array().field("differs", row.differs).end_object();
  }
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace aperture::report
