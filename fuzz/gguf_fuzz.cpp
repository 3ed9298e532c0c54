// Fuzz target: the GGUF metadata reader (counts, nested arrays, strings,
// tensor infos), with and without a known file size, and the weight file
// classifier over the same bytes.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <aperture/formats/gguf.hpp>
#include <aperture/formats/weights.hpp>

namespace {

using aperture::formats::GgufInfo;

// Errors are one non-empty line.
void check_error(const aperture::util::Result<GgufInfo>& result) {
  if (!result && (result.error().message.empty() || result.error().message.find('\n') != std::string::npos)) {
    std::abort();
  }
}

void check_info(const GgufInfo& info, std::size_t size) {
  std::uint64_t counted = 0;
  for (const auto& [type, count] : info.tensor_types) {
    counted += count;
  }
  if (counted != info.tensor_count || (info.version != 2 && info.version != 3) || info.alignment == 0 ||
      info.data_offset % info.alignment != 0 || info.base_models.size() > 64) {
    std::abort();
  }
  if (info.file_size && info.data_size > 0 && info.data_offset + info.data_size > size) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto info = aperture::formats::read_gguf_metadata(bytes);
  check_error(info);
  if (info) {
    check_info(*info, size);
  }
  auto sized = aperture::formats::read_gguf_metadata(bytes, size);
  check_error(sized);
  if (sized) {
    check_info(*sized, size);
  }
  aperture::formats::classify_weight_file("model.gguf", bytes);
  return 0;
}
