// Fuzz target: the safetensors header reader (header lengths, hostile JSON,
// shapes and offsets), with and without a known file size, and the weight
// file classifier and LFS pointer reader over the same bytes.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <aperture/formats/safetensors.hpp>
#include <aperture/formats/weights.hpp>

namespace {

using aperture::formats::SafetensorsHeader;

// Errors are one non-empty line.
template <typename T> void check_error(const aperture::util::Result<T>& result) {
  if (!result && (result.error().message.empty() || result.error().message.find('\n') != std::string::npos)) {
    std::abort();
  }
}

void check_header(const SafetensorsHeader& header, std::size_t size) {
  std::uint64_t counted = 0;
  for (const auto& [dtype, count] : header.dtypes) {
    counted += count;
  }
  if (counted != header.tensor_count || 8 + header.header_length > size) {
    std::abort();
  }
  if (header.file_size && header.data_size > *header.file_size - 8 - header.header_length) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto header = aperture::formats::read_safetensors_header(bytes);
  check_error(header);
  if (header) {
    check_header(*header, size);
  }
  auto sized = aperture::formats::read_safetensors_header(bytes, size);
  check_error(sized);
  if (sized) {
    check_header(*sized, size);
  }
  aperture::formats::classify_weight_file("model.safetensors", bytes);
  auto pointer = aperture::formats::read_lfs_pointer(bytes);
  check_error(pointer);
  if (pointer && (pointer->oid.size() != 64 || size >= aperture::formats::k_max_lfs_pointer_bytes)) {
    std::abort();
  }
  return 0;
}
