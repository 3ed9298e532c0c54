// JSON form of the knowledge base's profiles. The build validates the YAML
// data and stores it as JSON (tools/kbgen.cpp), which loads in a few
// milliseconds where parsing the YAML at start-up would take tens.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include <aperture/terms/terms.hpp>

namespace nlohmann {

// std::optional as the value or null.
template <typename T> struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& v) {
    if (v) {
      j = *v;
    } else {
      j = nullptr;
    }
  }
  static void from_json(const json& j, std::optional<T>& v) {
    if (j.is_null()) {
      v.reset();
    } else {
      v = j.get<T>();
    }
  }
};

}  // namespace nlohmann

namespace aperture::terms {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Citation, clause, quote)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Term, value, cite)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Threshold, value, unit, cite)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Restriction, text, cite)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Duty, duty, text, cite)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(PolicyReference, policy, url, incorporated, changeable_by_licensor, cite)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Terms, commercial_use, user_threshold, revenue_threshold, field_of_use,
                                   improve_other_models, attribution, acceptable_use_policy, flow_down, geographic,
                                   termination, governing_law, modification, redistribution, copyleft, patent_grant,
                                   acceptance, registration)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Source, url, checked)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(LicenseProfile, id, name, kind, family, version, publisher, date, url, hub_ids,
                                   hub_names, policy, fingerprint_all, fingerprint_none, sources, terms)

}  // namespace aperture::terms
