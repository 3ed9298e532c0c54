// The API's view of one assessment (docs/openapi.yaml, Summary): a release's
// licenses, openness level, whether commercial use is allowed, its framework
// verdicts and component states, derived from an Assessment by the same
// functions the other views use, and filed as a store record.
#pragma once

#include <string>
#include <string_view>

#include <aperture/frameworks/assessment.hpp>
#include <aperture/store/store.hpp>

namespace aperture::server {

// The record of `assessment` under `id`: summary columns, the summary JSON
// (compact) and the scan JSON (as `aperture scan --json` prints it).
store::ReleaseRecord release_record(const frameworks::Assessment& assessment,
                                    const std::string& id,
                                    const std::string& source,
                                    const std::string& assessed_at);

// "allowed", "restricted" (allowed on conditions), "forbidden" or "unknown":
// the `aperture check --require commercial` verdict.
std::string commercial_label(const frameworks::Assessment& assessment);

// "class-i", "class-ii", "class-iii" or "none".
std::string mof_label(int mof_class);

// A release id from a model's name: lower case, runs of other characters as
// '-', at most 128 characters ("Llama 3.1 8B" → "llama-3-1-8b"); empty when
// the name has no letter or digit.
std::string id_from_name(std::string_view name);

// True for ids the API accepts: [a-z0-9][a-z0-9._-]{0,127}.
bool valid_release_id(std::string_view id);

}  // namespace aperture::server
