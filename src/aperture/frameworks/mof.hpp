// The Model Openness Framework (MOF) class of a release, by the rules of the
// Model Openness Tool (MOT). The framework is data (which component belongs to
// which class, which are required); the rules are judge_mof. Whether a license
// is open is Aperture's own answer (assess::judge_openness), not the MOT's lists.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/release/release.hpp>

namespace aperture::frameworks {

// One MOF component: the class that first asks for it and whether it is
// required there (optional components never decide a class).
struct MofComponent {
  release::ComponentKind kind = release::ComponentKind::model_architecture;
  int mof_class = 3;  // 1, 2 or 3
  bool required = true;
};

// The 17 components as the MOT defines them.
std::span<const MofComponent> mof_components();

// "Class I - Open Science", "Class II - Open Tooling", "Class III - Open Model";
// "Unclassified" for 0.
std::string_view mof_class_label(int mof_class);

// A present component whose license Aperture does not judge open for what it holds.
struct MofNotOpen {
  release::ComponentKind kind = release::ComponentKind::model_architecture;
  std::string license;  // as the release gives it; empty when none was given
  std::string reason;   // judge_openness's reason, or "no license given"
  std::vector<release::Evidence> evidence;
};

// What one class asks for and how much of it the release meets. Each class
// asks for its own required components and those of every class above it
// (Class I needs all of II and III).
struct MofClassResult {
  int mof_class = 3;
  std::vector<release::ComponentKind> included;  // present with an open license
  std::vector<release::ComponentKind> missing;   // required but absent or unknown
  std::vector<MofNotOpen> not_open;              // required, present, license not open
  // True when the technical report is replaced by an included research paper
  // (the MOT lets a research paper stand in for it).
  bool research_paper_for_report = false;
  // The MOT's progress: included / required, and 0 while a class above is not
  // met; 100 means the class is met.
  double progress = 0;
  [[nodiscard]] bool met() const { return progress >= 100.0; }
};

struct MofVerdict {
  int mof_class = 0;  // 1, 2, 3, or 0 when no class is met
  std::string label;
  std::array<MofClassResult, 3> classes{};  // index 0 = Class I, 1 = Class II, 2 = Class III
  [[nodiscard]] const MofClassResult& result(int mof_class) const { return classes[mof_class - 1]; }
};

// Grades `release` by the MOT's rules: a component counts when it is present
// and judge_openness finds its license open for its content type; a class is
// met when every required component of that class and the classes above counts
// (a research paper may stand in for the technical report); the verdict is the
// lowest-numbered (most open) class met. Works for any Release: an MOT file
// read by formats::read_mot_file or a scanned directory.
MofVerdict judge_mof(const release::Release& release);

}  // namespace aperture::frameworks
