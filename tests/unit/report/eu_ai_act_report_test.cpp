#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <aperture/regulation/eu_ai_act.hpp>
#include <aperture/report/eu_ai_act_report.hpp>
#include <aperture/report/scan_report.hpp>

#include "unit/report/scan_fixtures.hpp"

namespace aperture::report {
namespace {

using testing::example_assessment;

struct Reading {
  frameworks::Assessment assessment;
  regulation::EuAiActAssessment eu;
  nlohmann::json json;  // `aperture eu-ai-act --json`'s `eu_ai_act`
};

Reading example_reading() {
  Reading r{example_assessment(), {}, {}};
  r.eu = regulation::assess_eu_ai_act(r.assessment);
  nlohmann::json doc = nlohmann::json::parse(eu_ai_act_document_json(r.assessment, r.eu));
  EXPECT_EQ(doc["schema_version"], k_eu_ai_act_schema_version);
  r.json = doc["eu_ai_act"];
  return r;
}

bool has_evidence_place(const nlohmann::json& evidence) {
  return evidence.contains("file") || evidence.contains("url");
}

TEST(EuAiActReportTest, SchemaVersionIsTwo) {
  EXPECT_EQ(k_eu_ai_act_schema_version, 2);
  EXPECT_EQ(k_scan_schema_version, 2);
}

TEST(EuAiActReportTest, DutiesKeepIdArticleAnswerAndReasonIdOnly) {
  Reading r = example_reading();
  ASSERT_EQ(r.json["duties"].size(), r.eu.duties.size());
  for (std::size_t i = 0; i < r.eu.duties.size(); ++i) {
    const nlohmann::json& d = r.json["duties"][i];
    const regulation::Duty& duty = r.eu.duties[i];
    EXPECT_EQ(d["id"], duty.id);
    EXPECT_EQ(d["article"], duty.article);
    EXPECT_EQ(d["applies"], regulation::to_string(duty.applies));
    EXPECT_EQ(d["reason_id"], duty.reason_id);
    EXPECT_FALSE(d.contains("name")) << duty.id;
    EXPECT_FALSE(d.contains("reason")) << duty.id;
  }
}

TEST(EuAiActReportTest, DocumentsKeepTheirDetailAndEvidenceWithoutTheirNames) {
  Reading r = example_reading();
  ASSERT_EQ(r.json["documents"].size(), r.eu.documents.size());
  std::size_t with_evidence = 0;
  for (std::size_t i = 0; i < r.eu.documents.size(); ++i) {
    const nlohmann::json& d = r.json["documents"][i];
    const regulation::DocumentCheck& doc = r.eu.documents[i];
    EXPECT_EQ(d["id"], doc.id);
    EXPECT_EQ(d["article"], doc.article);
    EXPECT_EQ(d["state"], regulation::to_string(doc.state));
    EXPECT_EQ(d["detail"], doc.detail);
    EXPECT_FALSE(d.contains("name")) << doc.id;
    ASSERT_EQ(d["evidence"].size(), doc.evidence.size()) << doc.id;
    for (const auto& e : d["evidence"]) {
      EXPECT_TRUE(has_evidence_place(e)) << doc.id << ": " << e.dump();
    }
    with_evidence += doc.evidence.empty() ? 0 : 1;
  }
  EXPECT_GT(with_evidence, 0u);  // the example release shows documents, with where
}

TEST(EuAiActReportTest, DatesKeepDateArticleAndWhetherTheyApply) {
  Reading r = example_reading();
  ASSERT_EQ(r.json["dates"].size(), r.eu.dates.size());
  for (std::size_t i = 0; i < r.eu.dates.size(); ++i) {
    const nlohmann::json& d = r.json["dates"][i];
    EXPECT_EQ(d["date"], r.eu.dates[i].date);
    EXPECT_EQ(d["article"], r.eu.dates[i].article);
    EXPECT_EQ(d["applies"], r.eu.dates[i].applies);
    EXPECT_FALSE(d.contains("text"));
  }
}

TEST(EuAiActReportTest, StatementsKeepTheirEvidence) {
  Reading r = example_reading();
  for (const char* key : {"gpai", "systemic_risk", "notification", "exemption"}) {
    const nlohmann::json& s = r.json[key];
    EXPECT_TRUE(s.contains("id") && s.contains("article") && s.contains("answer") && s.contains("text"))
        << key;
    EXPECT_TRUE(s["evidence"].is_array()) << key;
  }
  ASSERT_EQ(r.json["exemption_conditions"].size(), r.eu.exemption_conditions.size());
  for (std::size_t i = 0; i < r.eu.exemption_conditions.size(); ++i) {
    EXPECT_EQ(r.json["exemption_conditions"][i]["evidence"].size(),
              r.eu.exemption_conditions[i].evidence.size());
  }
}

// The texts that are the same for every release are written once (the
// documentation and the views), not in each release's JSON.
TEST(EuAiActReportTest, ConstantTextsAreInTheViewsNotInTheJson) {
  Reading r = example_reading();
  std::string scan = nlohmann::json::parse(scan_json(r.assessment))["eu_ai_act"].dump();
  std::string text = eu_ai_act_text(r.assessment, r.eu);
  std::string markdown = eu_ai_act_markdown(r.eu);
  auto check = [&](const std::string& constant) {
    // As a whole value: a detail may name the same thing ("Evaluation results published").
    EXPECT_EQ(scan.find('"' + constant + '"'), std::string::npos) << constant;
    EXPECT_NE(text.find(constant), std::string::npos) << constant;
    EXPECT_NE(markdown.find(constant), std::string::npos) << constant;
  };
  for (const auto& d : r.eu.duties) {
    check(d.name);
    check(d.reason);
  }
  for (const auto& d : r.eu.documents) {
    check(d.name);
  }
  for (const auto& d : r.eu.dates) {
    check(d.text);
  }
}

}  // namespace
}  // namespace aperture::report
