// The metadata of a GGUF file (llama.cpp's format,
// https://github.com/ggml-org/ggml/blob/master/docs/gguf.md): a header (magic
// "GGUF", version, tensor count, metadata count), typed key/value metadata,
// then one info record per tensor (name, dimensions, ggml type, offset), then
// the aligned tensor data. Only the metadata and tensor infos are read.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/util/result.hpp>

namespace aperture::formats {

// One `general.base_model.N.*` entry: what the model was derived from.
struct GgufBaseModel {
  std::string name;
  std::string organization;
  std::string repo_url;
};

struct GgufInfo {
  std::uint32_t version = 0;  // 2 or 3
  std::uint64_t tensor_count = 0;
  std::uint64_t parameter_count = 0;                  // sum over tensors of the product of the dimensions
  std::string architecture;                           // general.architecture ("llama")
  std::string name;                                   // general.name
  std::string license;                                // general.license (an SPDX id or a short name)
  std::string license_name;                           // general.license.name
  std::string license_link;                           // general.license.link
  std::optional<std::uint32_t> file_type;             // general.file_type, raw
  std::string file_type_name;                         // its llama.cpp name ("Q4_K_M"), empty when absent
  std::map<std::string, std::uint64_t> tensor_types;  // ggml type name ("Q4_K") → number of tensors
  std::vector<GgufBaseModel> base_models;
  // Scalar metadata as display text (numbers in decimal, booleans as
  // true/false); strings longer than 64 KiB are replaced by "<string of N
  // bytes>". Arrays are not kept: `array_lengths` holds their element counts
  // (tokenizer.ggml.tokens → 128256).
  std::map<std::string, std::string> metadata;
  std::map<std::string, std::uint64_t> array_lengths;
  std::uint32_t alignment = 32;            // general.alignment
  std::uint64_t data_offset = 0;           // where the tensor data starts (after the tensor infos, aligned)
  std::uint64_t data_size = 0;             // bytes of tensor data the infos describe (types of known size)
  std::optional<std::uint64_t> file_size;  // when known
};

// Limits against hostile files.
inline constexpr std::uint32_t k_gguf_max_dims = 8;
inline constexpr int k_gguf_max_array_depth = 8;
inline constexpr std::uint64_t k_gguf_max_metadata_bytes = 64ull * 1024 * 1024;

// Reads the metadata at the start of `bytes` (a prefix of a GGUF file long
// enough to hold the metadata and tensor infos; more is ignored). When
// `file_size` is given, counts that cannot fit in the file and tensor data
// that ends past it are errors.
//
// Supports versions 2 and 3 (little-endian); version 1 (32-bit counts, 2023)
// and big-endian files are refused with a message saying so. Every value type
// is read, arrays of any type including nested arrays up to
// k_gguf_max_array_depth; a count that cannot fit in the bytes left is an
// error, never an allocation. Tensors have at most k_gguf_max_dims dimensions;
// element and parameter counts are overflow-checked.
//
// Strings: keys must be valid UTF-8 (else an error); string values kept in
// `metadata` have invalid UTF-8 sequences replaced by U+FFFD; strings inside
// arrays and tensor names are not kept and not checked.
//
// Fails with ErrorCode::parse and one line ("tensor info 3: truncated: name at
// offset 1234 needs 12 bytes, 5 left").
util::Result<GgufInfo> read_gguf_metadata(std::string_view bytes,
                                          std::optional<std::uint64_t> file_size = std::nullopt);

// Reads the metadata of the GGUF file at `path`, reading only a growing
// prefix (1 MiB, then ×4) until the metadata fits, never tensor data; fails
// with ErrorCode::too_large when the metadata is longer than
// k_gguf_max_metadata_bytes. Errors carry `path`.
util::Result<GgufInfo> read_gguf_file(const std::string& path);

// The ggml type name of tensor type `type` ("Q4_K"), or empty when unknown.
std::string_view ggml_type_name(std::uint32_t type);

// llama.cpp's name of a general.file_type value ("Q4_K_M" for 15), with
// " (guessed)" for the guessed flag (1024), or empty when unknown.
std::string llama_file_type_name(std::uint32_t file_type);

}  // namespace aperture::formats
