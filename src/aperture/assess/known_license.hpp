// What Aperture knows of one license id: its identity from the SPDX list, the
// knowledge base's reading of its terms, and the verdicts on them. The one
// lookup behind `license show`, `identify --terms` and every framework that
// asks whether a component's license is open.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <aperture/assess/license_verdicts.hpp>
#include <aperture/terms/terms.hpp>

namespace aperture::assess {

struct KnownLicense {
  std::string id;
  std::string name;
  std::string url;
  bool osi_approved = false;
  bool in_spdx_list = false;
  const terms::LicenseProfile* profile = nullptr;  // nullptr: no reading of its terms
  std::optional<LicenseVerdicts> verdicts;
};

// `id` is an SPDX id, a knowledge-base id or a Hugging Face license id
// ("llama3.1"). Empty when Aperture knows nothing by that name.
std::optional<KnownLicense> look_up_license(std::string_view id);

// The same, remembered: the answer for each id is computed once per process
// (thread-safe) and lives as long as the process. nullptr when unknown.
const KnownLicense* find_known_license(std::string_view id);

}  // namespace aperture::assess
