#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <aperture/audit/audit_report.hpp>

namespace aperture::audit {
namespace {

std::string full_json(const Audit& audit) {
  std::string out = json_begin(audit);
  Summary s = walk_findings(audit, [&](std::uint32_t record, const std::vector<release::Finding>& findings) {
    out += json_model(audit, record, findings, record == 0);
  });
  return out + json_end(audit, s, !audit.graph.models().empty());
}

TEST(AuditReportTest, JsonIsValidAndLaidOutLikeDump2) {
  Audit audit = audit_text(R"({"id":"a/root","cardData":{"license":"llama3.1"}}
{"id":"b/ft","cardData":{"license":"apache-2.0","base_model":"a/root"}}
{broken
)",
                           "d.jsonl", ReadOptions{});
  std::string text = full_json(audit);
  auto doc = nlohmann::ordered_json::parse(text);
  EXPECT_EQ(doc.dump(2) + "\n", text);  // the layout every command prints
  EXPECT_EQ(doc["schema_version"], 1);
  ASSERT_EQ(doc["models"].size(), 2u);
  EXPECT_EQ(doc["models"][1]["root_license"], "LicenseRef-Llama-3.1");
  EXPECT_EQ(doc["models"][1]["findings"][0]["rule"], "license-laundering");
  EXPECT_EQ(doc["errors"][0]["line"], 3);
  EXPECT_EQ(doc["summary"]["records"], 2);
}

TEST(AuditReportTest, JsonOfAnEmptyDump) {
  Audit audit = audit_text("", "empty.jsonl", ReadOptions{});
  std::string text = full_json(audit);
  EXPECT_EQ(nlohmann::ordered_json::parse(text).dump(2) + "\n", text);
}

TEST(AuditReportTest, CsvQuotesFields) {
  Audit audit = audit_text(R"({"id":"a/x,y","cardData":{"license":"other","license_name":"say \"hi\""}})",
                           "d.jsonl", ReadOptions{});
  std::string row;
  walk_findings(audit, [&](std::uint32_t record, const std::vector<release::Finding>& findings) {
    row = csv_row(audit, record, findings);
  });
  EXPECT_EQ(row,
            "1,\"a/x,y\",\"other (license_name: say \"\"hi\"\")\",\"other (license_name: say \"\"hi\"\")\",,,"
            "license-unknown\n");
}

}  // namespace
}  // namespace aperture::audit
