// Fuzz target: the Model Openness Tool and Open Source AI Index readers
// (hostile YAML, wrong types, missing keys), then MOF and OSAI verdicts on
// what they read. Every failure must be a one-line error.
#include <cstdint>
#include <cstdlib>
#include <string>

#include <aperture/formats/mot_file.hpp>
#include <aperture/formats/osai_file.hpp>
#include <aperture/frameworks/assessment.hpp>
#include <aperture/util/text.hpp>

namespace {

template <typename T> void check_error(const aperture::util::Result<T>& result) {
  if (!result && (result.error().message.empty() || result.error().message.find('\n') != std::string::npos)) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto text = aperture::util::decode_text(bytes, "fuzz");
  if (!text) {
    return 0;
  }
  auto mot = aperture::formats::read_mot_file(*text, "fuzz.yml");
  check_error(mot);
  if (mot) {
    aperture::frameworks::assess_release(std::move(*mot));
  }
  auto osai = aperture::formats::read_osai_file(*text, "fuzz.yaml");
  check_error(osai);
  if (osai) {
    aperture::frameworks::assess_release(std::move(osai->release));
  }
  return 0;
}
