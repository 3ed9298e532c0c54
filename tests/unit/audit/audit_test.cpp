#include <algorithm>

#include <gtest/gtest.h>

#include <aperture/audit/audit.hpp>
#include <aperture/catalog/catalog.hpp>

namespace aperture::audit {
namespace {

// The rules of every record of `dump`, in order ("id: rule rule").
std::vector<std::string> rules_of(const std::string& dump) {
  Audit audit = audit_text(dump, "dump.jsonl", ReadOptions{});
  std::vector<std::string> out;
  walk_findings(audit, [&](std::uint32_t record, const std::vector<release::Finding>& findings) {
    std::string row(audit.graph.name(audit.graph.models()[record].node));
    row += ":";
    for (const release::Finding& f : findings) {
      row += " " + f.rule;
    }
    out.push_back(row);
  });
  return out;
}

TEST(AuditTest, LicenseFindings) {
  auto rows = rules_of(R"({"id":"a/none"}
{"id":"a/other","cardData":{"license":"other","license_name":"my-own"}}
{"id":"a/family","cardData":{"license":"openrail"}}
{"id":"a/washed","tags":["open-source","license:cc-by-nc-4.0"]}
{"id":"a/fine","tags":["open-source","license:apache-2.0"]}
)");
  EXPECT_EQ(rows,
            (std::vector<std::string>{"a/none: license-missing", "a/other: license-unknown",
                                      "a/family: license-unknown", "a/washed: open-washing", "a/fine:"}));
}

TEST(AuditTest, NonCommercialTrainingDataUnderACommercialLicense) {
  std::string alpaca = catalog::find_dataset("tatsu-lab/alpaca") != nullptr ? "tatsu-lab/alpaca" : "";
  ASSERT_FALSE(alpaca.empty()) << "the dataset catalog lost Alpaca";
  auto rows = rules_of(R"({"id":"a/commercial","cardData":{"license":"apache-2.0","datasets":["tatsu-lab/alpaca"]}}
{"id":"a/nc","cardData":{"license":"cc-by-nc-4.0","datasets":["tatsu-lab/alpaca"]}}
{"id":"a/unknown-data","cardData":{"license":"apache-2.0","datasets":["nobody/nothing"]}}
{"id":"a/tagged","tags":["license:mit","dataset:tatsu-lab/alpaca"]}
)");
  EXPECT_EQ(rows, (std::vector<std::string>{"a/commercial: data-terms-conflict", "a/nc:", "a/unknown-data:",
                                            "a/tagged: data-terms-conflict"}));
}

TEST(AuditTest, InheritedLicensesFollowEveryBaseOfAMerge) {
  Audit audit = audit_text(R"({"id":"g/base","cardData":{"license":"gemma"}}
{"id":"m/merge","cardData":{"license":"other","base_model":["meta-llama/Llama-3.1-8B","g/base"]}}
)",
                           "dump.jsonl", ReadOptions{});
  std::vector<std::string> labels;
  for (std::uint32_t l : inherited_licenses(audit.graph, audit.graph.models()[1].node)) {
    labels.emplace_back(audit.graph.licenses().label(l));
  }
  EXPECT_EQ(labels, (std::vector<std::string>{"LicenseRef-Llama-3.1", "LicenseRef-Gemma"}));
  Summary s = walk_findings(audit, nullptr);
  EXPECT_EQ(s.by_inherited["LicenseRef-Gemma"], 1u);
  EXPECT_EQ(s.by_inherited["LicenseRef-Llama-3.1"], 1u);
  const LicenseInfo& llama = audit.graph.licenses()[audit.graph.licenses().intern_id("LicenseRef-Llama-3.1")];
  EXPECT_NE(std::find(llama.duties.begin(), llama.duties.end(), "name-prefix"), llama.duties.end());
}

TEST(AuditTest, LaunderingThroughAQuantisationWithoutALicense) {
  auto rows = rules_of(R"({"id":"meta/root","cardData":{"license":"llama3.1"}}
{"id":"q/root-GGUF","tags":["base_model:quantized:meta/root"]}
{"id":"x/relicensed","cardData":{"license":"apache-2.0","base_model":"q/root-GGUF"}}
{"id":"x/kept","cardData":{"license":"llama3.1","base_model":"q/root-GGUF"}}
)");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1], "q/root-GGUF: license-missing");
  EXPECT_EQ(rows[2], "x/relicensed: license-laundering");
  EXPECT_EQ(rows[3], "x/kept:");
}

TEST(AuditTest, LineageFaults) {
  auto rows = rules_of(R"({"id":"c/a","cardData":{"license":"mit","base_model":"c/b"}}
{"id":"c/b","cardData":{"license":"mit","base_model":"c/a"}}
{"id":"s/self","cardData":{"license":"mit","base_model":"s/self"}}
{"id":"d/dangling","cardData":{"license":"mit","base_model":"nobody/nothing"}}
{"id":"k/catalogued","cardData":{"license":"llama3.1","base_model":"meta-llama/Llama-3.1-8B"}}
)");
  EXPECT_EQ(rows, (std::vector<std::string>{"c/a: lineage-cycle", "c/b: lineage-cycle",
                                            "s/self: lineage-self-reference",
                                            "d/dangling: ancestor-unresolved", "k/catalogued:"}));
}

TEST(AuditTest, MalformedLinesAreErrorsWithLineNumbers) {
  Audit audit = audit_text("{\"id\":\"a/b\",\"cardData\":{\"license\":\"mit\"}}\n\n{oops\n[1]\n", "d.jsonl",
                           ReadOptions{});
  ASSERT_EQ(audit.errors.size(), 2u);
  EXPECT_EQ(audit.errors[0].line, 3u);
  EXPECT_TRUE(audit.errors[0].message.starts_with("malformed JSON: ")) << audit.errors[0].message;
  EXPECT_EQ(audit.errors[1].line, 4u);
  EXPECT_EQ(audit.graph.models().size(), 1u);
}

TEST(AuditTest, SummaryCountsLicensesAndRules) {
  Audit audit = audit_text(R"({"id":"a/1","cardData":{"license":"mit"}}
{"id":"a/2","cardData":{"license":"MIT"}}
{"id":"a/3"}
)",
                           "d.jsonl", ReadOptions{});
  Summary s = walk_findings(audit, {});
  EXPECT_EQ(s.records, 3u);
  EXPECT_EQ(s.by_license["MIT"], 2u);
  EXPECT_EQ(s.by_license["(none)"], 1u);
  EXPECT_EQ(s.by_rule["license-missing"], 1u);
  EXPECT_EQ(s.with_findings, 1u);
}

TEST(AuditTest, DeepChainIsReportedBeyondTheCap) {
  std::string dump = R"({"id":"deep/0","cardData":{"license":"mit"}})"
                     "\n";
  for (int i = 1; i <= 300; ++i) {
    dump += R"({"id":"deep/)" + std::to_string(i) + R"(","cardData":{"license":"mit","base_model":"deep/)" +
            std::to_string(i - 1) + "\"}}\n";
  }
  auto rows = rules_of(dump);
  EXPECT_EQ(rows[256], "deep/256:");
  EXPECT_EQ(rows[257], "deep/257: lineage-too-deep");
  EXPECT_EQ(rows[300], "deep/300: lineage-too-deep");
}

}  // namespace
}  // namespace aperture::audit
