// Tests src/aperture/bom/spdx3.cpp: the JSON-LD graph (AI and dataset
// packages, license expressions with custom ids mapped to URLs, the
// relationships trainedOn, ancestorOf, hasDeclaredLicense and
// hasConcludedLicense) and its determinism.
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <aperture/bom/bom.hpp>
#include <aperture/bom/spdx3.hpp>

#include "bom_fixture.hpp"
#include "support/test_support.hpp"

namespace aperture::bom {
namespace {

using nlohmann::json;

const DocumentStamp k_stamp = {"2025-01-02T00:00:00Z", "3e671687-395b-41f5-a30f-a58921a69b79", "9.9.9"};
const std::string k_ns = "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79#";

class Spdx3Test : public ::testing::Test {
protected:
  void SetUp() override {
    m_doc = json::parse(spdx3_json(facts_of(testing::bom_fixture()), k_stamp));
    for (const json& e : m_doc["@graph"]) {
      if (e.contains("spdxId")) {
        m_by_id[e["spdxId"]] = e;
      }
    }
  }

  [[nodiscard]] std::vector<json> of_type(const std::string& type) const {
    std::vector<json> out;
    for (const json& e : m_doc["@graph"]) {
      if (e["type"] == type) {
        out.push_back(e);
      }
    }
    return out;
  }

  // The `to` lists of the relationships of `type` from `from`.
  [[nodiscard]] std::vector<json> targets(const std::string& from, const std::string& type) const {
    std::vector<json> out;
    for (const json& r : of_type("Relationship")) {
      if (r["from"] == from && r["relationshipType"] == type) {
        out.push_back(r["to"]);
      }
    }
    return out;
  }

  json m_doc;
  std::map<std::string, json> m_by_id;
};

TEST_F(Spdx3Test, DocumentHasTheContextCreationInfoAndRoot) {
  EXPECT_EQ(m_doc["@context"], "https://spdx.org/rdf/3.0.1/spdx-context.jsonld");
  std::vector<json> info = of_type("CreationInfo");
  ASSERT_EQ(info.size(), 1u);
  EXPECT_EQ(info[0]["specVersion"], "3.0.1");
  EXPECT_EQ(info[0]["created"], "2025-01-02T00:00:00Z");
  EXPECT_EQ(m_by_id.at(info[0]["createdBy"][0])["type"], "SoftwareAgent");
  std::vector<json> docs = of_type("SpdxDocument");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["rootElement"], json::array({k_ns + "model"}));
  std::set<std::string> profiles(docs[0]["profileConformance"].begin(), docs[0]["profileConformance"].end());
  EXPECT_TRUE(profiles.count("ai") == 1 && profiles.count("dataset") == 1);
  // Every element but the document itself is listed in it, and every spdxId is unique.
  EXPECT_EQ(docs[0]["element"].size() + 1, m_by_id.size());
  EXPECT_EQ(m_by_id.size(), m_doc["@graph"].size() - 1);  // all but the blank-node CreationInfo
}

TEST_F(Spdx3Test, ModelIsAnAiPackage) {
  const json& model = m_by_id.at(k_ns + "model");
  EXPECT_EQ(model["type"], "ai_AIPackage");
  EXPECT_EQ(model["software_primaryPurpose"], "model");
  EXPECT_EQ(model["releaseTime"], "2024-07-23T00:00:00Z");
  EXPECT_EQ(model["software_downloadLocation"], "https://huggingface.co/example/chat-8b");
  EXPECT_EQ(m_by_id.at(model["suppliedBy"])["name"], "Example Labs");
  EXPECT_EQ(model["ai_typeOfModel"], json::array({"llama (LlamaForCausalLM)"}));
  std::string training = model["ai_informationAboutTraining"];
  EXPECT_NE(training.find("tatsu-lab/alpaca"), std::string::npos) << training;
  EXPECT_NE(training.find("meta-llama/Llama-3.1-8B (finetune)"), std::string::npos) << training;
  EXPECT_FALSE(model.contains("software_packageVersion"));  // unknown, so left out
}

TEST_F(Spdx3Test, EveryAiPackageHasOneDeclaredAndOneConcludedLicense) {
  for (const json& p : of_type("ai_AIPackage")) {
    EXPECT_EQ(targets(p["spdxId"], "hasDeclaredLicense").size(), 1u) << p["name"];
    EXPECT_EQ(targets(p["spdxId"], "hasConcludedLicense").size(), 1u) << p["name"];
  }
  EXPECT_EQ(of_type("ai_AIPackage").size(), 3u);
}

TEST_F(Spdx3Test, CustomLicenseIdMapsToItsUrl) {
  std::vector<json> declared = targets(k_ns + "model", "hasDeclaredLicense");
  ASSERT_EQ(declared.size(), 1u);
  const json& expr = m_by_id.at(declared[0][0]);
  EXPECT_EQ(expr["type"], "simplelicensing_LicenseExpression");
  EXPECT_EQ(expr["simplelicensing_licenseExpression"], "LicenseRef-Llama-3.1");
  ASSERT_EQ(expr["simplelicensing_customIdToUri"].size(), 1u);
  EXPECT_EQ(expr["simplelicensing_customIdToUri"][0]["key"], "LicenseRef-Llama-3.1");
  EXPECT_EQ(expr["simplelicensing_customIdToUri"][0]["value"].get<std::string>().rfind("https://", 0), 0u);
  // One element per distinct expression: the parent shares the model's.
  EXPECT_EQ(targets(k_ns + "ancestor-1", "hasConcludedLicense")[0], declared[0]);
  EXPECT_EQ(of_type("simplelicensing_LicenseExpression").size(), 3u);  // Llama 3.1, Apache-2.0, CC-BY-NC-4.0
}

TEST_F(Spdx3Test, LineageIsAncestorOfAndDataIsTrainedOn) {
  EXPECT_EQ(targets(k_ns + "ancestor-1", "ancestorOf"), std::vector<json>{json::array({k_ns + "model"})});
  EXPECT_EQ(targets(k_ns + "ancestor-2", "ancestorOf"),
            std::vector<json>{json::array({k_ns + "ancestor-1"})});
  EXPECT_EQ(targets(k_ns + "model", "trainedOn"), std::vector<json>{json::array({k_ns + "dataset-1"})});
  EXPECT_EQ(targets(k_ns + "ancestor-1", "trainedOn"), std::vector<json>{json::array({k_ns + "dataset-2"})});
  const json& data = m_by_id.at(k_ns + "dataset-1");
  EXPECT_EQ(data["type"], "dataset_DatasetPackage");
  EXPECT_EQ(data["software_primaryPurpose"], "data");
  EXPECT_EQ(data["dataset_datasetType"], json::array({"noAssertion"}));
}

TEST_F(Spdx3Test, UnknownLicenseIsNoAssertion) {
  BomFacts f = facts_of(testing::bom_fixture());
  f.model.declared = {};
  f.model.concluded = {};
  json d = json::parse(spdx3_json(f, k_stamp));
  int no_assertion = 0;
  for (const json& e : d["@graph"]) {
    if (e["type"] == "Relationship" && e["from"] == k_ns + "model" &&
        e["to"] == json::array({"expandedlicensing_NoAssertionLicense"})) {
      ++no_assertion;
    }
  }
  EXPECT_EQ(no_assertion, 2);
}

TEST_F(Spdx3Test, VerdictsAreAReviewAnnotation) {
  std::vector<json> notes = of_type("Annotation");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]["annotationType"], "review");
  EXPECT_EQ(notes[0]["subject"], k_ns + "model");
  EXPECT_NE(notes[0]["statement"].get<std::string>().find("Open Source Definition fail"), std::string::npos);
}

TEST_F(Spdx3Test, SameInputGivesTheSameBytes) {
  BomOptions options;
  options.format = BomFormat::spdx;
  auto first = bom_document(testing::bom_fixture(), options);
  auto second = bom_document(testing::bom_fixture(), options);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(*first, *second);
  EXPECT_EQ(first->find("00000000-0000-0000-0000-000000000000"), std::string::npos);
}

TEST_F(Spdx3Test, CommandWritesTheSameDocumentTwiceForACatalogId) {
  testing::CliResult a = testing::run_cli({"bom", "--format", "spdx", "deepseek-r1"});
  testing::CliResult b = testing::run_cli({"bom", "--format", "spdx", "deepseek-r1"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  json d = json::parse(a.out);
  bool ancestor_of = false;
  for (const json& e : d["@graph"]) {
    ancestor_of = ancestor_of || (e["type"] == "Relationship" && e["relationshipType"] == "ancestorOf");
  }
  EXPECT_TRUE(ancestor_of);  // DeepSeek-R1 is a fine-tune of DeepSeek-V3-Base
}

}  // namespace
}  // namespace aperture::bom
