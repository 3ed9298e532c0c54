// The European Open Source AI Index (osai-index.eu): twelve parameters in
// three groups (availability, documentation, access), each rated open,
// partial or closed. Aperture judges them from a Release's evidence with the
// same function whatever the input (an index file, a model directory, a card).
//
// What each parameter's rule reads (a Release knows nothing of the index's
// own ratings):
//   datasources_basemodel  base_models[0].datasets presence (+ `incomplete`)
//   datasources_endmodel   component `datasets` presence (+ `incomplete`)
//   weights_basemodel      base_models[0].weights presence, `gated`, license openness
//   weights_endmodel       component `model-parameters-final` presence, `gated`,
//                          license openness: open → open, restricted → partial,
//                          none → closed, unrecognised → partial
//   trainingcode           component `training-code` presence (+ `incomplete`)
//   code                   `documented` / `incomplete` / `undocumented` qualifiers on
//                          `training-code`; closed when the training code is absent
//   hardware_architecture  the same qualifiers on the subject `hardware-architecture`
//                          (no MOF component holds training hardware)
//   preprint               component `technical-report` (archived report or preprint)
//   paper                  component `research-paper`: open with a peer-reviewed venue
//                          URL in its evidence, partial with a paper of unknown venue
//   modelcard              component `model-card` presence (+ `incomplete`)
//   datasheet              component `data-card` presence (+ `incomplete`)
//   licenses               every component license and every found license: all open →
//                          open, some open → partial, none open → closed (the index asks
//                          for OSI-approved licenses, so a restricted license alone is closed)
// Absent → closed, and no evidence either way → unknown.
//
// Qualifiers are Findings whose rule is "<qualifier>:<subject>" (for example
// "gated:model-parameters-final"); readers add them when their input says so.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/release/release.hpp>

namespace aperture::frameworks {

enum class OsaiGroup : std::uint8_t { availability, documentation, access };
std::string_view to_string(OsaiGroup group);

// Order is the index's own and indexes every per-parameter array.
enum class OsaiParameter : std::uint8_t {
  datasources_basemodel,
  datasources_endmodel,
  weights_basemodel,
  weights_endmodel,
  trainingcode,
  code,
  hardware_architecture,
  preprint,
  paper,
  modelcard,
  datasheet,
  licenses,
};
inline constexpr std::size_t k_osai_parameters = 12;

struct OsaiParameterInfo {
  OsaiParameter parameter;
  std::string_view ref;   // the index's key: "weights_endmodel"
  std::string_view name;  // "End User Model Weights"
  OsaiGroup group;
};

// The twelve parameters in the index's order (its _parameters.yml).
const std::array<OsaiParameterInfo, k_osai_parameters>& osai_parameters();
const OsaiParameterInfo& info(OsaiParameter parameter);
std::optional<OsaiParameter> osai_parameter_from_ref(std::string_view ref);

enum class OsaiClass : std::uint8_t { open, partial, closed, unknown };
std::string_view to_string(OsaiClass rating);
// "open", "partial", "closed"; nullopt for anything else.
std::optional<OsaiClass> osai_class_from_string(std::string_view text);
// The index's points: open 1, partial 0.5, closed and unknown (missing) 0.
double osai_points(OsaiClass rating);

// The subjects and qualifiers of qualifier Findings.
inline constexpr std::string_view k_subject_base_weights = "base-model-parameters-final";
inline constexpr std::string_view k_subject_base_datasets = "base-model-datasets";
inline constexpr std::string_view k_subject_hardware = "hardware-architecture";
enum class Qualifier : std::uint8_t {
  gated,         // access needs a request, a consent form, a login, or a delta against other weights
  incomplete,    // only part of it is available or described
  documented,    // documentation of it is available
  undocumented,  // documentation of it was looked for and not found
};
std::string_view to_string(Qualifier qualifier);
// "gated:model-parameters-final"
std::string qualifier_rule(Qualifier qualifier, std::string_view subject);
// The first Finding of `release` with that rule, or nullptr.
const release::Finding* find_qualifier(const release::Release& release, Qualifier qualifier,
                                       std::string_view subject);

struct OsaiRating {
  OsaiParameter parameter = OsaiParameter::datasources_basemodel;
  OsaiClass rating = OsaiClass::unknown;
  std::string reason;  // one line
  std::vector<release::Evidence> evidence;
};

struct OsaiVerdict {
  std::array<OsaiRating, k_osai_parameters> ratings{};
  double score = 0;  // 0–1: the mean of the twelve points, unknown counted as 0 like the index's missing
  int unknown = 0;   // how many parameters Aperture could not decide
};

// The index's average of points over the twelve `ratings` (0–1).
double osai_score(const std::array<OsaiClass, k_osai_parameters>& ratings);

// Aperture's own rating of each parameter from `release`'s evidence.
OsaiVerdict judge_osai(const release::Release& release);

enum class Agreement : std::uint8_t { agree, disagree, aperture_unknown };
std::string_view to_string(Agreement agreement);

struct OsaiAgreement {
  std::array<Agreement, k_osai_parameters> per_parameter{};
  int agreed = 0;
  int disagreed = 0;
  int unknown = 0;           // parameters Aperture left unknown
  double index_score = 0;    // 0–1
  double aperture_score = 0; // 0–1
};

// Compares `verdict` with the index's own ratings `index` (a missing rating,
// OsaiClass::unknown, counts as closed, as the index scores it).
OsaiAgreement compare_with_index(const OsaiVerdict& verdict,
                                 const std::array<OsaiClass, k_osai_parameters>& index);

// The index's own ratings carried by `release` (Release::external_ratings
// from "osai-index"), when it came from an index file.
std::optional<std::array<OsaiClass, k_osai_parameters>> index_ratings_of(const release::Release& release);

}  // namespace aperture::frameworks
