// Benchmark (run by hand, never a timed test): scans every model card of a
// directory in one process, as `aperture scan CARD --json` would, and reports
// cards per second on one core and the peak memory.
//   build/bench/aperture_scan_cards_bench ../shared/corpus/model-cards
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <vector>

#include <aperture/frameworks/assessment.hpp>
#include <aperture/report/scan_report.hpp>
#include <aperture/scan/scanner.hpp>
#include <aperture/util/file.hpp>
#include <aperture/util/text.hpp>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CARD_DIR\n", argv[0]);
    return 2;
  }
  std::vector<fs::path> cards;
  for (const auto& e : fs::directory_iterator(argv[1])) {
    if (e.path().extension() == ".md") {
      cards.push_back(e.path());
    }
  }
  std::sort(cards.begin(), cards.end());
  std::vector<std::string> texts;
  for (const auto& p : cards) {
    auto bytes = aperture::util::read_file(p.string());
    auto text = bytes ? aperture::util::decode_text(*bytes, p.string())
                      : aperture::util::Result<std::string>(bytes.error());
    texts.push_back(text ? *text : std::string());
  }
  std::size_t findings = 0;
  std::size_t bytes_out = 0;
  double json_seconds = 0;
  auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < texts.size(); ++i) {
    auto release = aperture::scan::scan_model_card_text(texts[i], cards[i].filename().string());
    auto a = aperture::frameworks::assess_release(std::move(release));
    findings += a.findings.size();
    auto json_start = std::chrono::steady_clock::now();
    bytes_out += aperture::report::scan_json(a).size();
    json_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - json_start).count();
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double scan_seconds = seconds - json_seconds;
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  double n = static_cast<double>(texts.size());
  std::printf("cards %zu  findings %zu  json %zu bytes  peak RSS %.1f MB\n", texts.size(), findings,
              bytes_out, static_cast<double>(ru.ru_maxrss) / 1024.0);
  std::printf("scan + verdicts   %.3f s  %6.0f cards/s\n", scan_seconds, n / scan_seconds);
  std::printf("JSON rendering    %.3f s  %6.0f cards/s\n", json_seconds, n / json_seconds);
  std::printf("whole             %.3f s  %6.0f cards/s\n", seconds, n / seconds);
  return 0;
}
