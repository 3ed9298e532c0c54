#include <aperture/frameworks/mof.hpp>

#include <algorithm>

#include <aperture/assess/license_openness.hpp>

namespace aperture::frameworks {
namespace {

using release::ComponentKind;

// The MOF 1.0 components with their class and required flag, as the MOT
// defines them in
// https://github.com/lfai/model_openness_tool/blob/main/web/modules/mof/config/install/mof.settings.yml
// (content types come from release::content_type). Order: class III, II, I.
constexpr std::array<MofComponent, release::k_mof_component_kinds> k_components = {{
    {ComponentKind::model_architecture, 3, true},
    {ComponentKind::model_parameters_final, 3, true},
    {ComponentKind::evaluation_results, 3, true},
    {ComponentKind::model_card, 3, true},
    {ComponentKind::data_card, 3, true},
    {ComponentKind::technical_report, 3, true},
    {ComponentKind::sample_outputs, 3, false},
    {ComponentKind::training_code, 2, true},
    {ComponentKind::inference_code, 2, true},
    {ComponentKind::evaluation_code, 2, true},
    {ComponentKind::evaluation_data, 2, true},
    {ComponentKind::supporting_libraries, 2, false},
    {ComponentKind::datasets, 1, true},
    {ComponentKind::data_preprocessing_code, 1, true},
    {ComponentKind::model_parameters_intermediate, 1, true},
    {ComponentKind::research_paper, 1, true},
    {ComponentKind::model_metadata, 1, false},
}};

// How a component of the release stands for the MOF.
enum class Standing { included, missing, not_open };

struct Judged {
  Standing standing = Standing::missing;
  MofNotOpen not_open;
};

// The license a reader resolved, else the license as written.
std::string_view license_of(const release::Component& c) {
  return c.license_id.empty() ? std::string_view(c.license) : std::string_view(c.license_id);
}

Judged judge_component(const release::Release& r, ComponentKind kind) {
  const release::Component& c = r.component(kind);
  if (c.presence != release::Presence::present) {
    return {};
  }
  assess::LicenseOpenness o = assess::judge_openness(license_of(c), release::content_type(kind));
  if (o.openness == assess::Openness::open) {
    return {Standing::included, {}};
  }
  std::string license = c.license.empty() ? c.license_id : c.license;
  return {Standing::not_open, MofNotOpen{kind, std::move(license), std::move(o.reason), c.evidence}};
}

void add(MofClassResult& result, const Judged& j, ComponentKind kind) {
  switch (j.standing) {
  case Standing::included: result.included.push_back(kind); break;
  case Standing::missing: result.missing.push_back(kind); break;
  case Standing::not_open: result.not_open.push_back(j.not_open); break;
  }
}

bool contains(const std::vector<ComponentKind>& kinds, ComponentKind kind) {
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::size_t required_in(int mof_class) {
  return static_cast<std::size_t>(std::count_if(k_components.begin(), k_components.end(), [&](const MofComponent& c) {
    return c.mof_class == mof_class && c.required;
  }));
}

// Sorts the required components of `mof_class` and every class above it.
MofClassResult sort_components(const release::Release& r, int mof_class) {
  MofClassResult result;
  result.mof_class = mof_class;
  for (const MofComponent& c : k_components) {
    if (c.required && c.mof_class >= mof_class) {
      add(result, judge_component(r, c.kind), c.kind);
    }
  }
  return result;
}

// The MOT lets a research paper stand in for a technical report that is not
// included: the report is no longer missing, and Classes III and II count the
// paper in its place (Class I asks for the paper anyway and instead needs one
// component fewer; see progress_of).
void let_paper_stand_in(const release::Release& r, std::array<MofClassResult, 3>& classes) {
  if (contains(classes[2].included, ComponentKind::technical_report) ||
      r.component(ComponentKind::research_paper).presence != release::Presence::present) {
    return;
  }
  Judged paper = judge_component(r, ComponentKind::research_paper);
  for (MofClassResult& result : classes) {
    std::erase(result.missing, ComponentKind::technical_report);
    if (result.mof_class > 1) {
      add(result, paper, ComponentKind::research_paper);
      result.research_paper_for_report = paper.standing == Standing::included;
    }
  }
}

// The MOT's progress (ModelEvaluator::getProgress): 0 while a class above is
// not met, else included / required of the cumulative class, at most 100.
double progress_of(const std::array<MofClassResult, 3>& classes, int mof_class) {
  std::size_t total = 0;
  std::size_t included = 0;
  for (int i = 3; i >= mof_class; --i) {
    total += required_in(i);
    included = classes[static_cast<std::size_t>(i - 1)].included.size();
    if (included < total && i > mof_class) {
      return 0;
    }
  }
  const MofClassResult& result = classes[static_cast<std::size_t>(mof_class - 1)];
  if (mof_class == 1 && !contains(result.included, ComponentKind::technical_report) &&
      contains(result.included, ComponentKind::research_paper)) {
    --total;
  }
  return std::min(100.0, static_cast<double>(included) * 100.0 / static_cast<double>(total));
}

}  // namespace

std::span<const MofComponent> mof_components() { return k_components; }

std::string_view mof_class_label(int mof_class) {
  switch (mof_class) {
  case 1: return "Class I - Open Science";
  case 2: return "Class II - Open Tooling";
  case 3: return "Class III - Open Model";
  default: return "Unclassified";
  }
}

MofVerdict judge_mof(const release::Release& release) {
  MofVerdict verdict;
  for (int c = 1; c <= 3; ++c) {
    verdict.classes[static_cast<std::size_t>(c - 1)] = sort_components(release, c);
  }
  let_paper_stand_in(release, verdict.classes);
  for (int c = 3; c >= 1; --c) {
    MofClassResult& result = verdict.classes[static_cast<std::size_t>(c - 1)];
    result.progress = progress_of(verdict.classes, c);
    if (c == 1 && !contains(result.included, ComponentKind::technical_report) &&
        contains(result.included, ComponentKind::research_paper)) {
      result.research_paper_for_report = true;
    }
    if (result.met()) {
      verdict.mof_class = c;
    }
  }
  verdict.label = std::string(mof_class_label(verdict.mof_class));
  return verdict;
}

}  // namespace aperture::frameworks
