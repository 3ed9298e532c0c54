// Name-based UUIDs (RFC 4122 §4.3, version 5: SHA-1), so that a bill of
// materials gets the same serial number whenever its content is the same.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aperture::bom {

using Sha1Digest = std::array<std::uint8_t, 20>;

// SHA-1 of `data` (OpenSSL). Used only to derive identifiers, never for security.
Sha1Digest sha1(std::string_view data);

// The version-5 UUID of `name` in the namespace `ns` (a UUID in its text
// form "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"), lower-case.
// REQUIRES: `ns` is a valid UUID (see parse_uuid).
std::string uuid_v5(std::string_view ns, std::string_view name);

// `text` as a lower-case UUID "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" when it is
// one (either case, with or without a "urn:uuid:" prefix); nullopt otherwise.
std::optional<std::string> parse_uuid(std::string_view text);

}  // namespace aperture::bom
