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

// The first bytes of a file and its size on disk.
struct FileHead {
  std::string bytes;  // at most the `max_bytes` asked for
  std::uint64_t file_size = 0;
};

// Reads at most `max_bytes` from the start of the regular file at `path`,
// never more, however large the file is. Fails with not_found, is_directory or
// io (the error names `path`).
Result<FileHead> read_file_head(const std::string& path, std::uint64_t max_bytes);

// Writes `data` to `path` through a temporary file and rename, so a reader
// never sees a half-written file.
Status write_file_atomic(const std::string& path, std::string_view data);

}  // namespace aperture::util
