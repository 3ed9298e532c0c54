// Fuzz target: the Hub's model-info reader (hostile JSON: types, nesting,
// paths, counts) and its listing through the directory scanner's body with
// no file readable, every framework and the JSON view.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <aperture/frameworks/assessment.hpp>
#include <aperture/hub/model_info.hpp>
#include <aperture/report/scan_report.hpp>
#include <aperture/scan/scanner.hpp>

namespace {

using aperture::scan::InventoryEntry;

// A listing whose files cannot be read: what a scan sees when every fetch fails.
class NothingReadable : public aperture::scan::FileSource {
public:
  aperture::util::Result<std::string> read(const InventoryEntry& entry, std::uint64_t) const override {
    return aperture::util::make_error(aperture::util::ErrorCode::io, "not fetched", entry.path);
  }
  aperture::util::Result<std::string> read_head(const InventoryEntry& entry, std::uint64_t) const override {
    return read(entry, 0);
  }
  void read_weights(const InventoryEntry&,
                    aperture::release::FileEntry& file,
                    aperture::release::Release&) const override {
    file.kind = "weights";
  }
};

bool is_plain(std::string_view path) {
  return !path.empty() && path.size() <= aperture::hub::k_max_hub_path && !path.starts_with('/') &&
         path.find("//") == std::string_view::npos && path != ".." && !path.starts_with("../") &&
         path.find("/../") == std::string_view::npos && !path.ends_with("/..") && !path.ends_with('/');
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto info = aperture::hub::read_model_info(bytes);
  if (!info) {
    if (info.error().message.empty() || info.error().message.find('\n') != std::string::npos) {
      std::abort();  // errors are one non-empty line
    }
    return 0;
  }
  if (info->files.size() > aperture::hub::k_max_hub_files) {
    std::abort();
  }
  std::vector<InventoryEntry> entries;
  for (const auto& f : info->files) {
    if (!is_plain(f.path)) {
      std::abort();  // only plain relative paths reach URLs and evidence
    }
    entries.push_back(aperture::scan::classify_path(f.path, f.size));
  }
  aperture::release::Release release;
  release.target = "hf:fuzz/model";
  release.input_kind = "hub";
  release.name = "fuzz/model";
  aperture::scan::scan_files(entries, NothingReadable(), release);
  auto assessment = aperture::frameworks::assess_release(std::move(release));
  if (!nlohmann::json::accept(aperture::report::scan_json(assessment))) {
    std::abort();  // the report is always valid JSON
  }
  return 0;
}
