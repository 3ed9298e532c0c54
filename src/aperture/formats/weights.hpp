// Model weight files in general: which format a file is (from its name and
// first bytes, never by loading it), Git LFS pointer files standing in for
// weights, and reading just the start of a possibly huge file.
//
// Nothing here unpickles, unzips or executes anything: pickle-based formats
// are recognised by their magic bytes only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <aperture/util/result.hpp>

namespace aperture::formats {

enum class WeightFormat {
  unknown,
  lfs_pointer,  // a Git LFS pointer: the weights were never downloaded
  safetensors,
  gguf,
  ggml,         // GGUF's predecessors (ggml, ggmf, ggjt files)
  pytorch_zip,  // torch.save since PyTorch 1.6: a zip archive holding data.pkl
  pickle,       // a raw pickle stream (older torch.save, joblib, .pkl)
  onnx,
  keras,  // Keras HDF5 (.h5) or Keras 3 (.keras zip)
  tflite,
  flax_msgpack,  // Flax/JAX weights serialised with msgpack
  numpy,         // .npy arrays and .npz archives
};

// A short display name: "safetensors", "PyTorch (zip)", "Git LFS pointer".
std::string_view weight_format_name(WeightFormat format);

// True for formats whose loading runs pickle, i.e. may execute code.
bool is_pickle_based(WeightFormat format);

// The format of the file called `filename` (a path or a bare name) whose
// content starts with `first_bytes` (the first 64 bytes or more are enough;
// whole LFS pointers are under 1024 bytes). The content decides when it
// shows a format's magic bytes (a "model.safetensors" holding an LFS pointer
// is an LFS pointer); formats without magic bytes (ONNX, msgpack) and empty
// `first_bytes` fall back on the extension. Content that contradicts the
// extension and matches no magic is `unknown`.
WeightFormat classify_weight_file(std::string_view filename, std::string_view first_bytes);

// A Git LFS pointer file (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md).
struct LfsPointer {
  std::string oid;         // the SHA-256 of the real content: 64 lower-case hex digits
  std::uint64_t size = 0;  // the real content's size in bytes
};

inline constexpr std::size_t k_max_lfs_pointer_bytes = 1024;

// Parses `text` strictly as a pointer file: shorter than 1024 bytes, the line
// "version https://git-lfs.github.com/spec/v1" first, then "key value" lines
// in key order, each ending in "\n" (no CR): optional "ext-N-name" lines, then
// "oid sha256:<64 hex>" and "size <decimal>", nothing else. Fails with
// ErrorCode::parse naming the first problem.
util::Result<LfsPointer> read_lfs_pointer(std::string_view text);

}  // namespace aperture::formats
