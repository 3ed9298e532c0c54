// Fuzz target: one line of a Hub metadata dump (hostile JSON: types, nesting,
// sizes), then the same bytes as a whole dump through the audit: lineage over
// its records, every finding, the CSV rows and the JSON document.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <aperture/audit/audit.hpp>
#include <aperture/audit/audit_report.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto record = aperture::audit::parse_record(bytes);
  if (!record && (record.error().message.empty() || record.error().message.find('\n') != std::string::npos)) {
    std::abort();  // errors are one non-empty line
  }
  if (record && (record->id.empty() || record->base_models.size() > aperture::audit::k_max_record_bases)) {
    std::abort();
  }
  aperture::audit::ReadOptions options;
  options.threads = 1;
  aperture::audit::Audit audit = aperture::audit::audit_text(bytes, "fuzz.jsonl", options);
  std::string json = aperture::audit::json_begin(audit);
  aperture::audit::Summary summary = aperture::audit::walk_findings(
      audit, [&](std::uint32_t i, const std::vector<aperture::release::Finding>& findings) {
        json += aperture::audit::json_model(audit, i, findings, i == 0);
        if (!aperture::audit::csv_row(audit, i, findings).ends_with('\n')) {
          std::abort();  // a row ends its line
        }
      });
  json += aperture::audit::json_end(audit, summary, !audit.graph.models().empty());
  if (!nlohmann::json::accept(json)) {
    std::abort();  // the document is always valid JSON
  }
  return 0;
}
