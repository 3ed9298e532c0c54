// The Hub's model info (GET /api/models/{id}?blobs=true): who published the
// model, at which commit, whether it is gated, its files with their sizes and
// the parameter count the Hub read from its safetensors headers. The JSON is
// hostile input: bounded in depth, only the fields read here are kept.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <aperture/util/result.hpp>

namespace aperture::hub {

// One file of the repository (a `siblings` entry).
struct HubFile {
  std::string path;        // `rfilename`: relative, '/'-separated
  std::uint64_t size = 0;  // `size`, or `lfs.size`: the real file's bytes
  bool lfs = false;        // stored with Git LFS (weights, usually)
  std::string lfs_sha256;
};

struct ModelInfo {
  std::string id;      // "meta-llama/Llama-3.1-8B-Instruct"
  std::string author;  // "meta-llama"
  std::string sha;     // the commit the listing describes
  std::string last_modified;
  std::string pipeline_tag;
  std::vector<std::string> tags;
  std::string gated;  // empty when not gated; "auto" or "manual" (the Hub's values) otherwise
  std::vector<HubFile> files;
  std::optional<std::uint64_t> parameter_total;                            // `safetensors.total`
  std::vector<std::pair<std::string, std::uint64_t>> parameters_by_dtype;  // `safetensors.parameters`
};

// Limits against a hostile answer.
inline constexpr std::size_t k_max_hub_files = 100000;
inline constexpr std::size_t k_max_hub_path = 1024;

// Reads the model info `json`. Fails with ErrorCode::parse (one line) when it
// is not a JSON object, when a field read here has the wrong type, or when a
// file's path is not a plain relative path (empty, absolute, "..", control
// characters, longer than k_max_hub_path); with too_large beyond
// k_max_hub_files files (or a tree too large to keep).
util::Result<ModelInfo> read_model_info(std::string_view json);

}  // namespace aperture::hub
