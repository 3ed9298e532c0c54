// Reading input files with the checks every command needs.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <aperture/util/result.hpp>

namespace aperture::util {

inline constexpr std::uint64_t k_default_max_file_size = 64ull * 1024 * 1024;

// Reads the whole file at `path` (or standard input when `path` is "-").
// Fails with not_found, is_directory, io, or too_large (larger than `max_size`).
Result<std::string> read_file(const std::string& path,
                              std::uint64_t max_size = k_default_max_file_size);

// Writes `data` to `path` through a temporary file and rename, so a reader
// never sees a half-written file.
Status write_file_atomic(const std::string& path, std::string_view data);

}  // namespace aperture::util
