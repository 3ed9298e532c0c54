// Fuzz target: the model-card reader (front matter through libyaml, links,
// claims, headings) and a whole scan of the card through every framework and
// the JSON view: hostile cards must never crash or hang.
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include <aperture/formats/model_card.hpp>
#include <aperture/frameworks/assessment.hpp>
#include <aperture/report/scan_report.hpp>
#include <aperture/scan/scanner.hpp>
#include <aperture/util/text.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto text = aperture::util::decode_text(bytes, "fuzz");
  if (!text) {
    return 0;
  }
  aperture::formats::ModelCard card = aperture::formats::read_model_card(*text);
  if (card.front_matter_error.find('\n') != std::string::npos) {
    std::abort();  // errors are one line
  }
  auto release = aperture::scan::scan_model_card_text(*text, "README.md");
  auto assessment = aperture::frameworks::assess_release(std::move(release));
  std::string json = aperture::report::scan_json(assessment);
  if (!nlohmann::json::accept(json)) {
    std::abort();  // the report is always valid JSON
  }
  return 0;
}
