// The header of a safetensors file (https://huggingface.co/docs/safetensors):
// an 8-byte little-endian header length N, N bytes of JSON describing every
// tensor ({"name": {"dtype", "shape", "data_offsets"}} plus an optional
// "__metadata__" string map), then the tensor data. Only the header is read.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <aperture/util/result.hpp>

namespace aperture::formats {

struct SafetensorsHeader {
  std::uint64_t header_length = 0;  // N, the JSON's byte length
  std::uint64_t tensor_count = 0;
  std::uint64_t parameter_count = 0;            // sum over tensors of the product of the shape
  std::uint64_t data_size = 0;                  // the largest data_offsets end: bytes of tensor data used
  std::map<std::string, std::uint64_t> dtypes;  // dtype ("BF16") → number of tensors
  std::map<std::string, std::string> metadata;  // "__metadata__", e.g. "format" → "pt"
  std::optional<std::uint64_t> file_size;       // when known (read from disk)
};

// The largest header accepted, as in the reference implementation.
inline constexpr std::uint64_t k_max_safetensors_header = 100'000'000;

// Reads the header at the start of `bytes` (the first 8 + N bytes of the
// file suffice; more are ignored). When `file_size` is given, each tensor's
// data_offsets must end within the file's data section.
//
// Checks: the header is a JSON object (parsed with nlohmann's SAX interface,
// so memory stays proportional to the tensor count, not to the JSON); each
// tensor entry has a string "dtype", a "shape" of non-negative integers and
// "data_offsets" [begin, end] with begin <= end; for known dtypes the bytes
// implied by dtype and shape equal end - begin; parameter counts do not
// overflow 64 bits; tensor names are unique; "__metadata__" maps strings to
// strings. Unknown dtypes are counted but not size-checked; unknown fields in
// a tensor entry are ignored. Fails with ErrorCode::too_large when N exceeds
// k_max_safetensors_header, ErrorCode::parse otherwise, with one line saying
// what is wrong.
util::Result<SafetensorsHeader>
read_safetensors_header(std::string_view bytes, std::optional<std::uint64_t> file_size = std::nullopt);

// Reads the header of the safetensors file at `path`: the 8-byte length,
// then only the N header bytes (never tensor data); `file_size` comes from
// the file system. Errors carry `path`.
util::Result<SafetensorsHeader> read_safetensors_file(const std::string& path);

// Bits per element of a safetensors dtype ("F16" → 16, "F4" → 4), or 0 when
// the dtype is not one this reader knows.
std::uint32_t safetensors_dtype_bits(std::string_view dtype);

}  // namespace aperture::formats
