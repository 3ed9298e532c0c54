// API tokens (`aperture token create`): random, shown once, stored only as
// their SHA-256 so a copy of the database gives no one the right to write.
#pragma once

#include <string>
#include <string_view>

namespace aperture::store {

// A new token: "apt_" and 64 hex digits from the system's random source.
// Throws aperture::Error when no randomness is available.
std::string new_token();

// SHA-256 of `bytes` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace aperture::store
