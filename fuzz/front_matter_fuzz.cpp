// Fuzz target: the model-card front-matter reader (hostile YAML, truncated
// blocks, deep nesting) and the identifier over the same bytes.
#include <cstdint>
#include <cstdlib>
#include <string>

#include <aperture/formats/front_matter.hpp>
#include <aperture/license/identify.hpp>
#include <aperture/util/text.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto text = aperture::util::decode_text(bytes, "fuzz");
  if (!text) {
    return 0;
  }
  auto fm = aperture::formats::read_front_matter(*text);
  if (fm && (fm->body_offset > text->size() || fm->yaml_offset > fm->body_offset)) {
    std::abort();
  }
  if (!fm && fm.error().message.empty()) {
    std::abort();
  }
  aperture::license::identify_text(*text);
  return 0;
}
