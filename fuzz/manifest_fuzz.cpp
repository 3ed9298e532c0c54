// Fuzz target: release manifests (docs/manifest.md) and dataset entries
// (data/datasets/README.md): hostile YAML, wrong
// types, repeated and unknown keys, bad numbers and dates; then every verdict
// and the JSON, compare and MOT views of what was read. Every failure must be
// a one-line error; every view must render.
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include <aperture/formats/manifest.hpp>
#include <aperture/frameworks/assessment.hpp>
#include <aperture/report/compare_report.hpp>
#include <aperture/report/mot_export.hpp>
#include <aperture/report/scan_report.hpp>
#include <aperture/util/text.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto text = aperture::util::decode_text(bytes, "fuzz");
  if (!text) {
    return 0;
  }
  auto dataset = aperture::formats::read_dataset_manifest(*text, "fuzz.yaml");
  if (!dataset && (dataset.error().message.empty() || dataset.error().message.find('\n') != std::string::npos)) {
    std::abort();
  }
  auto manifest = aperture::formats::read_manifest(*text, "fuzz.yaml");
  if (!manifest) {
    const std::string& message = manifest.error().message;
    if (message.empty() || message.find('\n') != std::string::npos) {
      std::abort();
    }
    return 0;
  }
  aperture::frameworks::Assessment a = aperture::frameworks::assess_release(std::move(manifest->release));
  if (!nlohmann::json::accept(aperture::report::scan_json(a))) {
    std::abort();
  }
  if (!nlohmann::json::accept(aperture::report::compare_json({a, a}))) {
    std::abort();
  }
  if (aperture::report::mot_yaml(a.release).empty()) {
    std::abort();
  }
  return 0;
}
