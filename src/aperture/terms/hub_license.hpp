// What a Hugging Face model card's `license:` metadata (with `license_name`
// for "other") means: an SPDX id, a knowledge-base license, a family that
// names no single license, or nothing known.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <cstdint>
#include <optional>

#include <aperture/license/match.hpp>
#include <aperture/license/spdx_index.hpp>
#include <aperture/terms/knowledge_base.hpp>

namespace aperture::terms {

struct DeclaredLicense {
  std::string declared;  // as written: "llama3.1", "other (license_name: deepseek)"
  std::string id;        // SPDX id or LicenseRef-…; empty when none follows
  std::string name;
  std::string note;      // why there is no id: "a family of licenses", "not a known license", ...
};

// Reads one `license:` value (and `license_name`, used when it is "other").
DeclaredLicense resolve_hub_license(std::string_view license, std::string_view license_name = {},
                                    const KnowledgeBase& kb = KnowledgeBase::embedded(),
                                    const license::SpdxIndex& index = license::SpdxIndex::embedded());

// A declared license as a LicenseMatch (kind `declared`, confidence 1),
// for model-card metadata and GGUF `general.license`; empty when `d` has no id.
std::optional<license::LicenseMatch> declared_match(const DeclaredLicense& d, std::string evidence,
                                                    std::uint32_t line,
                                                    const license::SpdxIndex& index = license::SpdxIndex::embedded());

}  // namespace aperture::terms
