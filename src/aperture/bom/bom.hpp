// `aperture bom`: a release as an AI bill of materials, CycloneDX 1.6 or
// SPDX 3.0.1 (docs/bom.md). Deterministic: the creation time is derived from
// the release (default_timestamp) unless given, and the serial number is a
// version-5 UUID of the document's own content unless given, so the same
// input gives byte-identical output.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <aperture/frameworks/assessment.hpp>
#include <aperture/util/result.hpp>

namespace aperture::bom {

enum class BomFormat { cyclonedx, spdx };

// "cyclonedx" or "spdx"; nullopt otherwise.
std::optional<BomFormat> bom_format_from_string(std::string_view name);

struct BomOptions {
  BomFormat format = BomFormat::cyclonedx;
  std::string timestamp;     // "YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ssZ"; empty: derived from the release
  std::string serial;        // a UUID, with or without "urn:uuid:"; empty: derived from the content
  std::string tool_version;  // Aperture's version, written as the tool's
};

// `text` as "YYYY-MM-DDThh:mm:ssZ" (a date alone is midnight UTC); an
// ErrorCode::invalid error naming the expected forms otherwise.
util::Result<std::string> parse_timestamp(std::string_view text);

// OK when `options`' timestamp and serial are empty or well-formed; an
// ErrorCode::invalid error saying what is expected otherwise.
util::Status check_options(const BomOptions& options);

// The document for `assessment`. Fails (ErrorCode::invalid) only for a bad
// timestamp or serial in `options`.
util::Result<std::string> bom_document(const frameworks::Assessment& assessment, const BomOptions& options);

}  // namespace aperture::bom
